// Serves the render pages and the mermaid bundles from this machine only: node:http on 127.0.0.1, port 0.
import { createServer, type Server } from 'node:http';
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { MERMAID_VERSIONS } from './versions.js';

const PROBE = resolve('test/render/assets/probe.js');

export interface PageServer {
  /** Registers a page; returns its URL. */
  page(name: string, html: string): string;
  /** A blank page with the given mermaid version and the probe loaded. */
  blank(alias: string): string;
  close(): Promise<void>;
}

/** The head every page shares: one mermaid bundle, then the probe that renders and measures. */
export function scripts(alias: string): string {
  return `<script src="/mermaid/${alias}.js"></script><script src="/probe.js"></script>`;
}

export async function startServer(): Promise<PageServer> {
  const pages = new Map<string, string>();
  const bundles = new Map<string, Buffer>();
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://127.0.0.1').pathname;
    const bundle = /^\/mermaid\/([\w-]+)\.js$/.exec(path)?.[1];
    const version = MERMAID_VERSIONS.find((v) => v.alias === bundle);
    if (version) {
      if (!bundles.has(version.alias)) bundles.set(version.alias, readFileSync(version.script));
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      response.end(bundles.get(version.alias));
      return;
    }
    if (path === '/probe.js') {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      response.end(readFileSync(PROBE));
      return;
    }
    const blank = /^\/blank\/([\w-]+)$/.exec(path)?.[1];
    const html = blank
      ? `<!doctype html><html><head><meta charset="utf-8">${scripts(blank)}</head><body><div id="stage"></div></body></html>`
      : pages.get(path);
    if (html === undefined) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    response.end(html);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    page(name, html) {
      pages.set(`/page/${name}`, html);
      return `${base}/page/${name}`;
    },
    blank: (alias) => `${base}/blank/${alias}`,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
