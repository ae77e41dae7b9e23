// On-demand script (not run in CI): fetch the pinned @octokit/openapi tarball into a temp dir with
// `npm pack` (the package is ~385 MB unpacked, so it never enters node_modules), trim it to the
// operations Dial calls, and write the committed JSON the contract mock serves.
// Run: npm run -s compile && node lib/testbed/src/github/trim-spec.js
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import * as prettier from 'prettier';
import { SPEC_FILE, SPEC_PACKAGE, SPEC_SOURCE_FILE, SPEC_VERSION, trimmedSpecPath } from './spec-file.js';
import { DIAL_OPERATIONS, isObject, trimDescription, type Json } from './trim.js';

const run = promisify(execFile);

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'dial-openapi-'));
  try {
    const spec = `${SPEC_PACKAGE}@${SPEC_VERSION}`;
    const packed = await run('npm', ['pack', spec, '--pack-destination', work, '--silent'], { cwd: work });
    const tarball = packed.stdout.trim().split('\n').pop();
    if (!tarball) throw new Error(`npm pack ${spec} printed no file name`);
    const member = `package/${SPEC_SOURCE_FILE}`;
    await run('tar', ['-xzf', join(work, tarball), '-C', work, member]);
    const source: Json = JSON.parse(await readFile(join(work, member), 'utf8')) as Json;
    if (!isObject(source)) throw new Error(`${member} is not a JSON object`);
    const { document, operations, normalised } = trimDescription(source, DIAL_OPERATIONS, {
      package: SPEC_PACKAGE,
      version: SPEC_VERSION,
      file: SPEC_SOURCE_FILE,
    });
    // Formatted the way `prettier --check .` expects, so the lint step stays green.
    const options = (await prettier.resolveConfig(trimmedSpecPath())) ?? {};
    const text = await prettier.format(JSON.stringify(document), { ...options, parser: 'json' });
    await writeFile(trimmedSpecPath(), text);
    console.log(
      `${SPEC_FILE}: ${operations} operations, ${normalised} nullable schemas normalised, ${text.length} bytes`,
    );
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
