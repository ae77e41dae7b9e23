// The demo's report: Markdown with an overview (what ran, the generated load, each release's verdict) and,
// per canary release, the very job summary the actions write (src/github/summary-rollout.ts: steps,
// checks with their numbers, weight and canary-vs-baseline charts in mermaid, a table beside each);
// then the same as an HTML page that opens without GitHub or a network (charts drawn to inline SVG by
// mermaid in headless chromium) and a PNG of that page. Without chromium the HTML draws its charts when
// opened, with the mermaid bundle from node_modules.
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Marked } from 'marked';
import { renderRolloutSummary, rolloutSummaryInput } from '../github/summary-rollout.js';
import type { CurrentRelease, RolloutRecord } from '../rollout/record.js';
import { chromiumPath, launchChromium, type Chromium } from './chromium.js';
import { ARMS, type Arm, type WindowStats } from './load.js';

export interface ReleaseRun {
  /** v1, v2, v3. */
  name: string;
  /** What this release changes, in words. */
  about: string;
  /** The dial command line, as a user would type it. */
  command: string;
  exitCode: number;
  /** The CLI's last line: `promoted: …`, `rolled-back: …`. */
  result: string;
  seconds: number;
  /** The release as last seen before it finished (canary releases). */
  release?: CurrentRelease;
  /** When the command ran, in the load generator's time (ms since it started). */
  sent?: { fromMs: number; toMs: number };
  /** What the load generator saw of the requests it sent while the command ran. */
  load?: WindowStats;
}

export interface DemoReport {
  startedAt: Date;
  namespace: string;
  service: string;
  profileLine: string;
  gatewayUrl: string;
  host: string;
  load: { rate: number; maxRequests: number; maxSeconds: number; sent: number; stopped?: string };
  runs: ReleaseRun[];
  /** The record after the last release, which holds every release's result in its history. */
  record?: RolloutRecord;
}

const ARM_LABEL: Record<Arm, string> = {
  canary: 'canary',
  baseline: 'baseline',
  stable: 'stable',
  gateway: 'no pod answered',
};

const ms = (value: number | undefined) => (value === undefined ? '—' : `${Math.round(value)} ms`);
const pct = (part: number, all: number) => (all > 0 ? `${((100 * part) / all).toFixed(1)} %` : '—');

function verdictCell(run: ReleaseRun): string {
  const [word] = run.result.split(':');
  const icon =
    word === 'promoted' || word === 'deployed'
      ? '✅'
      : word === 'rolled-back' || word === 'inconclusive'
        ? '❌'
        : '⚠️';
  return `${icon} ${resultWord(run.result)}`;
}

const escapeCell = (text: string) => text.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** `rolled-back: why` → `rolled back`. */
export const resultWord = (result: string): string => (result.split(':')[0] ?? result).replace(/-/g, ' ');

