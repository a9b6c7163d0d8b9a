import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RouteOptions } from '../../services.js';
import { jobsRoutes } from './jobs.js';
import { runSubmissionRoutes } from './run-submission.js';
import { runsRoutes } from './runs.js';

/** The Jobs API (jobs as Job resources, runs in Redis), mounted under each version prefix clients use. */
export const jobRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services, hidden }) => {
  // Fresh options: passing ours on would apply the `prefix` a second time.
  const options: RouteOptions = { services, ...(hidden === undefined ? {} : { hidden }) };
  await app.register(jobsRoutes, options);
  await app.register(runSubmissionRoutes, options);
  await app.register(runsRoutes, options);
};
