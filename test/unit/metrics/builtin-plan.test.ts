// The plan shows the builtin queries it will run: a line per check naming the source in the text plan,
// the PromQL per arm in `dial plan --json` and in the job summary, and the interval they need.
import { describe, expect, it } from '@jest/globals';
import { resolve } from 'node:path';
import { runCli } from '../../../src/cli/cli.js';
import { loadConfig } from '../../../src/config/load.js';
import type { OverrideInputs } from '../../../src/config/overrides.js';
import { renderPlanMarkdown } from '../../../src/github/summary-plan.js';
import { traefikQueries } from '../../../src/metrics/builtin/traefik.js';
import { buildPlan, type Plan } from '../../../src/plan/plan.js';
import { renderPlanText } from '../../../src/plan/render-text.js';

async function planOf(example: string, overrides: OverrideInputs = {}): Promise<Plan> {
  const resolved = await loadConfig({
    file: `examples/${example}/dial.yaml`,
    workspace: resolve('.'),
    overrides,
    label: (name) => `input ${name}`,
  });
  return buildPlan(resolved);
}

const TRAEFIK = { set: ['router.implementation=traefik', 'analysis.provider.scrapeInterval=5s'] };

describe('the plan shows the builtin queries', () => {
  it('text: the source, the target, the interval it needs, a line per check', async () => {
    const text = renderPlanText(await planOf('checkout', TRAEFIK));
    const lines = text.split('\n');
    expect(lines).toContain(
      '  builtin queries: traefik (router gateway-api, implementation traefik) in namespace shop, canary checkout-canary, baseline checkout-baseline',
    );
    expect(lines).toContain('    scraped every 5s: needs an interval of at least 10s');
    expect(lines).toContain('    errors   traefik traefik_service_requests_total: bad = code 5xx');
    expect(lines).toContain(
      '    latency  traefik traefik_service_request_duration_seconds_bucket: slow = above the 0.3 s bucket (threshold 300 ms)',
    );
    expect(text).not.toContain('problem:');
  });

  it('text: a threshold between buckets and an interval too short are said plainly', async () => {
    const text = renderPlanText(await planOf('payments'));
    expect(text).toContain(
      'slo-fast-checkout  istio istio_request_duration_milliseconds_bucket: slow = above the 1000 ms bucket (threshold 800 ms)',
    );
    expect(text).toContain(
      'note: thresholdMs 800 falls between the buckets 500 ms and 1000 ms of istio_request_duration_milliseconds_bucket',
    );
    expect(text).toContain('  problem: analysis.interval 10s is shorter than 2 × the scrape interval 15s');
  });

  it('JSON: the exact query text per arm (the burn-rate guard: the canary only)', async () => {
    const plan = await planOf('checkout', TRAEFIK);
    const target = { namespace: 'shop', workload: 'checkout' };
    const latency = plan.analysis?.checks.find((c) => c.name === 'latency');
    const expected = (arm: 'canary' | 'baseline') => {
      const { total, bad } = traefikQueries(arm, target, { metric: 'latency', thresholdMs: 300 });
      return { total, bad };
    };
    expect(latency?.builtin).toEqual({
      source: 'traefik',
      counts:
        'traefik_service_request_duration_seconds_bucket: slow = above the 0.3 s bucket (threshold 300 ms)',
      canary: expected('canary'),
      baseline: expected('baseline'),
      bucket: { le: 'le="0.3"', boundMs: 300, exact: true },
      notes: [],
    });
    const payments = await planOf('payments', { set: ['analysis.interval=30s'] });
    const slo = payments.analysis?.checks.find((c) => c.name === 'slo-availability');
    expect(slo?.builtin?.canary?.bad).toContain('destination_workload="payments-canary"');
    expect(slo?.builtin?.baseline).toBeUndefined();
    expect(payments.analysis?.builtin).not.toHaveProperty('problem');
  });

  it('`dial plan --json` carries them', async () => {
    let out = '';
    const code = await runCli(
      ['plan', '-f', 'examples/checkout/dial.yaml', '--set', 'router.implementation=traefik', '--json'],
      { out: (t) => (out += t), err: () => undefined, cwd: resolve('.') },
    );
    expect(code).toBe(0);
    const plan = JSON.parse(out) as Plan;
    expect(plan.analysis?.checks[0]?.builtin?.canary?.total).toBe(
      'sum(increase(traefik_service_requests_total{service=~"shop-checkout-canary-([a-z0-9-]+-)?[0-9]+@kubernetesgateway"}[{{window}}]))',
    );
    expect(plan.analysis?.builtin).toMatchObject({ source: 'traefik', minIntervalSeconds: 30 });
  });

  it('markdown: folded, the PromQL per arm', async () => {
    const md = renderPlanMarkdown(await planOf('checkout', TRAEFIK));
    expect(md).toContain(
      '<details><summary>Builtin queries: <b>traefik</b> (router gateway-api, implementation traefik), namespace <code>shop</code>, canary <code>checkout-canary</code>, baseline <code>checkout-baseline</code></summary>',
    );
    expect(md).toContain('**errors** — traefik_service_requests_total: bad = code 5xx');
    expect(md).toContain('```promql\n# canary requests\nsum(increase(traefik_service_requests_total{');
  });

  it('explicit queries and a provider without PromQL: no builtin queries', async () => {
    const plan = await planOf('checkout', {
      set: [
        'analysis.provider={type: datadog}',
        'analysis.checks=[{name: errors, type: compare, metric: errors, queries: {canary: {total: a, bad: b}, baseline: {total: c, bad: d}}}]',
      ],
    });
    expect(plan.analysis?.builtin).toBeUndefined();
    expect(plan.analysis?.checks[0]).toMatchObject({ queries: 'explicit' });
    expect(plan.analysis?.checks[0]).not.toHaveProperty('builtin');
  });
});
