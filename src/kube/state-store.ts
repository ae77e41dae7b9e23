// The rollout record of a service, kept in its namespace as one ConfigMap (`dial-<service>`, key
// `record.json`), written with optimistic concurrency: every write names the resourceVersion it was
// based on, so two runs can never both believe their decision stuck. Nothing here decides anything:
// the engine reads, decides, writes; a StateConflictError sends it back to read again.
import { createHash } from 'node:crypto';
import { ApiException, CoreV1Api, type KubeConfig, type V1ConfigMap } from '@kubernetes/client-node';
import { StateConflictError, type StateStore } from '../rollout/ports.js';
import { RECORD_VERSION, type Phase, type RolloutRecord } from '../rollout/record.js';
import { lockIdentity } from './identity.js';

export const RECORD_KEY = 'record.json';
/** A ConfigMap holds at most 1 MiB in all; the record stays under this, leaving room for metadata. */
export const MAX_RECORD_BYTES = 900 * 1024;
export const MANAGED_BY_LABEL = 'app.kubernetes.io/managed-by';
export const SERVICE_LABEL = 'dial.dev/service';
/** The lock identity of the run that wrote the record last (for conflict messages and status). */
export const WRITTEN_BY_ANNOTATION = 'dial.dev/written-by';
export const DEFAULT_FIELD_MANAGER = 'dial';

/** The record in the cluster is not one this Dial can read (hand-edited, other tool, other version). */
export class StateFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StateFormatError';
  }
}

/** The record is too large for a ConfigMap even after dropping what may be dropped. */
export class StateTooLargeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StateTooLargeError';
  }
}

const PHASES: readonly Phase[] = ['idle', 'progressing', 'paused', 'promoting', 'rolling-back'];
const DNS_SUBDOMAIN_MAX = 253;
const LABEL_VALUE_MAX = 63;

const shortHash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 8);

/**
 * `dial-<service>`, usable as a ConfigMap or Lease name (DNS subdomain, at most 253 characters). A service
 * name that is not already DNS-safe is lowered and cleaned, and gets a hash of the original appended so
 * two different names cannot meet in the same object.
 */
export function dialObjectName(service: string): string {
  const wanted = `dial-${service}`;
  if (/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(wanted) && wanted.length <= DNS_SUBDOMAIN_MAX) return wanted;
  const suffix = `-${shortHash(service)}`;
  const body = wanted
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .slice(0, DNS_SUBDOMAIN_MAX - suffix.length)
    .replace(/-+$/, '');
  return `${body}${suffix}`;
}

