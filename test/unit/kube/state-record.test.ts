import { describe, expect, it } from '@jest/globals';
import { emptyRecord, type ReleaseEntry, type RolloutRecord } from '../../../src/rollout/record.js';
import {
  checkRecord,
  dialLabels,
  dialObjectName,
  fitRecord,
  serviceLabelValue,
  StateFormatError,
  StateTooLargeError,
} from '../../../src/kube/state-store.js';

const now = new Date('2026-03-01T12:00:00Z');
const where = 'ConfigMap shop/dial-web';

function release(id: string, templateBytes: number): ReleaseEntry {
  return {
    id,
    images: { web: `registry.example/web:${id}` },
    template: {
      spec: { containers: [{ name: 'web', image: `registry.example/web:${id}` }] },
      pad: 'x'.repeat(templateBytes),
    },
    result: 'promoted',
    finishedAt: now.toISOString(),
  };
}

function record(history: ReleaseEntry[] = []): RolloutRecord {
  return { ...emptyRecord('web', 'shop', 'web', 'replicas', now), history };
}

const progressing = (): RolloutRecord => ({
  ...record(),
  phase: 'progressing',
  current: {
    id: 'r9',
    images: { web: 'registry.example/web:r9' },
    startedAt: now.toISOString(),
    startedBy: 'acme/shop/42/1',
    settings: { progressDeadlineSeconds: 600 },
    template: { spec: {} },
    baselineTemplate: { spec: {} },
    objects: [],
    stableReplicas: 3,
    steps: [
      { weight: 10, bakeSeconds: 300, analysis: true },
      { weight: 100, bakeSeconds: 0, analysis: false },
    ],
    step: 0,
    weight: { requested: 10, effective: 33 },
    stepLog: [],
  },
});

describe('names of the objects Dial keeps per service', () => {
  it('is dial-<service> for a DNS-safe service name', () => {
    expect(dialObjectName('checkout')).toBe('dial-checkout');
    expect(dialObjectName('a-1')).toBe('dial-a-1');
  });

  it('cleans any other name and appends a hash, so two names cannot meet', () => {
    const a = dialObjectName('Check_Out');
    const b = dialObjectName('check.out');
    expect(a).toMatch(/^dial-check-out-[0-9a-f]{8}$/);
    expect(b).toMatch(/^dial-check-out-[0-9a-f]{8}$/);
    expect(a).not.toBe(b);
    const long = dialObjectName('x'.repeat(300));
    expect(long.length).toBeLessThanOrEqual(253);
    expect(long).toMatch(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/);
  });

  it('labels them managed-by dial with the service as a valid label value', () => {
    expect(dialLabels('web')).toEqual({ 'app.kubernetes.io/managed-by': 'dial', 'dial.dev/service': 'web' });
    const value = serviceLabelValue(`-${'y'.repeat(80)}/`);
    expect(value.length).toBeLessThanOrEqual(63);
    expect(value).toMatch(/^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/);
  });
});

describe('checkRecord', () => {
  it('accepts the records the engine writes', () => {
    expect(checkRecord(JSON.parse(JSON.stringify(record([release('r1', 10)]))), where)).toMatchObject({
      service: 'web',
    });
    expect(checkRecord(JSON.parse(JSON.stringify(progressing())), where)).toMatchObject({
      phase: 'progressing',
    });
  });

  it('refuses a record of a newer Dial, naming the ConfigMap', () => {
    const newer = { ...record(), version: 2 };
    expect(() => checkRecord(newer, where)).toThrow(StateFormatError);
    expect(() => checkRecord(newer, where)).toThrow(
      'ConfigMap shop/dial-web holds a rollout record of version 2, written by a newer Dial (this one reads version 1): upgrade Dial',
    );
    expect(() => checkRecord({ ...record(), version: '1' }, where)).toThrow(
      'version "1", which this Dial does not read',
    );
    expect(() => checkRecord([], where)).toThrow(
      'ConfigMap shop/dial-web: the rollout record is not a JSON object',
    );
  });

  it('names every missing or wrong field', () => {
    const { phase: _phase, history: _history, ...rest } = record();
    expect(() => checkRecord(rest, where)).toThrow(
      /ConfigMap shop\/dial-web: the rollout record is missing or has wrong `phase` \(one of .*\), `history`/,
    );
    expect(() => checkRecord({ ...record(), phase: 'done' }, where)).toThrow('`phase`');
    const broken = progressing();
    delete (broken.current as unknown as Record<string, unknown>).weight;
    expect(() => checkRecord(broken, where)).toThrow('`current`');
  });
});

describe('fitRecord', () => {
  it('leaves a record under the limit alone', () => {
    const small = record([release('r1', 100)]);
    const fitted = fitRecord(small, 10_000, where);
    expect(fitted.notes).toEqual([]);
    expect(fitted.record).toBe(small);
    expect(JSON.parse(fitted.json)).toEqual(small);
  });

  it('drops the oldest releases’ templates first, and says so', () => {
    // Newest first: r5 is the newest, r1 the oldest.
    const big = record(['r5', 'r4', 'r3', 'r2', 'r1'].map((id) => release(id, 3000)));
    const fitted = fitRecord(big, 10_000, where);
    expect(Buffer.byteLength(fitted.json)).toBeLessThanOrEqual(10_000);
    expect(fitted.record.history.map((e) => e.template === null)).toEqual([false, false, true, true, true]);
    expect(fitted.notes[0]).toBe(
      `dropped the pod template of release r1 (finished ${now.toISOString()}) to keep ConfigMap shop/dial-web under 10 KiB: rollback --to-previous cannot return to it`,
    );
    expect(fitted.notes).toHaveLength(4);
    expect(fitted.notes[3]).toMatch(/the record was 16 KiB, now 7 KiB/);
    // The caller's record is not changed.
    expect(big.history.every((e) => e.template !== null)).toBe(true);
  });

  it('drops the oldest releases themselves when their templates are not enough', () => {
    const entries = ['r3', 'r2', 'r1'].map((id) => ({ ...release(id, 0), reason: 'z'.repeat(3000) }));
    const fitted = fitRecord(record(entries), 5_000, where);
    expect(fitted.record.history.map((e) => e.id)).toEqual(['r3']);
    expect(fitted.notes.some((n) => n.startsWith('dropped release r1 (finished'))).toBe(true);
  });

  it('fails clearly when the record is too large without any history', () => {
    const huge = progressing();
    huge.current!.template = { pad: 'x'.repeat(20_000) };
    expect(() => fitRecord(huge, 10_000, where)).toThrow(StateTooLargeError);
    expect(() => fitRecord(huge, 10_000, where)).toThrow(/current pod template 20 KiB/);
  });
});
