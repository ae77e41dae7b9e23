// The root action's dry-run inputs as a typed settings object (names and defaults as in action.yml).
import * as core from '@actions/core';
import type { OverrideInputs } from '../../config/overrides.js';
import { workspace } from '../common/inputs.js';

export interface DialSettings {
  file: string;
  workspace: string;
  overrides: OverrideInputs;
  images: string;
}

export function readSettings(): DialSettings {
  return {
    file: core.getInput('file') || 'dial.yaml',
    workspace: workspace(),
    overrides: {
      profile: core.getInput('profile'),
      namespace: core.getInput('namespace'),
      steps: core.getInput('steps'),
      bake: core.getInput('bake'),
      set: core.getMultilineInput('set'),
    },
    images: core.getInput('image'),
  };
}
