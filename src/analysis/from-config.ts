// dial.yaml's `analysis` section and `slos` (merged with the profile's defaults) as the AnalysisSpec the
// judges take. The numbers are the plan's (src/plan/plan.ts planAnalysis): the same alpha per compare
// check, tolerance, regression, minimum requests, no-data policy and criticality, so what `dial plan`
// shows is what the rollout judges by. A compare check or SLO without `queries` gets the builtin queries
// of its router's metrics source (src/metrics/builtin), the very text the plan shows. What cannot be
// judged (no queries possible, an interval too short for the scrape interval) comes back as problems,
// which the caller reports before anything is applied.
import { durationSeconds } from '../config/duration.js';
import type { CheckConfig, DialConfig, ProfileName, SloConfig } from '../config/types.js';
import {
  builtinCheckQueries,
  builtinSetup,
  intervalProblem,
  type BuiltinAvailability,
} from '../metrics/builtin/config.js';
import { WORKBOOK_WINDOWS } from './burn-rate-judge.js';
import { ANALYSIS_DEFAULTS, compareCheckAlpha } from './defaults.js';
import type {
  AnalysisSpec,
  BurnRateCheck,
  CheckSpec,
  CompareCheck,
  CountQueries,
  ThresholdCheck,
} from './spec.js';

/**
 * The analysis of one step that bakes `bakeSeconds`: a pass needs at least the bake
 * (minDurationSeconds), and the analysis must decide within max(bake, the profile's horizon).
 */
export function analysisSpecFromConfig(
  config: DialConfig,
  profile: ProfileName,
  bakeSeconds: number,
): { spec: AnalysisSpec; problems: string[] } {
  const analysis = config.analysis ?? {};
  const d = ANALYSIS_DEFAULTS[profile];
  const alpha = analysis.alpha ?? d.alpha;
  const noData = analysis.noData ?? d.noData;
  const builtin = builtinSetup(config);
  const intervalSeconds = durationSeconds(analysis.interval ?? `${d.intervalSeconds}s`);
  const configured = analysis.checks ?? [];
  // The compare checks share the analysis' alpha (Bonferroni), exactly as the plan shows it.
  const compareAlpha = compareCheckAlpha(
    alpha,
    configured.filter((check) => check.type === 'compare').length,
  );
  const problems: string[] = [];
  const checks: CheckSpec[] = [];

  configured.forEach((check, i) => {
    const made =
      check.type === 'compare'
        ? compareCheck(check, i, { alpha: compareAlpha, profile, builtin }, problems)
        : thresholdCheck(check, i, problems);
    if (made) checks.push(made);
  });
  (config.slos ?? []).forEach((slo, i) => {
    const made = burnRateCheck(slo, i, builtin, problems);
    if (made) checks.push(made);
  });
  const usesBuiltin =
    configured.some((check) => check.type === 'compare' && !check.queries) ||
    (config.slos ?? []).some((slo) => !slo.queries);
  if (usesBuiltin && builtin.ok) {
    const tooShort = intervalProblem(builtin.setup, intervalSeconds);
    if (tooShort) problems.push(tooShort);
  }

  return {
    spec: {
      intervalSeconds,
      minDurationSeconds: bakeSeconds,
      maxDurationSeconds: Math.max(bakeSeconds, d.maxDurationSeconds),
      noData,
      checks,
    },
    problems,
  };
}

/**
 * The canary's and baseline's builtin queries of a check without explicit ones, or undefined with the
 * problem reported (a provider without PromQL, a threshold no bucket of the source can count).
 */