/** The service as a label value (at most 63 characters of `[A-Za-z0-9._-]`, alphanumeric at both ends). */
export function serviceLabelValue(service: string): string {
  const valid = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
  if (valid.test(service) && service.length <= LABEL_VALUE_MAX) return service;
  const suffix = `-${shortHash(service)}`;
  const body = service
    .replace(/[^A-Za-z0-9_.-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, LABEL_VALUE_MAX - suffix.length)
    .replace(/[^A-Za-z0-9]+$/, '');
  return body === '' ? suffix.slice(1) : `${body}${suffix}`;
}

/** Labels of every object Dial keeps for a service's rollouts (the state ConfigMap, the Lease). */
export function dialLabels(service: string): Record<string, string> {
  return { [MANAGED_BY_LABEL]: 'dial', [SERVICE_LABEL]: serviceLabelValue(service) };
}

export interface StateStoreOptions {
  /** Written into the `dial.dev/written-by` annotation; default lockIdentity(). */
  identity?: string;
  /** Field manager of the writes; default `dial`. */
  fieldManager?: string;
  /** Size guard of the record's JSON; default MAX_RECORD_BYTES. */
  maxRecordBytes?: number;
  /** Told when a write had to drop history to fit (the same lines are in `lastWriteNotes`). */
  onWarning?: (line: string) => void;
}

export class ConfigMapStateStore implements StateStore {
  /** The ConfigMap's name: `dial-<service>`. */
  readonly name: string;
  /** API requests made so far (for the benchmark and for tests of request economy). */
  requests = 0;
  /** What the last write dropped to fit under the size guard (empty when nothing). */
  lastWriteNotes: string[] = [];
  private readonly api: CoreV1Api;
  private readonly identity: string;
  private readonly fieldManager: string;
  private readonly maxRecordBytes: number;

  constructor(
    kc: KubeConfig,
    readonly namespace: string,
    readonly service: string,
    private readonly options: StateStoreOptions = {},
  ) {
    this.api = kc.makeApiClient(CoreV1Api);
    this.name = dialObjectName(service);
    this.identity = options.identity ?? lockIdentity();
    this.fieldManager = options.fieldManager ?? DEFAULT_FIELD_MANAGER;
    this.maxRecordBytes = options.maxRecordBytes ?? MAX_RECORD_BYTES;
  }

  /** `ConfigMap <namespace>/<name>`, as messages name it. */
  get where(): string {
    return `ConfigMap ${this.namespace}/${this.name}`;
  }

  async read(): Promise<{ record: RolloutRecord; version: string } | undefined> {
    const configMap = await this.get();
    if (configMap === undefined) return undefined;
    const version = configMap.metadata?.resourceVersion;
    if (!version)
      throw new StateFormatError(`${this.where} has no resourceVersion: not read from the API server?`);
    return { record: this.parse(configMap), version };
  }

  async write(record: RolloutRecord, expected: string | undefined): Promise<string> {
    if (expected === '') throw new Error(`${this.where}: an empty expected version would overwrite blindly`);
    checkRecord(record, `the record to write into ${this.where}`);
    if (record.service !== this.service || record.namespace !== this.namespace)
      throw new Error(
        `${this.where} keeps the record of service ${this.service} in ${this.namespace}, not of ${record.service} in ${record.namespace}`,
      );
    const fitted = fitRecord(record, this.maxRecordBytes, this.where);
    this.lastWriteNotes = fitted.notes;
    for (const note of fitted.notes) this.options.onWarning?.(note);

    const body: V1ConfigMap = {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name: this.name,
        namespace: this.namespace,
        labels: dialLabels(this.service),
        annotations: { [WRITTEN_BY_ANNOTATION]: this.identity },
        ...(expected !== undefined ? { resourceVersion: expected } : {}),
      },
      data: { [RECORD_KEY]: fitted.json },
    };
    let stored: V1ConfigMap;
    try {
      this.requests++;
      stored =
        expected === undefined
          ? await this.api.createNamespacedConfigMap({
              namespace: this.namespace,
              body,
              fieldManager: this.fieldManager,
            })
          : await this.api.replaceNamespacedConfigMap({
              name: this.name,
              namespace: this.namespace,
              body,
              fieldManager: this.fieldManager,
            });
    } catch (error) {
      throw await this.writeError(error, expected);
    }
    const version = stored.metadata?.resourceVersion;
    if (!version) throw new Error(`${this.where} was written but the API server returned no resourceVersion`);
    return version;
  }

  private async get(): Promise<V1ConfigMap | undefined> {
    try {
      this.requests++;
      return await this.api.readNamespacedConfigMap({ name: this.name, namespace: this.namespace });
    } catch (error) {
      if (error instanceof ApiException && error.code === 404) return undefined;
      throw new Error(`cannot read ${this.where}: ${describeApiError(error)}`, { cause: error });
    }
  }

  private parse(configMap: V1ConfigMap): RolloutRecord {
    const text = configMap.data?.[RECORD_KEY];
    if (text === undefined)
      throw new StateFormatError(
        `${this.where} has no \`${RECORD_KEY}\`: it was not written by Dial (or was edited by hand); ` +
          'move it out of the way only if no rollout of this service is in progress',
      );
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch (error) {
      throw new StateFormatError(
        `${this.where}: \`${RECORD_KEY}\` is not valid JSON (${(error as Error).message}); was it edited by hand?`,
      );
    }
    const record = checkRecord(value, this.where);
    if (record.service !== this.service)
      throw new StateFormatError(
        `${this.where} holds the record of service \`${record.service}\`, not \`${this.service}\``,
      );
    return record;
  }

  private async writeError(error: unknown, expected: string | undefined): Promise<Error> {
    if (!(error instanceof ApiException))
      return new Error(`cannot write ${this.where}: ${describeApiError(error)}`, { cause: error });
    const status = statusOf(error);
    if (error.code === 409 && expected === undefined) {
      const who = await this.whoWrote();
      return new StateConflictError(
        `someone else created ${this.where} meanwhile${who ? ` (${who})` : ''}: ` +
          'another run is rolling out this service; read the state again before deciding',
      );
    }
    if (error.code === 409) {
      const who = await this.whoWrote();
      return new StateConflictError(
        `${this.where} changed since version ${expected} was read${who ? ` (${who})` : ''}: ` +
          'another run wrote the rollout state; read it again before deciding',
      );
    }
    if (error.code === 404 && expected !== undefined)
      return new StateConflictError(
        `${this.where} was deleted since version ${expected} was read: read the state again before deciding`,
      );
    if (error.code === 422 && /too long|too large|exceeds/i.test(status.message ?? ''))
      return new StateTooLargeError(`${this.where} is too large for the API server: ${status.message}`);
    return new Error(`cannot write ${this.where}: ${describeApiError(error)}`, { cause: error });
  }

  /** Who wrote the ConfigMap as it is now, from its annotation and managedFields; undefined if unknown. */
  private async whoWrote(): Promise<string | undefined> {
    let current: V1ConfigMap | undefined;
    try {
      current = await this.get();
    } catch {
      return undefined;
    }
    if (current === undefined) return 'since deleted';
    const parts = [`now version ${current.metadata?.resourceVersion ?? '?'}`];
    const writer = current.metadata?.annotations?.[WRITTEN_BY_ANNOTATION];
    if (writer) parts.push(`written by ${writer}`);
    // managedFields times have one-second resolution: every manager of the latest second is named,
    // another than Dial's first (a person or another tool changed it: kubectl edit, ...).
    const entries = (current.metadata?.managedFields ?? []).filter((entry) => entry.manager);
    const last = Math.max(0, ...entries.map((entry) => timeOf(entry.time)));
    const latest = entries
      .filter((entry) => timeOf(entry.time) === last)
      .sort((a, b) => Number(a.manager === this.fieldManager) - Number(b.manager === this.fieldManager));
    if (latest.length > 0) {
      const names = [...new Set(latest.map((entry) => `"${entry.manager}"`))];
      const operations = [...new Set(latest.map((entry) => entry.operation).filter(Boolean))].join('/');
      const when = last > 0 ? `at ${new Date(last).toISOString()}` : '';
      const detail = [operations, when].filter((part) => part !== '').join(' ');
      parts.push(
        `field manager${names.length > 1 ? 's' : ''} ${names.join(' and ')}${detail ? ` (${detail})` : ''}`,
      );
    }
    return parts.join(', ');
  }
}

