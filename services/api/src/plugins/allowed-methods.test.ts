import Fastify from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allowedMethods, methodNotAllowed } from './allowed-methods.js';

const app = Fastify();
const ok = async () => ({});

beforeAll(async () => {
  app.get('/api/2.1/clusters/list', ok);
  app.post('/api/2.1/clusters/create', ok);
  app.get('/api/2.0/sql/warehouses/:id', ok);
  app.delete('/api/2.0/sql/warehouses/:id', ok);
  app.put('/api/2.0/fs/files/*', ok);
  app.get('/*', ok);
  await app.ready();
});

afterAll(async () => {
  await app.close();
});

describe('allowedMethods', () => {
  it.each([
    ['/api/2.1/clusters/list', ['GET', 'HEAD']],
    ['/api/2.1/clusters/create', ['POST']],
    ['/api/2.0/sql/warehouses/abc', ['GET', 'HEAD', 'DELETE']],
    ['/api/2.0/fs/files/Volumes/a/b.txt', ['PUT']],
  ])('lists the methods of %s', (path, methods) => {
    expect(allowedMethods(app, path)).toEqual(methods);
  });

  it.each(['/api/2.1/clusters/unknown', '/nowhere'])(
    'lists none for %s, which only the page route matches',
    (path) => {
      expect(allowedMethods(app, path)).toEqual([]);
    },
  );
});

describe('methodNotAllowed', () => {
  it('says which method and path have no API, as Databricks does', () => {
    expect(methodNotAllowed('DELETE', '/api/2.1/clusters/list').toJSON()).toEqual({
      error_code: 'ENDPOINT_NOT_FOUND',
      message: "No API found for 'DELETE /api/2.1/clusters/list'",
    });
  });
});
