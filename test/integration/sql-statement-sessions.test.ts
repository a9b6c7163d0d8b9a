import { randomInt, randomUUID } from 'node:crypto';
import { ComputeCallers } from '@brickyard/common/compute-callers';
import { readPlatformEnv } from '@brickyard/common/platform-env';
import { createS3Client, ObjectStore } from '@brickyard/common/storage';
import { Redis } from 'ioredis';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WorkspaceContext } from '../../services/api/src/auth/caller.js';
import type { Principal } from '../../services/api/src/auth/principal.js';
import {
  resultDataText,
  statementResponseText,
} from '../../services/api/src/routes/sql/statements/statement-response.js';
import { loadConnectProtos } from '../../services/api/src/sql-engine/connect-protos.js';
import { SqlEngine } from '../../services/api/src/sql-engine/sql-engine.js';
import { ResultChunks } from '../../services/api/src/sql-statements/result-chunks.js';
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

/**
 * Spark sessions kept between statements (sql-engine/session-pool.ts) and small INLINE results
 * kept in the statement store, on a real Spark Connect server (local mode) and the platform's
 * Redis and S3 server: a statement reuses a session only when the ones before left it as new.
 */
const env = readPlatformEnv();
const s3 = createS3Client(env.s3);
const storage = new ObjectStore(s3, env.s3.bucket);
const workspaceId = 8_200_000_000_000 + randomInt(1_000_000_000);
const workspace = { workspaceId, namespace: `ws-${workspaceId}`, resource: {} } as WorkspaceContext;
const principal: Principal = {
  tokenId: 't',
  userName: 'sql-sessions-it@brickyard.dev',
  userId: 43,
  isAdmin: false,
  isAccountAdmin: false,
  kind: 'user',
  groups: ['users'],
};
const WAREHOUSE = 'abcdef0123456789';
const SLOW = 240_000;
const computeCallersRedis = new Redis(env.redisUrl);
const computeCallers = new ComputeCallers(computeCallersRedis);

let server: SparkConnectServer;
let service: StatementService;
let store: StatementStore;
const warehouses: WarehouseEngines = {
  check: () => undefined,
  driverOf: async () => server.remote.replace('sc://', ''),
  markActive: () => undefined,
};

interface Response {
  statement_id: string;
  status: { state: string; error?: { message: string } };
  result?: { data_array?: (string | null)[][] };
}

async function execute(request: Partial<ExecuteRequest> & { statement: string }): Promise<Response> {
  const outcome = await service.execute(
    warehouses,
    workspace,
    principal,
    { warehouse_id: WAREHOUSE, wait_timeout: '50s', ...request },
    undefined,
  );
  return JSON.parse(
    await statementResponseText(outcome.record, service.chunks, outcome.firstChunk),
  ) as Response;
}

async function sessionOf(response: Response): Promise<string | undefined> {
  return (await store.get(response.statement_id))?.record.spark_session_id;
}

