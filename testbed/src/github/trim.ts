// Pure steps that cut GitHub's 13 MB OpenAPI description down to the operations Dial calls.
// Kept apart from the script that fetches the package so they can be unit-tested on small documents.

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** The GitHub REST operations Dial (and its tests) call; everything else is dropped. */
export const DIAL_OPERATIONS: readonly string[] = [
  'repos/create-deployment',
  'repos/list-deployments',
  'repos/get-deployment',
  'repos/delete-deployment',
  'repos/create-deployment-status',
  'repos/list-deployment-statuses',
  'issues/list-comments',
  'issues/create-comment',
  'issues/update-comment',
  'issues/delete-comment',
  'pulls/get',
  'pulls/list',
  'repos/get-commit',
  'repos/compare-commits',
  'checks/create',
  'checks/update',
  'actions/get-workflow-run',
  'actions/get-pending-deployments-for-run',
  'actions/review-pending-deployments-for-run',
  'actions/review-custom-gates-for-run',
  'users/get-authenticated',
  'rate-limit/get',
];

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace']);

export function isObject(value: Json | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function objectAt(parent: JsonObject, key: string): JsonObject {
  const value = parent[key];
  if (!isObject(value)) throw new Error(`expected an object at "${key}"`);
  return value;
}

/** Keeps only the wanted operations (and path-level fields of the paths that hold them). */
export function pickOperations(paths: JsonObject, wanted: readonly string[]): JsonObject {
  const picked: JsonObject = {};
  const found = new Set<string>();
  for (const [path, item] of Object.entries(paths)) {
    if (!isObject(item)) continue;
    const kept: JsonObject = {};
    for (const [key, value] of Object.entries(item)) {
      if (!HTTP_METHODS.has(key)) continue;
      if (!isObject(value) || typeof value.operationId !== 'string') continue;
      if (!wanted.includes(value.operationId)) continue;
      kept[key] = value;
      found.add(value.operationId);
    }
    if (Object.keys(kept).length === 0) continue;
    // Path-level parameters apply to every operation under the path.
    if (item.parameters !== undefined) kept.parameters = item.parameters;
    picked[path] = kept;
  }
  const missing = wanted.filter((id) => !found.has(id));
  if (missing.length > 0) throw new Error(`operations not in the description: ${missing.join(', ')}`);
  return picked;
}

/** Every local "#/components/<kind>/<name>" reference inside a value. */
function localRefs(value: Json, into: Set<string>): void {
  if (Array.isArray(value)) {
    for (const item of value) localRefs(item, into);
  } else if (isObject(value)) {
    const ref = value.$ref;
    if (typeof ref === 'string' && ref.startsWith('#/components/')) into.add(ref);
    for (const child of Object.values(value)) localRefs(child, into);
  }
}

function resolvePointer(document: JsonObject, ref: string): Json {
  let node: Json = document;
  // JSON pointer unescaping (~1 is "/", ~0 is "~").
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    if (!isObject(node) || !(key in node)) throw new Error(`unresolvable reference ${ref}`);
    node = node[key] ?? null;
  }
  return node;
}

/** The components the picked paths need, followed transitively. */
export function collectComponents(document: JsonObject, paths: JsonObject): JsonObject {
  const seen = new Set<string>();
  const queue = new Set<string>();
  localRefs(paths, queue);
  const components: Record<string, JsonObject> = {};
  while (queue.size > 0) {
    const [ref] = queue;
    if (ref === undefined) break;
    queue.delete(ref);
    if (seen.has(ref)) continue;
    seen.add(ref);
    const parts = ref.split('/');
    const kind = parts[2];
    const name = parts.slice(3).join('/');
    if (kind === undefined || name === '') throw new Error(`unexpected reference ${ref}`);
    const target = resolvePointer(document, ref);
    (components[kind] ??= {})[name] = target;
    const next = new Set<string>();
    localRefs(target, next);
    for (const r of next) if (!seen.has(r)) queue.add(r);
  }
  const sorted: JsonObject = {};
  for (const kind of Object.keys(components).sort()) {
    const entries = components[kind] ?? {};
    sorted[kind] = Object.fromEntries(
      Object.keys(entries)
        .sort()
        .map((k) => [k, entries[k] ?? null]),
    );
  }
  return sorted;
}

const NULL_ONLY: JsonObject = { enum: [null] };

/**
 * OpenAPI 3.0 puts `nullable: true` beside oneOf/anyOf (or on a schema with no type); Ajv refuses
 * `nullable` without `type`. Rewrite those into plain JSON Schema that still accepts null.
 * Returns how many schemas were rewritten.
 */
export function normaliseNullable(value: Json): number {
  let count = 0;
  const visit = (node: Json): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!isObject(node)) return;
    for (const child of Object.values(node)) visit(child);
    if (node.nullable !== true || node.type !== undefined) return;
    delete node.nullable;
    count += 1;
    const anyOf = node.anyOf;
    if (Array.isArray(anyOf)) {
      anyOf.push(NULL_ONLY);
      return;
    }
    for (const keyword of ['oneOf', 'allOf'] as const) {
      const branches = node[keyword];
      if (!Array.isArray(branches)) continue;
      // Wrapping keeps oneOf's "exactly one" meaning for non-null values.
      delete node[keyword];
      node.anyOf = [{ [keyword]: branches }, NULL_ONLY];
      return;
    }
    // No type and no combinator: the schema already accepts null once `nullable` is gone.
  };
  visit(value);
  return count;
}

export interface TrimResult {
  document: JsonObject;
  operations: number;
  normalised: number;
}

/** The trimmed description: the wanted operations, their components, and where it came from. */
export function trimDescription(
  source: JsonObject,
  wanted: readonly string[],
  origin: { package: string; version: string; file: string },
): TrimResult {
  const paths = structuredClone(pickOperations(objectAt(source, 'paths'), wanted));
  const components = structuredClone(collectComponents(source, paths));
  const normalised = normaliseNullable(components) + normaliseNullable(paths);
  const info = objectAt(source, 'info');
  const document: JsonObject = {
    openapi: source.openapi ?? '3.0.3',
    info: {
      title: info.title ?? 'GitHub v3 REST API',
      version: info.version ?? origin.version,
      description: `Trimmed by testbed/src/github/trim-spec.ts from ${origin.package}@${origin.version} (${origin.file}): ${wanted.length} operations Dial calls and the components they reference; nullable beside oneOf/anyOf/allOf rewritten for Ajv.`,
    },
    'x-dial-source': { ...origin, operations: [...wanted] },
    servers: [{ url: 'https://api.github.com' }],
    paths,
    components,
  };
  return { document, operations: wanted.length, normalised };
}
