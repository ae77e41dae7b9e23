// The rollout state machine, pure: `decide` reads the record and says what to do next; `reduce` folds
// what happened into the record. The engine persists the record after every reduce, so a run killed at
// any point is resumed by the next one from exactly that record: a decision once taken (promote or
// rollback) is finished, a step whose weight was set is not set again, and analysis evidence continues.
import {
  HISTORY_LIMIT,
  type CurrentRelease,
  type ReleaseEntry,
  type RolloutRecord,
  type StepAnalysis,
  type StepLog,
} from './record.js';
import { appendSeries, type SeriesRow } from './series.js';

export type Action =
  /** Nothing in progress. */
  | { type: 'idle' }
  /** Scale the tracks and route `weight` percent to the canary. */
  | { type: 'set-weight'; step: number; weight: number }
  /** Hold the step for its bake, judging canary against baseline if it has analysis. */
  | { type: 'bake'; step: number; analysis: boolean }
  /** Stop until the gate's environment approves this step. */
  | { type: 'await-approval'; step: number; environment: string }
  | { type: 'promote'; reason: string }
  | { type: 'rollback'; reason: string };

export type Event =
  | { type: 'weight-set'; step: number; requested: number; effective: number; at: Date }
  /** A measurement persisted; `row` is its window's counts for the charts. */
  | { type: 'analysis'; analysis: StepAnalysis; row?: SeriesRow }
  | { type: 'step-passed'; step: number; reason: string; at: Date }
  | { type: 'approved'; step: number }
  | { type: 'paused'; step: number }
  | { type: 'decided'; action: 'promote' | 'rollback'; reason: string; at: Date }
  | {
      type: 'finished';
      result: 'promoted' | 'rolled-back';
      template: unknown;
      images: Record<string, string>;
      at: Date;
    };

function stepLog(current: CurrentRelease, step: number): StepLog | undefined {
  return current.stepLog.find((entry) => entry.step === step);
}

export function decide(record: RolloutRecord): Action {
  const current = record.current;
  if (record.phase === 'idle' || current === undefined) return { type: 'idle' };
  if (record.phase === 'promoting')
    return { type: 'promote', reason: current.decision?.reason ?? 'promotion in progress' };
  if (record.phase === 'rolling-back')
    return { type: 'rollback', reason: current.decision?.reason ?? 'rollback in progress' };
  if (current.decision) return { type: current.decision.action, reason: current.decision.reason };
  const step = current.steps[current.step];
  if (step === undefined) return { type: 'promote', reason: 'every step passed' };
  const last = current.step === current.steps.length - 1;
  const approved = (current.approved ?? []).includes(current.step);
  if (step.approval !== undefined && !approved && stepLog(current, current.step) === undefined)
    return { type: 'await-approval', step: current.step, environment: step.approval };
  // The last step of a profile is 100 %: that is the promotion itself, never a 100 % canary.
  if (last && step.weight >= 100) return { type: 'promote', reason: 'every step passed' };
  if (stepLog(current, current.step) === undefined)
    return { type: 'set-weight', step: current.step, weight: step.weight };
  return { type: 'bake', step: current.step, analysis: step.analysis };
}

function withCurrent(record: RolloutRecord, current: CurrentRelease, at?: Date): RolloutRecord {
  return { ...record, current, ...(at ? { updatedAt: at.toISOString() } : {}) };
}

export function reduce(record: RolloutRecord, event: Event): RolloutRecord {
  const current = record.current;
  if (current === undefined) throw new Error(`rollout: event ${event.type} with no release in progress`);
  switch (event.type) {
    case 'weight-set': {
      const entry: StepLog = {
        step: event.step,
        weight: event.requested,
        effectiveWeight: event.effective,
        startedAt: event.at.toISOString(),
      };
      const log = [...current.stepLog.filter((l) => l.step !== event.step), entry];
      return withCurrent(
        { ...record, phase: 'progressing' },
        { ...current, weight: { requested: event.requested, effective: event.effective }, stepLog: log },
        event.at,
      );
    }
    case 'analysis':
      return withCurrent(record, {
        ...current,
        analysis: event.analysis,
        ...(event.row ? { series: appendSeries(current.series ?? [], event.row) } : {}),
      });
    case 'step-passed': {
      const log = current.stepLog.map((l) =>
        l.step === event.step
          ? { ...l, finishedAt: event.at.toISOString(), verdict: 'pass', reason: event.reason }
          : l,
      );
      const { analysis: _done, ...rest } = current;
      return withCurrent(record, { ...rest, step: event.step + 1, stepLog: log }, event.at);
    }
    case 'approved':
      return withCurrent(
        { ...record, phase: 'progressing' },
        { ...current, approved: [...new Set([...(current.approved ?? []), event.step])] },
      );
    case 'paused':
      return { ...record, phase: 'paused' };
    case 'decided': {
      const log = current.stepLog.map((l) =>
        l.step === current.step && l.finishedAt === undefined
          ? {
              ...l,
              finishedAt: event.at.toISOString(),
              verdict: event.action === 'promote' ? 'pass' : 'fail',
              reason: event.reason,
            }
          : l,
      );
      return withCurrent(
        { ...record, phase: event.action === 'promote' ? 'promoting' : 'rolling-back' },
        {
          ...current,
          stepLog: log,
          decision: { action: event.action, reason: event.reason, at: event.at.toISOString() },
        },
        event.at,
      );
    }
    case 'finished': {
      const entry: ReleaseEntry = {
        id: current.id,
        images: event.images,
        template: event.template,
        result: event.result,
        finishedAt: event.at.toISOString(),
        ...(current.decision ? { reason: current.decision.reason } : {}),
      };
      const { current: _gone, ...rest } = record;
      return {
        ...rest,
        phase: 'idle',
        history: [entry, ...record.history].slice(0, HISTORY_LIMIT),
        updatedAt: event.at.toISOString(),
      };
    }
  }
}