/** The whole report as Markdown. */
export function renderReport(report: DemoReport): string {
  const md: string[] = [
    `# Dial demo: ${report.runs.map((r) => `${r.name} ${resultWord(r.result)}`).join(', ')}`,
    '',
    `${report.startedAt.toISOString().slice(0, 19).replace('T', ' ')} UTC · service \`${report.service}\` in namespace \`${report.namespace}\` on the test bed (Kubernetes with kwok pods, Traefik as the Gateway API implementation, Prometheus scraping Traefik every second) · ${report.profileLine}`,
    '',
    `**The requests are generated:** a load generator sent ${report.load.sent} GET requests at ${report.load.rate} per second through the test bed's gateway (${report.gatewayUrl}, Host \`${report.host}\`), at most ${report.load.maxRequests} requests or ${report.load.maxSeconds} s${report.load.stopped ? ` (stopped: ${report.load.stopped})` : ''}. Each pod answers as its release's manifests say (the bed's pod runner reads the pod's env); Traefik routes by the weights Dial writes into the HTTPRoute, and Dial judged the canary on Traefik's metrics from Prometheus.`,
    '',
    '| release | what changed | result | why | time |',
    '|---|---|---|---|---:|',
  ];
  for (const run of report.runs) {
    const why = run.result.slice(run.result.indexOf(':') + 1).trim();
    md.push(
      `| ${run.name} | ${escapeCell(run.about)} | ${verdictCell(run)} | ${escapeCell(why)} | ${Math.round(run.seconds)} s |`,
    );
  }
  md.push('', '### What the load generator saw', '');
  md.push(
    "The requests sent while each release's command ran, by the pod that answered; latency as the load generator measured it, through the gateway.",
    '',
    '| release | arm | requests | 5xx | error rate | p50 | p95 |',
    '|---|---|---:|---:|---:|---:|---:|',
  );
  for (const run of report.runs) {
    if (!run.load) continue;
    for (const arm of ARMS) {
      const s = run.load[arm];
      if (s.requests === 0) continue;
      md.push(
        `| ${run.name} | ${ARM_LABEL[arm]} | ${s.requests} | ${s.errors} | ${pct(s.errors, s.requests)} | ${ms(s.p50)} | ${ms(s.p95)} |`,
      );
    }
  }
  md.push('', 'The commands, in the order they ran:', '', '```sh');
  for (const run of report.runs) md.push(run.command);
  md.push('```', '');
  for (const run of report.runs) {
    if (!run.release || !report.record) continue;
    md.push(
      '---',
      '',
      renderRolloutSummary(rolloutSummaryInput(report.record, { release: run.release })).trimEnd(),
      '',
    );
  }
  return `${md.join('\n')}\n`;
}

// ---------------------------------------------------------------------------------------------------
// HTML and PNG

export const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const markdown = new Marked({
  gfm: true,
  renderer: {
    code({ text, lang }) {
      if (lang === 'mermaid') return `<pre class="mermaid-source">${escapeHtml(text)}</pre>\n`;
      return false;
    },
  },
});

/**
 * Markdown as GitHub renders it (GFM), each mermaid block left as `<pre class="mermaid-source">` for the
 * page's mermaid to draw. The render tests draw job summaries with it too.
 */
export function githubHtml(md: string): string {
  return markdown.parse(md, { async: false });
}

// After GitHub's Primer styles for Markdown (light theme), as the render tests draw job summaries.
const CSS = `
body { margin: 0; background: #f6f8fa; font-family: -apple-system, BlinkMacSystemFont, "Segoe UI", "Noto Sans",
  "Liberation Sans", Helvetica, Arial, sans-serif, "Noto Color Emoji"; color: #1f2328; }
.page { width: 1012px; margin: 16px auto; background: #fff; border: 1px solid #d1d9e0; border-radius: 6px;
  padding: 16px 24px 8px; font-size: 14px; line-height: 1.5; word-wrap: break-word; }
h1 { font-size: 2em; font-weight: 600; padding-bottom: .3em; border-bottom: 1px solid #d1d9e0b3; margin: 8px 0 16px; }
h2 { font-size: 1.5em; font-weight: 600; padding-bottom: .3em; border-bottom: 1px solid #d1d9e0b3; margin: 24px 0 16px; }
h3 { font-size: 1.25em; font-weight: 600; margin: 24px 0 16px; }
p, table, blockquote, pre, details { margin: 0 0 16px; }
hr { border: 0; height: 4px; background: #d1d9e0; margin: 24px 0; }
code { font-family: ui-monospace, SFMono-Regular, "DejaVu Sans Mono", "Liberation Mono", monospace;
  font-size: 85%; padding: .2em .4em; background: #818b981f; border-radius: 6px; }
pre { background: #f6f8fa; padding: 16px; border-radius: 6px; overflow: auto; font-size: 85%; }
pre code { background: transparent; padding: 0; font-size: 100%; }
table { border-spacing: 0; border-collapse: collapse; display: block; width: max-content; max-width: 100%; overflow: auto; }
td, th { padding: 6px 13px; border: 1px solid #d1d9e0; vertical-align: top; }
th { font-weight: 600; }
tr { background: #fff; border-top: 1px solid #d1d9e0b3; }
tr:nth-child(2n) { background: #f6f8fa; }
blockquote { padding: 0 1em; color: #59636e; border-left: .25em solid #d1d9e0; }
summary { cursor: pointer; }
.mermaid-chart svg { max-width: 100%; height: auto; }
pre.mermaid-source { white-space: pre; }
`;