const timeOf = (time: Date | string | undefined) => (time ? new Date(time).getTime() : 0);

/**
 * Checks a parsed record: the version this Dial reads, and the fields every reader relies on. Throws a
 * StateFormatError naming `where` (the ConfigMap) and the first problem.
 */
export function checkRecord(value: unknown, where: string): RolloutRecord {
  if (!isObject(value)) throw new StateFormatError(`${where}: the rollout record is not a JSON object`);
  const version = value.version;
  if (version !== RECORD_VERSION) {
    if (typeof version === 'number' && version > RECORD_VERSION)
      throw new StateFormatError(
        `${where} holds a rollout record of version ${version}, written by a newer Dial (this one reads version ${RECORD_VERSION}): upgrade Dial`,
      );
    throw new StateFormatError(
      `${where} holds a rollout record of version ${JSON.stringify(version)}, which this Dial does not read (it reads version ${RECORD_VERSION})`,
    );
  }
  const problems: string[] = [];
  const need = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  need(typeof value.service === 'string' && value.service !== '', '`service` (string)');
  need(typeof value.namespace === 'string' && value.namespace !== '', '`namespace` (string)');
  need(
    isObject(value.workload) &&
      value.workload.kind === 'Deployment' &&
      typeof value.workload.name === 'string',
    '`workload` ({ kind: Deployment, name })',
  );
  need(typeof value.router === 'string', '`router` (string)');
  need(
    typeof value.phase === 'string' && (PHASES as readonly string[]).includes(value.phase),
    `\`phase\` (one of ${PHASES.join(', ')})`,
  );
  need(typeof value.updatedAt === 'string', '`updatedAt` (string)');
  need(
    Array.isArray(value.history) &&
      value.history.every(
        (entry) =>
          isObject(entry) &&
          typeof entry.id === 'string' &&
          isObject(entry.images) &&
          typeof entry.result === 'string' &&
          typeof entry.finishedAt === 'string',
      ),
    '`history` (releases with id, images, result, finishedAt)',
  );
  if (value.current !== undefined) {
    const c = value.current;
    need(
      isObject(c) &&
        typeof c.id === 'string' &&
        isObject(c.images) &&
        typeof c.startedAt === 'string' &&
        typeof c.startedBy === 'string' &&
        isObject(c.settings) &&
        'template' in c &&
        'baselineTemplate' in c &&
        Array.isArray(c.objects) &&
        typeof c.stableReplicas === 'number' &&
        Array.isArray(c.steps) &&
        typeof c.step === 'number' &&
        isObject(c.weight) &&
        typeof c.weight.requested === 'number' &&
        typeof c.weight.effective === 'number' &&
        Array.isArray(c.stepLog),
      '`current` (id, settings, images, startedAt, startedBy, template, baselineTemplate, objects, stableReplicas, steps, step, weight, stepLog)',
    );
  }
  if (problems.length > 0)
    throw new StateFormatError(
      `${where}: the rollout record is missing or has wrong ${problems.join(', ')}; was it edited by hand?`,
    );
  return value as unknown as RolloutRecord;
}

