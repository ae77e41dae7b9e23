// Root action: the whole pipeline for a profile from dial.yaml — steps, bakes, analysis between them,
// promotion or rollback, approval gates, the watch after promotion — or, with dry-run, the plan only.
// The same bundle is the post step (runs.post): run again after the job, it rolls back a rollout this
// job left half-way. Both phases are imported statically: ncc minifies only the entry chunk, and a
// split-off chunk would carry the Kubernetes client unminified (3× the bytes to parse on every run).
import * as core from '@actions/core';
import { pipeline } from './pipeline.js';
import { post } from './post.js';

const phase = core.getState('isPost') === 'true' ? 'post' : 'main';
if (phase === 'main') core.saveState('isPost', 'true');

(phase === 'post' ? post() : pipeline()).catch((error: unknown) => {
  core.setFailed(error instanceof Error ? error.message : String(error));
});
