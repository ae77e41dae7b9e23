// Kubernetes for the test bed: etcd, kube-apiserver (RBAC, Node authorization, TokenRequest),
// kube-controller-manager, kube-scheduler and kwok with fake Nodes, built from Go modules by
// testbed/scripts/build-binaries.sh; plus the routers' CRDs (crd-sources.ts).
// Ports: etcd serves on unix sockets in the part's private folder (no TCP port to collide with anything);
// kube-apiserver must be told its port, so it starts with startOnPickedPorts (the port is confirmed to be
// its own in /proc, and it starts again on another one if the picked port was taken before it bound it);
// the controller-manager and the scheduler serve nothing (--secure-port=0).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig, type V1Node } from '@kubernetes/client-node';
import { makeCA, makeCert, makeSigningKey, type CertFiles } from '../certs.js';
import { installCrds, loadCrds } from '../crds.js';
import { podNetwork } from '../gateway/network.js';
import { kwokStagesYaml } from '../kwok-stages/failures.js';
import { writeKubeconfig } from '../kubeconfig.js';
import type { Part, PartContext, RunningPart } from '../part.js';
import { binDir, repoRoot, versions } from '../paths.js';
import { startDaemon, startOnPickedPorts, stopGroups, waitFor, type Daemon } from '../proc.js';

export const NODE_NAMES = ['kwok-node-0', 'kwok-node-1', 'kwok-node-2'];
const SERVICE_CIDR = '10.96.0.0/16';
// kwok's own stages (from its module), plus Dial's failure stages (kwok-stages/failures.ts), which make
// pods fail as a kubelet would report it, chosen by image name or annotation:
//   image contains `pull-error` (or annotation dial.dev/testbed-failure: pull-error): stage
//     dial-pod-pull-error, container waiting ImagePullBackOff, never Ready;
//   image contains `crash-loop` (or dial.dev/testbed-failure: crash-loop): stage dial-pod-crash-loop,
//     container waiting CrashLoopBackOff, lastState terminated exit code 1, restartCount growing.
// pod-ready and pod-complete get a selector that leaves those pods alone. Unschedulable needs no stage:
// the scheduler reports it for a pod requesting more than a node's 32 cpu.
const KWOK_STAGES = [
  'kustomize/stage/node/fast/node-initialize.yaml',
  'kustomize/stage/node/heartbeat-with-lease/node-heartbeat-with-lease.yaml',
  'kustomize/stage/pod/fast/pod-ready.yaml',
  'kustomize/stage/pod/fast/pod-complete.yaml',
  'kustomize/stage/pod/fast/pod-delete.yaml',
];

/** The cached binaries; builds them (once per version) when they are missing. */
export function ensureBinaries(log: (line: string) => void): string {
  const dir = process.env.DIAL_TESTBED_BIN || binDir();
  const need = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubectl', 'kwok'];
  if (need.every((b) => existsSync(join(dir, b)))) return dir;
  if (process.env.DIAL_TESTBED_BIN)
    throw new Error(`test bed: DIAL_TESTBED_BIN=${dir} lacks one of ${need.join(', ')}`);
  log(`kube: binaries missing in ${dir}; running testbed/scripts/build-binaries.sh`);
  const r = spawnSync('bash', [join(repoRoot(), 'testbed', 'scripts', 'build-binaries.sh')], {
    stdio: ['ignore', 2, 2],
  });
  if (r.status !== 0) throw new Error(`test bed: build-binaries.sh failed (exit ${r.status})`);
  return dir;
}

interface TLS {
  ca: string;
  cert?: string;
  key?: string;
}

/**
 * etcd's sockets, relative to its working directory (the part's folder): etcd reads `unix://HOST:PORT`
 * as the socket file HOST:PORT, so "2379" and "2380" are only names here, not TCP ports.
 */
const ETCD_CLIENT_SOCKET = 'localhost:2379';
const ETCD_PEER_SOCKET = 'localhost:2380';

function get(url: string, tls?: TLS, socketPath?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const opts = tls
      ? {
          ca: readFileSync(tls.ca),
          cert: tls.cert && readFileSync(tls.cert),
          key: tls.key && readFileSync(tls.key),
        }
      : {};
    const req = (url.startsWith('https:') ? request : httpRequest)(
      url,
      { ...opts, socketPath, timeout: 2000 },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

async function readyz(server: string, tls: TLS): Promise<string | undefined> {
  const r = await get(`${server}/readyz`, tls);
  if (r.status === 200) return r.body;
  throw new Error(
    `/readyz ${r.status}: ${r.body
      .split('\n')
      .filter((l) => l.includes('[-]'))
      .join(' ')}`,
  );
}

/**
 * A fake node; `podCIDR` (a /24 of the bed's pod network, gateway/network.ts) is where kwok takes its
 * pods' IPs from, so the gateway part's pod runner can serve them inside the bed's network namespace.
 */
function fakeNode(name: string, podCIDR: string | undefined): V1Node {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      annotations: { 'node.alpha.kubernetes.io/ttl': '0', 'kwok.x-k8s.io/node': 'fake' },
      labels: {
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': name,
        'kubernetes.io/os': 'linux',
        'kubernetes.io/role': 'agent',
        'node-role.kubernetes.io/agent': '',
        type: 'kwok',
      },
    },
    spec: podCIDR ? { podCIDR, podCIDRs: [podCIDR] } : {},
    status: {
      allocatable: { cpu: '32', memory: '256Gi', pods: '110' },
      capacity: { cpu: '32', memory: '256Gi', pods: '110' },
    },
  };
}

