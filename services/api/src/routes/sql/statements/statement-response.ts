import type { FastifyReply } from 'fastify';
import { DatabricksError, invalidParameter } from '../../../errors/databricks-error.js';
import type { ResultChunks } from '../../../sql-statements/result-chunks.js';
import { type StatementRecord, visibleState } from '../../../sql-statements/statement-record.js';

/**
 * The JSON of StatementResponse and ResultData, as Databricks shapes them: a PENDING, RUNNING,
 * CANCELED or CLOSED statement has its status only, a FAILED one its error and sql_state, a
 * SUCCEEDED one its manifest and first chunk (`result` is `{}` without rows). Chunk rows are
 * spliced in as the stored JSON text, never parsed again.
 */

const nextChunkLink = (statementId: string, chunkIndex: number) =>
  `/api/2.0/sql/statements/${statementId}/result/chunks/${chunkIndex}`;

const notFetchable = () =>
  new DatabricksError(
    404,
    'NOT_FOUND',
    'The statement state should be SUCCEEDED before you can start fetching the result.',
  );

/** `{...head, [key]: <raw JSON>}` without parsing the raw part. */
function withRaw(head: object, key: string, raw: string): string {
  const text = JSON.stringify(head);
  return `${text.length > 2 ? `${text.slice(0, -1)},` : '{'}${JSON.stringify(key)}:${raw}}`;
}

function manifestOf(record: StatementRecord) {
  const manifest = record.manifest;
  if (!manifest) return undefined;
  const external = record.disposition === 'EXTERNAL_LINKS';
  return {
    format: manifest.format,
    schema: manifest.schema,
    total_chunk_count: manifest.total_chunk_count,
    ...(manifest.chunks.length > 0 && {
      chunks: manifest.chunks.map(({ byte_count, ...info }) => (external ? { ...info, byte_count } : info)),
    }),
    total_row_count: manifest.total_row_count,
    ...(external && { total_byte_count: manifest.total_byte_count }),
    truncated: manifest.truncated,
  };
}

/**
 * The ResultData of one chunk of a SUCCEEDED statement: its rows (INLINE) or a fresh link to them
 * (EXTERNAL_LINKS), and where the next chunk is. `body` spares reading back a chunk just written.
 */
export async function resultDataText(
  record: StatementRecord,
  chunkIndex: number,
  chunks: ResultChunks,
  body?: Buffer,
): Promise<string> {
  if (visibleState(record) !== 'SUCCEEDED' || !record.manifest) throw notFetchable();
  const info = record.manifest.chunks[chunkIndex];
  if (!info) throw invalidParameter(`The chunk_index ${chunkIndex} is out of bounds.`);
  const id = record.statement_id;
  const hasNext = chunkIndex + 1 < record.manifest.total_chunk_count;
  const next = hasNext
    ? { next_chunk_index: chunkIndex + 1, next_chunk_internal_link: nextChunkLink(id, chunkIndex + 1) }
    : {};
  if (record.disposition === 'EXTERNAL_LINKS') {
    const link = await chunks.link(record.workspace_id, id, chunkIndex, record.format);
    return JSON.stringify({
      external_links: [{ ...info, external_link: link.url, expiration: link.expiration, ...next }],
    });
  }
  const rows = body ?? (await chunks.get(record.workspace_id, id, chunkIndex, record.format));
  if (!rows) throw notFetchable();
  const { chunk_index, row_offset, row_count } = info;
  return withRaw({ chunk_index, row_offset, row_count, ...next }, 'data_array', rows.toString('utf8'));
}

export async function statementResponseText(
  record: StatementRecord,
  chunks: ResultChunks,
  firstChunk?: Buffer,
): Promise<string> {
  const state = visibleState(record);
  const status = {
    state,
    ...(state === 'FAILED' && record.error && { error: record.error }),
    ...(state === 'FAILED' && record.sql_state && { sql_state: record.sql_state }),
  };
  const head = { statement_id: record.statement_id, status };
  if (state !== 'SUCCEEDED' || !record.manifest) return JSON.stringify(head);
  const withManifest = { ...head, manifest: manifestOf(record) };
  if (record.manifest.total_chunk_count === 0) return JSON.stringify({ ...withManifest, result: {} });
  return withRaw(withManifest, 'result', await resultDataText(record, 0, chunks, firstChunk));
}

/** Sends JSON text as it is: a string with a JSON content type is never serialized again. */
export function sendJsonText(reply: FastifyReply, text: string): FastifyReply {
  return reply.type('application/json; charset=utf-8').send(text);
}
