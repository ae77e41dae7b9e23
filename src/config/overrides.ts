// Action inputs and CLI flags that override dial.yaml. Each becomes its own layer, so the plan can name
// the input that set a value, and a bad input is reported against that input (there is no line to point at).
import { parse as parseYaml } from 'yaml';
import type { ConfigIssue } from './issues.js';
import type { Layer } from './merge.js';

export interface OverrideInputs {
  profile?: string;
  namespace?: string;
  /** `10,25,50,100` */
  steps?: string;
  /** `5m` */
  bake?: string;
  /** `strategy.watch=30m` etc.: whole fields, parsed as YAML values. */
  set?: string[];
}

/** How an override is named in messages and in the plan's sources: `input steps` or `--steps`. */
export type OverrideLabel = (name: keyof OverrideInputs | 'images' | `set ${string}`) => string;

export function overrideLayers(
  inputs: OverrideInputs,
  label: OverrideLabel,
): { layers: Layer[]; issues: ConfigIssue[] } {
  const layers: Layer[] = [];
  const issues: ConfigIssue[] = [];
  const text = (value: string | undefined) =>
    value === undefined || value.trim() === '' ? undefined : value.trim();

  const profile = text(inputs.profile);
  if (profile) layers.push({ source: label('profile'), values: { profile } });
  const namespace = text(inputs.namespace);
  if (namespace) layers.push({ source: label('namespace'), values: { namespace } });

  const steps = text(inputs.steps);
  if (steps) {
    const parts = steps
      .replace(/^\[|\]$/g, '')
      .split(/[\s,]+/)
      .filter((part) => part !== '');
    const bad = parts.find((part) => !/^[0-9]+$/.test(part));
    if (bad !== undefined || parts.length === 0) {
      issues.push({
        path: ['strategy', 'steps'],
        message: `must be a comma-separated list of whole percentages such as 10,25,50,100 (got ${JSON.stringify(steps)})`,
        origin: { kind: 'input', name: label('steps') },
      });
    } else {
      layers.push({ source: label('steps'), values: { strategy: { steps: parts.map(Number) } } });
    }
  }

  const bake = text(inputs.bake);
  if (bake) layers.push({ source: label('bake'), values: { strategy: { bake } } });

  for (const assignment of inputs.set ?? []) {
    if (assignment.trim() === '') continue;
    const parsed = parseAssignment(assignment.trim());
    if ('error' in parsed) {
      issues.push({
        path: [],
        message: parsed.error,
        origin: { kind: 'input', name: label(`set ${assignment}`) },
      });
      continue;
    }
    const values: Record<string, unknown> = {};
    let at = values;
    parsed.keys.forEach((key, i) => {
      if (i === parsed.keys.length - 1) at[key] = parsed.value;
      else at = at[key] = {};
    });
    layers.push({ source: label(`set ${parsed.keys.join('.')}`), values });
  }
  return { layers, issues };
}

function parseAssignment(text: string): { keys: string[]; value: unknown } | { error: string } {
  const eq = text.indexOf('=');
  const key = eq < 0 ? '' : text.slice(0, eq).trim();
  if (!/^[A-Za-z][A-Za-z0-9]*(\.[A-Za-z][A-Za-z0-9]*)*$/.test(key)) {
    return {
      error: `must be field=value with a dotted field name such as strategy.bake=5m (lists are set whole: strategy.steps=[5,50,100]); got ${JSON.stringify(text)}`,
    };
  }
  try {
    return { keys: key.split('.'), value: parseYaml(text.slice(eq + 1)) as unknown };
  } catch (error) {
    return { error: `the value is not valid YAML: ${(error as Error).message.split('\n')[0] ?? ''}` };
  }
}

/**
 * Image references to deploy (`name=ref` per line or comma, or one bare ref when the service has one image),
 * typically the build action's output. Returned by image name.
 */
// An image reference as the OCI distribution grammar has it: an optional registry host (a name with a dot,
// localhost, or host:port; upper case allowed there), lower-case path components, then an optional tag
// (letters of either case, digits, `_ . -`, up to 128) and an optional digest.
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
const HOST = '(?:(?:[a-zA-Z0-9-]+(?:\\.[a-zA-Z0-9-]+)+|localhost)(?::[0-9]+)?|[a-zA-Z0-9-]+:[0-9]+)';
const IMAGE_REFERENCE = new RegExp(
  `^(?:${HOST}/)?${COMPONENT}(?:/${COMPONENT})*(?::[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(?:@sha256:[a-f0-9]{64})?$`,
);

export function parseImageRefs(
  text: string | undefined,
  imageNames: string[],
  inputName: string,
): { refs: Record<string, string>; issues: ConfigIssue[] } {
  const refs: Record<string, string> = {};
  const issues: ConfigIssue[] = [];
  if (text === undefined || text.trim() === '') return { refs, issues };
  const fail = (message: string) =>
    issues.push({ path: ['images'], message, origin: { kind: 'input', name: inputName } });
  for (const entry of text
    .split(/[\n,]+/)
    .map((part) => part.trim())
    .filter((part) => part !== '')) {
    const eq = entry.indexOf('=');
    let name = eq > 0 ? entry.slice(0, eq).trim() : undefined;
    const ref = eq > 0 ? entry.slice(eq + 1).trim() : entry;
    if (name === undefined) {
      if (imageNames.length !== 1) {
        fail(
          `give name=reference: this service has ${imageNames.length} images (${imageNames.join(', ') || 'none'})`,
        );
        continue;
      }
      name = imageNames[0] ?? '';
    }
    if (!imageNames.includes(name)) {
      fail(`unknown image \`${name}\`; images in dial.yaml: ${imageNames.join(', ') || 'none'}`);
    } else if (!IMAGE_REFERENCE.test(ref)) {
      fail(
        `\`${ref}\` is not an image reference such as registry.example.com/shop/app:1.2.3 or …@sha256:<digest>`,
      );
    } else refs[name] = ref;
  }
  return { refs, issues };
}
