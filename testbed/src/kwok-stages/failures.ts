// kwok Stages that make pods fail the way a real kubelet reports it, so the rollout diagnosis (src/kube/
// diagnose.ts) is tested against what a cluster really shows. A pod chooses its failure by image name or
// by annotation:
//
//   image contains `pull-error`  or annotation dial.dev/testbed-failure: pull-error
//     stage dial-pod-pull-error: stays Pending; each matching container is waiting with reason
//     ImagePullBackOff (message `Back-off pulling image "…"`); a Warning event `Failed`.
//   image contains `crash-loop`  or annotation dial.dev/testbed-failure: crash-loop
//     stage dial-pod-crash-loop: Running but never Ready; each matching container is waiting with
//     reason CrashLoopBackOff, lastState terminated with exit code 1 (reason Error), and restartCount
//     grows by one every 2–3 s (the stage matches its own result again); a Warning event `BackOff`.
//
// With the annotation every container fails; with the image only the containers whose image matches.
// Unschedulable needs no stage: the real scheduler leaves a pod Pending (PodScheduled=False, reason
// Unschedulable) when it requests more than a fake node's 32 cpu.
// kwok's own pod-ready and pod-complete stages get a selector excluding these pods (withoutFailures), or
// kwok would pick between the stages at random.
import { parseDocument, stringify } from 'yaml';

export const FAILURE_ANNOTATION = 'dial.dev/testbed-failure';
export const FAILURE_MODES = ['pull-error', 'crash-loop'] as const;

/** jq: the failure modes a pod asks for (none, one or more outputs). */
const FAILURE_KEY =
  `((.metadata.annotations // {})["${FAILURE_ANNOTATION}"] // empty), ` +
  '(.spec.containers[]?.image | if contains("pull-error") then "pull-error" ' +
  'elif contains("crash-loop") then "crash-loop" else empty end)';

const notDeleted = { jq: { key: '.metadata.deletionTimestamp', operator: 'DoesNotExist' } };
const mode = (operator: 'In' | 'NotIn', values: readonly string[]) => ({
  jq: { key: FAILURE_KEY, operator, values: [...values] },
});

// Go templates (kwok's renderer, with sprig). `$mode` is the annotation's value ("" when absent).
const header = `
{{ $now := Now }}
{{ $root := . }}
{{ $annotations := or .metadata.annotations dict }}
{{ $mode := or ( index $annotations "${FAILURE_ANNOTATION}" ) "" }}
`;
const notReadyConditions = `
conditions:
- lastTransitionTime: {{ $now | Quote }}
  status: "True"
  type: Initialized
- lastTransitionTime: {{ $now | Quote }}
  status: "False"
  reason: ContainersNotReady
  type: Ready
- lastTransitionTime: {{ $now | Quote }}
  status: "False"
  reason: ContainersNotReady
  type: ContainersReady
`;
const initDone = `
initContainerStatuses:
{{ range .spec.initContainers }}
- image: {{ .image | Quote }}
  name: {{ .name | Quote }}
  ready: true
  restartCount: 0
  state:
    terminated:
      exitCode: 0
      finishedAt: {{ $now | Quote }}
      reason: Completed
      startedAt: {{ $now | Quote }}
{{ end }}
`;
const addresses = `
{{ with NodeIPsWith .spec.nodeName }}
hostIP: {{ index . 0 | Quote }}
{{ end }}
startTime: {{ $now | Quote }}
`;

const pullErrorStatus = `${header}${notReadyConditions}${initDone}
containerStatuses:
{{ range .spec.containers }}
- image: {{ .image | Quote }}
  name: {{ .name | Quote }}
  ready: false
  restartCount: 0
  started: false
  state:
    waiting:
      {{ if or ( eq $mode "pull-error" ) ( contains "pull-error" .image ) }}
      reason: ImagePullBackOff
      message: {{ printf "Back-off pulling image %q" .image | Quote }}
      {{ else }}
      reason: ContainerCreating
      {{ end }}
{{ end }}
${addresses}
phase: Pending
`;

