// Layered merge with provenance: profile defaults < dial.yaml < action inputs / CLI flags.
// Mappings merge key by key; lists and scalars replace whole (a list of checks or steps is one decision).
// Every leaf remembers which layer set it, so the plan can say where each value came from.
import { formatPath, type FieldPath } from './issues.js';

/** Where a value came from: `profile production`, `dial.yaml`, `input steps`, `--set strategy.bake`. */
export type Source = string;

export interface Layer {
  source: Source;
  values: Record<string, unknown>;
}

export interface Merged {
  value: Record<string, unknown>;
  /** Leaf path (`strategy.bake`, `strategy.steps`) -> the layer that set it. */
  sources: Map<string, Source>;
}

export function mergeLayers(layers: Layer[]): Merged {
  const value: Record<string, unknown> = {};
  const sources = new Map<string, Source>();
  for (const layer of layers) mergeInto(value, layer.values, [], layer.source, sources);
  return { value, sources };
}

function mergeInto(
  target: Record<string, unknown>,
  incoming: Record<string, unknown>,
  path: string[],
  source: Source,
  sources: Map<string, Source>,
): void {
  for (const [key, next] of Object.entries(incoming)) {
    if (next === undefined) continue;
    const here = [...path, key];
    const current = target[key];
    if (isPlainObject(next) && isPlainObject(current)) {
      mergeInto(current, next, here, source, sources);
      continue;
    }
    // A replaced value forgets the sources of what it replaces (itself and anything beneath it).
    const prefix = formatPath(here);
    for (const known of [...sources.keys()]) {
      if (known === prefix || known.startsWith(`${prefix}.`) || known.startsWith(`${prefix}[`))
        sources.delete(known);
    }
    if (isPlainObject(next)) {
      const fresh: Record<string, unknown> = {};
      target[key] = fresh;
      mergeInto(fresh, next, here, source, sources);
    } else {
      target[key] = structuredClone(next);
      sources.set(prefix, source);
    }
  }
}

/** The source of the value at `path`, or of the nearest enclosing value that was set as a whole. */
export function sourceOf(sources: Map<string, Source>, path: FieldPath): Source | undefined {
  for (let end = path.length; end > 0; end--) {
    const found = sources.get(formatPath(path.slice(0, end)));
    if (found !== undefined) return found;
  }
  return undefined;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
