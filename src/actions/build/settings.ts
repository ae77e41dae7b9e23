// The build action's inputs as typed settings (names and defaults as in actions/build/action.yml), each
// checked before anything runs; every problem names its input (`input push must be true or false`).
// The password is masked before anything else happens.
import * as core from '@actions/core';
import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { BUILDER_CHOICES, type BuilderChoice } from '../../build/builders.js';
import type { BuildSettings } from '../../build/engine.js';
import { InputError, parseBoolean } from '../../settings/inputs.js';

const LABEL = /^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$/;
// Control characters (newlines included) would end an HTTP header or an auth file line early.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]/;
const show = (text: string) => JSON.stringify(text.length > 80 ? `${text.slice(0, 77)}...` : text);

export function readSettings(): { settings: BuildSettings } | { problems: InputError[] } {
  const password = core.getInput('registry-password', { trimWhitespace: false });
  if (password !== '') core.setSecret(password);
  const problems: InputError[] = [];
  const fail = (name: string, message: string) =>
    problems.push(new InputError(`input ${name}`, `input ${name} ${message}`));
  const bool = (name: string, fallback: boolean): boolean => {
    try {
      return parseBoolean(core.getInput(name), `input ${name}`, fallback);
    } catch (error) {
      problems.push(error as InputError);
      return fallback;
    }
  };

  const file = core.getInput('file') || 'dial.yaml';
  if (CONTROL.test(file)) fail('file', 'must be a path without control characters');

  const images = core
    .getInput('images')
    .split(/[\s,]+/)
    .filter((name) => name !== '');
  for (const name of images) {
    if (!LABEL.test(name))
      fail(
        'images',
        `must list image names from dial.yaml: lower-case letters, digits and '-' (got ${show(name)})`,
      );
  }

  const push = bool('push', true);
  const tlsVerify = bool('tls-verify', true);
  const tagCommit = bool('tag-commit', false);
  const commit = process.env.GITHUB_SHA ?? '';
  if (tagCommit && !/^([0-9a-f]{40}|[0-9a-f]{64})$/.test(commit))
    fail('tag-commit', 'needs the commit in GITHUB_SHA (40 hex digits), which is not set');

  const builder = core.getInput('builder') || 'auto';
  if (!(BUILDER_CHOICES as readonly string[]).includes(builder))
    fail('builder', `must be one of ${BUILDER_CHOICES.join(', ')} (got ${show(builder)})`);

  const username = core.getInput('registry-username');
  if (username !== '' && password === '')
    fail('registry-password', 'is empty, but registry-username is given');
  if (username === '' && password !== '')
    fail('registry-username', 'is empty, but registry-password is given');
  if (username.includes(':') || CONTROL.test(username))
    fail('registry-username', "may not contain ':' or control characters");
  if (CONTROL.test(password))
    fail('registry-password', 'may not contain control characters (such as a newline)');

  if (problems.length > 0) return { problems };
  return {
    settings: {
      file,
      workspace: resolve(process.env.GITHUB_WORKSPACE || process.cwd()),
      images,
      push,
      tlsVerify,
      tagCommit,
      commit,
      ...(username !== '' ? { credentials: { username, password } } : {}),
      builder: builder as BuilderChoice,
      tempDir: process.env.RUNNER_TEMP || tmpdir(),
    },
  };
}
