// `preview`: a pull request's preview environment. up (opened, synchronize, reopened): deployed in its own
// namespace, a GitHub deployment and ONE sticky comment kept current; down (closed): removed, deployments
// inactive; sweep (schedule): previews of closed pull requests or past their TTL removed, idle ones put to
// sleep. A fork's pull request is skipped with an explanation, never failed.
//
// Token permissions: contents: read, deployments: write, pull-requests: write.
import * as core from '@actions/core';
import { ConfigError } from '../../config/issues.js';
import { loadConfig } from '../../config/load.js';
import { readRunContext, type PullRequestInfo } from '../../github/context.js';
import { createGitHubClient } from '../../github/octokit.js';
import { loadKubeConfig } from '../../kube/client.js';
import { chooseMode, FORK_EXPLANATION, resolveWorkflowRunPull } from '../../preview/mode.js';
import { formatDuration } from '../../config/duration.js';
import {
  previewAnnotations,
  renderPreviewSummary,
  type PreviewSummaryInput,
} from '../../github/summary-preview.js';
import type { PreviewView } from '../../preview/report.js';
import { PreviewRunner, type PreviewLog, type PreviewResult } from '../../preview/run.js';
import { reportConfigError } from '../common/run.js';
import { InputReader, reportInputProblems, workspace } from '../common/inputs.js';

const OUTPUTS = [
  'result',
  'reason',
  'url',
  'namespace',
  'environment',
  'deployment-id',
  'comment-id',
  'previews',
];

const log: PreviewLog = {
  info: (line) => core.info(line),
  warn: (line) => core.warning(line),
  notice: (line) => core.notice(line, { title: 'Dial preview' }),
  progress: (line) => core.info(`  … ${line}`),
};

function output(values: Record<string, string | number | undefined>): void {
  for (const name of OUTPUTS) {
    const value = values[name];
    if (value !== undefined) core.setOutput(name, String(value));
  }
}

async function skipped(reason: string, title = 'Dial preview skipped'): Promise<void> {
  core.notice(reason, { title });
  output({ result: 'skipped', reason });
  await core.summary.addRaw(`## Dial preview: skipped\n\n${reason}\n`).write();
}

