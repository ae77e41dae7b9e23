// Debian's chromium, headless, for drawing the demo's report (mermaid charts to SVG, a PNG of the page):
// started in its own process group with a fresh profile and everything that would reach the network
// switched off, driven over the DevTools protocol by playwright-core (which downloads no browser here),
// and always ended by its group id, helpers included, also when the demo exits early. The render tests
// (test/render/mermaid.test.ts) draw with this launch too.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';

const FLAGS = [
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

/** Whether any process of the group is left (chromium's helpers end after its main process). */
function groupAlive(pgid: number): boolean {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      // fields[0] is the state: a zombie waits for its parent, it runs nothing any more.
      if (Number(fields[2]) === pgid && fields[0] !== 'Z') return true;
    } catch {
      // exited meanwhile
    }
  }
  return false;
}

export interface Chromium {
  browser: Browser;
  /** Its process group id, so the caller can end it on an interrupt. */
  pid: number | undefined;
  close(): Promise<void>;
}

export async function launchChromium(binary: string): Promise<Chromium> {
  const profile = mkdtempSync(join(tmpdir(), 'dial-chromium-'));
  const proc = spawn(
    binary,
    [...FLAGS, `--user-data-dir=${profile}`, '--remote-debugging-port=0', 'about:blank'],
    { stdio: ['ignore', 'ignore', 'pipe'], detached: true },
  );
  const kill = (signal: NodeJS.Signals) => {
    try {
      if (proc.pid !== undefined) process.kill(-proc.pid, signal);
    } catch {
      // already gone
    }
  };
  const orphan = () => kill('SIGKILL');
  process.once('exit', orphan);
  let stderr = '';
  proc.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-2000);
  });
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const stop = async () => {
    if (proc.exitCode === null && proc.signalCode === null) kill('SIGTERM');
    const timer = setTimeout(() => kill('SIGKILL'), 5000);
    await exited;
    // Then its helpers (zygote, GPU, renderers), which end a moment later: none may outlive the demo.
    for (let waited = 0; proc.pid !== undefined && groupAlive(proc.pid); waited += 50) {
      if (waited === 2000) kill('SIGKILL');
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    clearTimeout(timer);
    process.removeListener('exit', orphan);
    rmSync(profile, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
  };
  try {
    const deadline = Date.now() + 30_000;
    let port: number | undefined;
    while (port === undefined) {
      if (proc.exitCode !== null) throw new Error(`chromium exited ${proc.exitCode}: ${stderr}`);
      if (Date.now() > deadline) throw new Error('timed out after 30 s waiting for chromium to listen');
      // Chromium writes the port it chose to <profile>/DevToolsActivePort once it listens.
      const file = join(profile, 'DevToolsActivePort');
      const first = existsSync(file) ? readFileSync(file, 'utf8').split('\n')[0] : undefined;
      if (first) port = Number(first);
      else await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const browser = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
    return {
      browser,
      pid: proc.pid,
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