const crashLoopStatus = `${header}${notReadyConditions}${initDone}
containerStatuses:
{{ range .spec.containers }}
{{ $name := .name }}
{{ if or ( eq $mode "crash-loop" ) ( contains "crash-loop" .image ) }}
{{ $restarts := 0 }}
{{ range $root.status.containerStatuses }}{{ if eq .name $name }}{{ $restarts = .restartCount }}{{ end }}{{ end }}
- image: {{ .image | Quote }}
  name: {{ .name | Quote }}
  ready: false
  started: false
  restartCount: {{ add1 $restarts }}
  lastState:
    terminated:
      exitCode: 1
      reason: Error
      startedAt: {{ $now | Quote }}
      finishedAt: {{ $now | Quote }}
  state:
    waiting:
      reason: CrashLoopBackOff
      message: {{ printf "back-off 10s restarting failed container=%s pod=%s" .name $root.metadata.name | Quote }}
{{ else }}
- image: {{ .image | Quote }}
  name: {{ .name | Quote }}
  ready: true
  started: true
  restartCount: 0
  state:
    running:
      startedAt: {{ $now | Quote }}
{{ end }}
{{ end }}
${addresses}
phase: Running
`;

const podStage = (name: string, spec: Record<string, unknown>) => ({
  apiVersion: 'kwok.x-k8s.io/v1alpha1',
  kind: 'Stage',
  metadata: { name },
  spec: { resourceRef: { apiGroup: 'v1', kind: 'Pod' }, ...spec },
});

const statusPatch = (template: string) => ({
  patch: { subresource: 'status', root: 'status', template: template.trim() + '\n' },
});

export const FAILURE_STAGES = [
  podStage('dial-pod-pull-error', {
    selector: {
      matchExpressions: [
        notDeleted,
        mode('In', ['pull-error']),
        // Once: after it, the pod is left as it is (as a kubelet backing off would leave it).
        {
          jq: {
            key: '.status.containerStatuses[]?.state.waiting.reason',
            operator: 'NotIn',
            values: ['ImagePullBackOff'],
          },
        },
      ],
    },
    steps: [
      {
        event: {
          type: 'Warning',
          reason: 'Failed',
          message: 'Failed to pull image: manifest unknown (kwok test bed: the image asks for pull-error)',
        },
      },
      statusPatch(pullErrorStatus),
    ],
  }),
  podStage('dial-pod-crash-loop', {
    selector: { matchExpressions: [notDeleted, mode('In', ['crash-loop']), mode('NotIn', ['pull-error'])] },
    delay: { durationMilliseconds: 2000, jitterDurationMilliseconds: 3000 },
    steps: [
      {
        event: {
          type: 'Warning',
          reason: 'BackOff',
          message: 'Back-off restarting failed container (kwok test bed: the image asks for crash-loop)',
        },
      },
      statusPatch(crashLoopStatus),
    ],
  }),
];

/** Stages that would otherwise make a failing pod Ready or Succeeded. */
const HEALTHY_POD_STAGES = new Set(['pod-ready', 'pod-complete']);

/** One of kwok's stage documents, with the failing pods excluded when it is a healthy pod stage. */
export function withoutFailures(stageYaml: string): string {
  const doc = parseDocument(stageYaml);
  const name: unknown = doc.getIn(['metadata', 'name']);
  if (typeof name !== 'string' || !HEALTHY_POD_STAGES.has(name)) return stageYaml.trim();
  const expressions = doc.getIn(['spec', 'selector', 'matchExpressions']);
  if (expressions === undefined) doc.setIn(['spec', 'selector', 'matchExpressions'], []);
  doc.addIn(['spec', 'selector', 'matchExpressions'], doc.createNode(mode('NotIn', FAILURE_MODES)));
  return doc.toString().trim();
}

/** The stage file kwok reads: kwok's own stages (failing pods excluded) followed by FAILURE_STAGES. */
export function kwokStagesYaml(upstream: readonly string[]): string {
  const docs = [
    ...upstream.map(withoutFailures),
    ...FAILURE_STAGES.map((s) => stringify(s, { blockQuote: 'literal', lineWidth: 0 }).trim()),
  ];
  return docs.join('\n---\n') + '\n';
}
