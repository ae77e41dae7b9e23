import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { KubernetesObject } from '@kubernetes/client-node';
import {
  imageRepository,
  originOf,
  parseManifests,
  podSpecOf,
  readManifests,
  resolveNamespace,
  substituteImages,
} from '../../../src/kube/manifests.js';

type Obj = Record<string, unknown>;

const deployment = (name: string, containers: Obj[], extra: Obj = {}): KubernetesObject =>
  ({
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, ...extra },
    spec: { template: { spec: { containers } } },
  }) as KubernetesObject;

const imagesOf = (o: KubernetesObject, field = 'containers') =>
  (podSpecOf(o)?.[field] as Array<{ image: string }>).map((c) => c.image);

describe('readManifests', () => {
  let workspace: string;
  let outside: string;

  beforeAll(async () => {
    workspace = await mkdtemp(join(tmpdir(), 'dial-manifests-'));
    outside = await mkdtemp(join(tmpdir(), 'dial-outside-'));
    await mkdir(join(workspace, 'k8s'));
    await writeFile(
      join(workspace, 'k8s', 'app.yaml'),
      [
        '---',
        'apiVersion: v1',
        'kind: Service',
        'metadata: { name: web }',
        '---',
        '# only a comment: an empty document',
        '---',
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata: { name: web }',
        'spec: {}',
        '',
      ].join('\n'),
    );
    await writeFile(
      join(workspace, 'k8s', 'list.yaml'),
      [
        'apiVersion: v1',
        'kind: List',
        'items:',
        '  - { apiVersion: v1, kind: ConfigMap, metadata: { name: a } }',
        '  - { apiVersion: v1, kind: ConfigMap, metadata: { name: b } }',
      ].join('\n'),
    );
    await writeFile(join(outside, 'secret.yaml'), 'apiVersion: v1\nkind: Secret\nmetadata: { name: s }\n');
    await symlink(join(outside, 'secret.yaml'), join(workspace, 'k8s', 'escape.yaml'));
  });

  afterAll(async () => {
    await rm(workspace, { recursive: true, force: true });
    await rm(outside, { recursive: true, force: true });
  });

  it('reads every document in file order, skipping empty ones and flattening Lists', async () => {
    const objects = await readManifests(['k8s/app.yaml', 'k8s/list.yaml'], workspace);
    expect(objects.map((o) => `${o.kind}/${o.metadata?.name}`)).toEqual([
      'Service/web',
      'Deployment/web',
      'ConfigMap/a',
      'ConfigMap/b',
    ]);
    expect(originOf(objects[1]!)).toBe('k8s/app.yaml document 3');
    expect(originOf(objects[3]!)).toBe('k8s/list.yaml document 1 item 2');
  });

  it('accepts absolute paths inside the workspace', async () => {
    const objects = await readManifests([join(workspace, 'k8s', 'app.yaml')], workspace);
    expect(objects).toHaveLength(2);
  });

  it('refuses a file whose real path leaves the workspace', async () => {
    await expect(readManifests(['k8s/escape.yaml'], workspace)).rejects.toThrow(
      'manifest k8s/escape.yaml leads outside the workspace',
    );
  });

  it('names a missing file', async () => {
    await expect(readManifests(['k8s/nope.yaml'], workspace)).rejects.toThrow(
      'manifest k8s/nope.yaml does not exist',
    );
  });
});

describe('parseManifests', () => {
  it('names the file and document of an object without a name', () => {
    const text =
      'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n---\napiVersion: v1\nkind: ConfigMap\n';
    expect(() => parseManifests(text, 'k8s/cm.yaml')).toThrow(
      'k8s/cm.yaml document 2: missing metadata.name',
    );
  });

  it('names every missing field', () => {
    expect(() => parseManifests('metadata: {}\n', 'x.yaml')).toThrow(
      'x.yaml document 1: missing apiVersion, kind, metadata.name',
    );
  });

  it('refuses a document that is not an object', () => {
    expect(() => parseManifests('- a\n- b\n', 'x.yaml')).toThrow(
      'x.yaml document 1: expected a Kubernetes object, found a list',
    );
  });

  it('reports YAML syntax errors with the document and line', () => {
    const text = 'apiVersion: v1\nkind: ConfigMap\nmetadata: { name: a }\n---\nkind: [unclosed\n';
    expect(() => parseManifests(text, 'x.yaml')).toThrow(/^x\.yaml document 2 \(line \d+, column \d+\): /);
  });

  it('returns nothing for an empty file', () => {
    expect(parseManifests('', 'x.yaml')).toEqual([]);
    expect(parseManifests('# nothing\n', 'x.yaml')).toEqual([]);
  });
});

