// Every mermaid block Dial writes — the plan summary of each example and a rollout summary — parsed and
// rendered by the real mermaid library in headless Chromium, with each mermaid version GitHub may run,
// and checked in the DOM: one bar per gantt task where its time puts it, every label, the axis at 00:00
// in any time zone, one point or bar per xychart category in the palette's colours, no "Syntax error".
// Then whole summaries are drawn as a reviewer sees them and kept as screenshots under test-output/.
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { loadConfig } from '../../src/config/load.js';
import { mermaidBlocks } from '../../src/github/mermaid.js';
import { renderPlanMarkdown } from '../../src/github/summary-plan.js';
import { renderRolloutSummary, rolloutSummaryInput } from '../../src/github/summary-rollout.js';
import { chromiumPath, launchChromium, type Chromium } from '../../src/demo/chromium.js';
import { buildPlan } from '../../src/plan/plan.js';
import { blockProblems, ganttProblems, type Probe } from './expect.js';
import { githubPage } from './github-page.js';
import { rolledBackRollout } from './rollout-fixture.js';
import { startServer, type PageServer } from './server.js';
import { MERMAID_VERSIONS, SCREENSHOT_VERSION } from './versions.js';

const OUTPUT = resolve('test-output/render');
const EXAMPLES = readdirSync('examples')
  .filter((name) => !name.startsWith('.'))
  .sort();
/** Readers far from UTC: the axis must still start at 00:00 and the bars stay put. */
const ZONES = ['UTC', 'America/Los_Angeles', 'Asia/Kolkata'];

async function planSummary(example: string): Promise<string> {
  const resolved = await loadConfig({
    file: `examples/${example}/dial.yaml`,
    workspace: resolve('.'),
    overrides: {},
    label: (name) => `input ${name}`,
  });
  return renderPlanMarkdown(buildPlan(resolved));
}

function rolloutSummary(): string {
  const fixture = rolledBackRollout();
  return renderRolloutSummary(
    rolloutSummaryInput(fixture.after, {
      release: fixture.release,
      result: 'rolled-back',
      runUrl: 'https://github.com/acme/shop/actions/runs/1234567890',
    }),
  );
}

let chromium: Chromium;
let server: PageServer;
const documents = new Map<string, string>();

/** Edge shapes: a single category, a chart that ends in `end`, no series at all. */
function otherRollouts(): Array<[string, string]> {
  const fixture = rolledBackRollout();
  const base = rolloutSummaryInput(fixture.after, { release: fixture.release, result: 'rolled-back' });
  const first = base.steps[0]!;
  const { series: _s, checks: _c, explanation: _e, ...bare } = base;
  return [
    [
      'rollout starting (one window)',
      renderRolloutSummary({
        ...base,
        result: 'progressing',
        steps: [{ ...first, finishedAt: undefined, verdict: undefined }] as typeof base.steps,
        series: base.series!.slice(0, 1),
        now: first.startedAt,
      }),
    ],
    [
      'rollout promoted (no series)',
      renderRolloutSummary({
        ...bare,
        result: 'promoted',
        steps: base.steps.map((s) => ({ ...s, verdict: 'pass' })),
      }),
    ],
    [
      'rollout rolling back (record before finish)',
      renderRolloutSummary(rolloutSummaryInput(fixture.beforeFinish)),
    ],
  ];
}

beforeAll(async () => {
  for (const example of EXAMPLES) documents.set(`plan ${example}`, await planSummary(example));
  documents.set('rollout rolled back', rolloutSummary());
  for (const [name, markdown] of otherRollouts()) documents.set(name, markdown);
  const binary = chromiumPath();
  if (!binary) throw new Error('chromium not found: `apt-get install -y chromium` (scripts/setup.sh does)');
  chromium = await launchChromium(binary);
  server = await startServer();
  mkdirSync(OUTPUT, { recursive: true });
}, 60_000);

afterAll(async () => {
  await server?.close();
  await chromium?.close();
});

async function blankPage(
  alias: string,
  timezoneId: string,
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await chromium.browser.newContext({ timezoneId, viewport: { width: 1100, height: 900 } });
  const page = await context.newPage();
  await page.goto(server.blank(alias));
  return { context, page };
}

async function probe(page: Page, text: string): Promise<Probe> {
  return (await page.evaluate(`window.dialProbe(${JSON.stringify(text)})`)) as Probe;
}

