// A private CA and certificates for the test bed (openssl with argument arrays; EC P-256 keys are fast).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execFileP } from './proc.js';

export interface CertFiles {
  cert: string;
  key: string;
}

const EC = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];

export async function makeCA(dir: string, cn: string): Promise<CertFiles> {
  const files = { cert: join(dir, 'ca.crt'), key: join(dir, 'ca.key') };
  await execFileP('openssl', [
    'req',
    '-x509',
    '-new',
    ...EC,
    '-days',
    '3650',
    '-subj',
    `/CN=${cn}`,
    '-keyout',
    files.key,
    '-out',
    files.cert,
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign,digitalSignature',
  ]);
  return files;
}

/**
 * A leaf certificate signed by the CA. `subject` like '/O=system:masters/CN=admin' (O is the group
 * Kubernetes reads from a client certificate); `sans` like ['IP:127.0.0.1', 'DNS:localhost'].
 */
export async function makeCert(
  dir: string,
  name: string,
  ca: CertFiles,
  opts: { subject: string; sans?: string[]; server?: boolean },
): Promise<CertFiles> {
  const files = { cert: join(dir, `${name}.crt`), key: join(dir, `${name}.key`) };
  const args = [
    'req',
    '-x509',
    '-new',
    ...EC,
    '-days',
    '3650',
    '-subj',
    opts.subject,
    '-CA',
    ca.cert,
    '-CAkey',
    ca.key,
    '-keyout',
    files.key,
    '-out',
    files.cert,
    '-addext',
    'basicConstraints=critical,CA:FALSE',
    '-addext',
    'keyUsage=critical,digitalSignature,keyEncipherment',
    '-addext',
    `extendedKeyUsage=${opts.server ? 'serverAuth,clientAuth' : 'clientAuth'}`,
  ];
  if (opts.sans?.length) args.push('-addext', `subjectAltName=${opts.sans.join(',')}`);
  await execFileP('openssl', args);
  return files;
}

/** An EC key pair for signing service account tokens. */
export async function makeSigningKey(dir: string, name: string): Promise<{ key: string; pub: string }> {
  const files = { key: join(dir, `${name}.key`), pub: join(dir, `${name}.pub`) };
  await execFileP('openssl', ['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', files.key]);
  await execFileP('openssl', ['ec', '-in', files.key, '-pubout', '-out', files.pub]);
  return files;
}

export const b64file = (file: string): string => readFileSync(file).toString('base64');
