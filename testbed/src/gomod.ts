// Reads published files out of Go modules: `go mod download -json MODULE@VERSION` gives each module's
// folder in the module cache (downloaded once from the Go module proxy, then offline).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileP } from './proc.js';

interface Downloaded {
  Path: string;
  Version: string;
  Dir?: string;
  Error?: string;
}

/** Folder of each MODULE@VERSION in the module cache, keyed by 'MODULE@VERSION'. */
export async function goModDirs(modules: string[]): Promise<Map<string, string>> {
  // Outside any go.mod, so no workspace or module context changes what is resolved.
  const cwd = mkdtempSync(join(tmpdir(), 'dial-gomod-'));
  try {
    const { stdout } = await execFileP('go', ['mod', 'download', '-json', ...modules], {
      cwd,
      maxBuffer: 16 * 1024 * 1024,
      env: { ...process.env, GOFLAGS: '-mod=mod', GO111MODULE: 'on' },
    }).catch((err: { stdout?: string; stderr?: string; message: string }) => {
      // A failed module still prints its JSON (with Error) on stdout; go exits 1.
      if (err.stdout) return { stdout: err.stdout };
      throw new Error(`test bed: go mod download ${modules.join(' ')} failed: ${err.stderr || err.message}`);
    });
    const dirs = new Map<string, string>();
    const errors: string[] = [];
    for (const obj of splitJsonStream(stdout) as Downloaded[]) {
      if (obj.Error || !obj.Dir) errors.push(`${obj.Path}@${obj.Version}: ${obj.Error ?? 'no Dir'}`);
      else dirs.set(`${obj.Path}@${obj.Version}`, obj.Dir);
    }
    if (errors.length) throw new Error(`test bed: go mod download failed:\n${errors.join('\n')}`);
    return dirs;
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}

/** `go ... -json` prints a stream of objects, not an array. */
function splitJsonStream(text: string): unknown[] {
  const out: unknown[] = [];
  let depth = 0;
  let start = -1;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{') {
      if (depth++ === 0) start = i;
    } else if (c === '}' && --depth === 0) out.push(JSON.parse(text.slice(start, i + 1)));
  }
  return out;
}
