// What a preview tells the pull request: the sticky comment (status, URL, commit, images, how to reach it,
// expiry, updated time, log link, details collapsed). The job summary is src/github/summary-preview.ts's.
import { FOOTER_MARK, previewMarker } from '../github/comments.js';
import { formatDuration } from '../config/duration.js';
import type { UrlCheck } from './url.js';

export type PreviewStatus = 'deploying' | 'ready' | 'failed' | 'removed' | 'sleeping';

export interface PreviewView {
  service: string;
  pr: number;
  status: PreviewStatus;
  /** One sentence: why (the failure, why it was removed or put to sleep). */
  reason?: string;
  namespace: string;
  environment: string;
  deploymentId?: number;
  sha: string;
  images: Record<string, string>;
  url?: string;
  /** Header-routed beside production: the header (and value) a request must carry to reach it. */
  header?: { name: string; value: string };
  urlCheck?: UrlCheck;
  expiresAt?: Date;
  idleSeconds?: number;
  /** `Deployment web`, `Service web`, ... as applied. */
  objects?: string[];
  notes?: string[];
  workloads?: string;
  logUrl: string;
  updatedAt: Date;
}

const HEADLINE: Record<PreviewStatus, string> = {
  deploying: 'deploying…',
  ready: 'ready',
  failed: 'failed',
  removed: 'removed',
  sleeping: 'sleeping',
};

const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');
const code = (text: string) => `\`${text.replace(/`/g, "'")}\``;

export function utc(date: Date): string {
  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** How to reach the preview: the URL, or a port-forward to its Service when it has none. */
function howToReach(view: PreviewView): string {
  if (view.status === 'removed') return 'It is gone; a new commit on a reopened pull request brings it back.';
  if (view.status === 'sleeping')
    return 'Push a commit (or re-run the workflow) to wake it; its workloads are scaled to zero.';
  if (view.header) return reachByHeader(view, view.header);
  const forward = `\`kubectl -n ${view.namespace} port-forward svc/${view.service} 8080:80\``;
  if (!view.url) return `No \`preview.host\` in dial.yaml: reach it from inside the cluster, or ${forward}.`;
  return `Open ${view.url}. From inside the cluster: \`http://${view.service}.${view.namespace}.svc\`; or ${forward}.`;
}

/** Production's URL with the header; only the first hop sees it unless every service forwards it. */
function reachByHeader(view: PreviewView, header: { name: string; value: string }): string {
  const flag = `-H '${header.name}: ${header.value}'`;
  const how = view.url
    ? `\`curl ${flag} ${view.url}\` (or a browser extension that adds the header)`
    : `send requests through production's route with the header \`${header.name}: ${header.value}\``;
  return (
    `${how}: requests carrying it reach this pull request's pods beside production, all others reach production. ` +
    `Only the first service sees the header unless every service forwards it to the next.`
  );
}

export function renderComment(view: PreviewView): string {
  const md: string[] = [previewMarker(view.service)];
  md.push(`### Preview of \`${view.service}\`: ${HEADLINE[view.status]}`, '');
  if (view.reason) md.push(cell(view.reason), '');
  md.push('| | |', '|---|---|');
  if (view.url && view.status !== 'removed')
    md.push(
      `| URL | ${view.url}${view.header ? ` with ${code(`${view.header.name}: ${view.header.value}`)}` : ''} |`,
    );
  md.push(`| Status | ${HEADLINE[view.status]}${view.urlCheck ? ` · ${cell(view.urlCheck.detail)}` : ''} |`);
  md.push(`| Commit | ${code(view.sha.slice(0, 7))} |`);
  const images = Object.entries(view.images);
  if (images.length > 0)
    md.push(
      `| Images | ${images
        .slice(0, 10)
        .map(([name, ref]) => `${code(name)}: ${code(ref)}`)
        .join('<br>')}${images.length > 10 ? `<br>… and ${images.length - 10} more` : ''} |`,
    );
  if (view.expiresAt && view.status !== 'removed') {
    const idle = view.idleSeconds
      ? `; sleeps after ${formatDuration(view.idleSeconds)} without a new commit`
      : '';
    md.push(`| Expires | ${utc(view.expiresAt)}${idle} |`);
  }
  md.push('', `**How to reach it:** ${howToReach(view)}`, '');
  md.push('<details><summary>Details</summary>', '');
  md.push(
    view.header
      ? `- Beside production in namespace ${code(view.namespace)}, routed by ${code(`${view.header.name}: ${view.header.value}`)}`
      : `- Namespace: ${code(view.namespace)}`,
  );
  md.push(
    `- Environment: ${code(view.environment)}${view.deploymentId ? ` (deployment #${view.deploymentId})` : ''}`,
  );
  md.push(`- Commit: ${code(view.sha)}`);
  if (view.workloads) md.push(`- Workloads: ${view.workloads}`);
  const objects = view.objects ?? [];
  if (objects.length > 0) {
    md.push(
      `- Objects (${objects.length}): ${objects.slice(0, 50).map(code).join(', ')}${objects.length > 50 ? ', …' : ''}`,
    );
  }
  for (const note of (view.notes ?? []).slice(0, 20)) md.push(`- ${cell(note)}`);
  md.push('', '</details>', '');
  md.push(FOOTER_MARK);
  md.push(`<sub>Updated ${utc(view.updatedAt)}${view.logUrl ? ` · [run log](${view.logUrl})` : ''}</sub>`);
  return md.join('\n');
}
