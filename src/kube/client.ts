// Where Dial's KubeConfig comes from. The order is fixed and stated once (README copies it):
//   1. kubeconfig content passed in (an action input from a secret): written to a private temp file,
//      mode 0600, removed when the process exits, and never logged;
//   2. an explicit kubeconfig path (`--kubeconfig`, input `kubeconfig`);
//   3. the KUBECONFIG environment variable (a list, like kubectl: the first file that sets a value wins);
//   4. in-cluster: the pod's service-account token and CA (a self-hosted runner inside the cluster);
//   5. ~/.kube/config.
// In-cluster comes before ~/.kube/config so a runner pod never picks up a stray home-directory config.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { KubeConfig } from '@kubernetes/client-node';

export interface KubeConfigSettings {
  /** Path to a kubeconfig file. */
  kubeconfig?: string;
  /** A whole kubeconfig (YAML), e.g. from a secret. Never logged. */
  kubeconfigContent?: string;
  /** Context to use instead of the file's current-context. */
  context?: string;
}

/** What the search looks at; tests replace it, callers never need to. */
export interface KubeConfigEnvironment {
  env: NodeJS.ProcessEnv;
  home: string;
  /** Prefix of /var/run/secrets/kubernetes.io/serviceaccount (client-node's loadFromCluster pathPrefix). */
  serviceAccountPrefix: string;
  /** Where the private file for kubeconfig content goes. */
  tmpdir: string;
}

const SERVICE_ACCOUNT = '/var/run/secrets/kubernetes.io/serviceaccount';

const defaultEnvironment = (): KubeConfigEnvironment => ({
  env: process.env,
  home: homedir(),
  serviceAccountPrefix: '',
  tmpdir: tmpdir(),
});

export function loadKubeConfig(
  settings: KubeConfigSettings,
  environment: KubeConfigEnvironment = defaultEnvironment(),
): KubeConfig {
  const { kc, source } = load(settings, environment);
  if (settings.context !== undefined && settings.context !== '') {
    const names = kc.getContexts().map((c) => c.name);
    if (!names.includes(settings.context)) {
      throw new Error(
        `kubeconfig (${source}) has no context "${settings.context}"; available: ${names.join(', ') || 'none'}`,
      );
    }
    kc.setCurrentContext(settings.context);
  }
  if (!kc.getCurrentCluster()) {
    const current = kc.getCurrentContext();
    throw new Error(
      current
        ? `kubeconfig (${source}): context "${current}" names no known cluster`
        : `kubeconfig (${source}) sets no current-context; pass a context`,
    );
  }
  return kc;
}

function load(
  settings: KubeConfigSettings,
  environment: KubeConfigEnvironment,
): { kc: KubeConfig; source: string } {
  const tried: string[] = [];

  if (settings.kubeconfigContent !== undefined && settings.kubeconfigContent.trim() !== '') {
    const source = 'the kubeconfig content passed in';
    const file = writePrivate(settings.kubeconfigContent, environment.tmpdir);
    return { kc: fromFile(file, source, true), source };
  }
  if (settings.kubeconfig !== undefined && settings.kubeconfig !== '') {
    const source = `kubeconfig ${settings.kubeconfig}`;
    if (!existsSync(settings.kubeconfig)) throw new Error(`${source} does not exist`);
    return { kc: fromFile(settings.kubeconfig, source), source };
  }

  const list = (environment.env.KUBECONFIG ?? '').split(delimiter).filter((f) => f !== '');
  if (list.length > 0) {
    const existing = list.filter((f) => existsSync(f));
    if (existing.length > 0) {
      const source = `KUBECONFIG=${environment.env.KUBECONFIG}`;
      const kc = fromFile(existing[0]!, source);
      for (const file of existing.slice(1)) mergeMissing(kc, fromFile(file, source));
      return { kc, source };
    }
    tried.push(`KUBECONFIG=${environment.env.KUBECONFIG} (no such file)`);
  } else tried.push('KUBECONFIG (not set)');

  const token = `${environment.serviceAccountPrefix}${SERVICE_ACCOUNT}/token`;
  const host = environment.env.KUBERNETES_SERVICE_HOST;
  if (host && environment.env.KUBERNETES_SERVICE_PORT && existsSync(token)) {
    const kc = new KubeConfig();
    // loadFromCluster reads process.env; the checks above used the injected environment, which is
    // process.env outside tests.
    kc.loadFromCluster(environment.serviceAccountPrefix);
    return { kc, source: 'in-cluster service account' };
  }
  tried.push(
    host
      ? `in-cluster (no service-account token at ${token})`
      : 'in-cluster (KUBERNETES_SERVICE_HOST not set)',
  );

  const home = join(environment.home, '.kube', 'config');
  if (existsSync(home)) return { kc: fromFile(home, home), source: home };
  tried.push(`${home} (no such file)`);

  throw new Error(`no Kubernetes configuration found; tried: ${tried.join('; ')}`);
}

/**
 * `secret`: the content came from a secret, so a parse error shows only its first line (position and
 * kind of error); the YAML parser's later lines quote the offending text.
 */
function fromFile(file: string, source: string, secret = false): KubeConfig {
  const kc = new KubeConfig();
  try {
    kc.loadFromFile(file);
  } catch (err) {
    const message = (err as Error).message;
    throw new Error(`${source} is not a valid kubeconfig: ${secret ? message.split('\n')[0] : message}`);
  }
  return kc;
}

/** Writes the content to a new private folder (0700) and file (0600); both go when the process exits. */
function writePrivate(content: string, parent: string): string {
  const dir = mkdtempSync(join(parent, 'dial-kubeconfig-'));
  const file = join(dir, 'config');
  process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
  writeFileSync(file, content, { mode: 0o600, flag: 'wx' });
  return file;
}

/** kubectl's rule for a KUBECONFIG list: the first file to define a name wins. */
function mergeMissing(into: KubeConfig, from: KubeConfig): void {
  for (const c of from.getClusters()) if (!into.getCluster(c.name)) into.addCluster(c);
  for (const u of from.getUsers()) if (!into.getUser(u.name)) into.addUser(u);
  for (const c of from.getContexts()) if (!into.getContextObject(c.name)) into.addContext(c);
  if (!into.getCurrentContext() && from.getCurrentContext()) into.setCurrentContext(from.getCurrentContext());
}
