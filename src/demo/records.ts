// Follows a service's rollout record (the ConfigMap `dial-<service>` the engine writes after every event)
// while `dial rollout` runs, and keeps each release as it last was before it finished: finishing a
// release moves it into the history without its steps, analysis and per-window series, which the
// summary needs. Read-only: it never writes anything.
import { CoreV1Api, Watch, type KubeConfig, type V1ConfigMap } from '@kubernetes/client-node';
import { checkRecord, dialObjectName, RECORD_KEY } from '../kube/state-store.js';
import type { CurrentRelease, RolloutRecord } from '../rollout/record.js';

const WATCH_SECONDS = 25;

export class RecordWatcher {
  private readonly releases = new Map<string, CurrentRelease>();
  /** Each release's last analysis: passing a step drops it from the record, the summary shows it. */
  private readonly analyses = new Map<string, NonNullable<CurrentRelease['analysis']>>();
  private latest: RolloutRecord | undefined;
  private readonly controller = new AbortController();
  private running: Promise<void> | undefined;
  private lastError: string | undefined;

  constructor(
    private readonly kc: KubeConfig,
    private readonly namespace: string,
    private readonly service: string,
  ) {}

  private seen(configMap: V1ConfigMap | undefined): void {
    const text = configMap?.data?.[RECORD_KEY];
    if (text === undefined) return;
    try {
      const record = checkRecord(JSON.parse(text), `ConfigMap ${this.namespace}/${this.name}`);
      this.latest = record;
      const current = record.current;
      if (current) this.releases.set(current.id, current);
      if (current?.analysis) this.analyses.set(current.id, current.analysis);
    } catch (error) {
      this.lastError = (error as Error).message;
    }
  }

  private get name(): string {
    return dialObjectName(this.service);
  }

  /** Reads the record now, then follows every change until stop(). */
  start(): void {
    this.running ??= this.follow().catch((error: unknown) => {
      if (!this.controller.signal.aborted) this.lastError = (error as Error).message;
    });
  }

  /** The record as read now (also catches a change the watch has not delivered yet). */
  async refresh(): Promise<RolloutRecord | undefined> {
    this.seen(await this.read());
    return this.latest;
  }

  private async read(): Promise<V1ConfigMap | undefined> {
    try {
      return await this.kc
        .makeApiClient(CoreV1Api)
        .readNamespacedConfigMap({ name: this.name, namespace: this.namespace });
    } catch (error) {
      if ((error as { code?: number }).code === 404) return undefined;
      throw error;
    }
  }

  private async follow(): Promise<void> {
    const signal = this.controller.signal;
    const watch = new Watch(this.kc);
    const path = `/api/v1/namespaces/${this.namespace}/configmaps`;
    while (!signal.aborted) {
      const current = await this.read().catch(() => undefined);
      this.seen(current);
      const resourceVersion = current?.metadata?.resourceVersion;
      await new Promise<void>((resolve) => {
        const finished = () => resolve();
        watch
          .watch(
            path,
            {
              fieldSelector: `metadata.name=${this.name}`,
              timeoutSeconds: WATCH_SECONDS,
              ...(resourceVersion ? { resourceVersion } : {}),
            },
            (type: string, object: V1ConfigMap) => {
              if (type === 'ADDED' || type === 'MODIFIED') this.seen(object);
            },
            finished,
          )
          .then((abort) => {
            if (signal.aborted) abort.abort();
            else signal.addEventListener('abort', () => abort.abort(), { once: true });
          })
          .catch(finished);
      });
      if (!signal.aborted) await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  async stop(): Promise<void> {
    this.controller.abort();
    await this.running;
  }

  /**
   * The release as last seen while it was in progress, with the analysis of its last analysed step (a
   * promoted release's record drops it when that step passes).
   */
  release(id: string): CurrentRelease | undefined {
    const seen = this.releases.get(id);
    const analysis = seen?.analysis ?? this.analyses.get(id);
    return seen && analysis ? { ...seen, analysis } : seen;
  }

  /** The release that started last (the current one, or the one that just finished). */
  newest(): CurrentRelease | undefined {
    const [last] = [...this.releases.values()].sort(
      (a, b) => Date.parse(b.startedAt) - Date.parse(a.startedAt),
    );
    return last ? this.release(last.id) : undefined;
  }

  get record(): RolloutRecord | undefined {
    return this.latest;
  }

  get problem(): string | undefined {
    return this.lastError;
  }
}
