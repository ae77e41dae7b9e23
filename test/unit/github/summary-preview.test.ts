import { describe, expect, it } from '@jest/globals';
import {
  previewAnnotations,
  renderPreviewSummary,
  type PreviewSummaryInput,
} from '../../../src/github/summary-preview.js';

const ready: PreviewSummaryInput = {
  service: 'checkout',
  status: 'ready',
  pr: 42,
  sha: '3f2a9c1d0b7e6f5a4c3b2a1908f7e6d5c4b3a291',
  url: 'https://pr-42.checkout.preview.example.com',
  mode: 'namespace',
  namespace: 'checkout-pr-42',
  images: { checkout: 'registry.example.com/shop/checkout:pr-42-3f2a9c1' },
  objects: [
    { kind: 'Namespace', name: 'checkout-pr-42' },
    { kind: 'Deployment', name: 'checkout' },
    { kind: 'Service', name: 'checkout' },
  ],
  expiry: '2026-03-09T14:00:00Z',
  idleTimeout: '1h',
  updatedAt: '2026-03-02T14:00:00Z',
  runUrl: 'https://github.com/acme/shop/actions/runs/1',
};

describe('renderPreviewSummary', () => {
  it('says where the preview is, how to reach it, what it is made of and when it goes', () => {
    const md = renderPreviewSummary(ready);
    expect(md).toContain('## Dial preview of `checkout` for #42: ✅ ready');
    expect(md).toContain('| URL | <https://pr-42.checkout.preview.example.com> |');
    expect(md).toContain('| how to reach it | `curl https://pr-42.checkout.preview.example.com` |');
    expect(md).toContain('| namespace | `checkout-pr-42` (one per pull request) |');
    expect(md).toContain('| commit | `3f2a9c1d0b7e` |');
    expect(md).toContain('| image `checkout` | `registry.example.com/shop/checkout:pr-42-3f2a9c1` |');
    expect(md).toContain('| expires | 2026-03-09 14:00:00 UTC, or after 1h without requests |');
    expect(md).toContain('| updated | 2026-03-02 14:00:00 UTC |');
    expect(md).toContain('<details><summary>3 objects</summary>');
    expect(md).toContain('| Deployment | `checkout` | `checkout-pr-42` |');
    expect(previewAnnotations(ready)).toEqual([]);
  });

  it('a header-routed preview names the header and what it takes past the first hop', () => {
    const md = renderPreviewSummary({
      ...ready,
      mode: 'header',
      namespace: 'shop',
      url: 'https://shop.example.com',
      header: { name: 'x-dial-preview', value: 'pr-42' },
    });
    expect(md).toContain("| how to reach it | `curl -H 'x-dial-preview: pr-42' https://shop.example.com` |");
    expect(md).toContain('only the first hop sees it unless every service forwards the header');
  });

  it('a failure is an annotation; a fork skipped is explained, not failed', () => {
    const failed = { ...ready, status: 'failed' as const, reason: 'ImagePullBackOff: pod checkout-1 …' };
    expect(renderPreviewSummary(failed)).toContain('**Why:** ImagePullBackOff: pod checkout-1 …');
    expect(renderPreviewSummary(failed)).toContain('| URL | `https://pr-42.checkout.preview.example.com` |');
    expect(previewAnnotations(failed)).toEqual([
      'Dial preview of checkout for #42 failed: ImagePullBackOff: pod checkout-1 …',
    ]);
    const fork = {
      ...ready,
      status: 'skipped' as const,
      reason: 'a pull request from a fork gets no secrets',
      objects: [],
    };
    const { url: _u, ...noUrl } = fork;
    const md = renderPreviewSummary(noUrl);
    expect(md).toContain('⏭️ skipped');
    expect(md).not.toContain('<details>');
    expect(previewAnnotations(noUrl)).toEqual([]);
  });
});
