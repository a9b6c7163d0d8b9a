import type { ObjectStore } from '@brickyard/common/storage';
import { parseDbfsPath, StorageError, StreamingUploads } from '@brickyard/common/storage';
import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger } from 'fastify';
import { Type } from 'typebox';
import { assertMaxBytes, decodeBase64 } from './body-encoding.js';
import { Empty, MAX_BLOCK_BYTES } from './file-info.js';
import { dbfsTree } from './files.js';

const Handle = Type.Integer({ description: 'the handle create returned' });

/** Streams untouched this long are abandoned (Databricks closes them after 10 idle minutes). */
const STREAM_IDLE_MS = 60 * 60 * 1000;
/** How often, per workspace and process, opening a stream also sweeps abandoned ones. */
const SWEEP_INTERVAL_MS = 10 * 60 * 1000;

const CreateSchema = {
  tags: ['dbfs'],
  summary: 'Open a stream to write a file',
  body: Type.Object({
    path: Type.String({ description: "absolute DBFS path: 'dbfs:/a/b' or '/a/b'" }),
    overwrite: Type.Optional(Type.Boolean()),
  }),
  response: { 200: Type.Object({ handle: Handle }) },
};

const AddBlockSchema = {
  tags: ['dbfs'],
  summary: 'Append a block (base64, at most 1 MB) to a stream',
  body: Type.Object({ handle: Handle, data: Type.String({ description: 'base64, at most 1 MB' }) }),
  response: { 200: Empty },
};

const CloseSchema = {
  tags: ['dbfs'],
  summary: 'Close a stream, writing the file from its blocks',
  body: Type.Object({ handle: Handle }),
  response: { 200: Empty },
};

/**
 * Streamed uploads: create opens a handle, add-block appends up to 1 MB, close writes the file.
 * Blocks are stored as they arrive (see StreamingUploads), so a stream outlives API restarts.
 */
export const dbfsStreamRoutes: FastifyPluginAsyncTypebox<{ storage: ObjectStore }> = async (
  app,
  { storage },
) => {
  // Next block numbers by stream: a shortcut shared by all requests, never the truth.
  const hints = new Map<string, number>();
  const uploadsOf = (workspaceId: number) => new StreamingUploads(storage.forWorkspace(workspaceId), hints);
  const lastSweep = new Map<number, number>();

  /** Discards the workspace's abandoned streams, at most once per interval, in the background. */
  const sweepAbandoned = (uploads: StreamingUploads, workspaceId: number, log: FastifyBaseLogger) => {
    const now = Date.now();
    if (now - (lastSweep.get(workspaceId) ?? 0) <= SWEEP_INTERVAL_MS) return;
    lastSweep.set(workspaceId, now);
    void uploads.expireIdle(STREAM_IDLE_MS).then(
      (expired) => {
        if (expired > 0) log.info({ workspaceId, expired }, 'Discarded abandoned DBFS streams');
      },
      (error: unknown) => {
        log.warn({ err: error, workspaceId }, 'Could not sweep abandoned DBFS streams');
      },
    );
  };

  app.post('/create', { schema: CreateSchema }, async (request) => {
    const path = parseDbfsPath(request.body.path);
    const overwrite = request.body.overwrite ?? false;
    const existing = await dbfsTree(storage, request).stat(path);
    if (existing && (existing.isDirectory || !overwrite)) {
      throw new StorageError('ALREADY_EXISTS', `${path} already exists`, { path });
    }
    const { workspaceId } = request.workspace;
    const uploads = uploadsOf(workspaceId);
    sweepAbandoned(uploads, workspaceId, request.log);
    return { handle: await uploads.create(path, overwrite) };
  });

  app.post('/add-block', { schema: AddBlockSchema }, async (request) => {
    const data = decodeBase64(request.body.data, 'data');
    assertMaxBytes(data.length, MAX_BLOCK_BYTES, 'MAX_BLOCK_SIZE_EXCEEDED', 'The block');
    await uploadsOf(request.workspace.workspaceId).addBlock(request.body.handle, data);
    return {};
  });

  app.post('/close', { schema: CloseSchema }, async (request) => {
    const uploads = uploadsOf(request.workspace.workspaceId);
    const { handle } = request.body;
    const state = await uploads.state(handle);
    const parts = await uploads.blockKeys(handle);
    await dbfsTree(storage, request).write(
      state.path,
      { parts },
      { overwrite: state.overwrite, createParents: true },
    );
    await uploads.discard(handle);
    return {};
  });
};
