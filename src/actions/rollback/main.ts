// `rollback`: all traffic back to the stable release and canary and baseline removed; with
// `to-previous`, a finished release returned to the one before. Reads everything from the cluster.
import { runAction } from '../common/run.js';

void runAction(
  {
    name: 'rollback',
    outputs: ['result', 'reason', 'release', 'images', 'weights', 'service', 'namespace'],
    failing: [],
  },
  (input) => ({
    target: input.service('rollback'),
    cluster: input.cluster(),
    options: { toPrevious: input.bool('to-previous', false) },
    failOnRollback: true,
  }),
);
