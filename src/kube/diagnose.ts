// Why a rollout did not become ready, told from what the cluster knows about its pods: container states
// (ImagePullBackOff, CrashLoopBackOff with the last exit code, CreateContainerConfigError, ...), pod
// conditions (Unschedulable and the scheduler's message) and recent Warning events of the pods and of
// whatever creates them (ReplicaSet, StatefulSet, DaemonSet: FailedCreate from a quota, for instance).
// findings() is pure; diagnose() gathers its input.
import type {
  CoreV1Event,
  V1ContainerStatus,
  V1LabelSelector,
  V1OwnerReference,
  V1Pod,
  V1ReplicaSet,
} from '@kubernetes/client-node';
import type { RolloutDiagnosis } from '../rollout/ports.js';
import type { KubeApis } from './api.js';

export interface WorkloadRef {
  kind: string;
  namespace: string;
  name: string;
}

/** One thing wrong, ranked: lower `rank` is more telling. */
export interface Finding {
  reason: string;
  rank: number;
  line: string;
  /** The pod it was seen on (findings on several pods are counted together in the summary). */
  pod?: string;
}

// Most telling first: a bad image or a crashing process explains everything after it; "not ready" or
// "creating" explains nothing. Reasons not listed rank between the two.
const RANKS: Record<string, number> = {
  ImagePullBackOff: 10,
  ErrImagePull: 11,
  InvalidImageName: 12,
  ErrImageNeverPull: 13,
  CrashLoopBackOff: 20,
  OOMKilled: 21,
  Error: 22,
  CreateContainerConfigError: 30,
  CreateContainerError: 31,
  RunContainerError: 32,
  ContainerCannotRun: 33,
  PostStartHookError: 34,
  Unschedulable: 40,
  FailedScheduling: 41,
  FailedCreate: 42,
  FailedMount: 45,
  FailedAttachVolume: 46,
  Evicted: 47,
  Unhealthy: 50,
  Failed: 70,
  BackOff: 71,
  ContainerCreating: 80,
  PodInitializing: 81,
  NotReady: 90,
};
const UNKNOWN_RANK = 60;
const rankOf = (reason: string) => RANKS[reason] ?? UNKNOWN_RANK;

/** Pods whose events are read (the least ready first): enough to see a pattern, few requests. */
const EVENT_PODS = 5;
const MAX_DETAILS = 20;

function containerFindings(pod: string, status: V1ContainerStatus, init: boolean): Finding[] {
  const container = `${init ? 'init container' : 'container'} ${status.name}`;
  const found: Finding[] = [];
  const add = (reason: string, text: string) =>
    found.push({ reason, rank: rankOf(reason), line: `${reason}: pod ${pod} ${container}: ${text}`, pod });
  const waiting = status.state?.waiting;
  const terminated = status.state?.terminated;
  const last = status.lastState?.terminated;
  if (waiting?.reason === 'CrashLoopBackOff') {
    const exit = last ? `, last exit code ${last.exitCode}${last.reason ? ` (${last.reason})` : ''}` : '';
    add('CrashLoopBackOff', `restarted ${status.restartCount} times${exit}`);
  } else if (waiting?.reason) {
    const image = waiting.reason.includes('Image') && status.image ? `image "${status.image}"` : '';
    add(waiting.reason, waiting.message || image || 'waiting');
  } else if (terminated && terminated.exitCode !== 0 && !(init && status.ready)) {
    add(
      terminated.reason || 'Error',
      `exited with code ${terminated.exitCode}${terminated.message ? `: ${terminated.message}` : ''}`,
    );
  } else if (last?.reason === 'OOMKilled') {
    add('OOMKilled', `killed for exceeding its memory limit (restarted ${status.restartCount} times)`);
  }
  return found;
}

