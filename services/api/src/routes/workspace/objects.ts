import { StringEnum } from '@brickyard/common/schema';
import {
  baseName,
  detectAutoImport,
  FILE_TYPE,
  NOTEBOOK_LANGUAGES,
  parentPath,
  parseWorkspacePath,
  StorageError,
  withNotebookHeader,
} from '@brickyard/common/storage';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { type Static, Type } from 'typebox';
import { DatabricksError, invalidParameter } from '../../errors/databricks-error.js';
import { scopeOf } from '../../permissions/workspace-access.js';
import { assertMaxBytes, decodeBase64 } from '../dbfs/body-encoding.js';
import { authorizeImport } from './import-access.js';
import { ObjectInfo, toObjectInfo } from './object-info.js';
import {
  type ImportTarget,
  importObject,
  MAX_CONTENT_BYTES,
  type WorkspaceRouteOptions,
  workspaceTree,
} from './workspace-tree.js';

const FORMATS = ['SOURCE', 'HTML', 'JUPYTER', 'DBC', 'R_MARKDOWN', 'RAW', 'AUTO'] as const;
const SUPPORTED_FORMATS: readonly string[] = ['SOURCE', 'AUTO', 'RAW'];

const WorkspacePath = Type.String({ description: "absolute workspace path: '/Users/a@b.c/etl'" });
const Empty = Type.Object({});

function assertSupported(format: string, what: 'Import' | 'Export'): void {
  if (!SUPPORTED_FORMATS.includes(format)) {
    throw new DatabricksError(
      400,
      'BAD_REQUEST',
      `${what} format ${format} is not supported by Brickyard; use SOURCE, AUTO or RAW`,
    );
  }
}

/** The extension of a file's name, as export's file_type; '' without one. */
function extensionOf(path: string): string {
  const name = baseName(path);
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1) : '';
}

/** What an import writes: a notebook (SOURCE, with the header of its language), or as AUTO detects. */
function importTargetOf(
  format: string,
  path: string,
  bytes: Buffer,
  language: ImportBody['language'],
): ImportTarget {
  if (format === 'SOURCE') {
    if (!language) throw invalidParameter('The language of the notebook is required to import format SOURCE');
    return { objectType: 'NOTEBOOK', language, path, bytes: withNotebookHeader(bytes, language) };
  }
  if (format === 'AUTO') return { ...detectAutoImport(path, bytes), bytes };
  return { objectType: 'FILE', path, bytes };
}

/** A folder cannot be exported: Brickyard has no DBC archives. */
function folderExportError(path: string) {
  return (error: unknown): never => {
    if (error instanceof StorageError && error.kind === 'IS_A_DIRECTORY') {
      throw new DatabricksError(
        400,
        'BAD_REQUEST',
        `${path} is a folder; Brickyard exports notebooks and files, not folders (DBC archives)`,
      );
    }
    throw error;
  };
}

const ImportBody = Type.Object({
  path: WorkspacePath,
  content: Type.Optional(Type.String({ description: 'base64, at most 10 MB' })),
  format: Type.Optional(StringEnum(FORMATS)),
  language: Type.Optional(StringEnum(NOTEBOOK_LANGUAGES)),
  overwrite: Type.Optional(Type.Boolean()),
});
type ImportBody = Static<typeof ImportBody>;

const ImportSchema = {
  tags: ['workspace'],
  summary: 'Import a notebook (SOURCE, or AUTO-detected) or a file (RAW, or AUTO)',
  body: ImportBody,
  response: { 200: Empty },
};

const ExportSchema = {
  tags: ['workspace'],
  summary: 'Export a notebook (in source form) or a file',
  querystring: Type.Object({
    path: WorkspacePath,
    format: Type.Optional(StringEnum(FORMATS)),
    direct_download: Type.Optional(Type.Boolean({ description: 'answer with the raw bytes' })),
  }),
  response: { 200: Type.Object({ content: Type.String(), file_type: Type.String() }) },
};

const ListSchema = {
  tags: ['workspace'],
  summary: 'The objects of a folder, or the object itself',
  querystring: Type.Object({
    path: WorkspacePath,
    notebooks_modified_after: Type.Optional(Type.Integer({ description: 'epoch milliseconds' })),
  }),
  response: { 200: Type.Object({ objects: Type.Array(ObjectInfo) }) },
};

const GetStatusSchema = {
  tags: ['workspace'],
  summary: 'A notebook, file or folder',
  querystring: Type.Object({ path: WorkspacePath, return_export_info: Type.Optional(Type.Boolean()) }),
  response: {
    200: Type.Object({ ...ObjectInfo.properties, repos_export_format: Type.Optional(Type.String()) }),
  },
};

const MkdirsSchema = {
  tags: ['workspace'],
  summary: 'Create a folder and its missing parents',
  body: Type.Object({ path: WorkspacePath }),
  response: { 200: Empty },
};