describe.each(MERMAID_VERSIONS.map((v) => [v.version, v] as const))('mermaid %s', (_, version) => {
  it('renders every block of every summary as its text says', async () => {
    const { context, page } = await blankPage(version.alias, 'UTC');
    try {
      const problems: string[] = [];
      let blocks = 0;
      for (const [name, markdown] of documents) {
        for (const [i, text] of mermaidBlocks(markdown).entries()) {
          blocks++;
          for (const problem of blockProblems(text, await probe(page, text)))
            problems.push(`${name}, block ${i + 1}: ${problem}`);
        }
      }
      expect(problems).toEqual([]);
      // 2 canary examples with a gantt each, and the rollout's three charts.
      expect(blocks).toBeGreaterThanOrEqual(5);
    } finally {
      await context.close();
    }
  });

  it('draws the plan gantts alike in every time zone, `5% bake` included', async () => {
    const gantts = [...documents]
      .filter(([name]) => name.startsWith('plan '))
      .flatMap(([name, md]) => mermaidBlocks(md).map((text) => [name, text] as const))
      .filter(([, text]) => text.startsWith('gantt'));
    expect(gantts.map(([, text]) => text).join('\n')).toContain('5#37; bake');
    const seen = new Map<string, string>();
    for (const zone of ZONES) {
      const { context, page } = await blankPage(version.alias, zone);
      try {
        for (const [name, text] of gantts) {
          const result = await probe(page, text);
          expect({ zone, name, problems: ganttProblems(text, result) }).toEqual({ zone, name, problems: [] });
          if (name === 'plan payments') expect(result.labels).toContain('5% bake');
          const drawn = JSON.stringify({
            tasks: result.tasks?.map((t) => [t.x, t.width]),
            ticks: result.ticks,
          });
          expect({ zone, name, drawn }).toEqual({ zone, name, drawn: seen.get(name) ?? drawn });
          seen.set(name, drawn);
        }
      } finally {
        await context.close();
      }
    }
  });

  it('catches the old gantt: `dateFormat X` and a task line starting `5%`', async () => {
    const old = [
      'gantt',
      '  dateFormat X',
      '  axisFormat %H:%M',
      '  section rollout',
      '  5% bake :s1, 0, 900s',
      '  10% bake :s2, 900, 900s',
      '  25% bake :s3, 1800, 900s',
    ].join('\n');
    const { context, page } = await blankPage(version.alias, 'America/Los_Angeles');
    try {
      const result = await probe(page, old);
      // Every version drops the `5% bake` task: the lexer reads the line as a comment.
      expect(result.labels).not.toContain('5% bake');
      expect(result.tasks).toHaveLength(2);
      // From 11.12 on, integers are milliseconds: every bar starts within a pixel or two of the origin.
      const [major, minor] = version.version.split('.').map(Number) as [number, number];
      const xs = result.tasks?.map((t) => t.x) ?? [];
      const spread = Math.max(...xs) - Math.min(...xs);
      if (major > 11 || (major === 11 && minor >= 12)) expect(spread).toBeLessThan(2);
      else expect(spread).toBeGreaterThan(100);
    } finally {
      await context.close();
    }
  });
});

describe('what a reviewer sees', () => {
  const shots: Array<[string, string]> = [
    ['rollout rolled back', 'rollout-summary'],
    ['plan payments', 'plan-summary-payments'],
    ['plan checkout', 'plan-summary-checkout'],
  ];
  for (const version of new Set([SCREENSHOT_VERSION, MERMAID_VERSIONS[MERMAID_VERSIONS.length - 1]!]))
    it.each(shots)(`%s, drawn by mermaid ${version.version}, is kept as a screenshot`, async (name, file) => {
      const markdown = documents.get(name)!;
      const title = `${name.startsWith('plan') ? 'dry-run' : 'canary'} summary`;
      const url = server.page(`${file}-${version.alias}`, githubPage(markdown, version.alias, title));
      const context = await chromium.browser.newContext({
        timezoneId: 'America/Los_Angeles',
        viewport: { width: 1100, height: 900 },
      });
      try {
        const page = await context.newPage();
        await page.goto(url);
        const loaded = (await page.evaluate(
          `performance.getEntriesByType('resource').map((entry) => entry.name)`,
        )) as string[];
        expect(loaded.filter((name) => name.includes('/mermaid/'))).toEqual([
          expect.stringMatching(new RegExp(`/mermaid/${version.alias}\\.js$`)),
        ]);
        const results = (await page.evaluate('window.dialRenderPage()')) as Probe[];
        expect(results).toHaveLength(mermaidBlocks(markdown).length);
        expect(results.map((r) => r.rendered && !r.syntaxError)).toEqual(results.map(() => true));
        // The tables beside the charts are there too, with their legends.
        const text = (await page.textContent('.markdown-body')) ?? '';
        if (name.startsWith('rollout')) {
          expect(text).toContain('🟥 line: canary · 🟦 line: baseline');
          expect(text).toContain('rolled back');
        } else expect(text).toContain('% bake');
        const path = `${OUTPUT}/${file}-mermaid-${version.version}.png`;
        writeFileSync(path, await page.screenshot({ fullPage: true }));
      } finally {
        await context.close();
      }
    });
});
