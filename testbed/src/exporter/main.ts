// The test exporter: a prom-client registry served on /metrics for the test bed's Prometheus to scrape,
// plus a control API so tests decide exactly what the series hold (see protocol.ts).
// Runs as its own process: `node testbed/src/exporter/main.ts --port 0 --port-file FILE` (Node 24 strips the
// types; this file imports only types from local modules) or the compiled lib/ copy.

import http from 'node:http';
import { renameSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { ControlResponse, CounterRequest, GaugeRequest, HistogramRequest, Labels } from './protocol.js';

type Metric = Counter | Gauge | Histogram;

/** Thrown for requests the exporter refuses; becomes a 400. */
class BadRequest extends Error {}

const registry = new Registry();
const declared = new Map<string, { metric: Metric; labelNames: string[] }>();

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function labelsOf(body: Record<string, unknown>): Labels {
  const raw = body.labels ?? {};
  if (!isObject(raw) || !Object.values(raw).every((v) => typeof v === 'string')) {
    throw new BadRequest('labels must be an object of strings');
  }
  return raw as Labels;
}

function nameOf(body: Record<string, unknown>): string {
  if (typeof body.name !== 'string' || !/^[a-zA-Z_:][a-zA-Z0-9_:]*$/.test(body.name)) {
    throw new BadRequest('name must be a Prometheus metric name');
  }
  return body.name;
}

function numbers(value: unknown, what: string): number[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    throw new BadRequest(`${what} must be a list of finite numbers`);
  }
  return value as number[];
}

/** The metric called `name`, declared now with these label names if new; its kind and labels must match. */
function metric<T extends Metric>(
  kind: new (config: never) => T,
  name: string,
  labels: Labels,
  create: (labelNames: string[]) => T,
): T {
  const labelNames = Object.keys(labels).sort();
  const existing = declared.get(name);
  if (existing === undefined) {
    const created = create(labelNames);
    declared.set(name, { metric: created, labelNames });
    return created;
  }
  if (!(existing.metric instanceof kind)) throw new BadRequest(`${name} is already declared as another kind`);
  if (existing.labelNames.join(',') !== labelNames.join(',')) {
    throw new BadRequest(
      `${name} has labels [${existing.labelNames.join(', ')}], got [${labelNames.join(', ')}]`,
    );
  }
  return existing.metric;
}

function counter(body: Record<string, unknown> & Partial<CounterRequest>): void {
  const name = nameOf(body);
  const labels = labelsOf(body);
  const c = metric(Counter, name, labels, (labelNames) => {
    return new Counter({
      name,
      help: body.help ?? `test counter ${name}`,
      labelNames,
      registers: [registry],
    });
  });
  if (body.set !== undefined) {
    if (typeof body.set !== 'number' || !(body.set >= 0)) throw new BadRequest('set must be a number >= 0');
    c.remove(labels);
    c.inc(labels, body.set);
    return;
  }
  const by = body.inc ?? 1;
  if (typeof by !== 'number' || !(by >= 0)) throw new BadRequest('inc must be a number >= 0');
  c.inc(labels, by);
}

function gauge(body: Record<string, unknown> & Partial<GaugeRequest>): void {
  const name = nameOf(body);
  const labels = labelsOf(body);
  if (typeof body.set !== 'number') throw new BadRequest('set must be a number');
  const g = metric(Gauge, name, labels, (labelNames) => {
    return new Gauge({ name, help: body.help ?? `test gauge ${name}`, labelNames, registers: [registry] });
  });
  g.set(labels, body.set);
}

function histogram(body: Record<string, unknown> & Partial<HistogramRequest>): void {
  const name = nameOf(body);
  const labels = labelsOf(body);
  const buckets = numbers(body.buckets, 'buckets');
  const observe = numbers(body.observe, 'observe');
  const h = metric(Histogram, name, labels, (labelNames) => {
    return new Histogram({
      name,
      help: body.help ?? `test histogram ${name}`,
      labelNames,
      registers: [registry],
      ...(buckets.length > 0 ? { buckets } : {}),
    });
  });
  if (observe.length === 0) h.zero(labels);
  for (const value of observe) h.observe(labels, value);
}

function reset(): void {
  registry.clear();
  declared.clear();
}

async function readJson(req: http.IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new BadRequest('body is not JSON');
  }
  if (!isObject(parsed)) throw new BadRequest('body must be a JSON object');
  return parsed;
}

function send(res: http.ServerResponse, status: number, body: ControlResponse): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const controls: Record<string, (body: Record<string, unknown>) => void> = {
  '/control/counter': counter,
  '/control/gauge': gauge,
  '/control/histogram': histogram,
  '/control/reset': reset,
};

async function handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const path = new URL(req.url ?? '/', 'http://exporter').pathname;
  if (req.method === 'GET' && path === '/metrics') {
    const text = await registry.metrics();
    res.writeHead(200, { 'content-type': registry.contentType });
    res.end(text);
    return;
  }
  if (req.method === 'GET' && path === '/healthz') return send(res, 200, { ok: true });
  const control = controls[path];
  if (req.method === 'POST' && control !== undefined) {
    try {
      control(await readJson(req));
      return send(res, 200, { ok: true });
    } catch (error) {
      if (error instanceof BadRequest) return send(res, 400, { ok: false, error: error.message });
      // prom-client's own validation errors (bad label value, bucket order) are the caller's mistake too.
      return send(res, 400, { ok: false, error: error instanceof Error ? error.message : String(error) });
    }
  }
  send(res, 404, { ok: false, error: `no route ${req.method ?? ''} ${path}` });
}

const { values: args } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string', default: '0' },
    'port-file': { type: 'string' },
  },
});

const server = http.createServer((req, res) => {
  handle(req, res).catch((error: unknown) => {
    send(res, 500, { ok: false, error: error instanceof Error ? error.message : String(error) });
  });
});

server.listen(Number(args.port), args.host, () => {
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : Number(args.port);
  // Written then renamed, so a reader that sees the file sees the whole port and can connect at once.
  const portFile = args['port-file'];
  if (portFile !== undefined) {
    writeFileSync(`${portFile}.tmp`, String(port));
    renameSync(`${portFile}.tmp`, portFile);
  }
  process.stdout.write(`dial test exporter listening on http://${args.host}:${port}\n`);
});

for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, () => server.close(() => process.exit(0)));
}
