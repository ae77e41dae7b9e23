import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadKubeConfig, type KubeConfigEnvironment } from '../../../src/kube/client.js';

/** A kubeconfig with one context per server name; the first is current. */
const kubeconfig = (...servers: string[]) =>
  [
    'apiVersion: v1',
    'kind: Config',
    `current-context: ${servers[0]}`,
    'clusters:',
    ...servers.map((s) => `- name: ${s}\n  cluster: { server: "https://${s}.example:6443" }`),
    'users:',
    ...servers.map((s) => `- name: ${s}\n  user: { token: "token-${s}" }`),
    'contexts:',
    ...servers.map((s) => `- name: ${s}\n  context: { cluster: ${s}, user: ${s} }`),
    '',
  ].join('\n');

let dir: string;
let n = 0;
const file = (content: string) => {
  const path = join(dir, `config-${++n}`);
  writeFileSync(path, content);
  return path;
};
const server = (kc: ReturnType<typeof loadKubeConfig>) => kc.getCurrentCluster()?.server;

/** No KUBECONFIG, no service account, an empty home: only what a test adds. */
const nothing = (): KubeConfigEnvironment => ({
  env: {},
  home: mkdtempSync(join(dir, 'home-')),
  serviceAccountPrefix: join(dir, 'no-service-account'),
  tmpdir: mkdtempSync(join(dir, 'tmp-')),
});

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dial-client-test-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('loadKubeConfig', () => {
  it('prefers content, written to a private file', () => {
    const env = { ...nothing(), env: { KUBECONFIG: file(kubeconfig('from-env')) } };
    const tmp = env.tmpdir;
    const kc = loadKubeConfig(
      { kubeconfigContent: kubeconfig('from-content'), kubeconfig: file(kubeconfig('from-path')) },
      env,
    );
    expect(server(kc)).toBe('https://from-content.example:6443');
    const [folder] = readdirSync(tmp);
    expect(folder).toMatch(/^dial-kubeconfig-/);
    expect(statSync(join(tmp, folder!)).mode & 0o777).toBe(0o700);
    expect(statSync(join(tmp, folder!, 'config')).mode & 0o777).toBe(0o600);
  });

  it('never shows the content in an error', () => {
    const secret = 'apiVersion: v1\nusers:\n- name: x\n  user: { token: "s3cr3t-token" \n';
    let message = '';
    try {
      loadKubeConfig({ kubeconfigContent: secret }, nothing());
    } catch (err) {
      message = (err as Error).message;
    }
    expect(message).toMatch(/^the kubeconfig content passed in is not a valid kubeconfig: /);
    expect(message).not.toContain('s3cr3t');
  });

  it('then an explicit path, then KUBECONFIG', () => {
    const env = { ...nothing(), env: { KUBECONFIG: file(kubeconfig('from-env')) } };
    expect(server(loadKubeConfig({ kubeconfig: file(kubeconfig('from-path')) }, env))).toBe(
      'https://from-path.example:6443',
    );
    expect(server(loadKubeConfig({}, env))).toBe('https://from-env.example:6443');
  });

  it('names an explicit path that does not exist', () => {
    expect(() => loadKubeConfig({ kubeconfig: join(dir, 'missing') }, nothing())).toThrow(
      `kubeconfig ${join(dir, 'missing')} does not exist`,
    );
  });

  it('reads a KUBECONFIG list like kubectl: the first file to name something wins', () => {
    const a = file(kubeconfig('a', 'shared'));
    const b = file(kubeconfig('b', 'shared').replace('shared.example', 'other.example'));
    const kc = loadKubeConfig(
      { context: 'b' },
      { ...nothing(), env: { KUBECONFIG: `${join(dir, 'gone')}:${a}:${b}` } },
    );
    expect(server(kc)).toBe('https://b.example:6443');
    expect(kc.getCluster('shared')?.server).toBe('https://shared.example:6443');
  });

  it('then the in-cluster service account, before ~/.kube/config', () => {
    const env = nothing();
    const sa = join(env.serviceAccountPrefix, 'var/run/secrets/kubernetes.io/serviceaccount');
    mkdirSync(sa, { recursive: true });
    writeFileSync(join(sa, 'token'), 't');
    writeFileSync(join(sa, 'ca.crt'), '');
    mkdirSync(join(env.home, '.kube'));
    writeFileSync(join(env.home, '.kube', 'config'), kubeconfig('home'));
    // client-node's loadFromCluster reads the service host from process.env itself.
    const saved = { host: process.env.KUBERNETES_SERVICE_HOST, port: process.env.KUBERNETES_SERVICE_PORT };
    process.env.KUBERNETES_SERVICE_HOST = '10.96.0.1';
    process.env.KUBERNETES_SERVICE_PORT = '443';
    try {
      const inCluster = {
        ...env,
        env: { KUBERNETES_SERVICE_HOST: '10.96.0.1', KUBERNETES_SERVICE_PORT: '443' },
      };
      expect(server(loadKubeConfig({}, inCluster))).toBe('https://10.96.0.1:443');
      expect(server(loadKubeConfig({}, env))).toBe('https://home.example:6443');
    } finally {
      for (const [k, v] of [
        ['KUBERNETES_SERVICE_HOST', saved.host],
        ['KUBERNETES_SERVICE_PORT', saved.port],
      ] as const) {
        if (v === undefined) delete process.env[k];
        else process.env[k] = v;
      }
    }
  });

  it('says what it tried when nothing works', () => {
    const env = nothing();
    expect(() => loadKubeConfig({}, env)).toThrow(
      'no Kubernetes configuration found; tried: KUBECONFIG (not set); in-cluster (KUBERNETES_SERVICE_HOST not set); ' +
        `${join(env.home, '.kube', 'config')} (no such file)`,
    );
  });

  it('selects a context, and names the available ones when it is unknown', () => {
    const path = file(kubeconfig('one', 'two'));
    expect(server(loadKubeConfig({ kubeconfig: path, context: 'two' }, nothing()))).toBe(
      'https://two.example:6443',
    );
    expect(() => loadKubeConfig({ kubeconfig: path, context: 'three' }, nothing())).toThrow(
      `kubeconfig (kubeconfig ${path}) has no context "three"; available: one, two`,
    );
  });
});