beforeAll(async () => {
  server = await startSparkConnectServer(env.s3);
  const redis = new Redis(env.redisUrl, { maxRetriesPerRequest: null });
  store = new StatementStore(redis, 3_600_000);
  service = new StatementService({
    store,
    subscriber: new Redis(env.redisUrl, { maxRetriesPerRequest: null }),
    chunks: new ResultChunks(storage, createS3Client(env.s3), { store, ttlMs: 3_600_000 }),
    connectProtos: sparkConnectProtosDir(),
    computeCallers,
    chunkBytes: 4 * 1024 * 1024,
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

describe('Spark sessions across statements', () => {
  it('runs consecutive queries of one namespace in one session', async () => {
    const schema = `it_pool_${randomInt(1e9)}`;
    expect((await execute({ statement: `CREATE SCHEMA ${schema}` })).status.state).toBe('SUCCEEDED');
    const scoped = { catalog: 'spark_catalog', schema };
    const first = await execute({ statement: 'SELECT current_schema()', ...scoped });
    const second = await execute({ statement: 'SELECT current_schema()', ...scoped });
    expect(second.result?.data_array).toEqual([[schema]]);
    expect(await sessionOf(second)).toBe(await sessionOf(first));
    const elsewhere = await execute({ statement: 'SELECT current_schema()' });
    expect(elsewhere.result?.data_array).toEqual([['default']]);
    expect(await sessionOf(elsewhere)).not.toBe(await sessionOf(first));
  });

  it("gives each new session a credential of its caller on the warehouse's cluster, hidden from its SQL", async () => {
    const redis = new Redis(env.redisUrl);
    try {
      const minted = () => redis.keys('brickyard:compute-caller:*');
      const before = await minted();
      // A namespace of its own: a session no statement before used.
      const schema = `it_pool_${randomInt(1e9)}`;
      expect((await execute({ statement: `CREATE SCHEMA ${schema}` })).status.state).toBe('SUCCEEDED');
      const probe = await execute({ statement: 'SET spark.brickyard.computeCaller.token', schema });
      // SET hides a value whose key says token (spark.redaction.regex).
      expect(probe.result?.data_array).toEqual([
        ['spark.brickyard.computeCaller.token', '*********(redacted)'],
      ]);
      const added = (await minted()).filter((key) => !before.includes(key));
      const callers = await Promise.all(
        added.map(async (key) => JSON.parse((await redis.get(key)) ?? 'null')),
      );
      expect(callers).toContainEqual({
        workspaceId,
        clusterId: `warehouse-${WAREHOUSE}`,
        userName: principal.userName,
      });
    } finally {
      redis.disconnect();
    }
  });

  it('never keeps a session that could not enter a schema not made yet', async () => {
    const scoped = { catalog: 'spark_catalog', schema: `it_pool_${randomInt(1e9)}` };
    expect((await execute({ statement: 'SELECT 1', ...scoped })).status.state).toBe('SUCCEEDED');
    expect((await execute({ statement: `CREATE SCHEMA ${scoped.schema}` })).status.state).toBe('SUCCEEDED');
    const after = await execute({ statement: 'SELECT current_schema()', ...scoped });
    expect(after.result?.data_array).toEqual([[scoped.schema]]);
  });

  const view = `leaked_${randomInt(1e6)}`;
  it.each([
    {
      change: 'USE',
      statement: (schema: string) => `USE ${schema}`,
      probe: 'SELECT current_schema()',
      check: (after: Response) => expect(after.result?.data_array).toEqual([['default']]),
    },
    {
      change: 'SET',
      statement: () => 'SET spark.sql.ansi.enabled = false',
      // In ANSI mode, the default, a division by zero fails.
      probe: 'SELECT 1 / 0',
      check: (after: Response) => expect(after.status.error?.message).toContain('DIVIDE_BY_ZERO'),
    },
    {
      change: 'a temporary view',
      statement: () => `CREATE TEMPORARY VIEW ${view} AS SELECT 1 AS a`,
      probe: `SELECT * FROM ${view}`,
      check: (after: Response) => expect(after.status.error?.message).toContain('TABLE_OR_VIEW_NOT_FOUND'),
    },
  ])('never lets $change reach the next statement', async ({ statement, probe, check }) => {
    const schema = `it_pool_${randomInt(1e9)}`;
    expect((await execute({ statement: `CREATE SCHEMA ${schema}` })).status.state).toBe('SUCCEEDED');
    expect((await execute({ statement: statement(schema) })).status.state).toBe('SUCCEEDED');
    check(await execute({ statement: probe }));
  });

  it('replaces a kept session that the driver no longer has, and sets its namespace again', async () => {
    const schema = `it_pool_${randomInt(1e9)}`;
    expect((await execute({ statement: `CREATE SCHEMA ${schema}` })).status.state).toBe('SUCCEEDED');
    const engine = new SqlEngine(loadConnectProtos(sparkConnectProtosDir()), computeCallers);
    try {
      const target = {
        workspaceId,
        compute: WAREHOUSE,
        address: server.remote.replace('sc://', ''),
        userId: principal.userName,
        catalog: 'spark_catalog',
        schema,
      };
      const run = async () => {
        const lease = engine.sessions.acquire(target);
        const rows: unknown[] = [];
        for await (const part of engine.runLeased(lease, {
          operationId: randomUUID(),
          sql: 'SELECT current_schema()',
        })) {
          if (part.kind === 'batch') rows.push(...part.batch.toArray().map((row) => Object.values(row)));
        }
        engine.giveBack(lease, 'SELECT current_schema()', true);
        return { rows, sessionId: lease.session.sessionId, reused: lease.reused };
      };
      const first = await run();
      // The driver ends the kept session behind the pool's back (as one that restarted would).
      await engine.releaseSession({
        address: target.address,
        sessionId: first.sessionId,
        userId: target.userId,
      });
      const second = await run();
      expect(second).toMatchObject({ rows: [[schema]], reused: false });
      expect(second.sessionId).not.toBe(first.sessionId);
    } finally {
      engine.close();
    }
  });
});

describe('small INLINE results', () => {
  it('are kept in the statement store, and read back by any reader', async () => {
    const response = await execute({ statement: 'SELECT 42 AS answer' });
    expect(response.result?.data_array).toEqual([['42']]);
    const id = response.statement_id;
    const objects = await storage.forWorkspace(workspaceId).list(`sql-results/${id}/`);
    expect(objects.objects).toEqual([]);
    const record = await service.get(workspace, principal, id);
    const again = JSON.parse(await statementResponseText(record, service.chunks)) as Response;
    expect(again.result?.data_array).toEqual([['42']]);
    const chunk = JSON.parse(await resultDataText(record, 0, service.chunks)) as Response['result'];
    expect(chunk?.data_array).toEqual([['42']]);
  });

  it('go to the object store when they are EXTERNAL_LINKS', async () => {
    const response = await execute({ statement: 'SELECT 42 AS answer', disposition: 'EXTERNAL_LINKS' });
    expect(response.status.state).toBe('SUCCEEDED');
    const objects = await storage.forWorkspace(workspaceId).list(`sql-results/${response.statement_id}/`);
    expect(objects.objects).toHaveLength(1);
  });
});
