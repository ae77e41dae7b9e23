// `deploy`: a plain rollout of dial.yaml's manifests with the images given (server-side apply, wait
// with diagnosis). Refused while a canary is in progress.
import { runAction } from '../common/run.js';

void runAction(
  { name: 'deploy', outputs: ['result', 'reason', 'release', 'images', 'service', 'namespace'], failing: [] },
  (input) => ({
    target: input.release('deploy'),
    cluster: input.cluster(),
    options: { force: input.bool('force-conflicts', false) },
    failOnRollback: true,
  }),
);
