// Kubeconfig files for the test bed's users (admin, components, namespaced service accounts).
import { writeFileSync } from 'node:fs';
import { stringify } from 'yaml';
import { b64file } from './certs.js';

export function writeKubeconfig(
  file: string,
  opts: { server: string; caFile: string; user: string } & (
    { certFile: string; keyFile: string } | { token: string }
  ),
): string {
  const user: Record<string, string> =
    'token' in opts
      ? { token: opts.token }
      : { 'client-certificate-data': b64file(opts.certFile), 'client-key-data': b64file(opts.keyFile) };
  const doc = {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [
      {
        name: 'dial-testbed',
        cluster: { server: opts.server, 'certificate-authority-data': b64file(opts.caFile) },
      },
    ],
    users: [{ name: opts.user, user }],
    contexts: [{ name: opts.user, context: { cluster: 'dial-testbed', user: opts.user } }],
    'current-context': opts.user,
  };
  writeFileSync(file, stringify(doc), { mode: 0o600 });
  return file;
}
