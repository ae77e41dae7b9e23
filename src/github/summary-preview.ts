// A pull request's preview as the job summary: where it is, how to reach it, what it is made of and when
// it goes away. The sticky comment carries the same facts (its writer fits them with fitComment).

import { capAnnotations, cell, code, escapeHtml, fitSummary } from './limits.js';
import { utc } from './summary-rollout.js';

export type PreviewStatus = 'ready' | 'deploying' | 'failed' | 'removed' | 'skipped';

export interface PreviewSummaryInput {
  service: string;
  status: PreviewStatus;
  /** Why it failed or was skipped (a fork's pull request, say). */
  reason?: string;
  pr?: number;
  /** The commit deployed (the pull request's head). */
  sha?: string;
  url?: string;
  /** `namespace`: a namespace per pull request; `header`: routed by a header beside production. */
  mode: 'namespace' | 'header';
  namespace: string;
  /** Header-routed previews: the header a request must carry. */
  header?: { name: string; value: string };
  images?: Record<string, string>;
  objects: Array<{ kind: string; name: string; namespace?: string }>;
  /** ISO time the preview is removed at the latest. */
  expiry?: string;
  /** E.g. `1h`: removed earlier when idle that long. */
  idleTimeout?: string;
  updatedAt?: string;
  runUrl?: string;
}

const STATUS: Record<PreviewStatus, string> = {
  ready: '✅ ready',
  deploying: '⏳ deploying',
  failed: '❌ failed',
  removed: '🗑️ removed',
  skipped: '⏭️ skipped',
};

/** The command that reaches the preview: a header-routed one only answers requests with the header. */
function howToReach(input: PreviewSummaryInput): string | undefined {
  if (!input.url) return undefined;
  const header = input.header ? ` -H '${input.header.name}: ${input.header.value}'` : '';
  return `curl${header} ${input.url}`;
}

/** GitHub-flavoured Markdown for a preview's job summary, within GitHub's 1 MiB. */
export function renderPreviewSummary(input: PreviewSummaryInput): string {
  const title = input.pr !== undefined ? ` for #${input.pr}` : '';
  const md = [`## Dial preview of ${code(input.service, false)}${title}: ${STATUS[input.status]}`, ''];
  if (input.reason) md.push(`**Why:** ${escapeHtml(input.reason)}`, '');
  md.push('| | |', '|---|---|');
  if (input.url) md.push(`| URL | ${input.status === 'ready' ? `<${input.url}>` : code(input.url)} |`);
  const reach = howToReach(input);
  if (reach) md.push(`| how to reach it | ${code(reach)} |`);
  if (input.mode === 'header')
    md.push(
      '| routing | by header beside production: only the first hop sees it unless every service forwards the header |',
    );
  else md.push(`| namespace | ${code(input.namespace)} (one per pull request) |`);
  if (input.sha) md.push(`| commit | ${code(input.sha.slice(0, 12))} |`);
  for (const [name, ref] of Object.entries(input.images ?? {}))
    md.push(`| image ${code(name)} | ${code(ref)} |`);
  if (input.expiry)
    md.push(
      `| expires | ${utc(input.expiry)}${input.idleTimeout ? `, or after ${cell(input.idleTimeout)} without requests` : ''} |`,
    );
  if (input.updatedAt) md.push(`| updated | ${utc(input.updatedAt)} |`);
  if (input.runUrl) md.push(`| run | [log](${input.runUrl}) |`);
  md.push('');
  if (input.objects.length > 0) {
    md.push(
      `<details><summary>${input.objects.length} object${input.objects.length === 1 ? '' : 's'}</summary>`,
      '',
      '| kind | name | namespace |',
      '|---|---|---|',
      ...input.objects.map(
        (o) => `| ${cell(o.kind)} | ${code(o.name)} | ${code(o.namespace ?? input.namespace)} |`,
      ),
      '',
      '</details>',
      '',
    );
  }
  return fitSummary(md.join('\n'));
}

/** A failed preview as annotation texts; nothing for the others (a skipped fork is not a failure). */
export function previewAnnotations(input: PreviewSummaryInput): string[] {
  if (input.status !== 'failed') return [];
  const pr = input.pr !== undefined ? ` for #${input.pr}` : '';
  return capAnnotations([
    `Dial preview of ${input.service}${pr} failed${input.reason ? `: ${input.reason}` : ''}`,
  ]);
}
