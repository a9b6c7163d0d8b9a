import { describe, expect, it } from 'vitest';
import { DatabricksError } from '../../errors/databricks-error.js';
import { locationPrefix, pathAccessOf, pathPrefix, tableAccessOf } from './credential-scope.js';
import type { Metastore } from './metastore.js';

const metastore: Metastore = {
  id: 'm1',
  workspaceId: 7,
  namespace: 'ws-7',
  storageRoot: 's3://bk/workspaces/7/unity-catalog/m1',
  volumesRoot: 's3://bk/workspaces/7/dbfs/Volumes',
  region: 'us-east-1',
  createdAt: 0,
};

function refusal(run: () => unknown): { status: number; code: string } {
  try {
    run();
  } catch (error) {
    if (error instanceof DatabricksError) return { status: error.statusCode, code: error.errorCode };
    throw error;
  }
  throw new Error('not refused');
}

describe('operations', () => {
  it.each([
    ['READ', 'read'],
    ['READ_WRITE', 'read-write'],
  ])('table operation %s is %s access', (operation, access) => {
    expect(tableAccessOf(operation)).toBe(access);
  });

  it.each([
    ['PATH_READ', 'read'],
    ['PATH_READ_WRITE', 'read-write'],
    ['PATH_CREATE_TABLE', 'read-write'],
  ])('path operation %s is %s access', (operation, access) => {
    expect(pathAccessOf(operation)).toBe(access);
  });

  it.each(['WRITE', 'read', '', 'PATH_READ', 'toString'])(
    'table operation %j is refused as a bad parameter',
    (operation) => {
      expect(refusal(() => tableAccessOf(operation))).toEqual({
        status: 400,
        code: 'INVALID_PARAMETER_VALUE',
      });
    },
  );
});

describe('locationPrefix', () => {
  it('is the key prefix of a location in the bucket, ending with a slash', () => {
    expect(locationPrefix('bk', 's3://bk/workspaces/7/unity-catalog/m1/tables/t1')).toBe(
      'workspaces/7/unity-catalog/m1/tables/t1/',
    );
  });

  it('refuses a location in another bucket', () => {
    expect(refusal(() => locationPrefix('bk', 's3://other/t1'))).toEqual({
      status: 400,
      code: 'INVALID_PARAMETER_VALUE',
    });
  });
});

describe('pathPrefix', () => {
  it('covers the workspace storage outside managed storage', () => {
    expect(pathPrefix(metastore, 'bk', 's3a://bk/workspaces/7/external/sales/')).toEqual({
      url: 's3://bk/workspaces/7/external/sales',
      prefix: 'workspaces/7/external/sales/',
    });
  });

  it.each([
    's3://bk/workspaces/8/external/sales',
    's3://bk/workspaces/7',
    's3://bk/workspaces/7/unity-catalog/m1/tables/t1',
    's3://bk/workspaces/7/unity-catalog',
    's3://other/workspaces/7/x',
    's3://bk/shared/x',
  ])('refuses %s', (url) => {
    expect(refusal(() => pathPrefix(metastore, 'bk', url)).status).toBe(400);
  });
});
