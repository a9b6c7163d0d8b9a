import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RouteOptions } from '../../services.js';
import { jobsRoutes } from './jobs.js';
import { runsRoutes } from './runs.js';

/** The Jobs API (jobs as Job resources, runs in Redis), mounted under each version prefix clients use. */
export const jobRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, options) => {
  await app.register(jobsRoutes, options);
  await app.register(runsRoutes, options);
};
