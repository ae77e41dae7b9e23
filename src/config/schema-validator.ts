// Validates against the committed schema/dial.schema.json with Ajv, and turns Ajv's errors into sentences
// a service owner understands: "must be one of ...", "unknown field `bake_time`; did you mean `bake`?".
import type { ErrorObject } from 'ajv';
import { closest, distance } from 'fastest-levenshtein';
import schema from '../../schema/dial.schema.json' with { type: 'json' };
// Compiled ahead of time from the schema by schema/build-validator.mjs: no schema compilation at start-up.
import { validate as validateDial } from './generated/validate-dial.js';
import type { FieldPath } from './issues.js';

export { schema as dialSchema };

/** A schema problem before it is placed in a file or an input. */
export interface SchemaProblem {
  path: FieldPath;
  message: string;
  /** True when the field's name (not its value) is what is wrong. */
  onKey: boolean;
  /** Where to point when the field itself is absent (a missing required field): its parent. */
  at?: FieldPath;
}

export function validateAgainstSchema(data: unknown): SchemaProblem[] {
  if (validateDial(data)) return [];
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const error of validateDial.errors ?? []) {
    const problem = describe(error, data);
    if (!problem) continue;
    const key = `${problem.path.join('/')}|${problem.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

function pathOf(instancePath: string): Array<string | number> {
  if (instancePath === '') return [];
  return instancePath
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^[0-9]+$/.test(part) ? Number(part) : part));
}

function describe(error: ErrorObject, root: unknown): SchemaProblem | undefined {
  const path = pathOf(error.instancePath);
  const params = error.params as Record<string, unknown>;
  const parent = asRecord(error.parentSchema);
  switch (error.keyword) {
    case 'if':
      return undefined; // the failing `then` reports the actual problem
    case 'additionalProperties': {
      const field = String(params.additionalProperty);
      const known = Object.keys(asRecord(parent.properties));
      return { path: [...path, field], message: unknownField(field, known), onKey: true };
    }
    case 'false schema': {
      const field = path[path.length - 1];
      return {
        path,
        message: `field \`${String(field)}\` does not apply${ofType(root, path.slice(0, -1), 'to')}`,
        onKey: true,
      };
    }
    case 'required': {
      const field = String(params.missingProperty);
      const byType = error.schemaPath.includes('/then/') ? ofType(root, path, 'for') : '';
      return {
        path: [...path, field],
        at: path,
        message: `missing required field \`${field}\`${byType}`,
        onKey: true,
      };
    }
    case 'enum':
      return {
        path,
        message: `must be one of ${(error.schema as unknown[]).map(String).join(', ')} (got ${show(error.data)})`,
        onKey: false,
      };
    case 'type':
      return {
        path,
        message: `must be ${typeWords(String(params.type))} (got ${show(error.data)})`,
        onKey: false,
      };
    case 'pattern': {
      const description = typeof parent.description === 'string' ? parent.description : '';
      const what = /^An? /.test(description)
        ? lowerFirst(description.replace(/\.$/, ''))
        : `text matching ${String(params.pattern)}`;
      return { path, message: `must be ${what} (got ${show(error.data)})`, onKey: false };
    }
    case 'format':
      return {
        path,
        message: `must be a URL such as https://host:port (got ${show(error.data)})`,
        onKey: false,
      };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { path, message: `${rangeWords(parent)} (got ${show(error.data)})`, onKey: false };
    case 'minItems':
      return { path, message: `must have at least ${String(params.limit)} item(s)`, onKey: false };
    case 'minLength':
      return { path, message: 'must not be empty', onKey: false };
    default:
      return { path, message: error.message ?? `is invalid (${error.keyword})`, onKey: false };
  }
}

/** "unknown field `bake_time`; did you mean `bake`?" when a known field is close (edits, or a prefix). */
export function unknownField(field: string, known: string[]): string {
  const base = `unknown field \`${field}\``;
  if (known.length === 0) return base;
  const norm = (name: string) => name.toLowerCase().replace(/[-_]/g, '');
  const wanted = norm(field);
  const best = closest(wanted, known.map(norm));
  const match = known.find((name) => norm(name) === best) ?? best;
  const near = distance(wanted, best) <= Math.max(2, Math.floor(best.length / 3));
  const prefix = best.length >= 3 && (wanted.startsWith(best) || best.startsWith(wanted));
  if (near || prefix) return `${base}; did you mean \`${match}\`?`;
  return `${base}; expected one of ${known.join(', ')}`;
}

/** ` to type \`istio\`` (or `for`) for the object at `path`, whose `type` selects which fields apply. */
function ofType(root: unknown, path: FieldPath, word: string): string {
  let node: unknown = root;
  for (const part of path) node = asRecord(node)[String(part)];
  const type = asRecord(node).type;
  return typeof type === 'string' ? ` ${word} type \`${type}\`` : '';
}

function rangeWords(schemaPart: Record<string, unknown>): string {
  const num = (key: string) =>
    typeof schemaPart[key] === 'number' ? (schemaPart[key] as number) : undefined;
  const [min, xmin, max, xmax] = [
    num('minimum'),
    num('exclusiveMinimum'),
    num('maximum'),
    num('exclusiveMaximum'),
  ];
  // Both ends inclusive reads best as "between"; any exclusive end is said as it is, so the sentence
  // never mixes "between" with "more than" ("must be more than 0 and at most 0.5").
  if (min !== undefined && max !== undefined) return `must be between ${min} and ${max}`;
  const low = min !== undefined ? `at least ${min}` : xmin !== undefined ? `more than ${xmin}` : undefined;
  const high = max !== undefined ? `at most ${max}` : xmax !== undefined ? `less than ${xmax}` : undefined;
  if (low !== undefined && high !== undefined) return `must be ${low} and ${high}`;
  return `must be ${low ?? high ?? 'in range'}`;
}

const TYPE_WORDS: Record<string, string> = {
  integer: 'a whole number',
  number: 'a number',
  string: 'a string',
  object: 'a mapping (key: value)',
  array: 'a list',
  boolean: 'true or false',
  null: 'empty',
};

function typeWords(types: string): string {
  return types
    .split(',')
    .map((type) => TYPE_WORDS[type] ?? type)
    .join(' or ');
}

/** A value as it appears in a message, kept short. */
function show(value: unknown): string {
  if (value === null || value === undefined) return 'nothing';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
