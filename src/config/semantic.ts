// Checks the schema cannot express: ordering of steps, references between sections, and manifest paths
// that must resolve inside the workspace (also through `..` and symlinks) and exist.
import { readdir, realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { durationSeconds } from './duration.js';
import type { FieldPath } from './issues.js';
import type { DialConfig, RouterType } from './types.js';

/** A problem found after merging, placed later by whoever knows where each value came from. */
export interface SemanticProblem {
  path: FieldPath;
  message: string;
  onKey?: boolean;
}

/**
 * Routers whose metrics (canary and baseline, layer 7) have builtin queries in src/metrics/builtin —
 * every one: replicas reads the service's own metrics by the pod's track label. They are PromQL, so they
 * need a prometheus provider.
 */
export const ROUTERS_WITH_BUILTIN_QUERIES: readonly RouterType[] = [
  'replicas',
  'gateway-api',
  'istio',
  'smi',
  'ingress-nginx',
  'emissary',
];

/** Routers whose route can send requests with a header elsewhere, beside production. */
export const HEADER_PREVIEW_ROUTERS = [
  'gateway-api',
  'istio',
  'emissary',
] as const satisfies readonly RouterType[];

const MANIFEST_EXTENSIONS = ['.yaml', '.yml', '.json'];

export function checkSemantics(config: DialConfig): SemanticProblem[] {
  const problems: SemanticProblem[] = [];
  const add = (path: FieldPath, message: string, onKey = false) => problems.push({ path, message, onKey });
  const strategy = config.strategy ?? {};
  const canary = strategy.type !== 'rolling';

  if (!canary) {
    for (const field of ['steps', 'approval', 'watch', 'bake'] as const) {
      if (strategy[field] !== undefined)
        add(['strategy', field], `applies only to strategy type canary (the type here is rolling)`, true);
    }
  } else {
    const steps = strategy.steps ?? [];
    if (steps.length === 0) add(['strategy', 'steps'], 'a canary needs at least one step, ending at 100');
    let previous = 0;
    steps.forEach((step, i) => {
      const weight = typeof step === 'number' ? step : step.weight;
      if (weight <= previous)
        add(
          ['strategy', 'steps', i],
          `must be greater than the step before (${previous}): weights strictly increase`,
        );
      previous = Math.max(previous, weight);
      if (typeof step !== 'number' && step.approval && !strategy.approval)
        add(
          ['strategy', 'steps', i, 'approval'],
          'needs strategy.approval.environment: the environment whose reviewers approve',
        );
    });
    const last = steps[steps.length - 1];
    if (last !== undefined && (typeof last === 'number' ? last : last.weight) !== 100)
      add(
        ['strategy', 'steps', steps.length - 1],
        'the last step must be 100: a canary ends with all traffic',
      );
  }

  const analysis = config.analysis ?? {};
  const checks = canary ? (analysis.checks ?? []) : [];
  const slos = canary ? (config.slos ?? []) : [];
  const router = config.router?.type ?? 'replicas';
  const promql = (analysis.provider?.type ?? 'prometheus') === 'prometheus';
  const builtin = ROUTERS_WITH_BUILTIN_QUERIES.includes(router) && promql;
  const noBuiltin = !promql
    ? `builtin queries are PromQL and the provider is \`${analysis.provider?.type ?? ''}\``
    : `router \`${router}\` has no builtin metrics (${ROUTERS_WITH_BUILTIN_QUERIES.join(', ')} do)`;
  if ((checks.length > 0 || slos.length > 0) && !analysis.provider) {
    add(
      ['analysis', 'provider'],
      'missing required field `provider`: the canary analysis needs a metrics provider',
      true,
    );
  }
  checks.forEach((check, i) => {
    const at = ['analysis', 'checks', i];
    if (check.type === 'compare' && !check.queries && !builtin)
      add(at, `compare check \`${check.name}\` needs explicit \`queries\`: ${noBuiltin}`);
    if (check.type === 'compare' && check.metric === 'latency' && check.thresholdMs === undefined)
      add(
        at,
        `compare check \`${check.name}\` on latency needs \`thresholdMs\`: the bound above which a request counts as slow`,
      );
    if (check.type === 'threshold' && check.min === undefined && check.max === undefined)
      add(at, `threshold check \`${check.name}\` needs \`min\`, \`max\` or both`);
  });
  slos.forEach((slo, i) => {
    if (!slo.queries && !builtin)
      add(['slos', i], `SLO \`${slo.name}\` needs explicit \`queries\`: ${noBuiltin}`);
    if (slo.metric === 'latency' && slo.thresholdMs === undefined)
      add(['slos', i], `SLO \`${slo.name}\` on latency needs \`thresholdMs\``);
  });
  duplicates(checks, ['analysis', 'checks'], add);
  duplicates(slos, ['slos'], add);
  duplicates(config.images ?? [], ['images'], add);

  if (canary && strategy.bake && analysis.interval && (checks.length > 0 || slos.length > 0)) {
    const bake = durationSeconds(strategy.bake);
    const interval = durationSeconds(analysis.interval);
    if (bake < interval)
      add(
        ['strategy', 'bake'],
        `${strategy.bake} is shorter than the analysis interval ${analysis.interval}: no measurement would be taken`,
      );
  }

  const preview = config.preview ?? {};
  if (preview.enabled && preview.mode === 'header') {
    // A header-routed preview needs a route to add the header to (src/preview/header-routes.ts).
    if (!(HEADER_PREVIEW_ROUTERS as readonly RouterType[]).includes(router))
      add(
        ['preview', 'mode'],
        `header needs router.type gateway-api, istio or emissary (a route that can match the header); router.type here is ${router}: use preview.mode namespace`,
      );
    if (preview.host !== undefined)
      add(
        ['preview', 'host'],
        "applies to preview.mode namespace; a header-routed preview is reached at production's host with the header",
      );
  } else if (preview.enabled && preview.host !== undefined && !preview.host.includes('{pr}'))
    add(['preview', 'host'], 'must contain {pr}: each pull request needs its own host');
  return problems;
}

function duplicates(
  items: ReadonlyArray<{ name: string }>,
  path: FieldPath,
  add: (path: FieldPath, message: string) => void,
): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.name))
      add([...path, i, 'name'], `\`${item.name}\` is used twice: names must be unique`);
    seen.add(item.name);
  });
}

