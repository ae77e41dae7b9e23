// The one record a service's rollouts keep in its namespace (a ConfigMap, see src/kube/state-store.ts).
// It is everything promote, rollback, status and a resumed run need: none of them takes the original
// inputs again. Plain JSON, versioned, so an older or newer Dial reading it fails clearly.

import type { AnalysisSpec } from '../analysis/spec.js';
import type { RouterConfig } from '../config/types.js';
import type { SeriesRow } from './series.js';
import type { ProviderConfig } from '../metrics/config.js';

export const RECORD_VERSION = 1;

export type Phase =
  /** Nothing in progress: the last release finished (or none yet). */
  | 'idle'
  /** Canary and baseline exist; steps are being walked. */
  | 'progressing'
  /** A gate (approval) stops the walk until a later run continues it. */
  | 'paused'
  /** The canary's template is becoming the stable one. */
  | 'promoting'
  /** All traffic is going back to stable; canary and baseline are being removed. */
  | 'rolling-back';

export type ReleaseResult = 'promoted' | 'rolled-back' | 'deployed' | 'failed';

export interface StepPlan {
  weight: number;
  bakeSeconds: number;
  /** Analysis runs during the bake. */
  analysis: boolean;
  /** A GitHub environment whose approval is needed before this step's weight is set. */
  approval?: string;
}

/** A finished release, newest first in `history`: what `rollback --to-previous` returns to. */
export interface ReleaseEntry {
  id: string;
  images: Record<string, string>;
  /** The stable pod template of that release (JSON), applied again by `rollback --to-previous`. */
  template: unknown;
  result: ReleaseResult;
  finishedAt: string;
  reason?: string;
}

/** The analysis of the current step: serialized evidence (src/analysis/evidence.ts) and its cadence. */
export interface StepAnalysis {
  step: number;
  evidence: string;
  nextDue: string;
  verdict?: string;
  /** The analysis decided (its verdict is final): a resumed run acts on it instead of measuring again. */
  done?: boolean;
  reason?: string;
  explanation?: string;
  /** Requests seen per arm, for progress lines and summaries. */
  requests?: { canary: number; baseline: number };
}

/** One line of the rollout's log of steps, for status and summaries. */
export interface StepLog {
  step: number;
  weight: number;
  effectiveWeight: number;
  startedAt: string;
  finishedAt?: string;
  verdict?: string;
  reason?: string;
}

/** What promote, rollback and analyze need later, so they never ask for dial.yaml again. */
export interface ReleaseSettings {
  progressDeadlineSeconds: number;
  /** strategy.watch: how long the new stable is judged after promotion (threshold checks); 0 or absent: not watched. */
  watchSeconds?: number;
  /** The analysis as dial.yaml resolved it (secrets are names of environment variables only). */
  analysis?: { provider: ProviderConfig; spec: AnalysisSpec };
}

export interface CurrentRelease {
  id: string;
  settings: ReleaseSettings;
  images: Record<string, string>;
  startedAt: string;
  /** Lock identity of the run that started it. */
  startedBy: string;
  /** The canary's pod template (JSON): promote makes it the stable one without the original inputs. */
  template: unknown;
  /** The stable's pod template when the release started: the baseline runs it, rollback restores it. */
  baselineTemplate: unknown;
  /** The manifests' other objects (Services, ConfigMaps, ...): those missing are created at the start, the rest applied at promotion. */
  objects: unknown[];
  /** spec.replicas the manifests give the workload, if any (promotion applies it unless an autoscaler owns it). */
  manifestReplicas?: number;
  /** The stable Deployment's replica count when the release started (restored on rollback). */
  stableReplicas: number;
  steps: StepPlan[];
  /** Index into steps of the step in progress (or about to start). */
  step: number;
  /** The weight asked for and the weight the router achieved (replica ratios round). */
  weight: { requested: number; effective: number };
  stepLog: StepLog[];
  analysis?: StepAnalysis;
  /** Per-window canary and baseline counts for the summary's charts (capped; see series.ts). */
  series?: SeriesRow[];
  /** Steps whose approval gate was passed. */
  approved?: number[];
  /** Set once a decision is taken: the engine finishes it even if it is killed and rerun. */
  decision?: { action: 'promote' | 'rollback'; reason: string; at: string };
}

export interface RolloutRecord {
  version: typeof RECORD_VERSION;
  service: string;
  namespace: string;
  /** `Deployment/<name>`: the stable workload. */
  workload: { kind: 'Deployment'; name: string };
  router: string;
  /** The router's whole configuration (its objects' names), so promote and rollback need no dial.yaml. */
  routerConfig?: RouterConfig;
  phase: Phase;
  current?: CurrentRelease;
  /** Finished releases, newest first, at most HISTORY_LIMIT. */
  history: ReleaseEntry[];
  updatedAt: string;
}

export const HISTORY_LIMIT = 5;

export function emptyRecord(
  service: string,
  namespace: string,
  workload: string,
  router: string,
  now: Date,
): RolloutRecord {
  return {
    version: RECORD_VERSION,
    service,
    namespace,
    workload: { kind: 'Deployment', name: workload },
    router,
    phase: 'idle',
    history: [],
    updatedAt: now.toISOString(),
  };
}