/** Replaces every `pre.mermaid-source` with its SVG (runs in the page, after the mermaid bundle). */
const DRAW = `async function dialDraw() {
  window.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'default' });
  const blocks = [...document.querySelectorAll('pre.mermaid-source')];
  const failed = [];
  for (const [i, pre] of blocks.entries()) {
    try {
      const { svg } = await window.mermaid.render('chart' + i, pre.textContent || '');
      const box = document.createElement('div');
      box.className = 'mermaid-chart';
      box.innerHTML = svg;
      pre.replaceWith(box);
    } catch (error) {
      failed.push(String(error && error.message ? error.message : error));
    }
  }
  return { charts: blocks.length, failed };
}`;

function page(title: string, body: string, head = ''): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>${escapeHtml(title)}</title>
<style>${CSS}</style>${head}</head>
<body><div class="page">${body}</div></body></html>`;
}

export function mermaidBundle(root: string): string {
  return resolve(root, 'node_modules', 'mermaid', 'dist', 'mermaid.min.js');
}

export interface RenderedReport {
  html: string;
  png?: string;
  /** Why there is no PNG, or what went wrong drawing it. */
  note?: string;
  charts?: number;
}

/**
 * Writes `<base>.html` (and `<base>.png` when chromium is there). `track` receives chromium while it runs,
 * so an interrupt can end it.
 */
export async function renderHtml(
  md: string,
  base: string,
  root: string,
  track: (browser: Chromium | undefined) => void = () => undefined,
  /** The chromium to draw with (default: Debian's, if installed); null draws nothing (the page does). */
  binary: string | null | undefined = chromiumPath(),
): Promise<RenderedReport> {
  const title = md.split('\n')[0]?.replace(/^#\s*/, '') ?? 'Dial demo';
  const body = githubHtml(md);
  const htmlPath = `${base}.html`;
  const live = () =>
    page(
      title,
      body,
      `<script src="${pathToFileURL(mermaidBundle(root)).href}"></script><script>${DRAW}
window.addEventListener('load', () => { void dialDraw(); });</script>`,
    );
  if (!binary) {
    writeFileSync(htmlPath, live());
    return {
      html: htmlPath,
      note: 'no chromium (apt-get install chromium): no PNG; the HTML draws its charts when opened',
    };
  }
  let browser: Chromium | undefined;
  try {
    browser = await launchChromium(binary);
    track(browser);
    const context = await browser.browser.newContext({
      viewport: { width: 1100, height: 900 },
      offline: true,
    });
    const tab = await context.newPage();
    await tab.setContent(page(title, body), { waitUntil: 'load' });
    await tab.addScriptTag({ path: mermaidBundle(root) });
    const drawn = (await tab.evaluate(`(${DRAW})()`)) as { charts: number; failed: string[] };
    if (drawn.failed.length > 0) throw new Error(`mermaid could not draw: ${drawn.failed.join('; ')}`);
    // The page as drawn, without the 5 MB bundle: static SVG that any browser opens offline.
    await tab.evaluate(`document.querySelectorAll('script').forEach((s) => s.remove())`);
    writeFileSync(htmlPath, await tab.content());
    const pngPath = `${base}.png`;
    writeFileSync(pngPath, await tab.screenshot({ fullPage: true }));
    await context.close();
    return { html: htmlPath, png: pngPath, charts: drawn.charts };
  } catch (error) {
    writeFileSync(htmlPath, live());
    return { html: htmlPath, note: `chromium could not draw the report: ${(error as Error).message}` };
  } finally {
    await browser?.close();
    track(undefined);
  }
}
