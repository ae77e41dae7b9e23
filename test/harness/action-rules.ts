// The metadata rules every Dial action.yml must meet (GitHub's metadata syntax plus Dial's own: node24,
// a committed bundle, documented inputs and outputs). Returns problems as text; empty means valid.
import { existsSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type ActionMetadata, loadActionMetadata, repoRoot } from './action-metadata.js';

// The colours GitHub Marketplace accepts for `branding.color`.
const brandingColors = new Set([
  'white',
  'black',
  'yellow',
  'blue',
  'green',
  'orange',
  'red',
  'purple',
  'gray-dark',
]);

export function actionMetadataProblems(meta: ActionMetadata): string[] {
  const problems: string[] = [];
  const where = relative(repoRoot, meta.file) || meta.file;
  const problem = (text: string): void => {
    problems.push(`${where}: ${text}`);
  };
  if (!meta.name?.trim()) problem('name is required');
  if (!meta.description?.trim()) problem('description is required');
  if (!meta.branding?.icon) problem('branding.icon is required');
  if (!meta.branding?.color) problem('branding.color is required');
  else if (!brandingColors.has(meta.branding.color))
    problem(`branding.color '${meta.branding.color}' is not allowed`);
  if (meta.runs.using !== 'node24') problem(`runs.using must be node24, not '${meta.runs.using}'`);
  for (const key of ['main', 'pre', 'post'] as const) {
    const script = meta.runs[key];
    if (script === undefined) continue;
    if (!/^(\.\.\/)*dist\/[^/]+\/index\.js$/.test(script))
      problem(`runs.${key} '${script}' is not a dist/<name>/index.js bundle`);
    else if (!existsSync(join(meta.dir, script)))
      problem(`runs.${key} '${script}' does not exist (npm run build)`);
  }
  for (const [name, input] of Object.entries(meta.inputs)) {
    if (!input.description?.trim()) problem(`input '${name}' has no description`);
    if (input.required !== true && input.default === undefined) {
      problem(`input '${name}' is optional but has no default`);
    }
  }
  for (const [name, output] of Object.entries(meta.outputs)) {
    if (!output.description?.trim()) problem(`output '${name}' has no description`);
  }
  return problems;
}

/** The root action.yml and every actions/<name>/action.yml, as action names for loadActionMetadata. */
export function listActions(): string[] {
  const names: string[] = [];
  if (existsSync(join(repoRoot, 'action.yml'))) names.push('dial');
  const dir = join(repoRoot, 'actions');
  if (existsSync(dir)) {
    for (const name of readdirSync(dir).sort()) {
      if (existsSync(join(dir, name, 'action.yml'))) names.push(name);
    }
  }
  return names;
}

export function allActionProblems(): string[] {
  return listActions().flatMap((name) => actionMetadataProblems(loadActionMetadata(name)));
}
