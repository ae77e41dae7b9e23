// How the test bed gives daemons their ports (testbed/src/proc.ts), on small Node servers as daemons: a
// port is known only once the daemon has bound it, and a daemon told a port that was taken meanwhile is
// started again on another one.
import { afterAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  alive,
  listeningPorts,
  startOnOwnPort,
  startOnPickedPorts,
  type ListeningDaemon,
} from '../../../testbed/src/proc.js';

const dir = mkdtempSync(join(tmpdir(), 'dial-ports-test-'));
const started: ListeningDaemon[] = [];
afterAll(async () => {
  await Promise.all(started.map((d) => d.stop()));
  rmSync(dir, { recursive: true, force: true });
});

/** A daemon: listens on argv[2] (0 = any), writes its port to argv[3] when given, answers every request. */
const serverScript = join(dir, 'server.mjs');
writeFileSync(
  serverScript,
  `import { createServer } from 'node:http';
import { renameSync, writeFileSync } from 'node:fs';
const [port, portFile] = process.argv.slice(2);
const server = createServer((_, res) => res.end('ok'));
server.on('error', (error) => { console.error(error.message); process.exit(1); });
server.listen(Number(port), '127.0.0.1', () => {
  if (portFile) { writeFileSync(portFile + '.tmp', String(server.address().port)); renameSync(portFile + '.tmp', portFile); }
});
process.on('SIGTERM', () => process.exit(0));
`,
);

async function answers(port: number): Promise<true> {
  const response = await fetch(`http://127.0.0.1:${port}/`);
  if ((await response.text()) !== 'ok') throw new Error(`port ${port} answered ${response.status}`);
  return true;
}

function listen(port: number): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

