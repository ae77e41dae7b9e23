import { describe, expect, it } from '@jest/globals';
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { loadConfig } from '../../../src/config/load.js';
import { mermaidBlocks } from '../../../src/github/mermaid.js';
import { renderPlanMarkdown } from '../../../src/github/summary-plan.js';
import { buildPlan } from '../../../src/plan/plan.js';

async function plan(example: string) {
  const resolved = await loadConfig({
    file: `examples/${example}/dial.yaml`,
    workspace: resolve('.'),
    overrides: {},
    label: (name) => `input ${name}`,
  });
  return buildPlan(resolved);
}

const examples = readdirSync('examples').sort();

describe('the plan summary gantt', () => {
  it.each(examples)('%s: the conventions every mermaid version draws alike', async (example) => {
    const p = await plan(example);
    const blocks = mermaidBlocks(renderPlanMarkdown(p));
    if (p.strategy !== 'canary') {
      expect(blocks).toEqual([]);
      return;
    }
    expect(blocks).toHaveLength(1);
    const lines = blocks[0]!.split('\n');
    expect(lines.slice(0, 5)).toEqual([
      'gantt',
      '  dateFormat YYYY-MM-DD HH:mm:ss',
      expect.stringMatching(/^ {2}axisFormat %H:%M$/),
      expect.stringMatching(/^ {2}tickInterval \d+(second|minute|hour)$/),
      '  todayMarker off',
    ]);
    const tasks = lines.filter((line) => / :/.test(line));
    // No task line whose first character is followed by `%` (mermaid reads it as a comment).
    expect(tasks.filter((line) => /^\s*(%|[^}]%)/.test(line))).toEqual([]);
    for (const line of tasks) expect(line).toMatch(/, 2000-01-0\d \d\d:\d\d:\d\d, \d+s$/);
    // One task per step (and gate, and watch), as in the table after it.
    expect(tasks.length).toBe(
      p.steps.length + p.steps.filter((s) => s.approval).length + (p.watchSeconds > 0 ? 1 : 0),
    );
  });

  it('mission-critical: 5% bake is written so that it stays, gates and promotion are milestones', async () => {
    const md = renderPlanMarkdown(await plan('payments'));
    const gantt = mermaidBlocks(md)[0]!;
    expect(gantt).toContain('  5#37; bake :t1, 2000-01-01 00:00:00, 900s');
    expect(gantt).toContain('  50#37; bake :t4, 2000-01-01 00:45:00, 900s');
    expect(gantt).toContain('  100#37; promote :milestone, t6, 2000-01-01 01:00:00, 0s');
    expect(gantt).toContain('  tickInterval 10minute');
    // The table after the chart reads as text, with the percent as written.
    expect(md).toContain('```\n\n| from | to | what |\n|---:|---:|---|\n| 0s | 15m | 5% bake |');
    expect(md).toContain('| 1h | 1h | approval `payments-production` |');
  });
});
