import {
  Autoscale,
  reportedState,
  resizeRequested,
  restartRequested,
  startRequested,
  terminationRequested,
} from '@brickyard/common/cluster-spec';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { invalidParameter } from '../../errors/databricks-error.js';
import type { RouteOptions } from '../../services.js';
import { clusterAttributes } from './cluster-details.js';
import { findCluster } from './cluster-lookup.js';
import { assertActionAllowed, validateClusterAttributes } from './cluster-rules.js';
import { assertNotJobCluster } from './job-cluster-rules.js';
import { ClusterIdBody, clusterPostSchema, requestTransition } from './spec-change.js';

const RestartBody = Type.Object({ ...ClusterIdBody.properties, restart_user: Type.Optional(Type.String()) });
const ResizeBody = Type.Object({
  ...ClusterIdBody.properties,
  num_workers: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000 })),
  autoscale: Type.Optional(Autoscale),
});

/**
 * Start, restart, resize and terminate (delete): how a cluster runs. Each asks the operator for a
 * transition and answers once it has observed the request (requestTransition).
 */
export const lifecycleRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services, hidden }) => {
  app.post(
    '/start',
    { schema: clusterPostSchema(hidden, 'Start a terminated cluster', ClusterIdBody) },
    async (request) => {
      const { cluster_id } = request.body;
      const cluster = findCluster(services, request, cluster_id, 'CAN_RESTART');
      assertNotJobCluster('start', cluster_id, cluster.spec.clusterSource);
      assertActionAllowed('start', cluster_id, reportedState(cluster));
      return requestTransition(services, request, cluster_id, ({ spec }) => startRequested(spec));
    },
  );

  app.post(
    '/restart',
    { schema: clusterPostSchema(hidden, 'Restart a running cluster', RestartBody) },
    async (request) => {
      const { cluster_id } = request.body;
      const cluster = findCluster(services, request, cluster_id, 'CAN_RESTART');
      assertNotJobCluster('restart', cluster_id, cluster.spec.clusterSource);
      assertActionAllowed('restart', cluster_id, reportedState(cluster));
      return requestTransition(services, request, cluster_id, ({ spec }) => restartRequested(spec));
    },
  );

  app.post(
    '/resize',
    { schema: clusterPostSchema(hidden, 'Change the size of a running cluster', ResizeBody) },
    async (request) => {
      const { cluster_id, num_workers, autoscale } = request.body;
      if ((num_workers === undefined) === (autoscale === undefined)) {
        throw invalidParameter('Exactly one of num_workers or autoscale must be set');
      }
      const cluster = findCluster(services, request, cluster_id, 'CAN_MANAGE');
      assertActionAllowed('resize', cluster_id, reportedState(cluster));
      const size = autoscale ? { autoscale } : { num_workers: num_workers as number };
      const { num_workers: _size, autoscale: _bounds, ...unchanged } = clusterAttributes(cluster);
      validateClusterAttributes({ ...unchanged, ...size });
      return requestTransition(services, request, cluster_id, ({ spec }) => resizeRequested(spec, size));
    },
  );

  app.post(
    '/delete',
    { schema: clusterPostSchema(hidden, 'Terminate a cluster (its configuration is kept)', ClusterIdBody) },
    async (request) => {
      const { cluster_id } = request.body;
      findCluster(services, request, cluster_id, 'CAN_RESTART');
      return requestTransition(services, request, cluster_id, ({ spec }) => terminationRequested(spec));
    },
  );
};
