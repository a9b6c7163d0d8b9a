/**
 * Which audit event a route is: its Databricks service_name and action_name (the audit log
 * reference, docs.databricks.com/aws/en/admin/account-settings/audit-logs). The table holds the
 * routes whose Databricks name differs from what their path says; every other route, known or
 * not, is named from its path (clusters/permanent-delete: clusters, permanentDelete), which is
 * how most Databricks names read anyway.
 */

export type AuditLevel = 'WORKSPACE_LEVEL' | 'ACCOUNT_LEVEL';

export interface AuditAction {
  serviceName: string;
  actionName: string;
  level: AuditLevel;
  /** Audited although the route needs no token: signing in and out of the web workspace. */
  openRoute: boolean;
}

type Method = 'GET' | 'HEAD' | 'POST' | 'PUT' | 'PATCH' | 'DELETE' | '*';
type Row = readonly [method: Method, path: string, serviceName: string, actionName: string];

/** A REST collection and its items, named as Unity Catalog's events are (createCatalog, listCatalogs...). */
function resource(collection: string, item: string, serviceName: string, noun: string, nouns = `${noun}s`) {
  const rows: Row[] = [
    ['POST', collection, serviceName, `create${noun}`],
    ['GET', collection, serviceName, `list${nouns}`],
    ['GET', `${collection}/${item}`, serviceName, `get${noun}`],
    ['PATCH', `${collection}/${item}`, serviceName, `update${noun}`],
    ['DELETE', `${collection}/${item}`, serviceName, `delete${noun}`],
  ];
  return rows;
}

