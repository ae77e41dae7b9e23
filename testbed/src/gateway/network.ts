// The bed's pod network: a range inside 198.18.0.0/15 (RFC 2544, reserved for benchmarks) that lives only
// inside a network namespace the bed creates, so kwok's pods get addresses that a real server can listen on
// and that the apiserver accepts in EndpointSlices (it refuses loopback addresses).
//
// Each bed takes one slot, a /21 of 198.18.0.0/15 (64 slots):
//   - its first /22 holds the pods: one /24 per fake node (spec.podCIDR, from which kwok assigns pod IPs);
//     it is routed from the host into the namespace and made local there (`ip route add local ... dev lo`),
//     so a server bound to any pod IP inside the namespace answers the host;
//   - a /30 in its fifth /24 is the veth pair between the host (.1) and the namespace (.2).
// Nothing of the range is ever put on the host's own interfaces except that /30 on the bed's own veth.
//
// The slot is chosen from a hash of the bed's folder, skipping slots that overlap any route of the host
// (`ip route show table all`) and slots another live bed has claimed: a claim is a file created
// exclusively in CLAIMS_DIR (under /run, so every bed of the machine sees it, and a reboot, which removes
// every namespace, removes them too) naming the bed's folder and what it made. A claim whose bed folder is
// gone belongs to a bed that crashed or was removed without `down`: sweepStale() removes its namespace,
// veth and route, and the claim.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { promisify } from 'node:util';

const execFileP = promisify(execFile);

/** RFC 2544's benchmark range, as a 32-bit number and its prefix length. */
const RANGE_BASE = ipToInt('198.18.0.0');
const RANGE_BITS = 15;
/** One bed's slot: a /21 (8 /24s). */
const SLOT_BITS = 21;
const SLOTS = 2 ** (SLOT_BITS - RANGE_BITS);
/** At most this many fake nodes (one /24 each inside the slot's first /22). */
export const MAX_NODES = 4;

export interface PodNetwork {
  /** The bed folder it belongs to. */
  bedDir: string;
  slot: number;
  /** The slot, e.g. 198.18.40.0/21 (checked against the host's routes). */
  slotCidr: string;
  /** The pods' range, routed into the namespace and local there, e.g. 198.18.40.0/22. */
  podCidr: string;
  /** One /24 per fake node (node i gets nodeCidrs[i]). */
  nodeCidrs: string[];
  netns: string;
  hostVeth: string;
  nsVeth: string;
  /** Addresses of the veth pair (a /30). */
  hostIp: string;
  nsIp: string;
  linkPrefix: number;
}

export function ipToInt(ip: string): number {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some((p) => !Number.isInteger(p) || p < 0 || p > 255)) {
    throw new Error(`not an IPv4 address: ${ip}`);
  }
  return ((parts[0]! << 24) | (parts[1]! << 16) | (parts[2]! << 8) | parts[3]!) >>> 0;
}

export function intToIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** [first, last] address of a CIDR (a bare address is a /32). */
export function cidrRange(cidr: string): [number, number] {
  const [ip, bitsText] = cidr.split('/');
  const bits = bitsText === undefined ? 32 : Number(bitsText);
  const size = 2 ** (32 - bits);
  const first = Math.floor(ipToInt(ip!) / size) * size;
  return [first, first + size - 1];
}

export function overlaps(a: string, b: string): boolean {
  const [a0, a1] = cidrRange(a);
  const [b0, b1] = cidrRange(b);
  return a0 <= b1 && b0 <= a1;
}

/** The network of slot `slot` for the bed in `bedDir` (pure: names and addresses only). */
export function slotNetwork(bedDir: string, slot: number): PodNetwork {
  const base = RANGE_BASE + slot * 2 ** (32 - SLOT_BITS);
  const id = bedId(bedDir);
  const link = base + 4 * 256; // the slot's fifth /24
  return {
    bedDir,
    slot,
    slotCidr: `${intToIp(base)}/${SLOT_BITS}`,
    podCidr: `${intToIp(base)}/22`,
    nodeCidrs: Array.from({ length: MAX_NODES }, (_, i) => `${intToIp(base + i * 256)}/24`),
    netns: `dialbed-${id}`,
    // Interface names have at most 15 characters.
    hostVeth: `dbh-${id}`,
    nsVeth: `dbn-${id}`,
    hostIp: intToIp(link + 1),
    nsIp: intToIp(link + 2),
    linkPrefix: 30,
  };
}

