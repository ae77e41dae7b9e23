import { describe, expect, it } from '@jest/globals';
import * as core from '@actions/core';
import * as k8s from '@kubernetes/client-node';

describe('toolchain', () => {
  it('runs ESM-only libraries on Node 24', () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(24);
    expect(typeof core.getInput).toBe('function');
    expect(typeof k8s.KubeConfig).toBe('function');
  });
});
