import { describe, expect, it } from 'vitest';
import { documentedResponses, platformErrorStatuses } from './documented-errors.js';
import { withEveryPathParam } from './path-params.js';

const unlimited = { rateLimited: () => false, audited: true };

describe('platformErrorStatuses', () => {
  it('gives a workspace read the authentication, workspace and store errors', () => {
    const route = {
      method: 'GET',
      url: '/api/2.1/clusters/list',
      access: 'workspace',
      validated: false,
    } as const;
    expect(platformErrorStatuses(route, unlimited)).toEqual([400, 401, 403, 404, 431, 503]);
  });

  it('adds body errors, the audit failure and 429 where the rate limits count a write', () => {
    const route = {
      method: 'POST',
      url: '/api/2.1/clusters/delete',
      access: 'workspace',
      validated: true,
    } as const;
    const limited = { rateLimited: () => true, audited: true };
    expect(platformErrorStatuses(route, limited)).toEqual([400, 401, 403, 404, 413, 415, 429, 431, 500, 503]);
  });

  it('gives a public route without schemas only what Node and Fastify answer', () => {
    const route = {
      method: 'GET',
      url: '/.well-known/databricks-config',
      access: 'public',
      validated: false,
    } as const;
    expect(platformErrorStatuses(route, unlimited)).toEqual([431]);
  });

  it('documents 404 for an account id in the path', () => {
    const route = {
      method: 'GET',
      url: '/api/2.0/accounts/:account_id/workspaces',
      access: 'account-admin',
      validated: true,
    } as const;
    expect(platformErrorStatuses(route, unlimited)).toContain(404);
  });

  it("keeps a route's own responses over the platform's", () => {
    const route = { method: 'GET', url: '/x', access: 'workspace', validated: false } as const;
    const own = { 200: { type: 'object' }, 404: { description: 'own' } };
    const responses = documentedResponses(own, route, unlimited);
    expect(responses[200]).toEqual({ type: 'object' });
    expect(responses[404]).toEqual({ description: 'own' });
    expect(Object.keys(responses)).toContain('401');
  });
});

describe('withEveryPathParam', () => {
  it('adds the URL parameters a params schema lacks', () => {
    const params = { type: 'object', properties: { id: { type: 'string' } }, required: ['id'] };
    expect(withEveryPathParam(params, '/accounts/:account_id/scim/v2/Users/:id')).toEqual({
      type: 'object',
      properties: { id: { type: 'string' }, account_id: { type: 'string' } },
      required: ['id', 'account_id'],
    });
  });

  it('leaves a complete schema, or none, as it is', () => {
    const params = { type: 'object', properties: { id: { type: 'string' } } };
    expect(withEveryPathParam(params, '/x/:id')).toBe(params);
    expect(withEveryPathParam(undefined, '/x/:id')).toBeUndefined();
  });
});
