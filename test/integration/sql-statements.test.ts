import { randomInt, randomUUID } from 'node:crypto';
import { ComputeCallers } from '@brickyard/common/compute-callers';
import { readPlatformEnv } from '@brickyard/common/platform-env';
import { createS3Client, ObjectStore } from '@brickyard/common/storage';
import { tableFromIPC } from 'apache-arrow';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkspaceContext } from '../../services/api/src/auth/caller.js';
import type { Principal } from '../../services/api/src/auth/principal.js';
import {
  resultDataText,
  statementResponseText,
} from '../../services/api/src/routes/sql/statements/statement-response.js';
import { historyPage } from '../../services/api/src/sql-statements/query-history.js';
import { ResultChunks } from '../../services/api/src/sql-statements/result-chunks.js';
import type { StatementRecord } from '../../services/api/src/sql-statements/statement-record.js';
import {
  type ExecuteRequest,
  StatementService,
} from '../../services/api/src/sql-statements/statement-service.js';
import { StatementStore } from '../../services/api/src/sql-statements/statement-store.js';
import type { WarehouseEngines } from '../../services/api/src/sql-statements/warehouse-engines.js';
import {
  type SparkConnectServer,
  sparkConnectProtosDir,
  startSparkConnectServer,
} from './support/spark-connect-server.js';
import { waitFor } from './support/wait-for.js';

/**
 * The Statement Execution API's engine and lifecycle on real components: a Spark Connect server in
 * local mode plays the warehouse's driver; statements live in the platform's Redis and results in
 * its S3 server (external links fetched from it, presigned, without credentials). Routes are
 * thin over this: their contract is in test/api/sql-statements.test.ts and test/e2e.
 */
const env = readPlatformEnv();
const s3 = createS3Client(env.s3);
const storage = new ObjectStore(s3, env.s3.bucket);
const workspaceId = 8_100_000_000_000 + randomInt(1_000_000_000);
const workspace = { workspaceId, namespace: `ws-${workspaceId}`, resource: {} } as WorkspaceContext;
const principal: Principal = {
  tokenId: 't',
  userName: 'sql-it@brickyard.dev',
  userId: 42,
  isAdmin: false,
  isAccountAdmin: false,
  kind: 'user',
  groups: ['users'],
};
const WAREHOUSE = 'abcdef0123456789';
const SLOW = 240_000;
const computeCallersRedis = new Redis(env.redisUrl);
const computeCallers = new ComputeCallers(computeCallersRedis);
/** Small chunks, so that a result of a few hundred KB has several. */
const CHUNK_BYTES = 16 * 1024;
/** Two tasks that sleep for two minutes: a statement to cancel. */
const SLEEPING = "SELECT java_method('java.lang.Thread', 'sleep', 120000L) FROM range(0, 2, 1, 2)";

let server: SparkConnectServer;
let service: StatementService;
let redis: Redis;
/** The local Spark Connect server is the driver of the one warehouse there is. */
const warehouses: WarehouseEngines = {
  check: (_workspace, _principal, id) => {
    if (id !== WAREHOUSE) throw new Error(`no warehouse ${id}`);
  },
  driverOf: async () => server.remote.replace('sc://', ''),
  markActive: () => undefined,
};

interface Response {
  statement_id: string;
  status: { state: string; error?: { error_code: string; message: string }; sql_state?: string };
  manifest?: {
    format: string;
    schema: { column_count: number; columns?: Record<string, unknown>[] };
    total_chunk_count: number;
    chunks?: Record<string, number>[];
    total_row_count: number;
    total_byte_count?: number;
    truncated: boolean;
  };
  result?: ResultData;
}

interface ResultData {
  chunk_index?: number;
  row_count?: number;
  data_array?: (string | null)[][];
  external_links?: { external_link: string; expiration: string; chunk_index: number; byte_count: number }[];
  next_chunk_index?: number;
  next_chunk_internal_link?: string;
}

async function execute(request: Partial<ExecuteRequest> & { statement: string }): Promise<Response> {
  const outcome = await service.execute(
    warehouses,
    workspace,
    principal,
    { warehouse_id: WAREHOUSE, wait_timeout: '50s', ...request },
    'it-client/1.0 node',
  );
  return JSON.parse(
    await statementResponseText(outcome.record, service.chunks, outcome.firstChunk),
  ) as Response;
}

