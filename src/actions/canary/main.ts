// `canary`: starts a canary of the release dial.yaml and the images describe, or moves the running one
// to `weight` (one step), for workflows that compose their own steps. The first release of a service
// has nothing stable to compare with: it is deployed plainly (result `deployed`).
import { runAction } from '../common/run.js';

void runAction(
  {
    name: 'canary',
    outputs: ['result', 'reason', 'release', 'images', 'weights', 'service', 'namespace'],
    failing: [],
  },
  (input) => ({
    target: input.release('canary'),
    cluster: input.cluster(),
    options: { weight: input.weight('weight') },
    failOnRollback: true,
  }),
);
