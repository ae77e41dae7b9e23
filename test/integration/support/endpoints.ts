// Watches a Service's EndpointSlices and remembers the fewest ready endpoints it ever had once it had
// some: "the Service is never without ready endpoints" as the cluster itself reports it.
import { Watch, type KubeConfig, type V1EndpointSlice } from '@kubernetes/client-node';

export class EndpointWatch {
  private readonly slices = new Map<string, number>();
  private request: { abort(): void } | undefined;
  /** Fewest ready endpoints seen after the first time there were any; undefined before that. */
  minReady: number | undefined;
  readyNow = 0;
  events = 0;

  constructor(
    private readonly kc: KubeConfig,
    private readonly namespace: string,
    private readonly service: string,
  ) {}

  async start(): Promise<void> {
    const watch = new Watch(this.kc);
    this.request = await watch.watch(
      `/apis/discovery.k8s.io/v1/namespaces/${this.namespace}/endpointslices`,
      { labelSelector: `kubernetes.io/service-name=${this.service}` },
      (type: string, slice: V1EndpointSlice) => {
        const name = slice.metadata?.name ?? '';
        if (type === 'DELETED') this.slices.delete(name);
        else
          this.slices.set(name, (slice.endpoints ?? []).filter((e) => e.conditions?.ready === true).length);
        this.events++;
        this.readyNow = [...this.slices.values()].reduce((a, b) => a + b, 0);
        if (this.readyNow > 0 || this.minReady !== undefined)
          this.minReady = Math.min(this.minReady ?? Infinity, this.readyNow);
      },
      () => undefined,
    );
  }

  stop(): void {
    this.request?.abort();
  }
}
