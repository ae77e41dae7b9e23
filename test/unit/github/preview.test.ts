// The preview's pure parts: names (RFC 1123, hashed when long), placement (nothing a pull request
// controls points elsewhere), the mode an event asks for, and the comment it renders.
import { describe, expect, it } from '@jest/globals';
import type { KubernetesObject } from '@kubernetes/client-node';
import { COMMENT_LIMIT, FOOTER_MARK } from '../../../src/github/comments.js';
import { pullRequestFromEvent, readRunContext } from '../../../src/github/context.js';
import { chooseMode } from '../../../src/preview/mode.js';
import { previewNamespace, previewUrl, repositoryLabel } from '../../../src/preview/names.js';
import { placePreviewObjects, PreviewRefused } from '../../../src/preview/objects.js';
import { renderComment } from '../../../src/preview/report.js';
import { recordedPullRequestEvent } from '../../helpers/github-fake.js';

const RFC1123 = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

describe('names', () => {
  it('<service>-pr-<n>, cut with a hash past 63 characters', () => {
    expect(previewNamespace('checkout', 7)).toBe('checkout-pr-7');
    const long = 'a'.repeat(60);
    const name = previewNamespace(long, 12345);
    expect(name.length).toBeLessThanOrEqual(63);
    expect(name).toMatch(RFC1123);
    expect(name.endsWith('-pr-12345')).toBe(true);
    expect(previewNamespace(`${'a'.repeat(59)}b`, 12345)).not.toBe(name);
    expect(previewNamespace('Web_App', 1)).toMatch(RFC1123);
    expect(repositoryLabel('Codertocat/Hello-World')).toMatch(/^[0-9a-f]{12}$/);
    expect(repositoryLabel('codertocat/hello-world')).toBe(repositoryLabel('Codertocat/Hello-World'));
  });

  it('fills {pr} in the host, https unless a scheme is given', () => {
    expect(previewUrl('pr-{pr}.preview.example.com', 9)).toEqual({
      url: 'https://pr-9.preview.example.com',
      host: 'pr-9.preview.example.com',
    });
    expect(previewUrl('http://127.0.0.1:8080/pr-{pr}', 9).host).toBe('127.0.0.1');
  });
});

const deployment = (namespace?: string): KubernetesObject => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', ...(namespace ? { namespace } : {}) },
});

describe('placement', () => {
  const options = { serviceNamespace: 'shop', previewNamespace: 'web-pr-7', host: 'pr-7.example.com' };

  it('moves the service namespace and references to it into the preview namespace', () => {
    const route = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'HTTPRoute',
      metadata: { name: 'web', namespace: 'shop' },
      spec: { hostnames: ['shop.example.com'], parentRefs: [{ name: 'gw', namespace: 'shop' }] },
    } as KubernetesObject;
    const svc = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web' },
      spec: { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] },
    } as KubernetesObject;
    const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } } as KubernetesObject;
    const { objects, notes } = placePreviewObjects([ns, deployment('shop'), route, svc], options);
    expect(objects.map((o) => o.metadata?.namespace)).toEqual(['web-pr-7', 'web-pr-7', 'web-pr-7']);
    const spec = (
      objects[1] as unknown as { spec: { hostnames: string[]; parentRefs: Array<{ namespace: string }> } }
    ).spec;
    expect(spec.hostnames).toEqual(['pr-7.example.com']);
    expect(spec.parentRefs[0]!.namespace).toBe('web-pr-7');
    expect((objects[2] as unknown as { spec: { type: string; ports: object[] } }).spec).toEqual({
      type: 'ClusterIP',
      ports: [{ port: 80 }],
    });
    expect(notes.join('\n')).toMatch(
      /Namespace shop not applied[\s\S]*hostnames → pr-7.example.com[\s\S]*NodePort → ClusterIP/,
    );
  });

  it('refuses other namespaces, cluster-scoped objects and routes without a preview host — all at once', () => {
    const binding = {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: 'x' },
    } as KubernetesObject;
    const external = {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'db' },
      spec: { type: 'ExternalName', externalName: 'db.payments.svc.cluster.local' },
    } as KubernetesObject;
    const ingress = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'web' },
      spec: { rules: [{ host: 'shop.example.com' }] },
    } as KubernetesObject;
    let error: unknown;
    try {
      placePreviewObjects([deployment('kube-system'), binding, external, ingress], {
        serviceNamespace: 'shop',
        previewNamespace: 'web-pr-7',
      });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(PreviewRefused);
    const problems = (error as PreviewRefused).problems;
    expect(problems).toHaveLength(4);
    expect(problems[0]).toContain('names namespace "kube-system"');
    expect(problems[1]).toContain('cluster-scoped');
    expect(problems[2]).toContain('externalName names namespace "payments"');
    expect(problems[3]).toContain('claims shop.example.com; set preview.host');
  });
});