/** Paths without their `/api/<version>/` prefix, so every version of a route is one row. */
const ROWS: readonly Row[] = [
  ['POST', 'jobs/runs/submit', 'jobs', 'submitRun'],
  ['POST', 'jobs/runs/cancel', 'jobs', 'cancel'],
  ['POST', 'jobs/runs/cancel-all', 'jobs', 'cancelAllRuns'],
  ['POST', 'jobs/runs/delete', 'jobs', 'deleteRun'],
  ['GET', 'jobs/runs/get', 'jobs', 'getRun'],
  ['GET', 'jobs/runs/get-output', 'jobs', 'getRunOutput'],
  ['GET', 'jobs/runs/list', 'jobs', 'listRuns'],

  // Personal access tokens are the `accounts` service's, as are sign-in and sign-out.
  ['POST', 'token/create', 'accounts', 'generateDbToken'],
  ['POST', 'token/delete', 'accounts', 'revokeDbToken'],
  ['GET', 'token/list', 'accounts', 'listTokens'],
  ['GET', 'token-management/tokens', 'accounts', 'listTokens'],
  ['GET', 'token-management/tokens/:token_id', 'accounts', 'getToken'],
  ['DELETE', 'token-management/tokens/:token_id', 'accounts', 'revokeDbToken'],
  ['POST', 'token-management/on-behalf-of/tokens', 'accounts', 'generateDbToken'],
  ['POST', 'brickyard/web-session', 'accounts', 'login'],
  ['DELETE', 'brickyard/web-session', 'accounts', 'logout'],

  // SCIM's adds and removals; its other calls are named from their path.
  ['POST', 'preview/scim/v2/Users', 'accounts', 'add'],
  ['DELETE', 'preview/scim/v2/Users/:id', 'accounts', 'delete'],
  ['POST', 'preview/scim/v2/Groups', 'accounts', 'createGroup'],
  ['DELETE', 'preview/scim/v2/Groups/:id', 'accounts', 'removeGroup'],

  ['PUT', 'permissions/clusters/:id', 'clusters', 'changeClusterAcl'],
  ['PATCH', 'permissions/clusters/:id', 'clusters', 'changeClusterAcl'],
  ['PUT', 'permissions/jobs/:id', 'jobs', 'changeJobAcl'],
  ['PATCH', 'permissions/jobs/:id', 'jobs', 'changeJobAcl'],

  ['POST', 'secrets/scopes/create', 'secrets', 'createScope'],
  ['POST', 'secrets/scopes/delete', 'secrets', 'deleteScope'],
  ['GET', 'secrets/scopes/list', 'secrets', 'listScopes'],
  ['POST', 'secrets/put', 'secrets', 'putSecret'],
  ['POST', 'secrets/delete', 'secrets', 'deleteSecret'],
  ['GET', 'secrets/list', 'secrets', 'listSecrets'],
  ['GET', 'secrets/get', 'secrets', 'getSecret'],
  ['POST', 'secrets/acls/put', 'secrets', 'putAcl'],
  ['POST', 'secrets/acls/delete', 'secrets', 'deleteAcl'],
  ['GET', 'secrets/acls/get', 'secrets', 'getAcl'],
  ['GET', 'secrets/acls/list', 'secrets', 'listAcls'],

  ...resource(
    'accounts/:account_id/workspaces',
    ':workspace_id',
    'accountsManager',
    'WorkspaceConfiguration',
  ),

  ['GET', 'workspace/export', 'workspace', 'workspaceExport'],

  ['GET', 'fs/files/*', 'filesystem', 'filesGet'],
  ['HEAD', 'fs/files/*', 'filesystem', 'filesHead'],
  ['PUT', 'fs/files/*', 'filesystem', 'filesPut'],
  ['DELETE', 'fs/files/*', 'filesystem', 'filesDelete'],
  ['GET', 'fs/directories/*', 'filesystem', 'listDirectory'],
  ['HEAD', 'fs/directories/*', 'filesystem', 'getDirectoryMetadata'],
  ['PUT', 'fs/directories/*', 'filesystem', 'createDirectory'],
  ['DELETE', 'fs/directories/*', 'filesystem', 'deleteDirectory'],

  ...resource('unity-catalog/catalogs', ':name', 'unityCatalog', 'Catalog'),
  ...resource('unity-catalog/schemas', ':full_name', 'unityCatalog', 'Schema'),
  ...resource('unity-catalog/tables', ':full_name', 'unityCatalog', 'Table'),
  ...resource('unity-catalog/volumes', ':name', 'unityCatalog', 'Volume'),
  ...resource('unity-catalog/metastores', ':id', 'unityCatalog', 'Metastore'),
  ['GET', 'unity-catalog/metastore_summary', 'unityCatalog', 'getMetastoreSummary'],
  ['GET', 'unity-catalog/current-metastore-assignment', 'unityCatalog', 'getCurrentMetastoreAssignment'],
  ['GET', 'unity-catalog/tables/:full_name/exists', 'unityCatalog', 'tableExists'],
  ['GET', 'unity-catalog/table-summaries', 'unityCatalog', 'listTableSummaries'],
  ['POST', 'unity-catalog/temporary-table-credentials', 'unityCatalog', 'generateTemporaryTableCredential'],
  ['POST', 'unity-catalog/temporary-path-credentials', 'unityCatalog', 'generateTemporaryPathCredential'],

  ...resource('sql/warehouses', ':id', 'databrickssql', 'Warehouse'),
  ['POST', 'sql/warehouses/:id/edit', 'databrickssql', 'editWarehouse'],
  ['POST', 'sql/warehouses/:id/start', 'databrickssql', 'startWarehouse'],
  ['POST', 'sql/warehouses/:id/stop', 'databrickssql', 'stopWarehouse'],
  ...resource('sql/queries', ':id', 'databrickssql', 'Query', 'Queries'),
  ['POST', 'sql/statements', 'databrickssql', 'commandSubmit'],
  ['GET', 'sql/statements/:statement_id', 'databrickssql', 'getStatement'],
  ['DELETE', 'sql/statements/:statement_id', 'databrickssql', 'closeStatement'],
  ['POST', 'sql/statements/:statement_id/cancel', 'databrickssql', 'cancelStatement'],
  [
    'GET',
    'sql/statements/:statement_id/result/chunks/:chunk_index',
    'databrickssql',
    'getStatementResultChunk',
  ],
  ['GET', 'sql/history/queries', 'databrickssql', 'listHistoryQueries'],
  // The SQL connectors' Thrift calls, to a warehouse and to a cluster.
  ['POST', 'sql/1.0/warehouses/:warehouse_id', 'databrickssql', 'sqlConnectorRequest'],
  ['POST', 'sql/protocolv1/o/:org_id/:cluster_id', 'clusters', 'sqlConnectorRequest'],
  ['*', 'driver-proxy/o/:org_id/:cluster_id/:port', 'clusters', 'driverProxy'],
  ['*', 'driver-proxy/o/:org_id/:cluster_id/:port/*', 'clusters', 'driverProxy'],

  ['GET', 'brickyard/audit-log', 'brickyard', 'listAuditEvents'],
  ['GET', 'accounts/:account_id/brickyard/audit-log', 'brickyard', 'listAuditEvents'],
];

