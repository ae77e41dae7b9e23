// The job summary of the build action: one row per image, and a failure with the builder's last lines.
import { describe, expect, it } from '@jest/globals';
import type { BuildReport, ImageResult } from '../../../src/build/engine.js';
import { renderBuildSummary } from '../../../src/build/summary.js';

const hash = { digest: 'ab'.repeat(32), tag: 'abababababab', entries: 3, bytes: 10, excluded: 0 };
const row = (name: string, status: ImageResult['status']): ImageResult => ({
  name,
  repository: `ghcr.io/org/${name}`,
  tag: hash.tag,
  tags: [hash.tag],
  digest: `sha256:${'1'.repeat(64)}`,
  ref: `ghcr.io/org/${name}:${hash.tag}@sha256:${'1'.repeat(64)}`,
  status,
  seconds: 1.5,
  hash,
});

describe('renderBuildSummary', () => {
  it('has one row per image with its result, reference, tags and time', () => {
    const report: BuildReport = { results: [row('api', 'built'), row('web', 'skipped')], builder: 'buildah' };
    const text = renderBuildSummary(report);
    expect(text).toContain('| image | result | reference | tags | time |');
    expect(text).toContain(
      `| api | built and pushed | \`ghcr.io/org/api:abababababab@sha256:${'1'.repeat(64)}\` | \`abababababab\` | 1.5 s |`,
    );
    expect(text).toContain('| web | already in the registry: not built |');
    expect(text).toContain('1 built with buildah, 1 already in the registry.');
  });

  it('shows a failure with the builder output fenced', () => {
    const text = renderBuildSummary({
      results: [],
      failure: {
        image: 'api',
        message: 'buildah bud exited with 1: Error: x | y\nlast output:\nSTEP 1/1\n```oops',
      },
    });
    expect(text).toContain('**api failed:** buildah bud exited with 1: Error: x \\| y');
    expect(text).toContain("```text\nlast output:\nSTEP 1/1\n'''oops\n```");
    expect(text).not.toContain('| image |');
  });
});