async function read(id: string): Promise<Response> {
  return JSON.parse(await statementResponseText(await service.get(workspace, principal, id), service.chunks));
}

async function chunk(id: string, index: number): Promise<ResultData> {
  return JSON.parse(await resultDataText(await service.get(workspace, principal, id), index, service.chunks));
}

const waitForState = (id: string, states: string[], timeoutMs = 120_000) =>
  waitFor(
    `statement ${id} in ${states.join('|')}`,
    async () => {
      const response = await read(id);
      return states.includes(response.status.state) ? response : undefined;
    },
    { timeoutMs, intervalMs: 200 },
  );

beforeAll(async () => {
  server = await startSparkConnectServer(env.s3);
  redis = new Redis(env.redisUrl, { maxRetriesPerRequest: null });
  service = new StatementService({
    store: new StatementStore(redis, 3_600_000),
    subscriber: new Redis(env.redisUrl, { maxRetriesPerRequest: null }),
    chunks: new ResultChunks(storage, createS3Client(env.s3)),
    connectProtos: sparkConnectProtosDir(),
    computeCallers,
    chunkBytes: CHUNK_BYTES,
    resultTtlMs: 3_600_000,
    log: pino({ level: 'warn' }),
  });
  await service.start();
}, SLOW);

afterAll(async () => {
  await service?.stop();
  computeCallersRedis.disconnect();
  await server?.stop();
  const keys = (await storage.forWorkspace(workspaceId).list('')).objects.map((object) => object.key);
  await storage.forWorkspace(workspaceId).deleteMany(keys);
  s3.destroy();
}, SLOW);

