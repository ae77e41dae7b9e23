// A loopback HTTP(S) server for provider unit tests: records every request (method, path, query, headers,
// body) and answers from a queue of scripted replies, so tests assert the request shape a real API expects.

import { afterAll, afterEach, beforeAll } from '@jest/globals';
import http from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  /** Object bodies are sent as JSON. */
  body?: unknown;
  /** Wait this long before answering (timeouts). */
  delayMs?: number;
}

export interface LocalServer {
  url: string;
  requests: RecordedRequest[];
  /** TCP connections accepted so far (counts attempts that never became a request, e.g. failed TLS). */
  connections(): number;
  /** Queue replies; when the queue is empty the last reply repeats. */
  reply(...replies: Reply[]): void;
  close(): Promise<void>;
}

export async function startLocalServer(tls?: https.ServerOptions): Promise<LocalServer> {
  const requests: RecordedRequest[] = [];
  let queue: Reply[] = [{ status: 404, body: { error: 'no reply scripted' } }];
  const handler: http.RequestListener = (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://local');
      requests.push({
        method: req.method ?? '',
        path: url.pathname,
        query: url.searchParams,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const reply = queue.length > 1 ? (queue.shift() as Reply) : (queue[0] as Reply);
      const send = (): void => {
        if (res.destroyed) return;
        const text = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? {});
        res.writeHead(reply.status ?? 200, { 'content-type': 'application/json', ...reply.headers });
        res.end(text);
      };
      if (reply.delayMs !== undefined) setTimeout(send, reply.delayMs).unref();
      else send();
    });
  };
  const server = tls === undefined ? http.createServer(handler) : https.createServer(tls, handler);
  let connections = 0;
  server.on('connection', () => {
    connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${tls === undefined ? 'http' : 'https'}://127.0.0.1:${port}`,
    requests,
    connections: () => connections,
    reply: (...replies) => {
      queue = replies;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * One plain-HTTP local server for the tests of the calling file or describe block: started before the
 * first test, its request log cleared after each, closed after the last. The returned handle reads through
 * to that server, so it can be captured at module level before the server exists.
 */
export function useLocalServer(): LocalServer {
  let server: LocalServer | undefined;
  const live = (): LocalServer => {
    if (server === undefined) throw new Error('the local server is used before beforeAll started it');
    return server;
  };
  beforeAll(async () => {
    server = await startLocalServer();
  });
  afterEach(() => {
    live().requests.length = 0;
  });
  afterAll(() => live().close());
  return {
    get url() {
      return live().url;
    },
    get requests() {
      return live().requests;
    },
    connections: () => live().connections(),
    reply: (...replies) => live().reply(...replies),
    close: () => live().close(),
  };
}