/**
 * Resolves manifest paths (files or folders, relative to the workspace) to the manifest files they hold,
 * refusing anything that leads outside the workspace, by `..`, an absolute path or a symlink.
 * `root` is the workspace's real path (symlinks resolved), as insideWorkspace needs.
 */
export async function resolveManifests(
  manifests: readonly string[],
  root: string,
): Promise<{ files: string[]; problems: SemanticProblem[] }> {
  const files: string[] = [];
  const problems: SemanticProblem[] = [];
  for (const [i, entry] of manifests.entries()) {
    const inside = await insideWorkspace(entry, root);
    if ('problem' in inside) {
      problems.push({ path: ['manifests', i], message: inside.problem });
      continue;
    }
    const escapes: string[] = [];
    const found = await manifestFiles(inside.real, root, escapes, new Set());
    for (const escape of escapes)
      problems.push({
        path: ['manifests', i],
        message: `\`${escape}\` (inside \`${entry}\`) leads outside the workspace through a symlink`,
      });
    if (found.length === 0 && escapes.length === 0)
      problems.push({
        path: ['manifests', i],
        message: `\`${entry}\` holds no manifest files (${MANIFEST_EXTENSIONS.join(', ')})`,
      });
    files.push(...found);
  }
  return { files: [...new Set(files)], problems };
}

/**
 * Checks that a workspace-relative path exists and stays inside the workspace; build contexts use it too.
 * `root` must be the workspace's real path: the target's real path is compared with it.
 */
export async function insideWorkspace(
  entry: string,
  root: string,
): Promise<{ real: string } | { problem: string }> {
  if (isAbsolute(entry)) return { problem: `\`${entry}\` is absolute: paths are relative to the workspace` };
  const lexical = resolve(root, entry);
  if (isOutside(root, lexical)) return { problem: `\`${entry}\` is outside the workspace` };
  let real: string;
  try {
    real = await realpath(lexical);
  } catch {
    return { problem: `\`${entry}\` does not exist in the workspace` };
  }
  if (isOutside(root, real)) return { problem: `\`${entry}\` leads outside the workspace through a symlink` };
  return { real };
}

function isOutside(root: string, target: string): boolean {
  const rel = relative(root, target);
  return rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel);
}

/** `visited` holds the real folders already walked: a symlink back up the tree must not loop forever. */
async function manifestFiles(
  real: string,
  root: string,
  escapes: string[],
  visited: Set<string>,
): Promise<string[]> {
  const info = await stat(real);
  if (info.isFile()) return [relative(root, real).split(sep).join('/')];
  if (visited.has(real)) return [];
  visited.add(real);
  const out: string[] = [];
  const entries = await readdir(real, { withFileTypes: true });
  for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const full = join(real, entry.name);
    if (entry.isDirectory() || entry.isSymbolicLink()) {
      const target = await insideWorkspace(relative(root, full), root);
      if ('problem' in target) escapes.push(relative(root, full).split(sep).join('/'));
      else if ((await stat(target.real)).isDirectory())
        out.push(...(await manifestFiles(target.real, root, escapes, visited)));
      else if (MANIFEST_EXTENSIONS.some((ext) => entry.name.endsWith(ext)))
        out.push(relative(root, target.real).split(sep).join('/'));
    } else if (MANIFEST_EXTENSIONS.some((ext) => entry.name.endsWith(ext))) {
      out.push(relative(root, full).split(sep).join('/'));
    }
  }
  return out;
}
