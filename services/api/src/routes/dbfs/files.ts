import type { ObjectStore } from '@brickyard/common/storage';
import { DBFS_AREA, FileTree, parseDbfsPath, StorageError } from '@brickyard/common/storage';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import { Type } from 'typebox';
import { assertMaxBytes, decodeBase64, isFormRequest } from './body-encoding.js';
import {
  DEFAULT_READ_BYTES,
  Empty,
  FileInfo,
  MAX_BLOCK_BYTES,
  MAX_READ_BYTES,
  toFileInfo,
} from './file-info.js';

const DbfsPath = Type.String({ description: "absolute DBFS path: 'dbfs:/a/b' or '/a/b'" });

export function dbfsTree(storage: ObjectStore, request: FastifyRequest): FileTree {
  return new FileTree(storage.forWorkspace(request.workspace.workspaceId), DBFS_AREA);
}

const PutSchema = {
  tags: ['dbfs'],
  summary: 'Write a file in one call (inline contents up to 1 MB, or a posted file)',
  body: Type.Object({
    path: DbfsPath,
    contents: Type.Optional(Type.String({ description: 'base64; at most 1 MB when inline' })),
    overwrite: Type.Optional(Type.Boolean()),
  }),
  response: { 200: Empty },
};

const ReadSchema = {
  tags: ['dbfs'],
  summary: 'Read up to 1 MB of a file from an offset',
  querystring: Type.Object({
    path: DbfsPath,
    offset: Type.Optional(Type.Integer({ minimum: 0 })),
    length: Type.Optional(Type.Integer({ minimum: 0, description: 'default 0.5 MB, at most 1 MB' })),
  }),
  response: { 200: Type.Object({ bytes_read: Type.Integer(), data: Type.String() }) },
};

const ListSchema = {
  tags: ['dbfs'],
  summary: 'The entries of a directory, or the file itself',
  querystring: Type.Object({ path: DbfsPath }),
  response: { 200: Type.Object({ files: Type.Array(FileInfo) }) },
};

const GetStatusSchema = {
  tags: ['dbfs'],
  summary: 'A file or directory',
  querystring: Type.Object({ path: DbfsPath }),
  response: { 200: FileInfo },
};

const MkdirsSchema = {
  tags: ['dbfs'],
  summary: 'Create a directory and its missing parents',
  body: Type.Object({ path: DbfsPath }),
  response: { 200: Empty },
};

const MoveSchema = {
  tags: ['dbfs'],
  summary: 'Move a file, or a directory with everything in it',
  body: Type.Object({ source_path: DbfsPath, destination_path: DbfsPath }),
  response: { 200: Empty },
};

const DeleteSchema = {
  tags: ['dbfs'],
  summary: 'Delete a file or directory (a non-empty one only with recursive); a missing path is no error',
  body: Type.Object({ path: DbfsPath, recursive: Type.Optional(Type.Boolean()) }),
  response: { 200: Empty },
};

/** The DBFS file operations; every path is inside the caller's workspace. */
export const dbfsFileRoutes: FastifyPluginAsyncTypebox<{ storage: ObjectStore }> = async (
  app,
  { storage },
) => {
  app.post('/put', { schema: PutSchema }, async (request) => {
    const path = parseDbfsPath(request.body.path);
    const contents = decodeBase64(request.body.contents ?? '', 'contents');
    // A posted file (multipart/form-data) is not held to the inline limit.
    if (!isFormRequest(request.headers['content-type'])) {
      assertMaxBytes(contents.length, MAX_BLOCK_BYTES, 'MAX_BLOCK_SIZE_EXCEEDED', 'The contents');
    }
    await dbfsTree(storage, request).write(path, contents, {
      overwrite: request.body.overwrite ?? false,
      createParents: true,
    });
    return {};
  });

  app.get('/read', { schema: ReadSchema }, async (request) => {
    const path = parseDbfsPath(request.query.path);
    const length = request.query.length ?? DEFAULT_READ_BYTES;
    assertMaxBytes(length, MAX_READ_BYTES, 'MAX_READ_SIZE_EXCEEDED', 'The read length');
    const { bytes } = await dbfsTree(storage, request).read(path, {
      offset: request.query.offset ?? 0,
      length,
    });
    return { bytes_read: bytes.length, data: bytes.toString('base64') };
  });

  app.get('/list', { schema: ListSchema }, async (request) => {
    const { entry, children } = await dbfsTree(storage, request).list(parseDbfsPath(request.query.path));
    return { files: (children ?? [entry]).map(toFileInfo) };
  });

  app.get('/get-status', { schema: GetStatusSchema }, async (request) => {
    const path = parseDbfsPath(request.query.path);
    const entry = await dbfsTree(storage, request).stat(path);
    if (!entry) throw new StorageError('NOT_FOUND', `${path} does not exist`, { path });
    return toFileInfo(entry);
  });

  app.post('/mkdirs', { schema: MkdirsSchema }, async (request) => {
    await dbfsTree(storage, request).mkdirs(parseDbfsPath(request.body.path));
    return {};
  });

  app.post('/move', { schema: MoveSchema }, async (request) => {
    const from = parseDbfsPath(request.body.source_path, 'source_path');
    const to = parseDbfsPath(request.body.destination_path, 'destination_path');
    await dbfsTree(storage, request).move(from, to);
    return {};
  });

  app.post('/delete', { schema: DeleteSchema }, async (request) => {
    try {
      await dbfsTree(storage, request).delete(parseDbfsPath(request.body.path), {
        recursive: request.body.recursive ?? false,
      });
    } catch (error) {
      // Databricks answers the delete of a missing path with success.
      if (!(error instanceof StorageError && error.kind === 'NOT_FOUND')) throw error;
    }
    return {};
  });
};