/** What is wrong with one pod, from its status alone. */
export function podFindings(pod: V1Pod): Finding[] {
  const name = pod.metadata?.name ?? '?';
  const found: Finding[] = [];
  for (const s of pod.status?.initContainerStatuses ?? []) found.push(...containerFindings(name, s, true));
  for (const s of pod.status?.containerStatuses ?? []) found.push(...containerFindings(name, s, false));
  const conditions = pod.status?.conditions ?? [];
  const scheduled = conditions.find((c) => c.type === 'PodScheduled');
  if (scheduled?.status === 'False') {
    const reason = scheduled.reason || 'Unschedulable';
    found.push({
      reason,
      rank: rankOf(reason),
      line: `${reason}: pod ${name}: ${scheduled.message ?? 'not scheduled'}`,
      pod: name,
    });
  }
  if (pod.status?.phase === 'Failed' && pod.status.reason) {
    const reason = pod.status.reason;
    found.push({
      reason,
      rank: rankOf(reason),
      line: `${reason}: pod ${name}: ${pod.status.message ?? 'failed'}`,
      pod: name,
    });
  }
  const ready = conditions.find((c) => c.type === 'Ready');
  if (found.length === 0 && ready?.status !== 'True' && pod.status?.phase !== 'Succeeded') {
    const why = ready?.message || ready?.reason || `phase ${pod.status?.phase ?? 'unknown'}`;
    found.push({
      reason: 'NotReady',
      rank: rankOf('NotReady'),
      line: `NotReady: pod ${name}: ${why}`,
      pod: name,
    });
  }
  return found;
}

/** Warning events, newest first, one line each. */
export function eventFindings(events: readonly CoreV1Event[]): Finding[] {
  const time = (e: CoreV1Event) =>
    new Date(e.lastTimestamp ?? e.eventTime ?? e.metadata?.creationTimestamp ?? 0).getTime();
  return [...events]
    .filter((e) => e.type === 'Warning')
    .sort((a, b) => time(b) - time(a))
    .map((e) => {
      const reason = e.reason ?? 'Warning';
      const kind = (e.involvedObject?.kind ?? '').toLowerCase();
      const count = (e.count ?? 1) > 1 ? ` (×${e.count})` : '';
      const pod = e.involvedObject?.kind === 'Pod' ? e.involvedObject.name : undefined;
      return {
        reason,
        rank: rankOf(reason),
        line: `${reason}: ${kind} ${e.involvedObject?.name ?? '?'}: ${(e.message ?? '').trim()}${count}`,
        pod,
      };
    });
}

/** The diagnosis from findings: the most telling one becomes the summary, counted over the pods. */
export function summarize(
  findings: readonly Finding[],
  pods: readonly V1Pod[],
  selector: string,
): RolloutDiagnosis {
  const sorted = [...findings].sort((a, b) => a.rank - b.rank);
  const reasons = [...new Set(sorted.map((f) => f.reason))];
  const details = [...new Set(sorted.map((f) => f.line))].slice(0, MAX_DETAILS);
  const top = sorted[0];
  if (!top) {
    const ready = pods.filter((p) =>
      p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
    );
    return {
      summary:
        pods.length === 0
          ? `no pods found for the workload (selector ${selector || 'none'})`
          : `no failing pod found (${ready.length} of ${pods.length} pods ready)`,
      reasons: [],
      details,
    };
  }
  const withReason = new Set(sorted.filter((f) => f.reason === top.reason && f.pod).map((f) => f.pod));
  const share = top.pod && pods.length > 1 ? ` (${withReason.size} of ${pods.length} pods)` : '';
  return { summary: `${top.line}${share}`, reasons, details };
}

/** `app=web,track in (canary)`: a LabelSelector as the API's labelSelector parameter. */
export function selectorString(selector: V1LabelSelector | undefined): string {
  const parts = Object.entries(selector?.matchLabels ?? {}).map(([k, v]) => `${k}=${v}`);
  for (const e of selector?.matchExpressions ?? []) {
    const values = (e.values ?? []).join(',');
    if (e.operator === 'In') parts.push(`${e.key} in (${values})`);
    else if (e.operator === 'NotIn') parts.push(`${e.key} notin (${values})`);
    else if (e.operator === 'Exists') parts.push(e.key);
    else if (e.operator === 'DoesNotExist') parts.push(`!${e.key}`);
  }
  return parts.join(',');
}

interface WorkloadObject {
  metadata?: { uid?: string; annotations?: Record<string, string> };
  spec?: { selector?: V1LabelSelector };
  status?: { updateRevision?: string };
}

const ownedBy = (owners: V1OwnerReference[] | undefined, uids: ReadonlySet<string>) =>
  (owners ?? []).some((o) => uids.has(o.uid));

/**
 * Reads the workload's current pods and their (and their creator's) Warning events and ranks what is
 * wrong. `workload` is the object as last seen (read again when absent). Never throws: a failure to
 * diagnose becomes the summary, so the rollout's own error is not lost.
 */
