import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { RouteOptions } from '../../services.js';

/** The Jobs API, mounted under each version prefix clients use. */
export const jobRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async () => {};
