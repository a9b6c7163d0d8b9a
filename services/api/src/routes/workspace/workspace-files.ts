import { detectAutoImport, parseWorkspacePath } from '@brickyard/common/storage';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { DatabricksError } from '../../errors/databricks-error.js';
import { errorResponses } from '../../errors/error-body.js';
import { scopeOf } from '../../permissions/workspace-access.js';
import { binaryResponse } from '../binary-response.js';
import { authorizeImport } from './import-access.js';
import { importObject, type WorkspaceRouteOptions, workspaceTree } from './workspace-tree.js';

/**
 * The raw-bytes endpoints the CLI uses for workspace files (bundle deploy, sync):
 * POST /import-file/<path>?overwrite= with the bytes as the body, GET /<path> for the bytes.
 */
export const workspaceFileRoutes: FastifyPluginAsyncTypebox<WorkspaceRouteOptions> = async (
  app,
  { storage, access },
) => {
  // Whatever the client labels it, the body is the file (the app's body limit applies).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer' }, (_request, body, done) => done(null, body));

  app.post(
    '/import-file/*',
    {
      schema: {
        tags: ['workspace'],
        summary: 'Write a workspace file from the raw request body',
        params: Type.Object({ '*': Type.String() }),
        querystring: Type.Object({ overwrite: Type.Optional(Type.Boolean()) }),
        response: { 200: Type.Object({}), ...errorResponses(409) },
      },
    },
    async (request) => {
      const path = parseWorkspacePath(`/${request.params['*']}`);
      const bytes = Buffer.isBuffer(request.body) ? request.body : Buffer.alloc(0);
      const overwrite = request.query.overwrite ?? false;
      const tree = workspaceTree(storage, request);
      const target = { ...detectAutoImport(path, bytes), bytes };
      const created = await authorizeImport(access, request, tree, target, overwrite);
      if (!overwrite) {
        const existing = await tree.stat(target.path);
        // An existing file is a conflict (409); an existing notebook or folder the usual 400.
        if (existing && !existing.isDirectory && existing.metadata['object-type'] !== 'NOTEBOOK') {
          throw new DatabricksError(409, 'RESOURCE_ALREADY_EXISTS', `Path (${target.path}) already exists.`);
        }
      }
      await importObject(tree, request.workspace.workspaceId, target, overwrite);
      await created();
      return {};
    },
  );

  app.get(
    '/*',
    {
      schema: {
        tags: ['workspace'],
        summary: 'The raw bytes of a workspace file or notebook',
        params: Type.Object({ '*': Type.String() }),
        response: { 200: binaryResponse('The bytes of the file or notebook') },
      },
    },
    async (request, reply) => {
      const path = parseWorkspacePath(`/${request.params['*']}`);
      access.require(request.principal, scopeOf(request), path, 'CAN_READ');
      const { bytes } = await workspaceTree(storage, request).read(path);
      return reply.type('application/octet-stream').send(bytes);
    },
  );
};
