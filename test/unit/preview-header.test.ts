// Header-routed previews without a cluster: the preview's Deployment and Service (production's Services
// never select its pods), the dial.yaml checks of preview.mode header, and what the comment says.
import { describe, expect, it } from '@jest/globals';
import type { KubernetesObject, V1Service } from '@kubernetes/client-node';
import { checkSemantics } from '../../src/config/semantic.js';
import type { DialConfig } from '../../src/config/types.js';
import { headerWorkload } from '../../src/preview/header.js';
import { PreviewRefused } from '../../src/preview/objects.js';
import { renderComment } from '../../src/preview/report.js';

const id = { namespace: 'shop', service: 'web', pr: 12, repository: 'o/r' };

const deployment = (labels: Record<string, string>, selector: Record<string, string>, extra = {}) =>
  ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'web', namespace: 'shop' },
    spec: {
      replicas: 4,
      selector: { matchLabels: selector },
      template: {
        metadata: { labels },
        spec: { containers: [{ name: 'app', image: 'r/web:pr', ...extra }] },
      },
    },
  }) as KubernetesObject;

const service = (name: string, selector: Record<string, string>): V1Service => ({
  apiVersion: 'v1',
  kind: 'Service',
  metadata: { name, namespace: 'shop' },
  spec: { selector, ports: [{ name: 'http', port: 80, targetPort: 'http', nodePort: 30080 }] },
});

describe('headerWorkload', () => {
  it('gives every label a production Service selects on a value of its own, and selects exactly its pods', () => {
    const web = service('web', { app: 'web' });
    const tier = service('frontends', { tier: 'front' });
    const built = headerWorkload({
      objects: [deployment({ app: 'web', tier: 'front', version: 'v2' }, { app: 'web' })],
      namespace: 'shop',
      workload: 'web',
      userService: web,
      services: [web, tier, service('other', { app: 'other' })],
      id,
    });
    const labels = built.deployment.spec?.template.metadata?.labels;
    expect(labels).toEqual({
      app: 'web-pr-12',
      tier: 'front-pr-12',
      version: 'v2',
      'dial.dev/preview-pr': '12',
    });
    expect(built.deployment.spec?.replicas).toBe(1);
    expect(built.deployment.metadata?.name).toBe('web-pr-12');
    expect(built.deployment.spec?.selector).toEqual({
      matchLabels: { app: 'web-pr-12', 'dial.dev/preview-pr': '12' },
    });
    expect(built.service.metadata?.name).toBe('web-pr-12');
    expect(built.service.spec).toEqual({
      type: 'ClusterIP',
      selector: { app: 'web-pr-12', 'dial.dev/preview-pr': '12' },
      ports: [{ name: 'http', port: 80, targetPort: 'http' }],
    });
    for (const s of [web, tier])
      expect(Object.entries(s.spec!.selector!).every(([k, v]) => labels?.[k] === v)).toBe(false);
  });

  it('refuses a Deployment that names another namespace, and a workload the manifests lack', () => {
    const web = service('web', { app: 'web' });
    const base = { namespace: 'shop', workload: 'web', userService: web, services: [web], id };
    const affinity = {
      affinity: {
        podAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: [
            { topologyKey: 'k', namespaces: ['payments'], labelSelector: {} },
          ],
        },
      },
    };
    const elsewhere = deployment({ app: 'web' }, { app: 'web' });
    (elsewhere as { spec: { template: { spec: object } } }).spec.template.spec = affinity;
    expect(() => headerWorkload({ ...base, objects: [elsewhere] })).toThrow(/names namespace "payments"/);
    expect(() => headerWorkload({ ...base, objects: [] })).toThrow(PreviewRefused);
  });

  it("refuses when a Service would still select the preview's pods", () => {
    const web = service('web', { app: 'web' });
    const catchAll = service('everything', { 'dial.dev/preview-pr': '12' });
    expect(() =>
      headerWorkload({
        objects: [deployment({ app: 'web' }, { app: 'web' })],
        namespace: 'shop',
        workload: 'web',
        userService: web,
        services: [web, catchAll],
        id,
      }),
    ).toThrow(/Service shop\/everything would select the preview's pods/);
  });
});

describe('dial.yaml preview.mode header', () => {
  const config = (router: DialConfig['router'], preview: DialConfig['preview']): DialConfig => ({
    service: 'web',
    manifests: ['deploy'],
    strategy: { type: 'rolling' },
    ...(router ? { router } : {}),
    preview,
  });

  it.each(['replicas', 'ingress-nginx', 'smi'] as const)(
    'is refused with router %s, naming preview.mode',
    (type) => {
      const problems = checkSemantics(config({ type }, { enabled: true, mode: 'header' }));
      expect(problems).toEqual([
        expect.objectContaining({
          path: ['preview', 'mode'],
          message: expect.stringContaining(`router.type here is ${type}`),
        }),
      ]);
    },
  );

  it.each(['gateway-api', 'istio', 'emissary'] as const)('is accepted with router %s', (type) => {
    expect(checkSemantics(config({ type }, { enabled: true, mode: 'header' }))).toEqual([]);
  });

  it('refuses preview.host: the preview is reached at production host with the header', () => {
    const problems = checkSemantics(
      config({ type: 'istio' }, { enabled: true, mode: 'header', host: 'pr-{pr}.x' }),
    );
    expect(problems.map((p) => p.path)).toEqual([['preview', 'host']]);
  });
});

describe('the comment of a header-routed preview', () => {
  it('says how to reach it with the header and that only the first hop sees it', () => {
    const body = renderComment({
      service: 'web',
      pr: 12,
      status: 'ready',
      namespace: 'shop',
      environment: 'web-pr-12',
      sha: 'a'.repeat(40),
      images: {},
      url: 'https://shop.example/',
      header: { name: 'x-dial-preview', value: '12' },
      logUrl: '',
      updatedAt: new Date(0),
    });
    expect(body).toContain("`curl -H 'x-dial-preview: 12' https://shop.example/`");
    expect(body).toContain('unless every service forwards it');
    expect(body).toContain('| URL | https://shop.example/ with `x-dial-preview: 12` |');
  });
});
