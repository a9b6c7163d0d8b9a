import {
  type Library,
  librariesInstallRequested,
  librariesUninstallRequested,
  libraryProblem,
  reportedState,
} from '@brickyard/common/cluster-spec';
import type { ClusterResource } from '@brickyard/common/crd';
import { Labels } from '@brickyard/common/vocabulary';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { invalidParameter } from '../../errors/databricks-error.js';
import { governedCluster } from '../../permissions/governed-objects.js';
import type { ApiServices, RouteOptions } from '../../services.js';
import { findCluster } from '../clusters/cluster-lookup.js';
import { updateSpec } from '../clusters/spec-change.js';
import {
  AllClusterStatuses,
  ClusterIdQuery,
  ClusterLibraryStatuses,
  Empty,
  LibrariesBody,
  librariesSchema,
} from './library-schemas.js';
import { libraryStatuses } from './library-statuses.js';

function validLibraries(libraries: readonly unknown[]): Library[] {
  for (const [index, library] of libraries.entries()) {
    const problem = libraryProblem(library);
    if (problem) throw invalidParameter(`libraries[${index}]: ${problem}`);
  }
  return libraries as Library[];
}

/** Libraries install on the nodes of a running cluster (a resizing one keeps running). */
const isRunning = (cluster: ClusterResource) => ['RUNNING', 'RESIZING'].includes(reportedState(cluster));

async function statusesOf(services: ApiServices, cluster: ClusterResource) {
  const clusterId = cluster.metadata.name ?? '';
  const running = isRunning(cluster);
  const reports = running ? await services.libraryReports.ofCluster(clusterId) : [];
  const statuses = libraryStatuses(cluster.spec.libraries ?? [], running, reports, Date.now());
  // Databricks leaves the key out when the cluster has no library.
  return { cluster_id: clusterId, ...(statuses.length > 0 ? { library_statuses: statuses } : {}) };
}

/**
 * The Libraries API (/api/2.0/libraries): the API keeps each cluster's requested libraries in its
 * spec; the runtime of every pod installs them (services/worker/src/libraries) and reports each
 * one's status in Redis, which the statuses here combine. Installing needs CAN_MANAGE on the
 * cluster, reading statuses CAN_ATTACH_TO.
 */
export const librariesRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  app.post(
    '/install',
    { schema: librariesSchema('Install libraries on a cluster', { body: LibrariesBody, response: Empty }) },
    async (request) => {
      const { cluster_id, libraries } = request.body;
      const added = validLibraries(libraries);
      findCluster(services, request, cluster_id, 'CAN_MANAGE');
      await updateSpec(services, request.workspace.namespace, cluster_id, ({ spec }) =>
        librariesInstallRequested(spec, added),
      );
      return {};
    },
  );

  app.post(
    '/uninstall',
    {
      schema: librariesSchema('Uninstall libraries from a cluster at its next restart', {
        body: LibrariesBody,
        response: Empty,
      }),
    },
    async (request) => {
      const { cluster_id, libraries } = request.body;
      const removed = validLibraries(libraries);
      findCluster(services, request, cluster_id, 'CAN_MANAGE');
      await updateSpec(services, request.workspace.namespace, cluster_id, ({ spec }) =>
        librariesUninstallRequested(spec, removed),
      );
      return {};
    },
  );

  app.get(
    '/cluster-status',
    {
      schema: librariesSchema('Get the status of the libraries of a cluster', {
        querystring: ClusterIdQuery,
        response: ClusterLibraryStatuses,
      }),
    },
    async (request) =>
      statusesOf(services, findCluster(services, request, request.query.cluster_id, 'CAN_ATTACH_TO')),
  );

  app.get(
    '/all-cluster-statuses',
    {
      schema: librariesSchema('Get the status of the libraries of every cluster', {
        response: AllClusterStatuses,
      }),
    },
    async (request) => {
      const clusters = services.clusters
        .list(request.workspace.namespace)
        .filter(
          (cluster) =>
            !cluster.metadata.deletionTimestamp &&
            !cluster.metadata.labels?.[Labels.warehouseId] &&
            services.permissions.can(request.principal, governedCluster(cluster), 'CAN_ATTACH_TO'),
        );
      const statuses = await Promise.all(clusters.map((cluster) => statusesOf(services, cluster)));
      return { statuses: statuses.filter((status) => status.library_statuses !== undefined) };
    },
  );
};