describe('results in the JSON_ARRAY form', () => {
  it(
    'describes every type as Databricks does and writes every value as text',
    async () => {
      const response = await execute({
        statement: `SELECT CAST(1 AS TINYINT) AS t, CAST(2 AS SMALLINT) AS s, 3 AS i, CAST(4 AS BIGINT) AS l,
          CAST(1.5 AS FLOAT) AS f, CAST(0.1 AS DOUBLE) AS d, CAST(1.5 AS DECIMAL(10,2)) AS dec, 'x' AS str,
          X'DEADBEEF' AS bin, true AS b, DATE'2024-01-02' AS day, timestamp_micros(1704164645123456) AS ts,
          TIMESTAMP_NTZ'2024-01-02 03:04:05.123' AS ntz, INTERVAL '1-2' YEAR TO MONTH AS ym,
          INTERVAL '1 02:03:04.123456' DAY TO SECOND AS dt, array(1, NULL, 3) AS arr, map('a', 1) AS m,
          named_struct('a', 1, 'b', 'x') AS st, CAST(NULL AS INT) AS n`,
      });
      expect(response.status).toEqual({ state: 'SUCCEEDED' });
      const columns = response.manifest?.schema.columns ?? [];
      expect(columns.map((column) => [column.name, column.type_name, column.type_text])).toEqual([
        ['t', 'BYTE', 'TINYINT'],
        ['s', 'SHORT', 'SMALLINT'],
        ['i', 'INT', 'INT'],
        ['l', 'LONG', 'BIGINT'],
        ['f', 'FLOAT', 'FLOAT'],
        ['d', 'DOUBLE', 'DOUBLE'],
        ['dec', 'DECIMAL', 'DECIMAL(10,2)'],
        ['str', 'STRING', 'STRING'],
        ['bin', 'BINARY', 'BINARY'],
        ['b', 'BOOLEAN', 'BOOLEAN'],
        ['day', 'DATE', 'DATE'],
        ['ts', 'TIMESTAMP', 'TIMESTAMP'],
        ['ntz', 'TIMESTAMP_NTZ', 'TIMESTAMP_NTZ'],
        ['ym', 'INTERVAL', 'INTERVAL YEAR TO MONTH'],
        ['dt', 'INTERVAL', 'INTERVAL DAY TO SECOND'],
        ['arr', 'ARRAY', 'ARRAY<INT>'],
        ['m', 'MAP', 'MAP<STRING, INT>'],
        ['st', 'STRUCT', 'STRUCT<a: INT NOT NULL, b: STRING NOT NULL>'],
        ['n', 'INT', 'INT'],
      ]);
      expect(columns[6]).toMatchObject({ type_precision: 10, type_scale: 2 });
      expect(columns[13]).toMatchObject({ type_interval_type: 'YEAR TO MONTH' });
      expect(response.result?.data_array).toEqual([
        [
          '1',
          '2',
          '3',
          '4',
          '1.5',
          '0.1',
          '1.50',
          'x',
          '3q2+7w==',
          'true',
          '2024-01-02',
          '2024-01-02T03:04:05.123Z',
          '2024-01-02T03:04:05.123',
          "INTERVAL '1-2' YEAR TO MONTH",
          "INTERVAL '1 02:03:04.123456' DAY TO SECOND",
          '["1",null,"3"]',
          '{"a":"1"}',
          '{"a":"1","b":"x"}',
          null,
        ],
      ]);
      expect(response.manifest).toMatchObject({
        format: 'JSON_ARRAY',
        total_row_count: 1,
        total_chunk_count: 1,
        chunks: [{ chunk_index: 0, row_offset: 0, row_count: 1 }],
        truncated: false,
      });
      expect(response.manifest?.total_byte_count).toBeUndefined();
    },
    SLOW,
  );

  it('answers a statement that returns nothing with an empty schema and result', async () => {
    const response = await execute({
      statement: `CREATE TEMPORARY VIEW v_${randomInt(1e6)} AS SELECT 1 AS a`,
    });
    expect(response).toMatchObject({
      status: { state: 'SUCCEEDED' },
      manifest: { schema: { column_count: 0 }, total_chunk_count: 0, total_row_count: 0, truncated: false },
      result: {},
    });
    expect(response.manifest?.chunks).toBeUndefined();
  });

  it('binds named parameters of several types as SQL parameters', async () => {
    const response = await execute({
      statement:
        'SELECT :i + 1 AS i, :s AS s, :d AS d, :ts AS ts, :dec AS dec, :b AS b, :n AS n, typeof(:dec) AS t',
      parameters: [
        { name: 'i', value: '41', type: 'INT' },
        { name: 's', value: "it's; -- text" },
        { name: 'd', value: '2020-01-01', type: 'DATE' },
        { name: 'ts', value: '2024-01-02 03:04:05.123', type: 'TIMESTAMP' },
        { name: 'dec', value: '1.5', type: 'DECIMAL(10,2)' },
        { name: 'b', value: 'true', type: 'BOOLEAN' },
        { name: 'n', type: 'INT' },
      ],
    });
    expect(response.status.state).toBe('SUCCEEDED');
    expect(response.result?.data_array).toEqual([
      ['42', "it's; -- text", '2020-01-01', '2024-01-02T03:04:05.123Z', '1.50', 'true', null, 'decimal(3,2)'],
    ]);
  });

  it('applies the catalog and schema of the request in the statement session only', async () => {
    const schema = `it_sql_${randomInt(1e9)}`;
    expect((await execute({ statement: `CREATE SCHEMA ${schema}` })).status.state).toBe('SUCCEEDED');
    const scoped = await execute({
      statement: 'SELECT current_catalog(), current_schema()',
      catalog: 'spark_catalog',
      schema,
    });
    expect(scoped.result?.data_array).toEqual([['spark_catalog', schema]]);
    const plain = await execute({ statement: 'SELECT current_schema()' });
    expect(plain.result?.data_array).toEqual([['default']]);
  });
});

describe('failures', () => {
  it('are HTTP-level successes with the state FAILED, the error and its SQLSTATE', async () => {
    const response = await execute({ statement: 'SELECT no_such_column' });
    expect(response.status.state).toBe('FAILED');
    expect(response.status.error?.error_code).toBe('BAD_REQUEST');
    expect(response.status.error?.message).toMatch(/UNRESOLVED_COLUMN/);
    expect(response.status.sql_state).toBe('42703');
    expect(response.manifest).toBeUndefined();
  });

  it('fail a statement whose parameter does not convert to its type', async () => {
    const response = await execute({
      statement: 'SELECT :p',
      parameters: [{ name: 'p', value: 'x', type: 'INT' }],
    });
    expect(response.status).toMatchObject({ state: 'FAILED', sql_state: '22023' });
    expect(response.status.error?.message).toMatch(/^\[INVALID_VALUE_FOR_DATA_TYPE\]/);
  });

  it('fail a statement with a marker no parameter binds', async () => {
    const response = await execute({ statement: 'SELECT :missing', parameters: [{ name: 'p', value: '1' }] });
    expect(response.status).toMatchObject({ state: 'FAILED', sql_state: '42P02' });
  });
});