export async function diagnose(
  apis: KubeApis,
  ref: WorkloadRef,
  workload?: unknown,
): Promise<RolloutDiagnosis> {
  try {
    return await gather(apis, ref, workload);
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    return { summary: `could not diagnose: ${message}`, reasons: [], details: [] };
  }
}

async function gather(apis: KubeApis, ref: WorkloadRef, object?: unknown): Promise<RolloutDiagnosis> {
  const { namespace } = ref;
  const workload = (object ?? (await readWorkload(apis, ref)) ?? {}) as WorkloadObject;
  const selector = selectorString(workload.spec?.selector);
  const uid = workload.metadata?.uid;

  // The pods of the workload's current revision: for a Deployment those of its newest ReplicaSet (the
  // old ones are healthy and would only dilute the picture).
  const creators: Array<{ kind: string; name: string; uid?: string }> = [];
  let owners = new Set<string>(uid ? [uid] : []);
  let revisionLabel: [string, string] | undefined;
  if (ref.kind === 'Deployment' && uid) {
    const sets = (
      await apis.apps.listNamespacedReplicaSet({ namespace, labelSelector: selector })
    ).items.filter((rs) => ownedBy(rs.metadata?.ownerReferences, new Set([uid])));
    const current = newestReplicaSet(
      sets,
      workload.metadata?.annotations?.['deployment.kubernetes.io/revision'],
    );
    owners = new Set(sets.map((rs) => rs.metadata?.uid ?? ''));
    if (current?.metadata?.name) {
      creators.push({ kind: 'ReplicaSet', name: current.metadata.name, uid: current.metadata.uid });
      owners = new Set([current.metadata.uid ?? '']);
    }
  } else {
    creators.push({ kind: ref.kind, name: ref.name, uid });
    if (ref.kind === 'StatefulSet' && workload.status?.updateRevision) {
      revisionLabel = ['controller-revision-hash', workload.status.updateRevision];
    }
  }

  let pods = (await apis.core.listNamespacedPod({ namespace, labelSelector: selector })).items;
  if (owners.size > 0) pods = pods.filter((p) => ownedBy(p.metadata?.ownerReferences, owners));
  if (revisionLabel) {
    const [key, value] = revisionLabel;
    const current = pods.filter((p) => p.metadata?.labels?.[key] === value);
    if (current.length > 0) pods = current;
  }

  const findings = pods.flatMap(podFindings);
  const notReady = (p: V1Pod) =>
    !p.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
  const eventPods = [...pods.filter(notReady), ...pods.filter((p) => !notReady(p))].slice(0, EVENT_PODS);
  const subjects = [
    ...creators,
    ...eventPods.map((p) => ({ kind: 'Pod', name: p.metadata?.name ?? '', uid: p.metadata?.uid })),
  ];
  const events = await Promise.all(
    subjects.map(async (s) =>
      (
        await apis.core.listNamespacedEvent({
          namespace,
          fieldSelector: `involvedObject.name=${s.name},type=Warning`,
        })
      ).items.filter((e) => !s.uid || !e.involvedObject?.uid || e.involvedObject.uid === s.uid),
    ),
  );
  findings.push(...eventFindings(events.flat()));
  return summarize(findings, pods, selector);
}

function newestReplicaSet(sets: V1ReplicaSet[], revision: string | undefined): V1ReplicaSet | undefined {
  const rev = (rs: V1ReplicaSet) =>
    Number(rs.metadata?.annotations?.['deployment.kubernetes.io/revision'] ?? 0);
  if (revision !== undefined) {
    const match = sets.find((rs) => String(rev(rs)) === revision);
    if (match) return match;
  }
  return [...sets].sort((a, b) => rev(b) - rev(a))[0];
}

async function readWorkload(apis: KubeApis, ref: WorkloadRef): Promise<unknown> {
  const { namespace, name } = ref;
  if (ref.kind === 'Deployment') return apis.apps.readNamespacedDeployment({ namespace, name });
  if (ref.kind === 'StatefulSet') return apis.apps.readNamespacedStatefulSet({ namespace, name });
  if (ref.kind === 'DaemonSet') return apis.apps.readNamespacedDaemonSet({ namespace, name });
  return undefined;
}
