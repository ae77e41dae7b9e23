// Kubernetes for the test bed: etcd, kube-apiserver (RBAC, Node authorization, TokenRequest),
// kube-controller-manager, kube-scheduler and kwok with fake Nodes, built from Go modules by
// testbed/scripts/build-binaries.sh; plus the routers' CRDs (crd-sources.ts).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:https';
import { request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig, type V1Node } from '@kubernetes/client-node';
import { makeCA, makeCert, makeSigningKey, type CertFiles } from '../certs.js';
import { installCrds, loadCrds } from '../crds.js';
import { writeKubeconfig } from '../kubeconfig.js';
import type { Part, PartContext, RunningPart } from '../part.js';
import { binDir, repoRoot, versions } from '../paths.js';
import { freePort, startDaemon, stopGroups, waitFor, type Daemon } from '../proc.js';

export const NODE_NAMES = ['kwok-node-0', 'kwok-node-1', 'kwok-node-2'];
const SERVICE_CIDR = '10.96.0.0/16';
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
  const need = ['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kwok'];
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

function get(url: string, tls?: TLS): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const opts = tls
      ? {
          ca: readFileSync(tls.ca),
          cert: tls.cert && readFileSync(tls.cert),
          key: tls.key && readFileSync(tls.key),
        }
      : {};
    const req = (url.startsWith('https:') ? request : httpRequest)(url, { ...opts, timeout: 2000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
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

function fakeNode(name: string): V1Node {
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
      const [etcdPort, etcdPeerPort, apiPort] = await Promise.all([freePort(), freePort(), freePort()]);
      const server = `https://127.0.0.1:${apiPort}`;

      // etcd needs nothing else, so it starts first; certificates and the published YAML (from the
      // module cache) are made meanwhile; the CRDs are needed only once the apiserver answers.
      const etcd = daemon('etcd', [
        '--name=testbed',
        `--data-dir=${join(dir, 'etcd-data')}`,
        `--listen-client-urls=http://127.0.0.1:${etcdPort}`,
        `--advertise-client-urls=http://127.0.0.1:${etcdPort}`,
        `--listen-peer-urls=http://127.0.0.1:${etcdPeerPort}`,
        `--initial-advertise-peer-urls=http://127.0.0.1:${etcdPeerPort}`,
        `--initial-cluster=testbed=http://127.0.0.1:${etcdPeerPort}`,
        '--unsafe-no-fsync',
        '--log-level=warn',
      ]);
      const loading = loadCrds(undefined, [kwokModule]);
      loading.catch(() => undefined); // awaited below; avoid an unhandled rejection meanwhile

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
      const kubeconfig = (name: string, c: CertFiles) =>
        writeKubeconfig(join(dir, `${name}.kubeconfig`), {
          server,
          caFile: ca.cert,
          user: name,
          certFile: c.cert,
          keyFile: c.key,
        });
      const adminKubeconfig = kubeconfig('admin', admin);
      lap('certificates ready');

      // The apiserver retries etcd until it answers.
      const apiserver = daemon('kube-apiserver', [
        `--etcd-servers=http://127.0.0.1:${etcdPort}`,
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
      ]);
      await waitFor(
        'etcd /health',
        async () =>
          (await get(`http://127.0.0.1:${etcdPort}/health`)).body.includes('"true"') ? true : undefined,
        { timeoutMs: 30000, daemons: [etcd] },
      );
      lap('etcd ready');
      const tls = { ca: ca.cert, cert: admin.cert, key: admin.key };
      await waitFor('kube-apiserver /readyz', () => readyz(server, tls), {
        timeoutMs: 60000,
        daemons: [etcd, apiserver],
      });
      lap('kube-apiserver ready');

      const loaded = await loading;
      const stagesFile = join(dir, 'kwok-stages.yaml');
      const kwokDir = loaded.dirs.get(kwokModule)!;
      writeFileSync(
        stagesFile,
        KWOK_STAGES.map((f) => readFileSync(join(kwokDir, f), 'utf8').trim()).join('\n---\n') + '\n',
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
      await Promise.all([
        installCrds(kc, loaded.crds).then(() => lap(`${loaded.crds.length} CRDs established`)),
        Promise.all(
          NODE_NAMES.map((name) =>
            core.createNode({ body: fakeNode(name) }).catch((err: { code?: number }) => {
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
