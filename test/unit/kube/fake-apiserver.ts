// A loopback stand-in for the parts of the Kubernetes API a unit test needs: it records every request
// (verb, path, query) and answers through the test's handler, which may stream (a watch). The client is
// the real client-node, pointed at it by a KubeConfig.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { KubeConfig } from '@kubernetes/client-node';

export interface SeenRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: string;
}

/** The handler answers with `res`; what it returns is ignored. */
export type Handler = (req: SeenRequest, res: http.ServerResponse) => void;

export interface FakeApiServer {
  kc: KubeConfig;
  requests: SeenRequest[];
  /** `VERB path` of every request, watches as `WATCH path`. */
  log(): string[];
  close(): Promise<void>;
}

export function json(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

/** A Status body as the API server sends with an error. */
export function status(res: http.ServerResponse, code: number, reason: string, message: string): void {
  json(res, code, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason, message, code });
}

export async function startFakeApiServer(handler: Handler): Promise<FakeApiServer> {
  const requests: SeenRequest[] = [];
  const open = new Set<http.ServerResponse>();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://localhost');
      const seen = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: url.searchParams,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      requests.push(seen);
      open.add(res);
      res.on('close', () => open.delete(res));
      handler(seen, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const kc = new KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'fake', server: `http://127.0.0.1:${port}`, skipTLSVerify: true }],
    users: [{ name: 'fake', token: 'fake' }],
    contexts: [{ name: 'fake', cluster: 'fake', user: 'fake' }],
    currentContext: 'fake',
  });
  return {
    kc,
    requests,
    log: () => requests.map((r) => `${r.query.get('watch') === 'true' ? 'WATCH' : r.method} ${r.path}`),
    close: async () => {
      for (const res of open) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
