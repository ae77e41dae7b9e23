// A private CA and certificates for the test bed (openssl with argument arrays; EC P-256 keys are fast).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileP } from './proc.js';

export interface CertFiles {
  cert: string;
  key: string;
}

/**
 * One `openssl req -x509` run: a new EC P-256 key and a 10-year certificate for `subject`, self-signed or
 * signed by `ca`, with the given X.509 extensions.
 */
async function issue(
  files: CertFiles,
  subject: string,
  extensions: string[],
  ca?: CertFiles,
): Promise<CertFiles> {
  const args = [
    'req',
    '-x509',
    '-new',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
  ];
  args.push('-days', '3650', '-subj', subject, '-keyout', files.key, '-out', files.cert);
  if (ca) args.push('-CA', ca.cert, '-CAkey', ca.key);
  for (const extension of extensions) args.push('-addext', extension);
  await execFileP('openssl', args);
  return files;
}

export function makeCA(dir: string, cn: string): Promise<CertFiles> {
  return issue({ cert: join(dir, 'ca.crt'), key: join(dir, 'ca.key') }, `/CN=${cn}`, [
    'basicConstraints=critical,CA:TRUE',
    'keyUsage=critical,keyCertSign,cRLSign,digitalSignature',
  ]);
}

/**
 * A leaf certificate signed by the CA. `subject` like '/O=system:masters/CN=admin' (O is the group
 * Kubernetes reads from a client certificate); `sans` like ['IP:127.0.0.1', 'DNS:localhost'].
 */
export function makeCert(
  dir: string,
  name: string,
  ca: CertFiles,
  opts: { subject: string; sans?: string[]; server?: boolean },
): Promise<CertFiles> {
  const extensions = [
    'basicConstraints=critical,CA:FALSE',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    `extendedKeyUsage=${opts.server ? 'serverAuth,clientAuth' : 'clientAuth'}`,
  ];
  if (opts.sans?.length) extensions.push(`subjectAltName=${opts.sans.join(',')}`);
  const files = { cert: join(dir, `${name}.crt`), key: join(dir, `${name}.key`) };
  return issue(files, opts.subject, extensions, ca);
}

/** An EC key pair for signing service account tokens. */
export async function makeSigningKey(dir: string, name: string): Promise<{ key: string; pub: string }> {
  const files = { key: join(dir, `${name}.key`), pub: join(dir, `${name}.pub`) };
  await execFileP('openssl', ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', files.key]);
  await execFileP('openssl', ['ec', '-in', files.key, '-pubout', '-out', files.pub]);
  return files;
}

export const b64file = (file: string): string => readFileSync(file).toString('base64');