async function main(): Promise<void> {
  const input = new InputReader();
  const token = core.getInput('token');
  if (token.trim() !== '') core.setSecret(token);
  const file = input.text('file') || 'dial.yaml';
  const images = input.text('image');
  const allowForks = input.bool('allow-forks', false);
  const urlTimeout = input.duration('url-timeout');
  const connectTo = input.text('url-connect-to');
  if (connectTo !== '' && !/^https?:\/\/[^/?#]+\/?$/.test(connectTo))
    input.problem('url-connect-to', `input url-connect-to must be http(s)://host[:port], not "${connectTo}"`);
  const cluster = input.cluster();
  if (token.trim() === '')
    input.problem('token', 'input token is empty: pass ${{ github.token }} or a GitHub App token');
  if (reportInputProblems(input)) {
    process.exitCode = 1;
    return;
  }

  const context = readRunContext();
  const choice = chooseMode(context, input.text('mode'));
  if ('error' in choice) {
    core.error(choice.error, { title: 'input mode' });
    output({ result: 'failed', reason: choice.error });
    process.exitCode = 1;
    return;
  }
  if ('skip' in choice) return skipped(choice.skip, 'Dial preview');

  const gh = createGitHubClient({ token, baseUrl: context.apiUrl, log });
  let pr: PullRequestInfo | undefined = choice.pr;
  if (choice.mode !== 'sweep' && pr === undefined && context.eventName === 'workflow_run') {
    pr = await resolveWorkflowRunPull(gh, context.repository, context);
    if (pr === undefined)
      return skipped(
        'no open pull request has the commit the triggering workflow run built: nothing to preview',
      );
  }
  if (choice.mode !== 'sweep' && pr === undefined)
    throw new Error(
      `mode ${choice.mode} needs a pull request: run it on pull_request or workflow_run events`,
    );
  if (pr?.fork && !(allowForks && context.eventName === 'workflow_run'))
    return skipped(
      `pull request #${pr.number} comes from a fork (${pr.headRepo ?? 'a deleted repository'}): no preview. ${FORK_EXPLANATION}`,
    );

  const runner = new PreviewRunner({
    gh,
    repo: context.repository,
    runUrl: context.runUrl,
    kc: () => loadKubeConfig(cluster),
    log,
    urlTimeoutMs: (urlTimeout ?? 120) * 1000,
    ...(connectTo ? { urlConnectTo: connectTo } : {}),
  });
  let result: PreviewResult;
  if (choice.mode === 'sweep') result = await runner.sweep();
  else if (choice.mode === 'down') {
    let service: string | undefined;
    try {
      service = (
        await loadConfig({ file, workspace: workspace(), overrides: {}, label: (n) => `input ${n}` })
      ).config.service;
    } catch {
      core.info(
        `${file} could not be read (a closed pull request's checkout may be gone): removing every service's preview of #${pr!.number}`,
      );
    }
    result = await runner.down({ pr: pr!.number, merged: pr!.merged, ...(service ? { service } : {}) });
  } else {
    result = await runner.up({ file, workspace: workspace(), ...(images ? { images } : {}), pr: pr! });
  }
  await report(result);
}

async function report(result: PreviewResult): Promise<void> {
  const view = result.view;
  output({
    result: result.result,
    reason: result.reason,
    url: view?.url ?? '',
    namespace: view?.namespace ?? '',
    environment: view?.environment ?? '',
    'deployment-id': result.deploymentId ?? '',
    'comment-id': result.commentId ?? '',
    previews: JSON.stringify(result.swept ?? []),
  });
  let md: string;
  if (result.swept) {
    md = [
      `## Dial preview sweep: ${result.reason}`,
      '',
      '| namespace | pull request | service | action | why |',
      '|---|---:|---|---|---|',
      ...result.swept.map(
        (s) =>
          `| \`${s.namespace}\` | #${s.pr} | \`${s.service}\` | ${s.action} | ${s.reason.replace(/\|/g, '\\|')} |`,
      ),
      '',
    ].join('\n');
  } else if (view) md = renderPreviewSummary(summaryInput(view, result));
  else md = `## Dial preview: ${result.result}\n\n${result.reason}\n`;
  await core.summary.addRaw(md).write();
  if (result.result === 'failed') {
    const texts = view ? previewAnnotations(summaryInput(view, result)) : [];
    for (const text of texts.length > 0 ? texts : [result.reason])
      core.error(text, { title: 'Dial preview failed' });
    process.exitCode = 1;
  } else if (result.result === 'skipped') core.notice(result.reason, { title: 'Dial preview skipped' });
  else core.info(`${result.result}: ${result.reason}`);
}

/** The preview as the job summary's renderer (src/github/summary-preview.ts) takes it. */
function summaryInput(view: PreviewView, result: PreviewResult): PreviewSummaryInput {
  const status =
    result.result === 'outdated' ? 'skipped' : view.status === 'sleeping' ? 'removed' : view.status;
  const reason = result.result === 'outdated' ? result.reason : view.reason;
  return {
    service: view.service,
    status,
    ...(reason ? { reason } : {}),
    pr: view.pr,
    sha: view.sha,
    ...(view.url ? { url: view.url } : {}),
    mode: view.header ? 'header' : 'namespace',
    ...(view.header ? { header: view.header } : {}),
    namespace: view.namespace,
    images: view.images,
    objects: (view.objects ?? []).map((o) => {
      const [kind = '', ...name] = o.split(' ');
      return { kind, name: name.join(' '), namespace: view.namespace };
    }),
    ...(view.expiresAt ? { expiry: view.expiresAt.toISOString() } : {}),
    ...(view.idleSeconds ? { idleTimeout: formatDuration(view.idleSeconds) } : {}),
    updatedAt: view.updatedAt.toISOString(),
    ...(view.logUrl ? { runUrl: view.logUrl } : {}),
  };
}

main().catch(async (error: unknown) => {
  if (error instanceof ConfigError) {
    output({ result: 'failed', reason: reportConfigError(error) });
  } else {
    const message = error instanceof Error ? error.message : String(error);
    core.error(message, { title: 'Dial preview failed' });
    output({ result: 'failed', reason: message });
  }
  process.exitCode = 1;
});
