import { describe, expect, it } from '@jest/globals';
import { resolve } from 'node:path';
import { WORKBOOK_WINDOWS } from '../../../src/analysis/burn-rate-judge.js';
import { analysisSpecFromConfig } from '../../../src/analysis/index.js';
import type { CheckSpec } from '../../../src/analysis/spec.js';
import { loadConfig, type ResolvedConfig } from '../../../src/config/load.js';
import type { OverrideInputs } from '../../../src/config/overrides.js';
import type { DialConfig } from '../../../src/config/types.js';
import { buildPlan, type Plan } from '../../../src/plan/plan.js';

async function load(example: string, overrides: OverrideInputs = {}): Promise<ResolvedConfig> {
  return loadConfig({
    file: `examples/${example}/dial.yaml`,
    workspace: resolve('.'),
    overrides,
    label: (name) => `input ${name}`,
  });
}

const q = (arm: string, what: string) => ({
  total: `sum(increase(http_requests_total{track="${arm}",what="${what}"}[{{window}}]))`,
  bad: `sum(increase(http_requests_total{track="${arm}",what="${what}",code=~"5.."}[{{window}}]))`,
});

/** The merged config with explicit queries on every compare check and SLO (no builtin queries yet). */
function withQueries(resolved: ResolvedConfig): ResolvedConfig {
  const config = structuredClone(resolved.config) as DialConfig;
  for (const check of config.analysis?.checks ?? [])
    if (check.type === 'compare')
      check.queries = { canary: q('canary', check.name), baseline: q('baseline', check.name) };
  for (const slo of config.slos ?? []) slo.queries = q('canary', slo.name);
  return { ...resolved, config };
}

/** Every check of the spec agrees with the plan's line for it: the same numbers, the same policy. */
function expectAgreement(plan: Plan, checks: CheckSpec[]): void {
  const analysis = plan.analysis!;
  expect(checks.map((c) => c.name)).toEqual(analysis.checks.map((c) => c.name));
  for (const check of checks) {
    const line = analysis.checks.find((c) => c.name === check.name)!;
    expect(line.kind).toBe(check.type);
    expect(check.critical).toBe(line.critical);
    expect(check.noData ?? analysis.noData).toBe(line.noData);
    if (check.type === 'compare') {
      expect(check.alpha).toBe(line.thresholds.alpha);
      expect(check.tolerance).toBe(line.thresholds.tolerance);
      expect(check.regression).toBe(line.thresholds.regression);
      expect(check.minRequests).toBe(line.thresholds.minRequests);
      expect(check.latencyThresholdMs).toBe(line.thresholds.thresholdMs);
    } else if (check.type === 'threshold') {
      expect(check.min).toBe(line.thresholds.min);
      expect(check.max).toBe(line.thresholds.max);
      expect(check.query).toBe(line.query);
    } else {
      expect(check.objective).toBe(line.thresholds.objective);
      expect(check.windows).toEqual(WORKBOOK_WINDOWS);
    }
  }
}

describe('analysisSpecFromConfig agrees with the plan', () => {
  it('production (checkout): compare checks share alpha, the threshold check stays non-critical', async () => {
    const resolved = withQueries(await load('checkout'));
    const plan = buildPlan(resolved);
    const bake = plan.steps[0]!.bakeSeconds;
    const { spec, problems } = analysisSpecFromConfig(resolved.config, resolved.profile, bake);
    expect(problems).toEqual([]);
    expectAgreement(plan, spec.checks);
    expect(spec).toMatchObject({
      intervalSeconds: plan.analysis!.intervalSeconds,
      noData: plan.analysis!.noData,
      minDurationSeconds: 180,
      maxDurationSeconds: 1800,
    });
    const [errors, latency, saturation] = spec.checks;
    expect(errors).toMatchObject({
      type: 'compare',
      metric: 'errors',
      alpha: 0.025,
      critical: true,
      canary: q('canary', 'errors'),
      baseline: q('baseline', 'errors'),
    });
    expect(latency).toMatchObject({ metric: 'latency', latencyThresholdMs: 300, alpha: 0.025 });
    expect(saturation).toMatchObject({ type: 'threshold', max: 0.25, critical: false });
  });

  it('mission-critical (payments): SLOs become burn-rate checks; the profile horizon and minRequests', async () => {
    const resolved = withQueries(await load('payments'));
    const plan = buildPlan(resolved);
    const { spec, problems } = analysisSpecFromConfig(resolved.config, resolved.profile, 900);
    expect(problems).toEqual([]);
    expectAgreement(plan, spec.checks);
    expect(spec).toMatchObject({ noData: 'rollback', minDurationSeconds: 900, maxDurationSeconds: 3600 });
    expect(
      spec.checks.filter((c) => c.type === 'compare').map((c) => c.type === 'compare' && c.minRequests),
    ).toEqual([500, 500]);
    expect(spec.checks.filter((c) => c.type === 'burn-rate')).toEqual([
      {
        type: 'burn-rate',
        name: 'slo-availability',
        critical: true,
        objective: 0.9995,
        canary: q('canary', 'availability'),
        windows: WORKBOOK_WINDOWS,
      },
      {
        type: 'burn-rate',
        name: 'slo-fast-checkout',
        critical: true,
        objective: 0.99,
        canary: q('canary', 'fast-checkout'),
        windows: WORKBOOK_WINDOWS,
      },
    ]);
  });

  it('follows overrides of the analysis the plan shows (alpha, interval, per-check numbers, no data)', async () => {
    const resolved = withQueries(
      await load('checkout', {
        set: [
          'analysis.alpha=0.1',
          'analysis.interval=30s',
          'analysis.noData=inconclusive',
          'analysis.checks=[{name: errors, type: compare, metric: errors, tolerance: 1.2, regression: 2, minRequests: 50, noData: rollback, critical: false}, {name: cpu, type: threshold, query: "max(x)", min: 0.1, critical: true}]',
        ],
      }),
    );
    const plan = buildPlan(resolved);
    const { spec, problems } = analysisSpecFromConfig(resolved.config, resolved.profile, 60);
    expect(problems).toEqual([]);
    expectAgreement(plan, spec.checks);
    expect(spec.intervalSeconds).toBe(30);
    expect(spec.noData).toBe('inconclusive');
    expect(spec.checks[0]).toMatchObject({
      alpha: 0.1,
      tolerance: 1.2,
      regression: 2,
      minRequests: 50,
      noData: 'rollback',
      critical: false,
    });
    expect(spec.checks[1]).toMatchObject({ type: 'threshold', min: 0.1, critical: true });
  });

  it('never lets the horizon fall below a long bake', async () => {
    const resolved = withQueries(await load('checkout'));
    const { spec } = analysisSpecFromConfig(resolved.config, resolved.profile, 7200);
    expect(spec).toMatchObject({ minDurationSeconds: 7200, maxDurationSeconds: 7200 });
  });
});