describe('imageRepository', () => {
  it.each([
    ['nginx', 'nginx'],
    ['nginx:1.27', 'nginx'],
    ['docker.io/library/nginx:1.27', 'nginx'],
    ['library/nginx', 'nginx'],
    ['docker.io/bitnami/redis:7', 'bitnami/redis'],
    ['127.0.0.1:5000/demo/hello:1', '127.0.0.1:5000/demo/hello'],
    ['127.0.0.1:5000/demo/hello', '127.0.0.1:5000/demo/hello'],
    [`ghcr.io/o/app@sha256:${'a'.repeat(64)}`, 'ghcr.io/o/app'],
    [`ghcr.io/o/app:1.0@sha256:${'b'.repeat(64)}`, 'ghcr.io/o/app'],
    [`localhost:5000/app:2@sha256:${'c'.repeat(64)}`, 'localhost:5000/app'],
  ])('%s → %s', (ref, repo) => {
    expect(imageRepository(ref)).toBe(repo);
  });
});

describe('substituteImages', () => {
  const ref = '127.0.0.1:5000/shop/web:2';

  it('replaces containers and init containers in every kind of pod template', () => {
    const template = {
      spec: {
        initContainers: [{ name: 'init', image: '127.0.0.1:5000/shop/web:1' }],
        containers: [
          { name: 'web', image: '127.0.0.1:5000/shop/web:1' },
          { name: 'side', image: 'envoy:1' },
        ],
      },
    };
    const objects = [
      ...['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'].map((kind) => ({
        apiVersion: 'apps/v1',
        kind,
        metadata: { name: kind.toLowerCase(), namespace: 'shop' },
        spec: { template: structuredClone(template) },
      })),
      {
        apiVersion: 'batch/v1',
        kind: 'CronJob',
        metadata: { name: 'cron' },
        spec: { jobTemplate: { spec: { template: structuredClone(template) } } },
      },
      { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'pod' }, spec: structuredClone(template.spec) },
      {
        apiVersion: 'v1',
        kind: 'ConfigMap',
        metadata: { name: 'cm' },
        data: { image: '127.0.0.1:5000/shop/web:1' },
      },
    ] as KubernetesObject[];
    const before = structuredClone(objects);
    const result = substituteImages(objects, [{ repository: '127.0.0.1:5000/shop/web', ref }]);
    expect(objects).toEqual(before); // the input is not changed
    for (const o of result.objects.filter((o) => o.kind !== 'ConfigMap')) {
      expect(imagesOf(o)).toEqual([ref, 'envoy:1']);
      expect(imagesOf(o, 'initContainers')).toEqual([ref]);
    }
    expect(result.objects.at(-1)).toEqual(objects.at(-1));
    expect(result.replaced).toHaveLength(14);
    expect(result.replaced[0]).toEqual({
      object: 'Deployment shop/deployment',
      container: 'init',
      from: '127.0.0.1:5000/shop/web:1',
      to: ref,
    });
    expect(result.warnings).toEqual([]);
  });

  it('matches tags and digests, not other repositories with the same prefix', () => {
    const d = deployment('web', [
      { name: 'a', image: `127.0.0.1:5000/shop/web@sha256:${'a'.repeat(64)}` },
      { name: 'b', image: '127.0.0.1:5000/shop/web' },
      { name: 'c', image: '127.0.0.1:5000/shop/web-worker:1' },
      { name: 'd', image: '127.0.0.1:5001/shop/web:1' },
    ]);
    const { objects } = substituteImages([d], [{ repository: '127.0.0.1:5000/shop/web', ref }]);
    expect(imagesOf(objects[0]!)).toEqual([
      ref,
      ref,
      '127.0.0.1:5000/shop/web-worker:1',
      '127.0.0.1:5001/shop/web:1',
    ]);
  });

  it("also matches by the ref's own repository", () => {
    const d = deployment('web', [{ name: 'web', image: 'registry.example.com/web:1' }]);
    const { objects, warnings } = substituteImages(
      [d],
      [{ repository: 'something-else/web', ref: 'registry.example.com/web:2' }],
    );
    expect(imagesOf(objects[0]!)).toEqual(['registry.example.com/web:2']);
    expect(warnings).toEqual([]);
  });

  it('warns about an image no container uses', () => {
    const d = deployment('web', [{ name: 'web', image: 'nginx:1' }]);
    const { objects, replaced, warnings } = substituteImages(
      [d],
      [{ repository: 'ghcr.io/o/api', ref: 'ghcr.io/o/api:2' }],
    );
    expect(objects[0]).toEqual(d);
    expect(replaced).toEqual([]);
    expect(warnings).toEqual([
      'image ghcr.io/o/api:2: no container in the manifests uses repository ghcr.io/o/api',
    ]);
  });

  it('treats Docker Hub spellings as one repository', () => {
    const d = deployment('web', [{ name: 'web', image: 'nginx:1.26' }]);
    const { objects } = substituteImages([d], [{ repository: 'docker.io/library/nginx', ref: 'nginx:1.27' }]);
    expect(imagesOf(objects[0]!)).toEqual(['nginx:1.27']);
  });

  it('keeps where each object came from', () => {
    const [d] = parseManifests(
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web }\nspec: { template: { spec: { containers: [{ name: web, image: a:1 }] } } }\n',
      'k8s/web.yaml',
    );
    const { objects } = substituteImages([d!], [{ repository: 'a', ref: 'a:2' }]);
    expect(originOf(objects[0]!)).toBe('k8s/web.yaml document 1');
  });
});