/** The short id of a bed: the random part of its folder's name (`bed-Ab12Cd` → `Ab12Cd`). */
export function bedId(bedDir: string): string {
  const id = basename(bedDir)
    .replace(/^bed-/, '')
    .replace(/[^A-Za-z0-9]/g, '');
  return (id || createHash('sha256').update(bedDir).digest('hex')).slice(0, 8);
}

/** Where beds claim their slots: one file per slot. */
export function claimsDir(): string {
  if (process.env.DIAL_TESTBED_NET_CLAIMS) return process.env.DIAL_TESTBED_NET_CLAIMS;
  return process.getuid?.() === 0
    ? '/run/dial-testbed/pod-networks'
    : join(tmpdir(), 'dial-testbed', 'pod-networks');
}

async function run(cmd: string, args: string[]): Promise<string> {
  try {
    const { stdout } = await execFileP(cmd, args, { timeout: 10_000 });
    return stdout;
  } catch (error) {
    const e = error as { stderr?: string; message: string };
    throw new Error(`${cmd} ${args.join(' ')}: ${(e.stderr || e.message).trim()}`);
  }
}

/** `ip` and its arguments, failing with its stderr. */
export const ip = (...args: string[]): Promise<string> => run('ip', args);

/** The destinations of every IPv4 route of the host (all tables), except `default`. */
export async function hostRoutes(): Promise<string[]> {
  const routes = JSON.parse(await ip('-4', '-j', 'route', 'show', 'table', 'all')) as { dst?: string }[];
  return routes.map((r) => r.dst ?? '').filter((d) => d !== '' && d !== 'default' && /^\d/.test(d));
}

function readClaim(file: string): PodNetwork | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as PodNetwork;
  } catch {
    return undefined;
  }
}

const claimFile = (slot: number) => join(claimsDir(), `slot-${slot}.json`);

/** This bed's record of its network, beside its parts (for other processes: tests, `down`). */
export const networkFile = (bedDir: string): string => join(bedDir, 'pod-network.json');

const chosen = new Map<string, Promise<PodNetwork>>();

/**
 * The pod network of the bed in `bedDir`: chosen and claimed once (the kube part, which gives the fake
 * nodes their podCIDRs, and the gateway part, which creates the namespace, both ask; the first asking
 * chooses), recorded in the bed's folder.
 */
export function podNetwork(bedDir: string): Promise<PodNetwork> {
  let p = chosen.get(bedDir);
  if (!p) {
    p = choose(bedDir);
    chosen.set(bedDir, p);
    p.catch(() => chosen.delete(bedDir));
  }
  return p;
}

async function choose(bedDir: string): Promise<PodNetwork> {
  if (existsSync(networkFile(bedDir))) {
    return JSON.parse(readFileSync(networkFile(bedDir), 'utf8')) as PodNetwork;
  }
  await sweepStale();
  mkdirSync(claimsDir(), { recursive: true });
  const routes = await hostRoutes();
  const start = createHash('sha256').update(bedDir).digest().readUInt32BE(0) % SLOTS;
  const skipped: string[] = [];
  for (let i = 0; i < SLOTS; i += 1) {
    const slot = (start + i) % SLOTS;
    const net = slotNetwork(bedDir, slot);
    const clash = routes.find((r) => overlaps(r, net.slotCidr));
    if (clash) {
      skipped.push(`${net.slotCidr} (route ${clash})`);
      continue;
    }
    try {
      writeFileSync(claimFile(slot), JSON.stringify(net, null, 2) + '\n', { flag: 'wx' });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      skipped.push(`${net.slotCidr} (claimed by ${readClaim(claimFile(slot))?.bedDir ?? '?'})`);
      continue;
    }
    writeFileSync(`${networkFile(bedDir)}.tmp`, JSON.stringify(net, null, 2) + '\n');
    renameSync(`${networkFile(bedDir)}.tmp`, networkFile(bedDir));
    return net;
  }
  throw new Error(
    `test bed: no free /${SLOT_BITS} left in 198.18.0.0/15 for pods; taken: ${skipped.join(', ')}`,
  );
}