describe('chunks and limits', () => {
  it(
    'cuts a large result into chunks chained by next_chunk_index',
    async () => {
      const response = await execute({ statement: "SELECT id, repeat('x', 100) AS pad FROM range(2000)" });
      const manifest = response.manifest;
      expect(manifest?.total_row_count).toBe(2000);
      expect(manifest?.total_chunk_count).toBeGreaterThan(5);
      expect(response.result).toMatchObject({ chunk_index: 0, next_chunk_index: 1 });
      expect(response.result?.next_chunk_internal_link).toBe(
        `/api/2.0/sql/statements/${response.statement_id}/result/chunks/1`,
      );
      const ids: string[] = (response.result?.data_array ?? []).map((row) => row[0] as string);
      let next = response.result?.next_chunk_index;
      while (next !== undefined) {
        const data = await chunk(response.statement_id, next);
        expect(data.chunk_index).toBe(next);
        ids.push(...(data.data_array ?? []).map((row) => row[0] as string));
        next = data.next_chunk_index;
      }
      expect(ids).toEqual(Array.from({ length: 2000 }, (_, index) => String(index)));
      await expect(chunk(response.statement_id, manifest?.total_chunk_count ?? 0)).rejects.toThrow(
        /chunk_index .* is out of bounds/,
      );
    },
    SLOW,
  );

  it('cuts the result at row_limit and byte_limit and says it was truncated', async () => {
    const rows = await execute({ statement: 'SELECT id FROM range(100)', row_limit: 10 });
    expect(rows.manifest).toMatchObject({ total_row_count: 10, truncated: true });
    expect(rows.result?.data_array).toHaveLength(10);
    const none = await execute({ statement: 'SELECT id FROM range(100)', row_limit: 0 });
    expect(none.manifest).toMatchObject({ total_row_count: 0, truncated: true, total_chunk_count: 0 });
    const exact = await execute({ statement: 'SELECT id FROM range(10)', row_limit: 10 });
    expect(exact.manifest).toMatchObject({ total_row_count: 10, truncated: false });
    const bytes = await execute({ statement: 'SELECT id FROM range(100)', byte_limit: 30 });
    expect(bytes.manifest?.truncated).toBe(true);
    expect(bytes.manifest?.total_row_count).toBeLessThan(10);
  });
});

describe('external links', () => {
  it.each([
    ['JSON_ARRAY', (body: Buffer) => JSON.parse(body.toString())],
    ['CSV', (body: Buffer) => body.toString().trimEnd().split('\n')],
    [
      'ARROW_STREAM',
      (body: Buffer) =>
        tableFromIPC(body)
          .toArray()
          .map((row) => row.toJSON()),
    ],
  ] as const)('point to %s chunks fetched without credentials', async (format, decode) => {
    const started = Date.now();
    const response = await execute({
      statement: "SELECT id, concat('v', id) AS v FROM range(3)",
      disposition: 'EXTERNAL_LINKS',
      format,
    });
    expect(response.manifest).toMatchObject({ format, total_row_count: 3, total_chunk_count: 1 });
    expect(response.manifest?.total_byte_count).toBeGreaterThan(0);
    const [link] = response.result?.external_links ?? [];
    expect(link).toMatchObject({ chunk_index: 0, row_offset: 0, row_count: 3 });
    const expires = Date.parse(link?.expiration ?? '');
    expect(expires - started).toBeGreaterThan(14 * 60_000);
    expect(expires - Date.now()).toBeLessThanOrEqual(15 * 60_000);
    const fetched = await fetch(link?.external_link ?? '');
    expect(fetched.status).toBe(200);
    const body = Buffer.from(await fetched.arrayBuffer());
    expect(body.length).toBe(link?.byte_count);
    const expected = {
      JSON_ARRAY: [
        ['0', 'v0'],
        ['1', 'v1'],
        ['2', 'v2'],
      ],
      CSV: ['id,v', '0,v0', '1,v1', '2,v2'],
      ARROW_STREAM: [
        { id: 0n, v: 'v0' },
        { id: 1n, v: 'v1' },
        { id: 2n, v: 'v2' },
      ],
    }[format];
    expect(decode(body)).toEqual(expected);
  });

  it('are refused by the object store once tampered with', async () => {
    const response = await execute({ statement: 'SELECT 1', disposition: 'EXTERNAL_LINKS' });
    const url = new URL(response.result?.external_links?.[0]?.external_link ?? '');
    url.searchParams.set('X-Amz-Signature', '0'.repeat(64));
    expect((await fetch(url)).status).toBe(403);
  });
});

