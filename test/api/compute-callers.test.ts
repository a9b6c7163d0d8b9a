import { COMPUTE_CALLER_HEADER } from '@brickyard/common/compute-callers';
import { loadKubeConfig } from '@brickyard/common/kube';
import {
  RUNTIME_API_AUDIENCE,
  RUNTIME_SERVICE_ACCOUNT,
  workspaceNamespace,
} from '@brickyard/common/vocabulary';
import { CoreV1Api } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../integration/support/wait-for.js';
import { type ApiCaller, buildTestApp, expectDatabricksError, type TestApp } from './support/test-app.js';
import { type TestWorkspace, testWorkspace } from './support/test-workspace.js';

/**
 * Whose grants the Spark of a compute acts with when it calls the API with its pod's token: on a
 * SQL warehouse, the statement's caller named by the credential the API minted for the session,
 * honoured from that warehouse's pods only; without one, no one in particular; on a cluster, its
 * creator. Real pods' bound service account tokens, reviewed by the platform's apiserver.
 */
let api: TestApp;
let workspace: TestWorkspace;
const core = loadKubeConfig(process.env.KUBECONFIG).makeApiClient(CoreV1Api);
const SCIM_ME = '/api/2.0/preview/scim/v2/Me';
const CATALOG = 'compute_callers';
let colleague: { name: string; call: ApiCaller };
let warehouseId: string;
let clusterId: string;
/** Bound tokens of the warehouse's driver pod and of the cluster's. */
let warehousePod: string;
let clusterPod: string;
let adminName: string;

/** A token of the runtime service account bound to the pod, as the operator projects it. */
async function podToken(podName: string): Promise<string> {
  const namespace = workspaceNamespace(workspace.workspaceId);
  const pod = await waitFor(`pod ${podName}`, () =>
    core.readNamespacedPod({ name: podName, namespace }).catch(() => undefined),
  );
  const request = await core.createNamespacedServiceAccountToken({
    name: RUNTIME_SERVICE_ACCOUNT,
    namespace,
    body: {
      spec: {
        audiences: [RUNTIME_API_AUDIENCE],
        expirationSeconds: 600,
        boundObjectRef: { apiVersion: 'v1', kind: 'Pod', name: podName, uid: pod.metadata?.uid ?? '' },
      },
    },
  });
  return request.status?.token ?? '';
}

const asPod = (token: string, credential?: string): ApiCaller => {
  const call = api.as(token);
  return (method, path, options = {}) =>
    call(method, path, {
      ...options,
      headers: {
        ...options.headers,
        ...(credential !== undefined && { [COMPUTE_CALLER_HEADER]: credential }),
      },
    });
};

const mint = (userName: string, forCluster = `warehouse-${warehouseId}`) =>
  api.services.computeCallers.mint({ workspaceId: workspace.workspaceId, clusterId: forCluster, userName });

const me = async (call: ApiCaller) => {
  const answer = await call<{ userName: string }>('GET', SCIM_ME);
  expect(answer.status, answer.text).toBe(200);
  return answer.body.userName;
};

beforeAll(async () => {
  api = await buildTestApp();
  workspace = await testWorkspace(api, 'api-compute-callers');
  adminName = await me(workspace.admin);
  const name = `colleague-${Date.now()}@example.com`;
  const user = await workspace.admin<{ id: string }>('POST', '/api/2.0/preview/scim/v2/Users', {
    body: { userName: name },
  });
  const token = await workspace.admin<{ token_value: string }>(
    'POST',
    `/api/2.0/brickyard/users/${user.body.id}/tokens`,
    { body: { lifetime_seconds: 1800 } },
  );
  colleague = { name, call: api.as(token.body.token_value) };
  expect(
    (await workspace.admin('POST', '/api/2.1/unity-catalog/catalogs', { body: { name: CATALOG } })).status,
  ).toBe(200);
  const warehouse = await workspace.admin<{ id: string }>('POST', '/api/2.0/sql/warehouses', {
    body: { name: 'callers', cluster_size: '2X-Small', auto_stop_mins: 10 },
  });
  expect(warehouse.status, warehouse.text).toBe(200);
  warehouseId = warehouse.body.id;
  const cluster = await workspace.admin<{ cluster_id: string }>('POST', '/api/2.1/clusters/create', {
    body: {
      cluster_name: 'callers',
      spark_version: '19.3.x-no-spark-scala2.13',
      node_type_id: 'm5d.large',
      num_workers: 0,
    },
  });
  expect(cluster.status, cluster.text).toBe(200);
  clusterId = cluster.body.cluster_id;
  warehousePod = await podToken(`warehouse-${warehouseId}-driver`);
  clusterPod = await podToken(`${clusterId}-driver`);
}, 180_000);

