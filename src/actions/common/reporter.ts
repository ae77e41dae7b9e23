// The engine's Reporter in the runner's log: a group per part of the work (each step, the promotion,
// the rollback, the watch), progress lines inside it, warnings as annotations.
import * as core from '@actions/core';
import type { Reporter } from '../../rollout/ports.js';

export class GroupedReporter implements Reporter {
  private open = false;

  info(line: string): void {
    core.info(line);
  }

  warn(line: string): void {
    core.warning(line);
  }

  progress(line: string): void {
    core.info(`  … ${line}`);
  }

  section(title: string): void {
    this.close();
    core.startGroup(title);
    this.open = true;
  }

  close(): void {
    if (this.open) core.endGroup();
    this.open = false;
  }
}
