// Reads an action.yml into a typed shape (narrowed from unknown), and locates actions in this repository.
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

export const repoRoot = resolve(fileURLToPath(new URL('../..', import.meta.url)));

export interface ActionInput {
  description?: string;
  required?: boolean;
  default?: string;
  deprecationMessage?: string;
}

export interface ActionRuns {
  using: string;
  main: string;
  pre?: string;
  post?: string;
  'pre-if'?: string;
  'post-if'?: string;
}

export interface ActionMetadata {
  /** Directory holding action.yml: GITHUB_ACTION_PATH. */
  dir: string;
  file: string;
  name?: string;
  description?: string;
  author?: string;
  branding?: { icon?: string; color?: string };
  inputs: Record<string, ActionInput>;
  outputs: Record<string, { description?: string }>;
  runs: ActionRuns;
  /** The parsed document as read, for checks that look at more than the typed fields. */
  raw: Record<string, unknown>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalString(value: unknown, where: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  // YAML scalars like `default: true` or `default: 5` reach the runner as strings.
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return String(value);
  throw new Error(`${where} must be a string`);
}

/** 'dial' is the root action, a bare name is actions/<name>, anything with a slash is a directory. */
export function actionDir(action: string): string {
  if (action === 'dial') return repoRoot;
  if (action.includes('/')) return isAbsolute(action) ? action : resolve(repoRoot, action);
  return join(repoRoot, 'actions', action);
}

export function loadActionMetadata(action: string): ActionMetadata {
  const dir = actionDir(action);
  const file = [join(dir, 'action.yml'), join(dir, 'action.yaml')].find((f) => existsSync(f));
  if (file === undefined) throw new Error(`no action.yml in ${dir}`);
  const doc: unknown = parse(readFileSync(file, 'utf8'));
  if (!isRecord(doc)) throw new Error(`${file}: not a mapping`);

  const inputs: Record<string, ActionInput> = {};
  if (doc.inputs !== undefined && doc.inputs !== null) {
    if (!isRecord(doc.inputs)) throw new Error(`${file}: inputs must be a mapping`);
    for (const [name, spec] of Object.entries(doc.inputs)) {
      const s = isRecord(spec) ? spec : {};
      const input: ActionInput = {};
      const description = optionalString(s.description, `${file}: inputs.${name}.description`);
      if (description !== undefined) input.description = description;
      if (s.required !== undefined) input.required = s.required === true || s.required === 'true';
      const def = optionalString(s.default, `${file}: inputs.${name}.default`);
      if (def !== undefined) input.default = def;
      const deprecation = optionalString(s.deprecationMessage, `${file}: inputs.${name}.deprecationMessage`);
      if (deprecation !== undefined) input.deprecationMessage = deprecation;
      inputs[name] = input;
    }
  }

  const outputs: Record<string, { description?: string }> = {};
  if (isRecord(doc.outputs)) {
    for (const [name, spec] of Object.entries(doc.outputs)) {
      const description = isRecord(spec)
        ? optionalString(spec.description, `${file}: outputs.${name}`)
        : undefined;
      outputs[name] = description === undefined ? {} : { description };
    }
  }

  if (!isRecord(doc.runs)) throw new Error(`${file}: runs is missing`);
  const using = optionalString(doc.runs.using, `${file}: runs.using`);
  const main = optionalString(doc.runs.main, `${file}: runs.main`);
  if (using === undefined || main === undefined)
    throw new Error(`${file}: runs.using and runs.main are required`);
  const runs: ActionRuns = { using, main };
  for (const key of ['pre', 'post', 'pre-if', 'post-if'] as const) {
    const value = optionalString(doc.runs[key], `${file}: runs.${key}`);
    if (value !== undefined) runs[key] = value;
  }

  const metadata: ActionMetadata = { dir, file, inputs, outputs, runs, raw: doc };
  const name = optionalString(doc.name, `${file}: name`);
  if (name !== undefined) metadata.name = name;
  const description = optionalString(doc.description, `${file}: description`);
  if (description !== undefined) metadata.description = description;
  const author = optionalString(doc.author, `${file}: author`);
  if (author !== undefined) metadata.author = author;
  if (isRecord(doc.branding)) {
    const icon = optionalString(doc.branding.icon, `${file}: branding.icon`);
    const color = optionalString(doc.branding.color, `${file}: branding.color`);
    metadata.branding = {
      ...(icon === undefined ? {} : { icon }),
      ...(color === undefined ? {} : { color }),
    };
  }
  return metadata;
}