/**
 * The record's JSON within `maxBytes`: drops the pod templates of the oldest releases first, then the
 * oldest releases themselves, and says what it dropped. A dropped template is `null`: `rollback
 * --to-previous` cannot return to that release. Throws StateTooLargeError when even that is not enough.
 */
export function fitRecord(
  record: RolloutRecord,
  maxBytes: number = MAX_RECORD_BYTES,
  where = 'the rollout state',
): { record: RolloutRecord; json: string; notes: string[] } {
  let json = JSON.stringify(record);
  const size = () => Buffer.byteLength(json, 'utf8');
  if (size() <= maxBytes) return { record, json, notes: [] };

  const before = size();
  const limit = `${Math.round(maxBytes / 1024)} KiB`;
  const fitted: RolloutRecord = { ...record, history: record.history.map((entry) => ({ ...entry })) };
  const notes: string[] = [];
  for (let i = fitted.history.length - 1; i >= 0 && size() > maxBytes; i--) {
    const entry = fitted.history[i]!;
    if (entry.template === null || entry.template === undefined) continue;
    entry.template = null;
    json = JSON.stringify(fitted);
    notes.push(
      `dropped the pod template of release ${entry.id} (finished ${entry.finishedAt}) to keep ${where} under ${limit}: rollback --to-previous cannot return to it`,
    );
  }
  while (size() > maxBytes && fitted.history.length > 0) {
    const entry = fitted.history.pop()!;
    json = JSON.stringify(fitted);
    notes.push(
      `dropped release ${entry.id} (finished ${entry.finishedAt}) from the history to keep ${where} under ${limit}`,
    );
  }
  if (size() > maxBytes) {
    const part = (value: unknown) =>
      `${Math.round(Buffer.byteLength(JSON.stringify(value ?? null)) / 1024)} KiB`;
    throw new StateTooLargeError(
      `the rollout record is ${Math.round(size() / 1024)} KiB without any history, over the ${limit} ${where} may hold ` +
        `(current pod template ${part(fitted.current?.template)}, baseline template ${part(fitted.current?.baselineTemplate)}, ` +
        `other objects ${part(fitted.current?.objects)}, analysis evidence ${part(fitted.current?.analysis?.evidence)})`,
    );
  }
  if (notes.length > 0)
    notes.push(
      `${where}: the record was ${Math.round(before / 1024)} KiB, now ${Math.round(size() / 1024)} KiB`,
    );
  return { record: fitted, json, notes };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The Kubernetes Status in an ApiException's body (a JSON string in client-node 2.x). */
export function statusOf(error: ApiException<unknown>): { reason?: string; message?: string } {
  let body: unknown = error.body;
  if (typeof body === 'string') {
    const text = body;
    try {
      body = JSON.parse(text);
    } catch {
      return { message: text };
    }
  }
  if (!isObject(body)) return {};
  return {
    ...(typeof body.reason === 'string' ? { reason: body.reason } : {}),
    ...(typeof body.message === 'string' ? { message: body.message } : {}),
  };
}

/** `403 Forbidden: configmaps "dial-web" is forbidden: ...`, or the error's own message. */
export function describeApiError(error: unknown): string {
  if (error instanceof ApiException) {
    const status = statusOf(error);
    return `${error.code}${status.reason ? ` ${status.reason}` : ''}${status.message ? `: ${status.message}` : ''}`;
  }
  return error instanceof Error ? error.message : String(error);
}
