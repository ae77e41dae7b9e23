// Generated traffic for analysis tests: the test exporter's request counters per track, advanced by a
// fixed number of requests per tick, so both arms see exactly the counts the test asks for. Bounded: it
// stops after `maxTicks` (or when stopped), and it sends nothing anywhere but the bed's own exporter.
import { ExporterClient } from '../../../testbed/src/exporter/client.js';
import { requestsMetric } from './service-fixture.js';

export interface ArmTraffic {
  ok: number;
  errors: number;
}

export class CounterTraffic {
  private timer: NodeJS.Timeout | undefined;
  private ticks = 0;
  private pending: Promise<void> = Promise.resolve();
  readonly exporter = new ExporterClient(process.env.DIAL_TEST_EXPORTER_URL!);
  /** Requests sent per track so far (what the counters say). */
  readonly sent: Record<string, { total: number; bad: number }> = {};

  constructor(
    private readonly run: string,
    private readonly perTick: Record<'canary' | 'baseline', ArmTraffic>,
    private readonly options: { tickMs?: number; maxTicks?: number } = {},
  ) {}

  private async add(track: string, code: string, inc: number): Promise<void> {
    await this.exporter.counter({
      name: requestsMetric(this.run),
      labels: { run: this.run, track, code },
      inc,
    });
  }

  /** Creates every series at zero first, so the first increase() counts from there. */
  async start(): Promise<void> {
    for (const track of ['canary', 'baseline'])
      for (const code of ['200', '500']) await this.add(track, code, 0);
    const maxTicks = this.options.maxTicks ?? 2400;
    this.timer = setInterval(() => {
      if (++this.ticks > maxTicks) return this.stop();
      this.pending = this.pending.then(async () => {
        for (const track of ['canary', 'baseline'] as const) {
          const arm = this.perTick[track];
          await this.add(track, '200', arm.ok);
          await this.add(track, '500', arm.errors);
          const s = (this.sent[track] ??= { total: 0, bad: 0 });
          s.total += arm.ok + arm.errors;
          s.bad += arm.errors;
        }
      });
    }, this.options.tickMs ?? 250);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  async stopped(): Promise<void> {
    this.stop();
    await this.pending;
  }
}