afterAll(async () => {
  await workspace?.remove();
  await api?.close();
}, 120_000);

describe("a SQL warehouse's Spark", () => {
  it('acts for the caller its credential names, with their own grants', async () => {
    const asColleague = asPod(warehousePod, await mint(colleague.name));
    expect(await me(asColleague)).toBe(colleague.name);
    expectDatabricksError(
      await asColleague('GET', `/api/2.1/unity-catalog/catalogs/${CATALOG}`),
      403,
      'PERMISSION_DENIED',
    );
    const asAdmin = asPod(warehousePod, await mint(adminName));
    expect((await asAdmin('GET', `/api/2.1/unity-catalog/catalogs/${CATALOG}`)).status).toBe(200);
  });

  it('acts for no one in particular without a credential: no more than every user may', async () => {
    const anonymous = asPod(warehousePod);
    expect(await me(anonymous)).toBe('System-User');
    expectDatabricksError(
      await anonymous('GET', `/api/2.1/unity-catalog/catalogs/${CATALOG}`),
      403,
      'PERMISSION_DENIED',
    );
  });

  it('is refused with a credential that was never minted', async () => {
    expectDatabricksError(
      await asPod(warehousePod, `dbcc${'0'.repeat(64)}`)('GET', SCIM_ME),
      401,
      'UNAUTHENTICATED',
    );
  });
});

describe('a credential', () => {
  it("is worth nothing with another compute's pod token", async () => {
    const credential = await mint(colleague.name);
    expectDatabricksError(await asPod(clusterPod, credential)('GET', SCIM_ME), 401, 'UNAUTHENTICATED');
  });

  it('is worth nothing without a pod token at all', async () => {
    const credential = await mint(adminName);
    const asColleague = colleague.call;
    const answer = await asColleague('GET', `/api/2.1/unity-catalog/catalogs/${CATALOG}`, {
      headers: { [COMPUTE_CALLER_HEADER]: credential },
    });
    expectDatabricksError(answer, 403, 'PERMISSION_DENIED');
  });
});

describe('a credential as a bearer token (the API token of a notebook or a task)', () => {
  it('acts for the user it was minted for, in its workspace, with their own rights', async () => {
    const asColleague = api.as(await mint(colleague.name, clusterId));
    expect(await me(asColleague)).toBe(colleague.name);
    expectDatabricksError(
      await asColleague('GET', `/api/2.1/unity-catalog/catalogs/${CATALOG}`),
      403,
      'PERMISSION_DENIED',
    );
    expectDatabricksError(
      await asColleague('GET', SCIM_ME, { headers: { 'x-databricks-org-id': '1' } }),
      403,
      'PERMISSION_DENIED',
      'This token is not valid for workspace 1',
    );
    expectDatabricksError(
      await asColleague('GET', `/api/2.0/accounts/${api.env.accountId}/workspaces`),
      403,
      'PERMISSION_DENIED',
    );
  });

  it('is refused when it was never minted', async () => {
    expectDatabricksError(await api.as(`dbcc${'1'.repeat(64)}`)('GET', SCIM_ME), 401, 'UNAUTHENTICATED');
  });
});

describe("an all-purpose cluster's Spark", () => {
  it('acts for its creator, as a single-user cluster does', async () => {
    expect(await me(asPod(clusterPod))).toBe(adminName);
  });
});
