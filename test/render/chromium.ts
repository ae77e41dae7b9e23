// Debian's chromium, headless, driven over the DevTools protocol by playwright-core (which downloads no
// browser of its own here). Launched as root with a fresh profile and everything that would reach the
// network switched off; the pages come from a server on 127.0.0.1.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

export const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  '--hide-scrollbars',
  '--force-color-profile=srgb',
];

/** Where Debian puts it; `DIAL_CHROMIUM` names another binary. */
export function chromiumPath(): string | undefined {
  const candidates = [process.env.DIAL_CHROMIUM, '/usr/bin/chromium', '/usr/lib/chromium/chromium'];
  return candidates.find((path): path is string => path !== undefined && existsSync(path));
}

export interface Chromium {
  browser: Browser;
  close(): Promise<void>;
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function exited(proc: ChildProcess): Promise<void> {
  return proc.exitCode !== null || proc.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => proc.once('exit', () => resolve()));
}

/** Starts chromium with its own process group, so closing ends it and its helpers by its id alone. */
export async function launchChromium(): Promise<Chromium> {
  const binary = chromiumPath();
  if (!binary) throw new Error('chromium not found: `apt-get install -y chromium` (scripts/setup.sh does)');
  const profile = mkdtempSync(join(tmpdir(), 'dial-chromium-'));
  const proc = spawn(
    binary,
    [...CHROMIUM_FLAGS, `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank'],
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  // Should the test process end without closing it (a crash, a timeout), its browser ends with it.
  const orphan = (): void => {
    try {
      if (proc.pid !== undefined) process.kill(-proc.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  };
  process.once('exit', orphan);
  let stderr = '';
  proc.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const stop = async (): Promise<void> => {
    if (proc.pid !== undefined && proc.exitCode === null && proc.signalCode === null) {
      try {
        process.kill(-proc.pid, 'SIGTERM');
      } catch {
        // already gone
      }
      const killed = setTimeout(() => {
        try {
          if (proc.pid !== undefined) process.kill(-proc.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }, 5000);
      await exited(proc);
      clearTimeout(killed);
    }
    process.removeListener('exit', orphan);
    rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  };
  try {
    // Chromium writes the port it chose to <profile>/DevToolsActivePort once it listens.
    const port = await until(
      'chromium to listen for DevTools',
      () => {
        if (proc.exitCode !== null) throw new Error(`chromium exited ${proc.exitCode}: ${stderr}`);
        const file = join(profile, 'DevToolsActivePort');
        if (!existsSync(file)) return undefined;
        const first = readFileSync(file, 'utf8').split('\n')[0];
        return first ? Number(first) : undefined;
      },
      30_000,
    );
    const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
    return {
      browser,
      close: async () => {
        await browser.close().catch(() => undefined);
        await stop();
      },
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