export const kube: Part = {
  name: 'kube',

  async start(ctx: PartContext): Promise<RunningPart> {
    const dir = join(ctx.dir, 'kube');
    mkdirSync(dir, { recursive: true });
    const daemons: Daemon[] = [];
    const stop = () => stopGroups(daemons.map((d) => d.pid));
    const t0 = Date.now();
    const lap = (what: string) => ctx.log(`kube: ${what} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
    try {
      const bin = ensureBinaries(ctx.log);
      const v = versions();
      const kwokModule = `sigs.k8s.io/kwok@${v.kwok}`;
      const pki = join(dir, 'pki');
      mkdirSync(pki, { recursive: true });

      const daemon = (name: string, args: string[]) => {
        const d = startDaemon(name, join(bin, name), args, { logFile: join(dir, `${name}.log`), cwd: dir });
        daemons.push(d);
        return d;
      };
      // etcd needs nothing else, so it starts first; certificates and the published YAML (from the
      // module cache) are made meanwhile; the CRDs are needed only once the apiserver answers. It listens
      // on unix sockets in this folder (its cwd), so it needs no port.
      const etcdClientSocket = join(dir, ETCD_CLIENT_SOCKET);
      const etcd = daemon('etcd', [
        '--name=testbed',
        `--data-dir=${join(dir, 'etcd-data')}`,
        `--listen-client-urls=unix://${ETCD_CLIENT_SOCKET}`,
        `--advertise-client-urls=unix://${ETCD_CLIENT_SOCKET}`,
        `--listen-peer-urls=unix://${ETCD_PEER_SOCKET}`,
        `--initial-advertise-peer-urls=unix://${ETCD_PEER_SOCKET}`,
        `--initial-cluster=testbed=unix://${ETCD_PEER_SOCKET}`,
        '--unsafe-no-fsync',
        '--log-level=warn',
      ]);
      const loading = loadCrds(undefined, [kwokModule]);
      loading.catch(() => undefined); // awaited below; avoid an unhandled rejection meanwhile
      const network = podNetwork(ctx.dir); // chosen once per bed; the gateway part asks for the same
      network.catch(() => undefined);

      const ca = await makeCA(pki, 'dial-testbed-ca');
      const client = (name: string, subject: string) => makeCert(pki, name, ca, { subject });
      const [serving, admin, kcm, scheduler, kwokCert, sa] = await Promise.all([
        makeCert(pki, 'apiserver', ca, {
          subject: '/CN=kube-apiserver',
          server: true,
          sans: [
            'IP:127.0.0.1',
            'IP:10.96.0.1',
            'DNS:localhost',
            'DNS:kubernetes',
            'DNS:kubernetes.default',
            'DNS:kubernetes.default.svc',
            'DNS:kubernetes.default.svc.cluster.local',
          ],
        }),
        client('admin', '/O=system:masters/CN=dial-testbed-admin'),
        client('controller-manager', '/CN=system:kube-controller-manager'),
        client('scheduler', '/CN=system:kube-scheduler'),
        client('kwok', '/O=system:masters/CN=kwok'),
        makeSigningKey(pki, 'service-account'),
      ]);
      lap('certificates ready');

      // The apiserver retries etcd until it answers, so both are waited for at once. Its etcd endpoint is
      // etcd's client socket by absolute path (a unix socket path has at most 107 bytes).
      const tls = { ca: ca.cert, cert: admin.cert, key: admin.key };
      const apiserverArgs = ([apiPort]: number[]) => [
        `--etcd-servers=unix://${etcdClientSocket}`,
        '--bind-address=127.0.0.1',
        '--advertise-address=127.0.0.1',
        `--secure-port=${apiPort}`,
        `--tls-cert-file=${serving.cert}`,
        `--tls-private-key-file=${serving.key}`,
        `--client-ca-file=${ca.cert}`,
        '--authorization-mode=Node,RBAC',
        `--service-cluster-ip-range=${SERVICE_CIDR}`,
        '--service-account-issuer=https://kubernetes.default.svc.cluster.local',
        `--service-account-key-file=${sa.pub}`,
        `--service-account-signing-key-file=${sa.key}`,
        '--api-audiences=https://kubernetes.default.svc.cluster.local',
        '--allow-privileged=true',
        '--endpoint-reconciler-type=none',
        `--cert-dir=${join(dir, 'apiserver-certs')}`,
        '--profiling=false',
        '--v=0',
      ];
      // Both settle before going on, so a failure of one never leaves the other starting unseen.
      const [etcdUp, apiUp] = await Promise.allSettled([
        waitFor(
          'etcd /health',
          async () =>
            (await get('http://localhost/health', undefined, etcdClientSocket)).body.includes('"true"')
              ? true
              : undefined,
          { timeoutMs: 30000, daemons: [etcd] },
        ).then(() => lap('etcd ready')),
        startOnPickedPorts('kube-apiserver', join(bin, 'kube-apiserver'), apiserverArgs, {
          count: 1,
          logFile: join(dir, 'kube-apiserver.log'),
          cwd: dir,
          what: 'kube-apiserver /readyz',
          probe: ([port]) => readyz(`https://127.0.0.1:${port}`, tls),
          timeoutMs: 60000,
          watch: [etcd],
          log: ctx.log,
        }),
      ]);
      if (apiUp.status === 'fulfilled') daemons.push(apiUp.value.daemon);
      if (etcdUp.status === 'rejected') throw etcdUp.reason;
      if (apiUp.status === 'rejected') throw apiUp.reason;
      const apiserver = apiUp.value;
      lap('kube-apiserver ready');
      const server = `https://127.0.0.1:${apiserver.ports[0]}`;
      const kubeconfig = (name: string, c: CertFiles) =>
        writeKubeconfig(join(dir, `${name}.kubeconfig`), {
          server,
          caFile: ca.cert,
          user: name,
          certFile: c.cert,
          keyFile: c.key,
        });
      const adminKubeconfig = kubeconfig('admin', admin);

      const loaded = await loading;
      const stagesFile = join(dir, 'kwok-stages.yaml');
      const kwokDir = loaded.dirs.get(kwokModule)!;
      writeFileSync(
        stagesFile,
        kwokStagesYaml(KWOK_STAGES.map((f) => readFileSync(join(kwokDir, f), 'utf8'))),
      );
      daemon('kube-controller-manager', [
        `--kubeconfig=${kubeconfig('controller-manager', kcm)}`,
        '--leader-elect=false',
        '--bind-address=127.0.0.1',
        '--secure-port=0',
        '--controllers=*',
        `--root-ca-file=${ca.cert}`,
        `--service-account-private-key-file=${sa.key}`,
        `--cluster-signing-cert-file=${ca.cert}`,
        `--cluster-signing-key-file=${ca.key}`,
        `--service-cluster-ip-range=${SERVICE_CIDR}`,
        // Each controller acts as its own ServiceAccount with its bootstrap RBAC role (as kubeadm does).
        '--use-service-account-credentials=true',
        '--v=0',
      ]);
      daemon('kube-scheduler', [
        `--kubeconfig=${kubeconfig('scheduler', scheduler)}`,
        '--leader-elect=false',
        '--bind-address=127.0.0.1',
        '--secure-port=0',
        '--v=0',
      ]);
      daemon('kwok', [
        `--kubeconfig=${kubeconfig('kwok', kwokCert)}`,
        `--config=${stagesFile}`,
        '--manage-all-nodes=true',
        '--node-lease-duration-seconds=40',
        '--cidr=10.244.0.0/16',
        '--node-ip=127.0.0.1',
      ]);

      const kc = new KubeConfig();
      kc.loadFromFile(adminKubeconfig);
      const core = kc.makeApiClient(CoreV1Api);
      const { nodeCidrs } = await network;
      await Promise.all([
        installCrds(kc, loaded.crds).then(() => lap(`${loaded.crds.length} CRDs established`)),
        Promise.all(
          NODE_NAMES.map((name, i) =>
            core.createNode({ body: fakeNode(name, nodeCidrs[i]) }).catch((err: { code?: number }) => {
              if (err.code !== 409) throw err;
            }),
          ),
        ),
      ]);
      await waitFor(
        `nodes ${NODE_NAMES.join(', ')} Ready`,
        async () => {
          const nodes = await core.listNode({ labelSelector: 'type=kwok' });
          const ready = nodes.items.filter((n) =>
            n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
          );
          if (ready.length >= NODE_NAMES.length) return true;
          throw new Error(`${ready.length}/${NODE_NAMES.length} Ready`);
        },
        { timeoutMs: 60000, daemons },
      );
      lap('nodes Ready');
      await waitFor(
        'the default ServiceAccount in namespace default',
        async () =>
          (await core.readNamespacedServiceAccount({ name: 'default', namespace: 'default' }))
            ? true
            : undefined,
        { timeoutMs: 60000, daemons },
      );
      lap('ready');
      return { name: 'kube', env: { KUBECONFIG: adminKubeconfig }, pids: daemons.map((d) => d.pid), stop };
    } catch (err) {
      await stop();
      throw err;
    }
  },

  async check(env) {
    if (env.KUBECONFIG === undefined) throw new Error('kube: KUBECONFIG is not set');
    const kc = new KubeConfig();
    kc.loadFromFile(env.KUBECONFIG);
    const r = await kc.makeApiClient(CoreV1Api).readNamespace({ name: 'default' });
    if (!r.metadata?.name) {
      throw new Error(`kube: ${kc.getCurrentCluster()?.server} did not return namespace default`);
    }
  },
};