const OPEN_ROUTES = new Set(['POST brickyard/web-session', 'DELETE brickyard/web-session']);

const TABLE = new Map(
  ROWS.map(([method, path, serviceName, actionName]) => [`${method} ${path}`, { serviceName, actionName }]),
);

/** The path a route is keyed by: no `/api/<version>/` prefix, no leading or trailing slash. */
function routePath(url: string): string {
  return url.replace(/^\/api\/\d+\.\d+(?=\/|$)/, '').replace(/^\/+|\/+$/g, '');
}

const isParameter = (segment: string) => segment.startsWith(':') || segment === '*';

/** `permanent-delete` → `permanentDelete`, `metastore_summary` → `metastoreSummary`, `Me` → `me`. */
function camelCase(text: string): string {
  const words = text.split(/[^a-zA-Z0-9]+/).filter((word) => word !== '');
  const capitalized = words.map((word) => word.charAt(0).toUpperCase() + word.slice(1)).join('');
  return capitalized.charAt(0).toLowerCase() + capitalized.slice(1);
}

const REST_VERBS: Record<string, string> = { PUT: 'put', PATCH: 'update', DELETE: 'delete' };

/**
 * The verb an action starts with: a REST method's, or `get` for a read of one item. GET and POST
 * routes of the RPC style name their action in their path (clusters/create, clusters/list).
 */
function verbOf(method: string, onItem: boolean): string {
  if (method === 'GET' || method === 'HEAD') return onItem ? 'get' : '';
  if (method === 'POST') return '';
  return REST_VERBS[method] ?? method.toLowerCase();
}

/**
 * A route the table does not know, named from its path: the first word is the service, the rest
 * the action after its verb. Preview and version segments (`preview/scim/v2`) are not words.
 */
function derived(method: string, path: string): { serviceName: string; actionName: string } {
  const segments = path.split('/').filter((segment) => segment !== '');
  const words = segments
    .filter((segment) => !isParameter(segment) && !/^(preview|v\d+|\d+(\.\d+)*)$/.test(segment))
    .map(camelCase)
    .filter((word) => word !== '');
  const serviceName = words[0] ?? 'brickyard';
  const action = camelCase(words.slice(1).join('-'));
  const verb = verbOf(method, isParameter(segments.at(-1) ?? ''));
  if (!action) return { serviceName, actionName: verb || method.toLowerCase() };
  return { serviceName, actionName: verb ? verb + action.charAt(0).toUpperCase() + action.slice(1) : action };
}

/** The audit event of a call to the route `url` (a route template, as Fastify registered it). */
export function auditActionOf(method: string, url: string): AuditAction {
  const path = routePath(url);
  const upper = method.toUpperCase();
  const named =
    TABLE.get(`${upper} ${path}`) ??
    (upper === 'HEAD' ? TABLE.get(`GET ${path}`) : undefined) ??
    TABLE.get(`* ${path}`) ??
    derived(upper, path);
  return {
    ...named,
    // Account APIs act on no workspace: Databricks records them with workspace_id 0.
    level: path.startsWith('accounts/:account_id') ? 'ACCOUNT_LEVEL' : 'WORKSPACE_LEVEL',
    openRoute: OPEN_ROUTES.has(`${upper} ${path}`),
  };
}
