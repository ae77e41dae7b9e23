// `promote`: makes the running canary the stable release and removes canary and baseline. Needs only
// the service: what to promote is read from the record in the cluster. With strategy.watch, the new
// stable is then watched and returned to the release before if it fails.
import { runAction } from '../common/run.js';

void runAction(
  {
    name: 'promote',
    outputs: ['result', 'reason', 'release', 'images', 'weights', 'evidence', 'service', 'namespace'],
    failing: ['rolled-back'],
  },
  (input) => ({
    target: input.service('promote'),
    cluster: input.cluster(),
    options: {},
    failOnRollback: input.bool('fail-on-rollback', true),
  }),
);
