// Where the test bed finds its checkout, its cached binaries and its state file.
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The checkout root (works from testbed/src under ts-jest and from lib/testbed/src when compiled). */
export function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && existsSync(join(dir, 'testbed', 'go'))) return dir;
    const up = dirname(dir);
    if (up === dir)
      throw new Error('test bed: cannot find the checkout root above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
}

/** Version pinned by `require MODULE vX.Y.Z` in one of testbed/go/NAME/go.mod. */
export function goModPin(wrapper: string, module: string): string {
  const text = readFileSync(join(repoRoot(), 'testbed', 'go', wrapper, 'go.mod'), 'utf8');
  const escaped = module.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const m = new RegExp(`^require ${escaped} (v[0-9][^\\s]*)$`, 'm').exec(text);
  if (!m?.[1]) throw new Error(`test bed: testbed/go/${wrapper}/go.mod does not require ${module}`);
  return m[1];
}

export interface Versions {
  kubernetes: string;
  etcd: string;
  kwok: string;
}

export function versions(): Versions {
  return {
    kubernetes: goModPin('k8s', 'k8s.io/kubernetes'),
    etcd: goModPin('etcd', 'go.etcd.io/etcd/server/v3'),
    kwok: goModPin('kwok', 'sigs.k8s.io/kwok'),
  };
}

/** The cache folder outside the checkout (same rule as testbed/scripts/build-binaries.sh). */
export function cacheDir(): string {
  return process.env.DIAL_TESTBED_CACHE || join(process.env.HOME || tmpdir(), '.cache', 'dial-testbed');
}

export function binDir(): string {
  const v = versions();
  return join(cacheDir(), `bin-k8s-${v.kubernetes}-etcd-${v.etcd}-kwok-${v.kwok}`);
}

/** Where `testbed up` records what it started (DIAL_TESTBED_STATE overrides). */
export function stateFile(): string {
  return process.env.DIAL_TESTBED_STATE || join(tmpdir(), 'dial-testbed', 'state.json');
}

/** Traefik, the gateway part's data plane (testbed/go/traefik/go.mod). */
export function traefikVersion(): string {
  return goModPin('traefik', 'github.com/traefik/traefik/v3');
}

/** Traefik's own cache folder (same rule as build-binaries.sh), so a new Traefik does not rebuild the rest. */
export function traefikBinDir(): string {
  return join(cacheDir(), `bin-traefik-${traefikVersion()}`);
}
