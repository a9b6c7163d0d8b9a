import type { ObjectStore } from '@brickyard/common/storage';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { WorkspaceAccess } from '../permissions/workspace-access.js';
import type { ApiServices, RouteOptions } from '../services.js';
import { formToBody, parseMultipart } from './dbfs/body-encoding.js';
import { dbfsRoutes } from './dbfs/index.js';
import { workspaceFilesRoutes, workspaceRoutes } from './workspace/index.js';

/**
 * The storage APIs over the object store: DBFS (/api/2.0/dbfs), the Workspace API
 * (/api/2.0/workspace) and the raw workspace-file endpoints (/api/2.0/workspace-files).
 */
export const storageRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  const storage = (services as ApiServices & { storage?: ObjectStore }).storage;
  if (!storage) throw new Error('ApiServices.storage is not set: main.ts must construct the ObjectStore');

  // DBFS put and workspace import also take multipart/form-data (the CLI and SDK upload that way):
  // the form becomes the JSON body of the same route, files as base64.
  app.addContentTypeParser('multipart/form-data', { parseAs: 'buffer' }, (request, body, done) => {
    try {
      done(null, formToBody(parseMultipart(body as Buffer, request.headers['content-type'] ?? '')));
    } catch (error) {
      done(error as Error, undefined);
    }
  });

  await app.register(dbfsRoutes, { prefix: '/api/2.0/dbfs', storage });
  const access = new WorkspaceAccess(services.permissions, services.identities);
  await app.register(workspaceRoutes, { prefix: '/api/2.0/workspace', storage, access });
  await app.register(workspaceFilesRoutes, { prefix: '/api/2.0/workspace-files', storage, access });
};
