// Serves the GitHub contract mock as its own process, for `testbed up`, the demo and manual runs:
//   node lib/testbed/src/github/serve.js [--port N] [--host 127.0.0.1] [--port-file FILE]
// Any token is accepted (requests without one get 401). One line per request goes to stdout.
// With --port 0 (the default) the kernel picks the port as the server binds it; --port-file then tells a
// parent which one (written once listening, by rename, so a reader never sees half a number).
import { renameSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { GitHubContractMock } from './mock-server.js';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string', default: '0' },
      host: { type: 'string', default: '127.0.0.1' },
      'port-file': { type: 'string' },
    },
  });
  const started = performance.now();
  const mock = await GitHubContractMock.create({
    maxLoggedRequests: 1000,
    onRequest: (r) =>
      console.log(`${r.method} ${r.path} -> ${r.status} ${r.operationId ?? '(no such route)'}`),
  });
  const url = await mock.start(Number(values.port), values.host);
  const portFile = values['port-file'];
  if (portFile !== undefined) {
    writeFileSync(`${portFile}.tmp`, new URL(url).port);
    renameSync(`${portFile}.tmp`, portFile);
  }
  console.log(
    `GitHub contract mock listening on ${url} (ready in ${Math.round(performance.now() - started)} ms)`,
  );
  const shutdown = () => {
    mock.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', shutdown);
  process.on('SIGINT', shutdown);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
