// The demo's test bed: the running one when it is healthy, else one started now — after saying how long
// building a missing part takes (the binaries are cached in ~/.cache/dial-testbed, so only once).
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { acquireBed, healthy, readState, releaseBed, type BedState } from '../../testbed/src/bed.js';
import { binDir, traefikBinDir, versions, traefikVersion } from '../../testbed/src/paths.js';

const KUBE_BINARIES = [
  'etcd',
  'kube-apiserver',
  'kube-controller-manager',
  'kube-scheduler',
  'kubectl',
  'kwok',
];

/** What `testbed up` would have to build first, with how long it takes on 2 cores. */
export function missingBuilds(): string[] {
  const missing: string[] = [];
  const kubeDir = process.env.DIAL_TESTBED_BIN || binDir();
  if (KUBE_BINARIES.some((b) => !existsSync(join(kubeDir, b)))) {
    const v = versions();
    missing.push(
      `Kubernetes ${v.kubernetes} with etcd ${v.etcd} and kwok ${v.kwok}: about 6 minutes on 2 cores`,
    );
  }
  const traefik = process.env.DIAL_TRAEFIK_BIN || join(traefikBinDir(), 'traefik');
  if (!existsSync(traefik)) missing.push(`Traefik ${traefikVersion()}: about 8–14 minutes on 2 cores`);
  return missing;
}

export interface DemoBed {
  state: BedState;
  /** Started for this run (it is stopped at the end unless kept). */
  started: boolean;
  release(): Promise<boolean>;
}

/** The healthy bed that is up, or a new one; `keep` leaves a bed this starts up after the demo. */
export async function demoBed(keep: boolean, say: (line: string) => void): Promise<DemoBed> {
  const recorded = readState();
  const reusable = recorded !== undefined && (await healthy(recorded));
  if (!reusable) {
    const builds = missingBuilds();
    if (builds.length > 0) {
      say('The test bed needs binaries this machine has not built yet; they are built once and cached in');
      say('~/.cache/dial-testbed (Go modules from the module proxy), then every start takes seconds:');
      for (const b of builds) say(`  - ${b}`);
      say('The build prints its progress below.');
    } else
      say('Starting the test bed (about 15 s: etcd, kube-apiserver, kwok, Traefik, Prometheus, registry)…');
  }
  const { state, started } = await acquireBed({ keep, log: (line) => say(`  bed │ ${line}`) });
  let released = false;
  return {
    state,
    started,
    async release() {
      if (released) return false;
      released = true;
      return releaseBed(state, { log: (line) => say(`  bed │ ${line}`) });
    },
  };
}