function builtinFor(
  what: string,
  where: string,
  metric: 'errors' | 'latency',
  thresholdMs: number | undefined,
  builtin: BuiltinAvailability,
  problems: string[],
  arms: Array<'canary' | 'baseline'> = ['canary', 'baseline'],
): { canary: CountQueries; baseline?: CountQueries } | undefined {
  if (!builtin.ok) {
    problems.push(`${what} has no queries and ${builtin.reason}: give ${where} in its query language`);
    return undefined;
  }
  const made = builtinCheckQueries(builtin.setup, metric, thresholdMs, arms);
  if (!made.ok) {
    problems.push(`${what}: builtin queries (${made.source}): ${made.problem}; or give ${where}`);
    return undefined;
  }
  const { canary, baseline } = made.arms;
  if (!canary) return undefined;
  return {
    canary: { total: canary.total, bad: canary.bad },
    ...(baseline ? { baseline: { total: baseline.total, bad: baseline.bad } } : {}),
  };
}

function compareCheck(
  check: CheckConfig,
  i: number,
  context: { alpha: number; profile: ProfileName; builtin: BuiltinAvailability },
  problems: string[],
): CompareCheck | undefined {
  const d = ANALYSIS_DEFAULTS[context.profile];
  const metric = check.metric ?? 'errors';
  if (metric === 'latency' && check.thresholdMs === undefined) {
    problems.push(
      `check \`${check.name}\` on latency has no thresholdMs: give analysis.checks[${i}].thresholdMs, the bound above which a request counts as slow`,
    );
    return undefined;
  }
  const queries =
    check.queries ??
    builtinFor(
      `check \`${check.name}\``,
      `analysis.checks[${i}].queries`,
      metric,
      check.thresholdMs,
      context.builtin,
      problems,
    );
  if (!queries?.baseline) return undefined;
  return {
    type: 'compare',
    name: check.name,
    critical: check.critical ?? true,
    ...(check.noData ? { noData: check.noData } : {}),
    metric,
    ...(metric === 'latency' && check.thresholdMs !== undefined
      ? { latencyThresholdMs: check.thresholdMs }
      : {}),
    canary: { ...queries.canary },
    baseline: { ...queries.baseline },
    alpha: context.alpha,
    tolerance: check.tolerance ?? d.tolerance,
    regression: check.regression ?? d.regression,
    minRequests: check.minRequests ?? d.minRequests,
  };
}

function thresholdCheck(check: CheckConfig, i: number, problems: string[]): ThresholdCheck | undefined {
  let ok = true;
  if (!check.query) {
    problems.push(`threshold check \`${check.name}\` has no query: give analysis.checks[${i}].query`);
    ok = false;
  }
  if (check.min === undefined && check.max === undefined) {
    problems.push(`threshold check \`${check.name}\` needs analysis.checks[${i}].min, .max or both`);
    ok = false;
  }
  if (!ok || !check.query) return undefined;
  return {
    type: 'threshold',
    name: check.name,
    // As the plan shows it: a threshold check is critical only when dial.yaml says `critical: true`.
    critical: check.critical ?? false,
    ...(check.noData ? { noData: check.noData } : {}),
    query: check.query,
    ...(check.min !== undefined ? { min: check.min } : {}),
    ...(check.max !== undefined ? { max: check.max } : {}),
  };
}

function burnRateCheck(
  slo: SloConfig,
  i: number,
  builtin: BuiltinAvailability,
  problems: string[],
): BurnRateCheck | undefined {
  const metric = slo.metric ?? 'errors';
  if (metric === 'latency' && slo.thresholdMs === undefined) {
    problems.push(`SLO \`${slo.name}\` on latency has no thresholdMs: give slos[${i}].thresholdMs`);
    return undefined;
  }
  const canary =
    slo.queries ??
    builtinFor(
      `SLO \`${slo.name}\``,
      `slos[${i}].queries (the canary's total and bad requests)`,
      metric,
      slo.thresholdMs,
      builtin,
      problems,
      ['canary'],
    )?.canary;
  if (!canary) return undefined;
  return {
    type: 'burn-rate',
    name: `slo-${slo.name}`,
    critical: true,
    objective: slo.objective / 100,
    canary: { ...canary },
    windows: WORKBOOK_WINDOWS.map((window) => ({ ...window })),
  };
}
