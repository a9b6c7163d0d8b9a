import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { errorResponses } from '../../errors/error-body.js';
import type { RouteOptions } from '../../services.js';
import { binaryResponse } from '../binary-response.js';
import { modifiedSince, requestedRange } from './download-headers.js';
import { fileModified, rangeNotSatisfiable } from './files-errors.js';
import { filesTarget } from './files-target.js';
import { assertUploadLength, uploadChunks } from './upload-body.js';

const Params = Type.Object({
  '*': Type.String({
    description: 'the file: Volumes/<catalog>/<schema>/<volume>/<path>, or an MLflow artifact',
  }),
});
const Empty = Type.Object({});

/** The headers that describe a file (or the part of it sent), on GET as on HEAD. */
function fileHeaders(length: number, modifiedAt: number) {
  return {
    'content-type': 'application/octet-stream',
    'content-length': String(length),
    'last-modified': new Date(modifiedAt).toUTCString(),
    'accept-ranges': 'bytes',
  };
}

/**
 * Files of Unity Catalog volumes (/api/2.0/fs/files/Volumes/...) and of MLflow artifacts: raw bytes in and out, streamed
 * between the client and the object store, never held whole.
 */
export const fileRoutes: FastifyPluginAsyncTypebox<RouteOptions> = async (app, { services }) => {
  const fileOf = (request: FastifyRequest, raw: string) => filesTarget(services, request, `/${raw}`, 'file');

  app.put(
    '/files/*',
    {
      schema: {
        tags: ['files'],
        summary: 'Upload a file: the raw request body, at most 5 GiB; missing parent directories are created',
        params: Params,
        querystring: Type.Object({
          overwrite: Type.Optional(Type.Boolean({ description: 'replace an existing file; default true' })),
        }),
        response: { 200: Empty, ...errorResponses(409) },
      },
    },
    async (request) => {
      assertUploadLength(request.headers['content-length']);
      const { files, path } = fileOf(request, request.params['*']);
      await files.write(path, uploadChunks(request.body), request.query.overwrite ?? true);
      return {};
    },
  );

  app.get(
    '/files/*',
    {
      exposeHeadRoute: false,
      schema: {
        tags: ['files'],
        summary:
          'Download a file (application/octet-stream; one byte range with Range); HEAD: its metadata alone',
        params: Params,
        response: {
          200: binaryResponse('The file'),
          206: binaryResponse('The range of the file asked for'),
          ...errorResponses(412, 416),
        },
      },
    },
    async (request, reply) => {
      const { files, path } = fileOf(request, request.params['*']);
      const file = await files.file(path);
      if (modifiedSince(file.lastModified, request.headers['if-unmodified-since'])) throw fileModified();
      const requested = requestedRange(request.headers.range, file.size);
      if (requested.kind === 'unsatisfiable') {
        const error = rangeNotSatisfiable(file.size);
        return reply.code(416).header('content-range', `bytes */${file.size}`).send(error.toJSON());
      }
      const range = requested.kind === 'range' ? requested.range : undefined;
      const object = await files.read(path, range);
      reply.headers(fileHeaders(object.length, object.lastModified));
      if (range) {
        const last = range.offset + object.length - 1;
        reply.code(206).header('content-range', `bytes ${range.offset}-${last}/${object.size}`);
      }
      return reply.send(object.body);
    },
  );

  app.head(
    '/files/*',
    {
      schema: {
        tags: ['files'],
        summary: "A file's metadata, in the headers: content-length, content-type, last-modified",
        params: Params,
      },
    },
    async (request, reply) => {
      const { files, path } = fileOf(request, request.params['*']);
      const file = await files.file(path);
      return reply.headers(fileHeaders(file.size, file.lastModified)).send();
    },
  );

  app.delete(
    '/files/*',
    { schema: { tags: ['files'], summary: 'Delete a file', params: Params, response: { 200: Empty } } },
    async (request) => {
      const { files, path } = fileOf(request, request.params['*']);
      await files.deleteFile(path);
      return {};
    },
  );
};
