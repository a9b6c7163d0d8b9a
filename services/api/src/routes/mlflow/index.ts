import type { Readable } from 'node:stream';
import { createS3Client } from '@brickyard/common/storage';
import replyFrom from '@fastify/reply-from';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { DatabricksError, temporarilyUnavailable } from '../../errors/databricks-error.js';
import type { RouteOptions } from '../../services.js';
import { MlflowWorkspaces, mlflowWorkspaceOf } from './mlflow-workspaces.js';
import { modelVersionArtifactRoutes } from './model-version-artifacts.js';
import { createsRun, ownedRunBody, readRunCreateBody } from './run-owner.js';

/** MLflow's REST families: the tracking API and registry (2.0) and the logged models of MLflow 3. */
const PROXIED_PREFIXES = ['/api/2.0/mlflow', '/api/2.0/preview/mlflow', '/api/3.0/mlflow'];
/** MLflow's own workspace administration is the platform's, never a caller's. */
const ADMIN_PREFIX = '/api/3.0/mlflow/workspaces';
const WORKSPACE_HEADER = 'x-mlflow-workspace';
/**
 * Databricks still serves experiments/list (the SDK's list_experiments), which MLflow 2 replaced
 * with experiments/search: same query parameters, same answer.
 */
const RENAMED_PATHS: ReadonlyArray<[string, string]> = [
  ['/api/2.0/preview/mlflow/', '/api/2.0/mlflow/'],
  ['/api/2.0/mlflow/experiments/list', '/api/2.0/mlflow/experiments/search'],
];

/** The path MLflow serves a request's API under. */
function mlflowPath(url: string): string {
  return RENAMED_PATHS.reduce(
    (path, [from, to]) => (path.startsWith(from) ? to + path.slice(from.length) : path),
    url,
  );
}

/**
 * MLflow tracking and the workspace model registry: the real MLflow server behind the workspace
 * host's auth. Each request is forwarded naming the caller's workspace (whatever workspace header
 * the caller sent is replaced), so MLflow's workspaces keep one workspace's experiments, runs and
 * models invisible from another.
 */
export const mlflowRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  const { mlflowUrl } = services.config;
  const workspaces = mlflowUrl ? new MlflowWorkspaces(mlflowUrl) : undefined;
  await app.register(replyFrom, { disableRequestLogging: true });
  // Bodies go to MLflow as they came: it validates them and answers in Databricks' error form.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_request, payload, done) => done(null, payload));

  if (mlflowUrl && workspaces) {
    const links = createS3Client({ ...services.config.s3, endpoint: services.config.sql.linksEndpoint });
    app.addHook('onClose', async () => links.destroy());
    await app.register(modelVersionArtifactRoutes, { services, mlflowUrl, workspaces, links });
  }

  const schema = { tags: ['mlflow'], summary: 'MLflow tracking and model registry', hide: true };
  for (const prefix of PROXIED_PREFIXES) {
    app.all(`${prefix}/*`, { schema }, async (request, reply) => {
      if (!mlflowUrl || !workspaces) {
        throw new DatabricksError(
          501,
          'FEATURE_DISABLED',
          'This API has no MLflow server (BRICKYARD_MLFLOW_URL)',
        );
      }
      if (request.url.startsWith(ADMIN_PREFIX)) {
        throw new DatabricksError(404, 'ENDPOINT_NOT_FOUND', `No API found for ${request.url.split('?')[0]}`);
      }
      const workspace = mlflowWorkspaceOf(request.workspace.workspaceId);
      await workspaces.ensure(workspace);
      // Databricks records who creates a run, not whom the client names.
      const owned = createsRun(request.method, request.url)
        ? ownedRunBody(await readRunCreateBody(request.body as Readable), request.principal.userName)
        : undefined;
      return reply.from(new URL(mlflowPath(request.url), mlflowUrl).toString(), {
        ...(owned !== undefined && { body: owned }),
        rewriteRequestHeaders: (_request, headers) => {
          const { authorization: _token, cookie: _session, host: _host, ...kept } = headers;
          if (owned !== undefined) delete kept['content-length'];
          return { ...kept, [WORKSPACE_HEADER]: workspace };
        },
        onError: (errorReply, { error }) => {
          request.log.debug({ err: error }, 'The MLflow tracking server could not be reached');
          const failure = temporarilyUnavailable('The MLflow tracking server does not answer');
          errorReply.code(failure.statusCode).send(failure.toJSON());
        },
      });
    });
  }
};
