import { StringEnum } from '@brickyard/common/schema';
import { Type } from 'typebox';

/**
 * The Statement Execution API's requests and answers (databricks-sdk sql.py StatementExecutionAPI).
 * disposition, format and on_wait_timeout are plain strings: Databricks ignores a value it does not
 * know and applies the default (execution-options.ts).
 */

const MAX_STATEMENT_BYTES = 16 * 1024 * 1024;

const Parameter = Type.Object({
  name: Type.Optional(Type.String({ description: 'the :name marker it binds; none for a ? marker' })),
  value: Type.Optional(
    Type.Unsafe<string | null>({ type: ['string', 'null'], description: 'null or absent for NULL' }),
  ),
  type: Type.Optional(
    Type.String({ description: 'a SQL type, STRING when absent: INT, DECIMAL(10,2), DATE...' }),
  ),
});

export const ExecuteStatement = Type.Object({
  warehouse_id: Type.String({ minLength: 1 }),
  statement: Type.String({ maxLength: MAX_STATEMENT_BYTES }),
  wait_timeout: Type.Optional(Type.String({ description: '0s, or 5s to 50s; 10s when absent' })),
  on_wait_timeout: Type.Optional(Type.String({ description: 'CONTINUE (default) or CANCEL' })),
  disposition: Type.Optional(Type.String({ description: 'INLINE (default) or EXTERNAL_LINKS' })),
  format: Type.Optional(Type.String({ description: 'JSON_ARRAY (default), ARROW_STREAM or CSV' })),
  catalog: Type.Optional(Type.String()),
  schema: Type.Optional(Type.String()),
  row_limit: Type.Optional(Type.Integer()),
  byte_limit: Type.Optional(Type.Integer()),
  parameters: Type.Optional(Type.Array(Parameter)),
  query_tags: Type.Optional(
    Type.Array(Type.Object({ key: Type.String(), value: Type.Optional(Type.String()) })),
  ),
});

export const StatementRef = Type.Object({ statement_id: Type.String() });
export const ChunkRef = Type.Object({
  statement_id: Type.String(),
  chunk_index: Type.Integer({ minimum: 0 }),
});

const ChunkInfo = Type.Object({
  chunk_index: Type.Integer(),
  row_offset: Type.Integer(),
  row_count: Type.Integer(),
  byte_count: Type.Optional(Type.Integer({ description: 'EXTERNAL_LINKS only' })),
});

const ExternalLink = Type.Object({
  ...ChunkInfo.properties,
  external_link: Type.String({ description: 'a presigned URL: fetch it without Authorization' }),
  expiration: Type.String({ description: 'when the link stops working (at most 15 minutes on)' }),
  next_chunk_index: Type.Optional(Type.Integer()),
  next_chunk_internal_link: Type.Optional(Type.String()),
});

export const ResultData = Type.Object({
  chunk_index: Type.Optional(Type.Integer()),
  row_offset: Type.Optional(Type.Integer()),
  row_count: Type.Optional(Type.Integer()),
  data_array: Type.Optional(
    Type.Array(Type.Array(Type.Unsafe<string | null>({ type: ['string', 'null'] })), {
      description: 'INLINE: every value as text, NULL as null',
    }),
  ),
  external_links: Type.Optional(Type.Array(ExternalLink)),
  next_chunk_index: Type.Optional(Type.Integer()),
  next_chunk_internal_link: Type.Optional(Type.String()),
});

const Column = Type.Object({
  name: Type.String(),
  position: Type.Integer(),
  type_name: Type.String(),
  type_text: Type.String(),
  type_precision: Type.Optional(Type.Integer()),
  type_scale: Type.Optional(Type.Integer()),
  type_interval_type: Type.Optional(Type.String()),
});

export const StatementResponse = Type.Object({
  statement_id: Type.String(),
  status: Type.Object({
    state: StringEnum(['PENDING', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELED', 'CLOSED']),
    error: Type.Optional(Type.Object({ error_code: Type.String(), message: Type.String() })),
    sql_state: Type.Optional(Type.String()),
  }),
  manifest: Type.Optional(
    Type.Object({
      format: Type.String(),
      schema: Type.Object({ column_count: Type.Integer(), columns: Type.Optional(Type.Array(Column)) }),
      total_chunk_count: Type.Integer(),
      chunks: Type.Optional(Type.Array(ChunkInfo)),
      total_row_count: Type.Integer(),
      total_byte_count: Type.Optional(Type.Integer()),
      truncated: Type.Boolean(),
    }),
  ),
  result: Type.Optional(ResultData),
});

export const Empty = Type.Object({});
