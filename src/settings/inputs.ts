// The rollout commands' own inputs (beyond dial.yaml's overrides), checked the same way for the CLI's
// flags and the actions' inputs, so both say the same thing. `name` is how the input is called where
// it was given: `--weight` in the CLI, `input weight` in an action. Nothing here touches the cluster.
import { durationSeconds } from '../config/duration.js';

/** An input that cannot be used; `name` says which (`--for`, `input for`). */
export class InputError extends Error {
  constructor(
    readonly input: string,
    message: string,
  ) {
    super(message);
    this.name = 'InputError';
  }
}

const show = (text: string) => JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);

/** The canary weight of one step: a whole percentage from 0 to 99 (100 is the promotion). */
export function parseWeight(text: string | undefined, name: string, promote: string): number {
  if (text === undefined || text.trim() === '')
    throw new InputError(name, `${name} is required: the canary weight in percent, 0 to 99`);
  if (!/^[0-9]{1,2}$/.test(text.trim()))
    throw new InputError(
      name,
      `${name} must be a whole percentage from 0 to 99 (got ${show(text)}); use ${promote} for 100`,
    );
  return Number(text.trim());
}

/** A duration such as 30s, 5m or 1h30m, in seconds; undefined when not given. */
export function parseDuration(text: string | undefined, name: string): number | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  if (!/^([0-9]+[smhd])+$/.test(text.trim()))
    throw new InputError(name, `${name} must be a duration such as 30s, 5m or 1h30m (got ${show(text)})`);
  const seconds = durationSeconds(text.trim());
  if (seconds <= 0) throw new InputError(name, `${name} must be longer than 0s (got ${show(text)})`);
  return seconds;
}

/** A Kubernetes name that is also a DNS label (RFC 1123): a service or a namespace. */
export function parseLabel(text: string | undefined, name: string): string | undefined {
  if (text === undefined || text.trim() === '') return undefined;
  const value = text.trim();
  if (value.length > 63 || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(value))
    throw new InputError(
      name,
      `${name} must be an RFC 1123 label: lower-case letters, digits and '-', starting and ending with a letter or digit, at most 63 characters (got ${show(text)})`,
    );
  return value;
}

/** `true` or `false` (YAML 1.2 core schema spellings, as the runner's own boolean inputs). */
export function parseBoolean(text: string | undefined, name: string, fallback: boolean): boolean {
  const value = (text ?? '').trim();
  if (value === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new InputError(name, `${name} must be true or false (got ${show(text ?? '')})`);
}
