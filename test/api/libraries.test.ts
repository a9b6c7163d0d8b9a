import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Body, buildTestApp, expectDatabricksError, type TestApp } from './support/test-app.js';
import { type TestWorkspace, testWorkspace } from './support/test-workspace.js';

/**
 * The Libraries API (/api/2.0/libraries) on a terminated cluster: the requested libraries live in
 * the Cluster's spec, stay PENDING until the cluster runs, and go at uninstall; its errors and
 * permissions. Installing on running nodes is test/e2e/test_libraries.py's.
 */
let api: TestApp;
let workspace: TestWorkspace;
let clusterId: string;

const LIBRARIES = '/api/2.0/libraries';
const SPARK_VERSION = '19.3.x-no-spark-scala2.13';
const six = { pypi: { package: 'six==1.16.0' } };
const wheel = { whl: 'dbfs:/libs/tool-1.0-py3-none-any.whl' };
const requirements = { requirements: '/Workspace/Shared/requirements.txt' };

interface Statuses extends Body {
  cluster_id: string;
  library_statuses?: { library: Body; status: string; is_library_for_all_clusters: boolean }[];
}

const install = (libraries: unknown, caller = workspace.admin, cluster_id = clusterId) =>
  caller('POST', `${LIBRARIES}/install`, { body: { cluster_id, libraries } });
const uninstall = (libraries: unknown, caller = workspace.admin) =>
  caller('POST', `${LIBRARIES}/uninstall`, { body: { cluster_id: clusterId, libraries } });
const clusterStatus = (caller = workspace.admin, cluster_id = clusterId) =>
  caller<Statuses>('GET', `${LIBRARIES}/cluster-status`, { query: { cluster_id } });

beforeAll(async () => {
  api = await buildTestApp();
  workspace = await testWorkspace(api, 'api-libraries');
  const created = await workspace.admin<{ cluster_id: string }>('POST', '/api/2.1/clusters/create', {
    body: { cluster_name: 'libraries', spark_version: SPARK_VERSION, num_workers: 0 },
  });
  expect(created.status, created.text).toBe(200);
  clusterId = created.body.cluster_id;
  const deleted = await workspace.admin('POST', '/api/2.1/clusters/delete', {
    body: { cluster_id: clusterId },
  });
  expect(deleted.status, deleted.text).toBe(200);
});

afterAll(async () => {
  await workspace?.remove();
  await api?.close();
});

describe('the Libraries API', () => {
  it('keeps the libraries of a terminated cluster PENDING, in the order they were added, once each', async () => {
    expect((await install([six, wheel])).status).toBe(200);
    // The same library again, its keys in another order, is not added twice.
    const again = await install([{ whl: wheel.whl }, requirements, { pypi: { package: 'six==1.16.0' } }]);
    expect(again.status, again.text).toBe(200);
    const status = await clusterStatus();
    expect(status.status, status.text).toBe(200);
    expect(status.body).toEqual({
      cluster_id: clusterId,
      library_statuses: [six, wheel, requirements].map((library) => ({
        library,
        status: 'PENDING',
        is_library_for_all_clusters: false,
      })),
    });
  });

  it('lists the cluster in all-cluster-statuses', async () => {
    const all = await workspace.admin<{ statuses: Statuses[] }>('GET', `${LIBRARIES}/all-cluster-statuses`);
    expect(all.status, all.text).toBe(200);
    const mine = all.body.statuses.find((status) => status.cluster_id === clusterId);
    expect(mine?.library_statuses?.map((status) => status.library)).toEqual([six, wheel, requirements]);
  });

  it('keeps the libraries through clusters/edit', async () => {
    const edited = await workspace.admin('POST', '/api/2.1/clusters/edit', {
      body: {
        cluster_id: clusterId,
        cluster_name: 'libraries, edited',
        spark_version: SPARK_VERSION,
        num_workers: 0,
      },
    });
    expect(edited.status, edited.text).toBe(200);
    expect((await clusterStatus()).body.library_statuses).toHaveLength(3);
  });

  it('drops uninstalled libraries (the nodes of a stopped cluster have none), and ignores unknown ones', async () => {
    const removed = await uninstall([wheel, { pypi: { package: 'never-installed' } }]);
    expect(removed.status, removed.text).toBe(200);
    expect((await clusterStatus()).body.library_statuses?.map((status) => status.library)).toEqual([
      six,
      requirements,
    ]);
    expect((await uninstall([six, requirements])).status).toBe(200);
    expect((await clusterStatus()).body).toEqual({ cluster_id: clusterId });
  });

  it.each([
    ['no kind', [{}], /exactly one of/],
    ['two kinds', [{ jar: 'dbfs:/a.jar', whl: 'dbfs:/a.whl' }], /exactly one of .*got jar, whl/],
    ['an empty path', [{ whl: '' }], /whl must be a non-empty path/],
    ['a blank package', [{ pypi: { package: ' ' } }], /pypi.package is required/],
    ['maven without coordinates', [{ maven: { repo: 'https://repo1.maven.org/maven2' } }], /coordinates/],
    ['a library that is not an object', ['six'], /libraries/],
    ['libraries that are not a list', { pypi: { package: 'six' } }, /libraries/],
  ])('refuses a library with %s', async (_, libraries, message) => {
    expectDatabricksError(await install(libraries), 400, 'INVALID_PARAMETER_VALUE', message);
  });

  it('answers a missing cluster or cluster_id in the Databricks form', async () => {
    expectDatabricksError(
      await install([six], workspace.admin, 'no-such-cluster'),
      400,
      'INVALID_PARAMETER_VALUE',
      'Cluster no-such-cluster does not exist',
    );
    expectDatabricksError(
      await clusterStatus(workspace.admin, 'no-such-cluster'),
      400,
      'INVALID_PARAMETER_VALUE',
      /does not exist/,
    );
    expectDatabricksError(
      await workspace.admin('GET', `${LIBRARIES}/cluster-status`),
      400,
      'INVALID_PARAMETER_VALUE',
      /cluster_id/,
    );
  });

  it('lets a user without permissions neither install nor read, and leaves the cluster out of their list', async () => {
    expectDatabricksError(await install([six], workspace.user), 403, 'PERMISSION_DENIED');
    expectDatabricksError(await clusterStatus(workspace.user), 403, 'PERMISSION_DENIED');
    expect((await install([six])).status).toBe(200);
    const all = await workspace.user<{ statuses: Statuses[] }>('GET', `${LIBRARIES}/all-cluster-statuses`);
    expect(all.body.statuses.map((status) => status.cluster_id)).not.toContain(clusterId);
  });
});