describe('mode', () => {
  const ctx = (eventName: string, event: Record<string, unknown>) => ({ eventName, event });
  it('follows the recorded pull_request events', () => {
    for (const [action, mode] of [
      ['opened', 'up'],
      ['synchronize', 'up'],
      ['reopened', 'up'],
      ['closed', 'down'],
    ] as const)
      expect(chooseMode(ctx('pull_request', recordedPullRequestEvent(action)), '')).toMatchObject({ mode });
    expect(chooseMode(ctx('pull_request', recordedPullRequestEvent('labeled')), '')).toHaveProperty('skip');
    expect(chooseMode(ctx('schedule', {}), '')).toEqual({ mode: 'sweep' });
    expect(chooseMode(ctx('push', {}), '')).toHaveProperty('error');
    expect(chooseMode(ctx('push', {}), 'nope')).toHaveProperty('error');
    expect(
      chooseMode(
        ctx('workflow_run', {
          workflow_run: { head_sha: 'a', head_repository: { full_name: 'x/y' }, conclusion: 'failure' },
        }),
        '',
      ),
    ).toHaveProperty('skip');
  });

  it('tells a fork by head.repo (and a deleted fork by its absence)', () => {
    const event = recordedPullRequestEvent('opened');
    expect(pullRequestFromEvent({ eventName: 'pull_request', event })?.fork).toBe(false);
    (event.pull_request.head as Record<string, unknown>).repo = null;
    expect(pullRequestFromEvent({ eventName: 'pull_request', event })?.fork).toBe(true);
  });

  it('reads the run URL and GitHub Enterprise Server API URL from the environment at call time', () => {
    const context = readRunContext({
      GITHUB_SERVER_URL: 'https://ghe.example.com',
      GITHUB_REPOSITORY: 'o/r',
      GITHUB_RUN_ID: '5',
    });
    expect(context.apiUrl).toBe('https://ghe.example.com/api/v3');
    expect(context.runUrl).toBe('https://ghe.example.com/o/r/actions/runs/5');
  });
});

describe('comment', () => {
  it('carries URL, images, commit, status, how to reach it, expiry, updated time, log link, details collapsed', () => {
    const body = renderComment({
      service: 'web',
      pr: 7,
      status: 'ready',
      namespace: 'web-pr-7',
      environment: 'web-pr-7',
      deploymentId: 12,
      sha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
      images: { web: 'registry.test/web:v1' },
      url: 'https://pr-7.example.com',
      expiresAt: new Date('2026-03-09T09:00:00Z'),
      idleSeconds: 3600,
      objects: Array.from({ length: 5000 }, (_, i) => `ConfigMap c${i}`),
      logUrl: 'https://github.com/o/r/actions/runs/5',
      updatedAt: new Date('2026-03-02T09:00:00Z'),
    });
    expect(body.startsWith('<!-- dial:preview:v1 service=web -->')).toBe(true);
    for (const part of [
      'https://pr-7.example.com',
      '`ec26c3e`',
      '`registry.test/web:v1`',
      '2026-03-09 09:00 UTC',
      'sleeps after 1h',
      'How to reach it',
      '<details><summary>Details</summary>',
      'Updated 2026-03-02 09:00 UTC',
      '[run log](https://github.com/o/r/actions/runs/5)',
    ])
      expect(body).toContain(part);
    expect(body.indexOf(FOOTER_MARK)).toBeGreaterThan(body.indexOf('</details>'));
    expect(body.length).toBeLessThan(COMMENT_LIMIT);
  });
});
