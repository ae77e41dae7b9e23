// The parts `testbed up` starts (all at once; `status` lists them in this order).
import type { Part } from '../part.js';
import { kube } from './kube.js';
import { gateway } from './gateway.js';
import { prometheusPart } from './prometheus.js';
import { registry } from './registry.js';
import { github } from './github.js';
// Other parts: add their import here and their name to the list below (prometheus, registry, github, ...).

export const parts: Part[] = [
  kube,
  // Right after kube: its start first builds Traefik when it is missing (synchronously, minutes), before
  // the other parts' waits start their clocks.
  gateway,
  prometheusPart,
  registry,
  github,
  // ← add parts here
];
