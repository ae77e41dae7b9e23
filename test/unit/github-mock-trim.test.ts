// The trim step that turns GitHub's full description into the mock's committed spec.
import { describe, expect, it } from '@jest/globals';
import { OpenAPIBackend, type Document } from 'openapi-backend';
import {
  DIAL_OPERATIONS,
  collectComponents,
  normaliseNullable,
  pickOperations,
  trimDescription,
  type Json,
  type JsonObject,
} from '../../testbed/src/github/trim.js';
import { SPEC_PACKAGE, SPEC_VERSION, loadTrimmedSpec } from '../../testbed/src/github/spec-file.js';

function source(): JsonObject {
  return {
    openapi: '3.0.3',
    info: { title: 'GitHub v3 REST API', version: '1.1.4' },
    paths: {
      '/repos/{owner}/{repo}/deployments': {
        parameters: [{ $ref: '#/components/parameters/owner' }],
        get: { operationId: 'repos/list-deployments', responses: {} },
        post: {
          operationId: 'repos/create-deployment',
          responses: {
            '201': {
              content: { 'application/json': { schema: { $ref: '#/components/schemas/deployment' } } },
            },
          },
        },
      },
      '/gists': { get: { operationId: 'gists/list', responses: { $ref: '#/components/responses/unused' } } },
    },
    components: {
      parameters: { owner: { name: 'owner', in: 'path', schema: { type: 'string' } } },
      schemas: {
        deployment: {
          type: 'object',
          properties: { creator: { $ref: '#/components/schemas/nullable-user' } },
        },
        'nullable-user': { nullable: true, oneOf: [{ $ref: '#/components/schemas/user' }] },
        user: { type: 'object', properties: { self: { $ref: '#/components/schemas/user' } } },
        gist: { type: 'object' },
      },
      responses: { unused: { description: 'not wanted' } },
    },
  };
}

describe('trim', () => {
  it('keeps only the wanted operations and their path-level parameters', () => {
    const paths = pickOperations(source().paths as JsonObject, ['repos/create-deployment']);
    expect(Object.keys(paths)).toEqual(['/repos/{owner}/{repo}/deployments']);
    expect(Object.keys(paths['/repos/{owner}/{repo}/deployments'] as JsonObject).sort()).toEqual([
      'parameters',
      'post',
    ]);
  });

  it('fails loudly when an operation is missing from the description', () => {
    expect(() =>
      pickOperations(source().paths as JsonObject, ['repos/create-deployment', 'no/such-op']),
    ).toThrow(/no\/such-op/);
  });

  it('follows references transitively (cycles included) and drops the rest', () => {
    const doc = source();
    const paths = pickOperations(doc.paths as JsonObject, ['repos/create-deployment']);
    const components = collectComponents(doc, paths);
    expect(Object.keys(components.schemas as JsonObject)).toEqual(['deployment', 'nullable-user', 'user']);
    expect(Object.keys(components.parameters as JsonObject)).toEqual(['owner']);
    expect(components.responses).toBeUndefined();
  });

  it('rewrites nullable beside oneOf/anyOf/allOf into schemas Ajv accepts that still allow null', () => {
    const schemas: Json = [
      { nullable: true, anyOf: [{ type: 'string' }] },
      { nullable: true, oneOf: [{ type: 'string' }, { type: 'integer' }] },
      { nullable: true, allOf: [{ type: 'object' }], description: 'kept' },
      { nullable: true, description: 'any value' },
      { nullable: true, type: 'string' },
    ];
    expect(normaliseNullable(schemas)).toBe(4);
    expect(schemas).toEqual([
      { anyOf: [{ type: 'string' }, { enum: [null] }] },
      { anyOf: [{ oneOf: [{ type: 'string' }, { type: 'integer' }] }, { enum: [null] }] },
      { anyOf: [{ allOf: [{ type: 'object' }] }, { enum: [null] }], description: 'kept' },
      { description: 'any value' },
      { nullable: true, type: 'string' },
    ]);
  });

  it('records where the trimmed description came from and does not touch its source', () => {
    const doc = source();
    const before = JSON.stringify(doc);
    const { document, operations, normalised } = trimDescription(doc, ['repos/create-deployment'], {
      package: '@octokit/openapi',
      version: '9.9.9',
      file: 'generated/api.github.com.json',
    });
    expect(JSON.stringify(doc)).toBe(before);
    expect(operations).toBe(1);
    expect(normalised).toBe(1);
    expect(document['x-dial-source']).toMatchObject({ package: '@octokit/openapi', version: '9.9.9' });
  });
});

describe('the committed trimmed spec', () => {
  const spec = loadTrimmedSpec();

  it('comes from the pinned package and holds exactly the operations Dial calls', () => {
    expect(spec['x-dial-source']).toMatchObject({ package: SPEC_PACKAGE, version: SPEC_VERSION });
    const ids: string[] = [];
    for (const item of Object.values(spec.paths as JsonObject)) {
      for (const op of Object.values(item as JsonObject)) {
        const id = (op as JsonObject).operationId;
        if (typeof id === 'string') ids.push(id);
      }
    }
    expect(ids.sort()).toEqual([...DIAL_OPERATIONS].sort());
  });

  it('is a valid OpenAPI document (the mock skips this check at start for speed)', async () => {
    const api = new OpenAPIBackend({
      definition: spec as unknown as Document,
      strict: true,
      validate: false,
    });
    await expect(api.init()).resolves.toBe(api);
    expect(api.getOperations()).toHaveLength(DIAL_OPERATIONS.length);
  });

  it('has no nullable without a type left for Ajv to refuse', () => {
    const offenders: string[] = [];
    const visit = (node: Json, path: string): void => {
      if (Array.isArray(node)) node.forEach((child, i) => visit(child, `${path}/${i}`));
      else if (node !== null && typeof node === 'object') {
        if (node.nullable === true && node.type === undefined) offenders.push(path);
        for (const [key, child] of Object.entries(node)) visit(child, `${path}/${key}`);
      }
    };
    visit(spec, '#');
    expect(offenders).toEqual([]);
  });
});
