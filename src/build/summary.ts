// The build's job summary: one row per image with what happened, the reference to deploy and the time.
import type { BuildReport, ImageResult } from './engine.js';

const STATUS: Record<ImageResult['status'], string> = {
  built: 'built and pushed',
  skipped: 'already in the registry: not built',
  'built-not-pushed': 'built, not pushed (push: false)',
};

const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function renderBuildSummary(report: BuildReport): string {
  const lines = ['### Dial build', ''];
  if (report.results.length > 0) {
    lines.push('| image | result | reference | tags | time |', '| --- | --- | --- | --- | --- |');
    for (const r of report.results) {
      lines.push(
        `| ${cell(r.name)} | ${STATUS[r.status]} | \`${cell(r.ref)}\` | ${r.tags.map((t) => `\`${cell(t)}\``).join(' ')} | ${r.seconds} s |`,
      );
    }
    lines.push('');
  }
  if (report.failure) {
    const [first = '', ...rest] = report.failure.message.split('\n');
    lines.push(`**${cell(report.failure.image)} failed:** ${cell(first)}`, '');
    // The builder's last lines, fenced so that nothing in them renders as Markdown.
    if (rest.length > 0) lines.push('```text', ...rest.map((line) => line.replace(/```/g, "'''")), '```', '');
  }
  const built = report.results.filter((r) => r.status !== 'skipped').length;
  const skipped = report.results.length - built;
  const by = report.builder ? ` with ${report.builder}` : '';
  lines.push(
    `${built} built${by}, ${skipped} already in the registry. Tags are the first 12 hex digits of the sha256 of each build context (files, modes, Containerfile; what the ignore file leaves out excluded).`,
    '',
  );
  return lines.join('\n');
}
