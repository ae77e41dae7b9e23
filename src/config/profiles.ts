// What each profile means, as dial.yaml defaults. A profile is only defaults: the file overrides any of it.
// The analysis numbers come from src/analysis (where they are measured and justified), in dial.yaml's units.
import { ANALYSIS_DEFAULTS } from '../analysis/defaults.js';
import { formatDuration } from './duration.js';
import type { ConfigDefaults, ProfileName } from './types.js';

/** The profile used when neither dial.yaml nor an input names one: the safe middle. */
export const DEFAULT_PROFILE: ProfileName = 'production';

const compareChecks: NonNullable<NonNullable<ConfigDefaults['analysis']>['checks']> = [
  { name: 'errors', type: 'compare', metric: 'errors' },
  { name: 'latency', type: 'compare', metric: 'latency', thresholdMs: 500 },
];

function analysisDefaults(profile: ProfileName): ConfigDefaults['analysis'] {
  const d = ANALYSIS_DEFAULTS[profile];
  return {
    interval: formatDuration(d.intervalSeconds),
    alpha: d.alpha,
    noData: d.noData,
    checks: compareChecks,
  };
}

export const PROFILE_DEFAULTS: Record<ProfileName, ConfigDefaults> = {
  // Fast feedback: a plain rolling update, a smoke request, a preview per pull request.
  prototype: {
    strategy: { type: 'rolling', progressDeadline: '5m' },
    smoke: { enabled: true, path: '/', expectStatus: 200, timeout: '1m' },
    preview: { enabled: true, mode: 'namespace', ttl: '7d', idleTimeout: '1h' },
  },
  // Canary in steps against a baseline; evidence decides; missing evidence holds, never promotes.
  production: {
    strategy: {
      type: 'canary',
      steps: [10, 25, 50, 100],
      bake: formatDuration(ANALYSIS_DEFAULTS.production.minDurationSeconds),
      progressDeadline: '10m',
    },
    analysis: analysisDefaults('production'),
    smoke: { enabled: false },
    preview: { enabled: false },
  },
  // Stability first: production plus an SLO burn-rate guard, longer bake, a human before 100 %, and a watch.
  'mission-critical': {
    strategy: {
      type: 'canary',
      steps: [5, 10, 25, 50, 100],
      bake: formatDuration(ANALYSIS_DEFAULTS['mission-critical'].minDurationSeconds),
      approval: { environment: 'production' },
      watch: '30m',
      progressDeadline: '10m',
    },
    analysis: analysisDefaults('mission-critical'),
    slos: [
      {
        name: 'availability',
        objective: (ANALYSIS_DEFAULTS['mission-critical'].sloObjective ?? 0.999) * 100,
        metric: 'errors',
      },
    ],
    smoke: { enabled: false },
    preview: { enabled: false },
  },
};