const DeleteSchema = {
  tags: ['workspace'],
  summary: 'Delete an object, or a folder (a non-empty one only with recursive)',
  body: Type.Object({ path: WorkspacePath, recursive: Type.Optional(Type.Boolean()) }),
  response: { 200: Empty },
};

/**
 * The Workspace API (/api/2.0/workspace): notebooks, files and folders, each route checked against
 * the caller's permissions on the object or its folder (see WorkspaceAccess).
 */
export const workspaceObjectRoutes: FastifyPluginAsyncTypebox<WorkspaceRouteOptions> = async (
  app,
  { storage, access },
) => {
  app.post('/import', { schema: ImportSchema }, async (request) => {
    const { body } = request;
    const format = body.format ?? 'SOURCE';
    assertSupported(format, 'Import');
    const path = parseWorkspacePath(body.path);
    const bytes = decodeBase64(body.content ?? '', 'content');
    assertMaxBytes(bytes.length, MAX_CONTENT_BYTES, 'MAX_NOTEBOOK_SIZE_EXCEEDED', 'The content');
    const target = importTargetOf(format, path, bytes, body.language);
    const tree = workspaceTree(storage, request);
    const overwrite = body.overwrite ?? false;
    const created = await authorizeImport(access, request, tree, target, overwrite);
    await importObject(tree, request.workspace.workspaceId, target, overwrite);
    await created();
    return {};
  });

  app.get('/export', { schema: ExportSchema }, async (request, reply) => {
    const format = request.query.format ?? 'SOURCE';
    assertSupported(format, 'Export');
    const path = parseWorkspacePath(request.query.path);
    access.require(request.principal, scopeOf(request), path, 'CAN_READ');
    const { entry, bytes } = await workspaceTree(storage, request).read(path).catch(folderExportError(path));
    const info = toObjectInfo(request.workspace.workspaceId, entry);
    if (request.query.direct_download) {
      // Raw bytes skip the JSON response schema (Fastify never serializes a Buffer).
      return reply
        .type('application/octet-stream')
        .send(bytes as unknown as { content: string; file_type: string });
    }
    assertMaxBytes(bytes.length, MAX_CONTENT_BYTES, 'MAX_NOTEBOOK_SIZE_EXCEEDED', 'The exported object');
    const fileType =
      info.object_type === 'NOTEBOOK' && info.language ? FILE_TYPE[info.language] : extensionOf(path);
    return { content: bytes.toString('base64'), file_type: fileType };
  });

  app.get('/list', { schema: ListSchema }, async (request) => {
    const path = parseWorkspacePath(request.query.path);
    const scope = scopeOf(request);
    access.requireVisible(request.principal, scope, path);
    const { entry, children } = await workspaceTree(storage, request).list(path, { withMetadata: true });
    const after = request.query.notebooks_modified_after;
    const objects = (children ?? [entry])
      .filter((child) => access.canSee(request.principal, scope, child.path))
      .map((child) => toObjectInfo(request.workspace.workspaceId, child))
      .filter(
        (info) => after === undefined || info.object_type !== 'NOTEBOOK' || (info.modified_at ?? 0) > after,
      );
    return { objects };
  });

  app.get('/get-status', { schema: GetStatusSchema }, async (request) => {
    const path = parseWorkspacePath(request.query.path);
    access.requireVisible(request.principal, scopeOf(request), path);
    const entry = await workspaceTree(storage, request).stat(path);
    if (!entry) throw new StorageError('NOT_FOUND', `${path} does not exist`, { path });
    const info = toObjectInfo(request.workspace.workspaceId, entry);
    const exportInfo = request.query.return_export_info && info.object_type === 'NOTEBOOK';
    return exportInfo ? { ...info, repos_export_format: 'SOURCE' } : info;
  });

  // An existing folder is left as it is; a new one takes CAN_MANAGE on the folder it goes in.
  app.post('/mkdirs', { schema: MkdirsSchema }, async (request) => {
    const path = parseWorkspacePath(request.body.path);
    const scope = scopeOf(request);
    const tree = workspaceTree(storage, request);
    const existing = await tree.stat(path);
    if (existing?.isDirectory) {
      access.requireVisible(request.principal, scope, path);
      return {};
    }
    access.require(request.principal, scope, parentPath(path), 'CAN_MANAGE');
    await tree.mkdirs(path);
    await access.grantCreator(request.principal, scope, 'directories', path);
    return {};
  });

  app.post('/delete', { schema: DeleteSchema }, async (request) => {
    const path = parseWorkspacePath(request.body.path);
    const scope = scopeOf(request);
    access.require(request.principal, scope, path, 'CAN_MANAGE');
    await workspaceTree(storage, request).delete(path, { recursive: request.body.recursive ?? false });
    await access.forget(scope, path);
    return {};
  });
};
