import { describe, expect, it } from 'vitest';
import { auditActionOf } from './route-actions.js';

describe('auditActionOf', () => {
  it.each([
    ['a cluster create, by its Databricks name', 'POST', '/api/2.1/clusters/create', 'clusters', 'create'],
    [
      'every version of a route alike',
      'POST',
      '/api/2.0/clusters/permanent-delete',
      'clusters',
      'permanentDelete',
    ],
    [
      'a cluster list (a read Databricks does not log) from its path',
      'GET',
      '/api/2.1/clusters/list',
      'clusters',
      'list',
    ],
    ['a HEAD as its GET', 'HEAD', '/api/2.1/clusters/list-node-types', 'clusters', 'listNodeTypes'],
    ['run-now', 'POST', '/api/2.2/jobs/run-now', 'jobs', 'runNow'],
    ['a run submit', 'POST', '/api/2.1/jobs/runs/submit', 'jobs', 'submitRun'],
    ['a token create', 'POST', '/api/2.0/token/create', 'accounts', 'generateDbToken'],
    [
      'a token revoked by an admin',
      'DELETE',
      '/api/2.0/token-management/tokens/:token_id',
      'accounts',
      'revokeDbToken',
    ],
    ['a DBFS block', 'POST', '/api/2.0/dbfs/add-block', 'dbfs', 'addBlock'],
    ['a workspace export', 'GET', '/api/2.0/workspace/export', 'workspace', 'workspaceExport'],
    ['a Unity Catalog create', 'POST', '/api/2.1/unity-catalog/catalogs', 'unityCatalog', 'createCatalog'],
    ['a Unity Catalog list', 'GET', '/api/2.1/unity-catalog/schemas', 'unityCatalog', 'listSchemas'],
    ['a Unity Catalog get', 'GET', '/api/2.1/unity-catalog/tables/:full_name', 'unityCatalog', 'getTable'],
    [
      'a Unity Catalog update',
      'PATCH',
      '/api/2.1/unity-catalog/volumes/:name',
      'unityCatalog',
      'updateVolume',
    ],
    ['a Files API HEAD, which is not its GET', 'HEAD', '/api/2.0/fs/files/*', 'filesystem', 'filesHead'],
    ['a warehouse start', 'POST', '/api/2.0/sql/warehouses/:id/start', 'databrickssql', 'startWarehouse'],
    [
      'the query list, under its irregular plural',
      'GET',
      '/api/2.0/sql/queries',
      'databrickssql',
      'listQueries',
    ],
    [
      'a statement, with or without the trailing slash',
      'POST',
      '/api/2.0/sql/statements/',
      'databrickssql',
      'commandSubmit',
    ],
    [
      'any method through the driver proxy',
      'OPTIONS',
      '/driver-proxy/o/:org_id/:cluster_id/:port/*',
      'clusters',
      'driverProxy',
    ],
    ['a secret put', 'POST', '/api/2.0/secrets/put', 'secrets', 'putSecret'],
    ['a user added through SCIM', 'POST', '/api/2.0/preview/scim/v2/Users/', 'accounts', 'add'],
    ['a cluster ACL change', 'PATCH', '/api/2.0/permissions/clusters/:id', 'clusters', 'changeClusterAcl'],
    ['sign-in', 'POST', '/api/2.0/brickyard/web-session/', 'accounts', 'login'],
    ['sign-out', 'DELETE', '/api/2.0/brickyard/web-session', 'accounts', 'logout'],
  ])('names %s', (_name, method, url, serviceName, actionName) => {
    expect(auditActionOf(method, url)).toMatchObject({ serviceName, actionName, level: 'WORKSPACE_LEVEL' });
  });

  it.each([
    ['a REST item read', 'GET', '/api/2.0/widgets/:id', 'widgets', 'get'],
    ['a REST item delete', 'DELETE', '/api/2.0/sql/alerts/:id', 'sql', 'deleteAlerts'],
    ['a PUT', 'PUT', '/api/2.0/settings/types/:type/names/default', 'settings', 'putTypesNamesDefault'],
    ['an RPC call of several words', 'POST', '/api/2.0/instance-pools/create', 'instancePools', 'create'],
    [
      'a preview SCIM route, without preview and version words',
      'GET',
      '/api/2.0/preview/scim/v2/Me',
      'scim',
      'me',
    ],
    ['a SCIM item', 'PATCH', '/api/2.0/preview/scim/v2/Users/:id', 'scim', 'updateUsers'],
    ['a route outside /api', 'GET', '/.well-known/databricks-config', 'wellKnown', 'databricksConfig'],
    ['a service root', 'POST', '/api/2.0/widgets', 'widgets', 'post'],
    ['nothing at all', 'GET', '/', 'brickyard', 'get'],
  ])(
    'derives a sensible name for a route the table does not know: %s',
    (_name, method, url, serviceName, actionName) => {
      expect(auditActionOf(method, url)).toMatchObject({ serviceName, actionName });
    },
  );

  it('records the account API at account level', () => {
    expect(auditActionOf('POST', '/api/2.0/accounts/:account_id/workspaces')).toEqual({
      serviceName: 'accountsManager',
      actionName: 'createWorkspaceConfiguration',
      level: 'ACCOUNT_LEVEL',
      openRoute: false,
    });
    expect(auditActionOf('GET', '/api/2.0/accounts/:account_id/brickyard/audit-log').level).toBe(
      'ACCOUNT_LEVEL',
    );
  });

  it('audits signing in and out although their routes need no token, and no other open route', () => {
    expect(auditActionOf('POST', '/api/2.0/brickyard/web-session').openRoute).toBe(true);
    expect(auditActionOf('DELETE', '/api/2.0/brickyard/web-session/').openRoute).toBe(true);
    expect(auditActionOf('GET', '/api/2.0/brickyard/web-session').openRoute).toBe(false);
    expect(auditActionOf('GET', '/healthz').openRoute).toBe(false);
  });

  it('never throws, whatever the route', () => {
    for (const url of ['', '*', '/:id', '/api/', '/api/2.0', '///', '/api/x.y/z', '/-/_/.']) {
      for (const method of ['GET', 'POST', 'PATCH', 'QUERY', 'head']) {
        const action = auditActionOf(method, url);
        expect(action.serviceName).toMatch(/^[a-zA-Z0-9]+$/);
        expect(action.actionName).toMatch(/^[a-zA-Z0-9]+$/);
      }
    }
  });
});
