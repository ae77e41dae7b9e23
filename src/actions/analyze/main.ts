// `analyze`: judges the running canary against its baseline at its current weight, for `for` or until
// the analysis decides. Records the verdict in the cluster; promotes and rolls back nothing.
import { runAction } from '../common/run.js';

void runAction(
  {
    name: 'analyze',
    outputs: ['result', 'reason', 'release', 'images', 'weights', 'evidence', 'service', 'namespace'],
    failing: ['failed', 'inconclusive'],
  },
  (input) => {
    const seconds = input.duration('for');
    const untilDecision = input.bool('until-decision', false);
    const given = input.text('for') !== '';
    if (given === untilDecision)
      input.problem(
        'for',
        given
          ? 'give input for or until-decision: true, not both'
          : 'give input for (a duration such as 5m) or until-decision: true',
      );
    return {
      target: input.service('analyze'),
      cluster: input.cluster(),
      options: seconds !== undefined ? { seconds } : {},
      failOnRollback: input.bool('fail-on-rollback', true),
    };
  },
);