/** Processes running inside network namespace `netns` (empty when there is none). */
async function pidsIn(netns: string): Promise<number[]> {
  try {
    return (await ip('netns', 'pids', netns))
      .split(/\s+/)
      .filter((s) => /^\d+$/.test(s))
      .map(Number);
  } catch {
    return [];
  }
}

/**
 * Removes what `net` made: the processes still inside its namespace, the namespace, the veth pair (and
 * with it the host's route into the namespace), the route itself if it outlived the device, and the claim.
 * Idempotent: what is already gone is skipped. Returns what it removed, for logs.
 */
export async function removeNetwork(net: PodNetwork): Promise<string[]> {
  const removed: string[] = [];
  const ignore = () => undefined;
  for (const pid of await pidsIn(net.netns)) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
  }
  if (await ip('link', 'del', net.hostVeth).then(() => true, ignore)) removed.push(`veth ${net.hostVeth}`);
  if (await ip('route', 'del', net.podCidr, 'dev', net.hostVeth).then(() => true, ignore)) {
    removed.push(`route ${net.podCidr}`);
  }
  if (await ip('netns', 'del', net.netns).then(() => true, ignore)) removed.push(`netns ${net.netns}`);
  const claim = readClaim(claimFile(net.slot));
  if (claim?.bedDir === net.bedDir) {
    rmSync(claimFile(net.slot), { force: true });
    removed.push(`claim of ${net.slotCidr}`);
  }
  return removed;
}

/**
 * Removes the networks of beds that are gone (their folder no longer exists: crashed, or removed without
 * `down`), so their slots and names can be used again. Returns what it removed.
 */
export async function sweepStale(): Promise<string[]> {
  if (!existsSync(claimsDir())) return [];
  const removed: string[] = [];
  for (const name of readdirSync(claimsDir())) {
    if (!/^slot-\d+\.json$/.test(name)) continue;
    const claim = readClaim(join(claimsDir(), name));
    if (claim === undefined) continue; // being written
    if (existsSync(claim.bedDir)) continue;
    removed.push(...(await removeNetwork(claim)));
  }
  return removed;
}

/**
 * Creates the namespace, the veth pair and the routes of `net`; on any failure removes what it made.
 *   host:      veth hostVeth hostIp/30 ── route podCidr via nsIp
 *   namespace: veth nsVeth nsIp/30, lo up, `local podCidr dev lo`, default via hostIp
 */
export async function createNetwork(net: PodNetwork): Promise<void> {
  const inNs = (...args: string[]) => ip('-n', net.netns, ...args);
  try {
    await ip('netns', 'add', net.netns);
    await ip('link', 'add', net.hostVeth, 'type', 'veth', 'peer', 'name', net.nsVeth, 'netns', net.netns);
    await ip('addr', 'add', `${net.hostIp}/${net.linkPrefix}`, 'dev', net.hostVeth);
    await ip('link', 'set', net.hostVeth, 'up');
    await inNs('link', 'set', 'lo', 'up');
    await inNs('addr', 'add', `${net.nsIp}/${net.linkPrefix}`, 'dev', net.nsVeth);
    await inNs('link', 'set', net.nsVeth, 'up');
    await inNs('route', 'add', 'local', net.podCidr, 'dev', 'lo');
    await inNs('route', 'add', 'default', 'via', net.hostIp, 'dev', net.nsVeth);
    await ip('route', 'add', net.podCidr, 'via', net.nsIp, 'dev', net.hostVeth);
  } catch (error) {
    await removeNetwork({ ...net, slot: -1 }); // keep the claim: podNetwork() chose it for this bed
    throw error;
  }
}