describe('listeningPorts', () => {
  it('lists the ports a process listens on, and none for one that listens on nothing', async () => {
    const server = await listen(0);
    const { port } = server.address() as { port: number };
    try {
      expect(listeningPorts(process.pid)).toContain(port);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    expect(listeningPorts(process.pid)).not.toContain(port);
    expect(listeningPorts(2 ** 22 + 1)).toEqual([]); // above pid_max: no such process
  });
});

describe('startOnOwnPort', () => {
  it('takes the port the daemon reports in its port file', async () => {
    const portFile = join(dir, 'reported.port');
    const d = await startOnOwnPort('reporter', process.execPath, [serverScript, '0', portFile], {
      logFile: join(dir, 'reporter.log'),
      cwd: dir,
      portFile,
      what: 'the reporter to answer',
      probe: answers,
    });
    started.push(d);
    expect(d.ports).toEqual(listeningPorts(d.pid));
    await expect(answers(d.ports[0]!)).resolves.toBe(true);
  });

  it('finds the port of a daemon that does not report it in /proc', async () => {
    const d = await startOnOwnPort('silent', process.execPath, [serverScript, '0'], {
      logFile: join(dir, 'silent.log'),
      cwd: dir,
      what: 'the silent one to answer',
      probe: answers,
    });
    started.push(d);
    expect(d.ports).toHaveLength(1);
    expect(d.ports).toEqual(listeningPorts(d.pid));
  });

  it('fails with the log of a daemon that exits', async () => {
    await expect(
      startOnOwnPort(
        process.execPath,
        process.execPath,
        ['-e', 'console.error("no config"); process.exit(3)'],
        {
          logFile: join(dir, 'exits.log'),
          cwd: dir,
          what: 'never',
          probe: answers,
        },
      ),
    ).rejects.toThrow(/exited while waiting .*\n[^]*no config/);
  });
});

describe('startOnPickedPorts', () => {
  it('starts the daemon on the ports it picked, confirmed as its own', async () => {
    const d = await startOnPickedPorts('picked', process.execPath, ([port]) => [serverScript, String(port)], {
      count: 1,
      logFile: join(dir, 'picked.log'),
      cwd: dir,
      what: 'the picked one to answer',
      probe: ([port]) => answers(port!),
    });
    started.push(d);
    expect(listeningPorts(d.pid)).toEqual(d.ports);
  });

  it('starts it again on another port when the port it was told is taken before it binds it', async () => {
    // The first pick hands it a port another process holds: the race of a port picked as free and taken
    // before the daemon binds it, made certain.
    const squatter = await listen(0);
    const taken = (squatter.address() as { port: number }).port;
    const lines: string[] = [];
    let picks = 0;
    try {
      const d = await startOnPickedPorts(
        'contested',
        process.execPath,
        ([port]) => [serverScript, String(port)],
        {
          count: 1,
          logFile: join(dir, 'contested.log'),
          cwd: dir,
          what: 'the contested one to answer',
          probe: ([port]) => answers(port!),
          log: (line) => lines.push(line),
          pick: async () => {
            picks += 1;
            if (picks === 1) return [taken];
            const free = await listen(0);
            const { port } = free.address() as { port: number };
            await new Promise((resolve) => free.close(resolve));
            return [port];
          },
        },
      );
      started.push(d);
      expect(picks).toBe(2);
      expect(lines).toEqual([
        `contested: port ${taken} picked for it was taken before it bound it; starting it again on other ports (attempt 2 of 5)`,
      ]);
      expect(listeningPorts(d.pid)).toEqual(d.ports);
      expect(d.ports).not.toContain(taken);
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });

  it('gives up after the attempts, naming the port', async () => {
    const squatter = await listen(0);
    const taken = (squatter.address() as { port: number }).port;
    try {
      const failure = startOnPickedPorts(
        'hopeless',
        process.execPath,
        ([port]) => [serverScript, String(port)],
        {
          count: 1,
          logFile: join(dir, 'hopeless.log'),
          cwd: dir,
          what: 'never',
          probe: async () => true,
          attempts: 2,
          pick: async () => [taken],
        },
      );
      await expect(failure).rejects.toThrow(new RegExp(`hopeless: .*${taken}.*address already in use`, 's'));
    } finally {
      await new Promise((resolve) => squatter.close(resolve));
    }
  });

  it('also starts again a daemon that logs the port as taken and goes on running', async () => {
    let starts = 0;
    const d = await startOnPickedPorts(
      'stubborn',
      process.execPath,
      ([port]) => {
        starts += 1;
        if (starts > 1) return [serverScript, String(port)];
        // As Go reports it; then it stays up without the port, as some daemons do.
        const line = `listen tcp 127.0.0.1:${port}: bind: address already in use`;
        return ['-e', `console.error(${JSON.stringify(line)}); setInterval(() => {}, 1000)`];
      },
      {
        count: 1,
        logFile: join(dir, 'stubborn.log'),
        cwd: dir,
        what: 'the stubborn one to answer',
        probe: ([port]) => answers(port!),
      },
    );
    started.push(d);
    expect(starts).toBe(2);
    expect(listeningPorts(d.pid)).toEqual(d.ports);
  });

  it('does not start again a daemon that failed for another reason', async () => {
    let starts = 0;
    const failure = startOnPickedPorts(
      'broken',
      process.execPath,
      () => {
        starts += 1;
        return ['-e', 'console.error("bad flag"); process.exit(2)'];
      },
      { count: 1, logFile: join(dir, 'broken.log'), cwd: dir, what: 'never', probe: async () => true },
    );
    await expect(failure).rejects.toThrow(/bad flag/);
    expect(starts).toBe(1);
  });

  it('stops each daemon it started', async () => {
    const d = await startOnPickedPorts(
      'stopped',
      process.execPath,
      ([port]) => [serverScript, String(port)],
      {
        count: 1,
        logFile: join(dir, 'stopped.log'),
        cwd: dir,
        what: 'the stopped one to answer',
        probe: ([port]) => answers(port!),
      },
    );
    await d.stop();
    expect(alive(d.pid)).toBe(false);
  });
});
