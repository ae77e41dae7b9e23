// The test bed's kwok failure stages (testbed/src/kwok-stages/failures.ts) as text: kwok's healthy pod
// stages must leave the failing pods alone. What kwok does with them is tested on the bed
// (test/integration/kube-wait.test.ts).
import { expect, it } from '@jest/globals';
import { parseAllDocuments } from 'yaml';
import {
  FAILURE_ANNOTATION,
  kwokStagesYaml,
  withoutFailures,
} from '../../../testbed/src/kwok-stages/failures.js';

const podReady = `apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: pod-ready
spec:
  resourceRef: { apiGroup: v1, kind: Pod }
  selector:
    matchExpressions:
    - key: '.metadata.deletionTimestamp'
      operator: 'DoesNotExist'
  next:
    statusTemplate: |
      phase: Running
`;
const nodeStage = `apiVersion: kwok.x-k8s.io/v1alpha1
kind: Stage
metadata:
  name: node-initialize
spec:
  resourceRef: { apiGroup: v1, kind: Node }
`;

type Stage = {
  metadata: { name: string };
  spec: {
    selector?: { matchExpressions?: Array<{ jq?: { key: string; operator: string; values?: string[] } }> };
  };
};
const stages = (text: string) => parseAllDocuments(text).map((d) => d.toJS() as Stage);

it('excludes the failing pods from kwok pod-ready, and leaves other stages as they are', () => {
  const [ready] = stages(withoutFailures(podReady));
  const last = ready!.spec.selector!.matchExpressions!.at(-1)!;
  expect(last.jq).toMatchObject({ operator: 'NotIn', values: ['pull-error', 'crash-loop'] });
  expect(last.jq!.key).toContain(FAILURE_ANNOTATION);
  expect(withoutFailures(nodeStage)).toBe(nodeStage.trim());
});

it("appends Dial's failure stages to kwok's", () => {
  const all = stages(kwokStagesYaml([nodeStage, podReady]));
  expect(all.map((s) => s.metadata.name)).toEqual([
    'node-initialize',
    'pod-ready',
    'dial-pod-pull-error',
    'dial-pod-crash-loop',
  ]);
});