/** The check's queries as the plan shows them: builtin per arm (a burn-rate guard: the canary). */
function planQueries(plan: Plan, name: string) {
  const line = plan.analysis!.checks.find((c) => c.name === name)!;
  return { canary: line.builtin?.canary, baseline: line.builtin?.baseline };
}

describe('analysisSpecFromConfig: builtin queries for checks without their own', () => {
  it('gateway-api (default envoy): both arms, exactly the queries the plan shows', async () => {
    const resolved = await load('checkout', { set: ['analysis.provider.scrapeInterval=5s'] });
    const plan = buildPlan(resolved);
    const { spec, problems } = analysisSpecFromConfig(resolved.config, resolved.profile, 180);
    expect(problems).toEqual([]);
    expectAgreement(plan, spec.checks);
    const [errors, latency] = spec.checks;
    if (errors?.type !== 'compare' || latency?.type !== 'compare') throw new Error('compare checks expected');
    expect({ canary: errors.canary, baseline: errors.baseline }).toEqual(planQueries(plan, 'errors'));
    expect({ canary: latency.canary, baseline: latency.baseline }).toEqual(planQueries(plan, 'latency'));
    expect(errors.canary.total).toContain('envoy_cluster_upstream_rq_xx{envoy_cluster_name=~"');
    expect(errors.baseline.bad).toContain('checkout[-_]baseline');
    expect(errors.baseline.bad).toContain('envoy_response_code_class="5"');
    // 300 ms falls between Envoy's 250 and 500 ms buckets: slow = above 500 ms, as the plan notes.
    expect(latency.canary.bad).toContain('le=~"500|500\\\\.0"');
    expect(plan.analysis!.checks.find((c) => c.name === 'latency')?.builtin).toMatchObject({
      source: 'envoy',
      bucket: { boundMs: 500, exact: false },
      notes: [expect.stringContaining('falls between the buckets 250 ms and 500 ms')],
    });
    expect(plan.analysis!.builtin).toMatchObject({
      source: 'envoy',
      chosenBy: 'router gateway-api, implementation envoy by default',
      scrapeIntervalSeconds: 5,
      minIntervalSeconds: 10,
    });
  });

  it('router.implementation picks the source (traefik)', async () => {
    const resolved = await load('checkout', {
      set: ['router.implementation=traefik', 'analysis.interval=30s'],
    });
    const { spec, problems } = analysisSpecFromConfig(resolved.config, resolved.profile, 180);
    expect(problems).toEqual([]);
    const errors = spec.checks[0];
    if (errors?.type !== 'compare') throw new Error('compare check expected');
    expect(errors.canary).toEqual({
      total:
        'sum(increase(traefik_service_requests_total{service=~"shop-checkout-canary-([a-z0-9-]+-)?[0-9]+@kubernetesgateway"}[{{window}}]))',
      bad: 'sum(increase(traefik_service_requests_total{service=~"shop-checkout-canary-([a-z0-9-]+-)?[0-9]+@kubernetesgateway",code=~"5.."}[{{window}}]))',
    });
  });

  it('mission-critical (payments, istio): SLOs get the canary builtin queries; latency SLOs by bucket', async () => {
    const resolved = await load('payments', { set: ['analysis.interval=30s'] });
    const plan = buildPlan(resolved);
    const { spec, problems } = analysisSpecFromConfig(resolved.config, resolved.profile, 900);
    expect(problems).toEqual([]);
    expectAgreement(plan, spec.checks);
    const burn = spec.checks.filter((c) => c.type === 'burn-rate');
    expect(burn.map((c) => c.name)).toEqual(['slo-availability', 'slo-fast-checkout']);
    const [availability, fast] = burn;
    expect(availability?.canary).toEqual(planQueries(plan, 'slo-availability').canary);
    expect(availability?.canary.bad).toBe(
      'sum(increase(istio_requests_total{reporter="destination",destination_workload_namespace="payments",destination_workload="payments-canary",response_code=~"5.."}[{{window}}]))',
    );
    // 800 ms is no Istio bucket: slow = above 1000 ms.
    expect(fast?.canary.bad).toContain('le=~"1000|1000\\\\.0"');
    expect(planQueries(plan, 'slo-fast-checkout').baseline).toBeUndefined();
  });

  it('replicas: the service own metrics by track label', async () => {
    const resolved = await load('checkout', { set: ['analysis.interval=30s'] });
    const config = structuredClone(resolved.config) as DialConfig;
    config.router = { type: 'replicas' };
    const { spec, problems } = analysisSpecFromConfig(config, resolved.profile, 180);
    expect(problems).toEqual([]);
    const errors = spec.checks[0];
    if (errors?.type !== 'compare') throw new Error('compare check expected');
    expect(errors.baseline.bad).toBe(
      'sum(increase(http_requests_total{namespace="shop",track="baseline",pod=~"checkout-baseline-[a-z0-9]+-[a-z0-9]+",code=~"5.."}[{{window}}]))',
    );
  });

  it('an interval shorter than twice the scrape interval is a problem (default 15s)', async () => {
    const resolved = await load('checkout');
    const { spec, problems } = analysisSpecFromConfig(resolved.config, resolved.profile, 180);
    expect(problems).toEqual([
      "analysis.interval 10s is shorter than 2 × the scrape interval 15s (analysis.provider.scrapeInterval, default 15s): Prometheus' increase() needs 2 samples inside each measurement window, so the builtin queries would find no data. Set analysis.interval to 30s or more, or state analysis.provider.scrapeInterval if Prometheus scrapes these metrics more often",
    ]);
    // The checks are still built; the caller refuses to go on while problems remain.
    expect(spec.checks.map((c) => c.name)).toEqual(['errors', 'latency', 'saturation']);
    expect(buildPlan(resolved).analysis?.builtin).toMatchObject({ problem: problems[0] });
    // Explicit queries are the user's own PromQL: no scrape-interval rule applies to them.
    expect(analysisSpecFromConfig(withQueries(resolved).config, resolved.profile, 180).problems).toEqual([]);
  });

  it('a provider without PromQL: no builtin queries, a problem naming the check', async () => {
    const resolved = await load('checkout');
    const config = structuredClone(resolved.config) as DialConfig;
    config.analysis!.provider = { type: 'datadog' };
    const { spec, problems } = analysisSpecFromConfig(config, resolved.profile, 180);
    expect(problems).toEqual([
      'check `errors` has no queries and builtin queries are PromQL and the provider is `datadog`: give analysis.checks[0].queries in its query language',
      'check `latency` has no queries and builtin queries are PromQL and the provider is `datadog`: give analysis.checks[1].queries in its query language',
    ]);
    expect(spec.checks.map((c) => c.name)).toEqual(['saturation']);
  });

  it('a latency threshold above every bucket of the source is a problem', async () => {
    const resolved = await load('checkout', {
      set: [
        'router.implementation=traefik',
        'analysis.interval=30s',
        'analysis.checks=[{name: latency, type: compare, metric: latency, thresholdMs: 6000}]',
      ],
    });
    const { problems } = analysisSpecFromConfig(resolved.config, resolved.profile, 180);
    expect(problems).toEqual([
      'check `latency`: builtin queries (traefik): thresholdMs 6000 is above the largest bucket of traefik_service_request_duration_seconds_bucket (5 s): no bucket counts the requests slower than it; lower thresholdMs, or set analysis.builtin.buckets to the bounds the histogram really has; or give analysis.checks[0].queries',
    ]);
    // With the histogram's real buckets it can.
    const finer = await load('checkout', {
      set: [
        'router.implementation=traefik',
        'analysis.interval=30s',
        'analysis.builtin.buckets=[0.1, 0.3, 1.2, 5, 6, 10]',
        'analysis.checks=[{name: latency, type: compare, metric: latency, thresholdMs: 6000}]',
      ],
    });
    const made = analysisSpecFromConfig(finer.config, finer.profile, 180);
    expect(made.problems).toEqual([]);
    const latency = made.spec.checks[0];
    expect(latency?.type === 'compare' && latency.canary.bad).toContain('le=~"6|6\\\\.0"');
  });
});
