import { describe, expect, it } from '@jest/globals';
import { ApiException, type KubernetesObject } from '@kubernetes/client-node';
import { applyOrder, conflictMessage, fieldConflicts } from '../../../src/kube/apply.js';

const o = (kind: string, name: string): KubernetesObject => ({ apiVersion: 'v1', kind, metadata: { name } });

it('applies Namespaces and CRDs first, the rest in the order given', () => {
  const objects = [
    o('ConfigMap', 'a'),
    o('Widget', 'w'),
    o('CustomResourceDefinition', 'widgets.example.com'),
    o('Deployment', 'web'),
    o('Namespace', 'shop'),
  ];
  expect(applyOrder(objects).map((x) => x.kind)).toEqual([
    'CustomResourceDefinition',
    'Namespace',
    'ConfigMap',
    'Widget',
    'Deployment',
  ]);
});

// The Status body the API server sends with a server-side apply conflict (as client-node keeps it: text).
const conflict409 = (causes: Array<{ field: string; manager: string }>) =>
  new ApiException(
    409,
    'Unsuccessful HTTP Request',
    JSON.stringify({
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      reason: 'Conflict',
      code: 409,
      message: `Apply failed with ${causes.length} conflicts`,
      details: {
        causes: causes.map((c) => ({
          reason: 'FieldManagerConflict',
          message: `conflict with "${c.manager}" using apps/v1`,
          field: c.field,
        })),
      },
    }),
    {},
  );

describe('conflicts', () => {
  it('reads field and manager from the Status causes', () => {
    const err = conflict409([
      { field: '.spec.replicas', manager: 'kubectl-client-side-apply' },
      { field: '.spec.template.spec.containers[name="web"].image', manager: 'kubectl-edit' },
    ]);
    expect(fieldConflicts(err)).toEqual([
      { field: '.spec.replicas', manager: 'kubectl-client-side-apply' },
      { field: '.spec.template.spec.containers[name="web"].image', manager: 'kubectl-edit' },
    ]);
  });

  it('finds none in other errors', () => {
    expect(fieldConflicts(new ApiException(409, 'x', '{"reason":"AlreadyExists"}', {}))).toEqual([]);
    expect(fieldConflicts(new ApiException(500, 'x', 'not json', {}))).toEqual([]);
    expect(fieldConflicts(new Error('boom'))).toEqual([]);
  });

  it('says which manager owns which field, and what to do', () => {
    expect(
      conflictMessage('Deployment shop/checkout', [
        { field: '.spec.replicas', manager: 'kubectl-client-side-apply' },
      ]),
    ).toBe(
      'Deployment shop/checkout: field .spec.replicas is owned by manager "kubectl-client-side-apply"; ' +
        'rerun with force, or remove the field from the manifest',
    );
    expect(
      conflictMessage('Deployment shop/checkout', [
        { field: '.spec.replicas', manager: 'helm' },
        { field: '.metadata.labels.team', manager: 'helm' },
        { field: '.spec.paused', manager: 'kubectl-edit' },
      ]),
    ).toBe(
      'Deployment shop/checkout: fields .spec.replicas, .metadata.labels.team are owned by manager "helm"; ' +
        'field .spec.paused is owned by manager "kubectl-edit"; rerun with force, or remove the fields from the manifest',
    );
  });
});
