import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RouteOptions } from '../../services.js';
import { poolReadRoutes } from './read.js';
import { poolWriteRoutes } from './write.js';

/**
 * The Instance Pools API (/api/2.0/instance-pools): warm instances of one node type, one
 * InstancePool resource each in the workspace's namespace; the operator keeps their idle pods
 * (operator/src/instance-pool), and clusters that name a pool take them first.
 */
export const instancePoolRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  // Fresh options: passing ours on would apply the `prefix` a second time.
  const options: RouteOptions = { services };
  await app.register(poolWriteRoutes, options);
  await app.register(poolReadRoutes, options);
};