describe('lifecycle', () => {
  it('answers PENDING at once with wait_timeout 0s, then SUCCEEDED to a poll', async () => {
    const response = await execute({ statement: 'SELECT 1 AS one', wait_timeout: '0s' });
    expect(response).toEqual({ statement_id: response.statement_id, status: { state: 'PENDING' } });
    const done = await waitForState(response.statement_id, ['SUCCEEDED']);
    expect(done.result?.data_array).toEqual([['1']]);
  });

  it(
    'cancels a running statement and its Spark job',
    async () => {
      const response = await execute({
        statement: SLEEPING,
        wait_timeout: '0s',
      });
      await waitForState(response.statement_id, ['RUNNING']);
      await waitFor('a running Spark job', async () =>
        (await server.jobs()).some((job) => job.status === 'RUNNING') ? true : undefined,
      );
      await service.cancel(workspace, principal, response.statement_id);
      expect((await waitForState(response.statement_id, ['CANCELED', 'FAILED'])).status).toEqual({
        state: 'CANCELED',
      });
      await waitFor('no running Spark job', async () =>
        (await server.jobs()).every((job) => job.status !== 'RUNNING') ? true : undefined,
      );
    },
    SLOW,
  );

  it(
    'cancels a statement still running when wait_timeout passes with CANCEL',
    async () => {
      const response = await execute({
        statement: SLEEPING,
        wait_timeout: '5s',
        on_wait_timeout: 'CANCEL',
      });
      expect(response.status).toEqual({ state: 'CANCELED' });
    },
    SLOW,
  );

  it('fails a statement whose API process died, rather than leaving it RUNNING', async () => {
    const id = randomUUID();
    const orphan: StatementRecord = {
      statement_id: id,
      workspace_id: workspaceId,
      warehouse_id: WAREHOUSE,
      statement: 'SELECT 1',
      user_name: principal.userName,
      user_id: principal.userId,
      state: 'RUNNING',
      disposition: 'INLINE',
      format: 'JSON_ARRAY',
      runner: `gone-${randomUUID()}`,
      created_at: Date.now(),
    };
    await service.store.create(orphan);
    const response = await read(id);
    expect(response.status.state).toBe('FAILED');
    expect(response.status.error).toEqual({
      error_code: 'TEMPORARILY_UNAVAILABLE',
      message:
        'The statement was interrupted while RUNNING: the API server running it stopped. Run it again.',
    });
  });
});

describe('the query history', () => {
  it('lists the statements of the workspace newest first, filtered and paged', async () => {
    const marker = `it-${randomInt(1e9)}`;
    const first = await execute({ statement: `SELECT '${marker}-1'` });
    const failed = await execute({ statement: `SELECT ${marker}` });
    const page = await historyPage(
      service.store,
      workspaceId,
      { filter: { warehouseIds: [WAREHOUSE] }, maxResults: 1 },
      () => true,
    );
    expect(page.records.map((record) => record.statement_id)).toEqual([failed.statement_id]);
    expect(page.nextPageToken).toBeDefined();
    const next = await historyPage(
      service.store,
      workspaceId,
      { filter: { warehouseIds: [WAREHOUSE] }, maxResults: 1, pageToken: page.nextPageToken },
      () => true,
    );
    expect(next.records.map((record) => record.statement_id)).toEqual([first.statement_id]);
    const finished = await historyPage(
      service.store,
      workspaceId,
      { filter: { statuses: ['FAILED'], startTimeMs: Date.now() - 60_000 }, maxResults: 100 },
      () => true,
    );
    expect(finished.records.map((record) => record.statement_id)).toContain(failed.statement_id);
    expect(finished.records.every((record) => record.state === 'FAILED')).toBe(true);
  });
});
