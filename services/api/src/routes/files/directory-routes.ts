import { joinPath } from '@brickyard/common/storage';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { errorResponses } from '../../errors/error-body.js';
import type { RouteOptions } from '../../services.js';
import type { DirectoryEntry } from './directory-entries.js';
import { directoryPage } from './directory-pages.js';
import { directoryNotFound } from './files-errors.js';
import { filesTarget } from './files-target.js';
import type { ServedFiles } from './served-files.js';

const Params = Type.Object({
  '*': Type.String({ description: 'the directory: Volumes/<catalog>/<schema>/<volume>/<path>' }),
});
const Empty = Type.Object({});

/** DirectoryEntry (sdk-py files.py). */
const DirectoryEntryInfo = Type.Object({
  path: Type.String({ description: 'absolute: /Volumes/<catalog>/<schema>/<volume>/...' }),
  name: Type.String({ description: 'the last component of the path' }),
  is_directory: Type.Boolean(),
  file_size: Type.Optional(Type.Integer({ description: 'bytes; omitted for directories' })),
  last_modified: Type.Optional(Type.Integer({ description: 'epoch milliseconds; omitted for directories' })),
});

function toDirectoryEntryInfo(files: ServedFiles, directory: string, entry: DirectoryEntry) {
  const path = files.absolute(joinPath(directory, entry.name));
  if (entry.isDirectory) return { path, name: entry.name, is_directory: true };
  return {
    path,
    name: entry.name,
    is_directory: false,
    file_size: entry.size,
    last_modified: entry.modifiedAt,
  };
}

/** Directories of Unity Catalog volumes (/api/2.0/fs/directories/Volumes/...) and of MLflow artifacts. */
export const directoryRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  const directoryOf = (request: FastifyRequest, raw: string) =>
    filesTarget(services, request, `/${raw}`, 'directory');

  app.put(
    '/directories/*',
    {
      schema: {
        tags: ['files'],
        summary: 'Create a directory and its missing parents (like mkdir -p); an existing one is no error',
        params: Params,
        response: { 200: Empty, ...errorResponses(409) },
      },
    },
    async (request) => {
      const { files, path } = directoryOf(request, request.params['*']);
      await files.createDirectory(path);
      return {};
    },
  );

  app.get(
    '/directories/*',
    {
      exposeHeadRoute: false,
      schema: {
        tags: ['files'],
        summary: 'The entries of a directory, sorted by name, a page at a time; HEAD: whether it exists',
        params: Params,
        querystring: Type.Object({
          page_size: Type.Optional(
            Type.Integer({ minimum: 0, description: 'at most 1000 (the default); more is coerced to 1000' }),
          ),
          page_token: Type.Optional(Type.String()),
        }),
        response: {
          200: Type.Object({
            contents: Type.Array(DirectoryEntryInfo),
            next_page_token: Type.Optional(Type.String()),
          }),
        },
      },
    },
    async (request) => {
      const { files, path } = directoryOf(request, request.params['*']);
      const entries = await files.list(path);
      const { items, ...next } = directoryPage(entries, request.query.page_size, request.query.page_token);
      return { contents: items.map((entry) => toDirectoryEntryInfo(files, path, entry)), ...next };
    },
  );

  app.head(
    '/directories/*',
    {
      schema: {
        tags: ['files'],
        summary: 'Whether a directory exists: 200 or 404, without a body',
        params: Params,
      },
    },
    async (request, reply) => {
      const { files, path } = directoryOf(request, request.params['*']);
      if (!(await files.isDirectory(path))) throw directoryNotFound();
      return reply.send();
    },
  );

  app.delete(
    '/directories/*',
    {
      schema: {
        tags: ['files'],
        summary: 'Delete an empty directory',
        params: Params,
        response: { 200: Empty },
      },
    },
    async (request) => {
      const { files, path } = directoryOf(request, request.params['*']);
      await files.deleteDirectory(path);
      return {};
    },
  );
};