describe('resolveNamespace', () => {
  const ns = (objects: KubernetesObject[]) => objects.map((o) => o.metadata?.namespace);
  const plain = () =>
    [
      deployment('web', []),
      { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } },
      {
        apiVersion: 'rbac.authorization.k8s.io/v1',
        kind: 'ClusterRole',
        metadata: { name: 'r', namespace: 'x' },
      },
    ] as KubernetesObject[];

  it('input wins over dial.yaml', () => {
    const { objects, namespace } = resolveNamespace(plain(), { input: 'pr-12', file: 'shop' });
    expect(namespace).toBe('pr-12');
    expect(ns(objects)).toEqual(['pr-12', undefined, undefined]);
  });

  it('dial.yaml wins over the default', () => {
    const { objects, namespace } = resolveNamespace(plain(), { file: 'shop' });
    expect(namespace).toBe('shop');
    expect(ns(objects)).toEqual(['shop', undefined, undefined]);
  });

  it("keeps the manifest's own namespace when neither is set, else default", () => {
    const objects = [deployment('a', [], { namespace: 'team' }), deployment('b', [])];
    const result = resolveNamespace(objects, {});
    expect(result.namespace).toBe('team');
    expect(ns(result.objects)).toEqual(['team', 'default']);
    expect(resolveNamespace([deployment('b', [])], { input: '', file: ' ' }).namespace).toBe('default');
  });

  it('accepts a manifest naming the same namespace', () => {
    const { objects } = resolveNamespace([deployment('a', [], { namespace: 'shop' })], { file: 'shop' });
    expect(ns(objects)).toEqual(['shop']);
  });

  it('refuses a manifest naming a different namespace, naming the file and object', () => {
    const [d] = parseManifests(
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: { name: web, namespace: prod }\n',
      'k8s/web.yaml',
    );
    expect(() => resolveNamespace([d!], { input: 'pr-12', file: 'shop' })).toThrow(
      'k8s/web.yaml document 1: Deployment web names namespace "prod" but the namespace input sets "pr-12"',
    );
    expect(() => resolveNamespace([d!], { file: 'shop' })).toThrow('but dial.yaml sets "shop"');
  });

  it('gives cluster-scoped kinds no namespace, including those of CRDs in the manifests', () => {
    const crd = {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: 'widgets.example.com' },
      spec: { scope: 'Cluster', names: { kind: 'Widget' } },
    } as KubernetesObject;
    const widget = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'x' } };
    const gatewayClass = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'GatewayClass',
      metadata: { name: 'g' },
    };
    const { objects } = resolveNamespace([crd, widget, gatewayClass] as KubernetesObject[], {
      input: 'shop',
    });
    expect(ns(objects)).toEqual([undefined, undefined, undefined]);
  });

  it('does not change its input', () => {
    const input = plain();
    const before = structuredClone(input);
    resolveNamespace(input, { input: 'pr-12' });
    expect(input).toEqual(before);
  });
});
