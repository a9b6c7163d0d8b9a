import { type RecordBatch, tableFromArrays, tableFromIPC } from 'apache-arrow';
import type { FastifyBaseLogger } from 'fastify';
import { describe, expect, it } from 'vitest';
import type { ConnectSession } from '../sql-engine/connect-client.js';
import type { ResultPart, SqlEngine, SqlStatement } from '../sql-engine/sql-engine.js';
import { SqlError } from '../sql-engine/sql-error.js';
import type { SqlCompute } from './sql-compute.js';
import { StatementOperation, type StatementRequest } from './statement-operation.js';

const log = { error: () => {}, debug: () => {} } as unknown as FastifyBaseLogger;
const compute: SqlCompute = {
  key: 'warehouse/w',
  driverAddress: async () => 'driver:15002',
  markActive: () => {},
};
const session: ConnectSession = { address: 'driver:15002', sessionId: 's', userId: 'u' };

const ids = tableFromArrays({ id: Int32Array.from([1, 2, 3, 4, 5]) }).batches[0] as RecordBatch;
const columns = [{ name: 'id', type: { kind: 'int' as const } }];

/** An engine that answers every statement with these parts, then `failure` if given. */
function engineOf(parts: ResultPart[], failure?: Error) {
  const ran: SqlStatement[] = [];
  const engine = {
    ran,
    async *run(statement: SqlStatement): AsyncGenerator<ResultPart> {
      ran.push(statement);
      yield* parts;
      if (failure) throw failure;
    },
    interrupt: async () => {},
  };
  return engine;
}

function operation(engine: ReturnType<typeof engineOf>, request: Partial<StatementRequest> = {}) {
  return new StatementOperation(
    { engine: engine as unknown as SqlEngine, compute, sparkSession: async () => session, log },
    { sql: 'SELECT id', parameters: [], arrow: undefined, ...request },
  );
}

const fetchAll = { maxRows: 100, maxBytes: 1 << 20, fromStart: false };

describe('a statement of a session', () => {
  it('runs in the session’s Spark session under the operation’s id, and finishes with its rows', async () => {
    const engine = engineOf([
      { kind: 'columns', columns },
      { kind: 'batch', batch: ids, arrowBytes: 100 },
    ]);
    const statement = operation(engine);
    await statement.settled(1000);
    expect(statement.status().state).toBe('FINISHED');
    expect(engine.ran[0]).toMatchObject({ session, operationId: statement.handle.id, sql: 'SELECT id' });
    const page = await statement.fetch({ ...fetchAll, maxRows: 2 });
    expect(page.rowSet.columns?.[0]?.i32Val?.values).toEqual([1, 2]);
    expect(page.hasMoreRows).toBe(true);
    const rest = await statement.fetch(fetchAll);
    expect(rest.rowSet.startRowOffset.toNumber()).toBe(2);
    expect(rest.rowSet.columns?.[0]?.i32Val?.values).toEqual([3, 4, 5]);
    expect(rest.hasMoreRows).toBe(false);
  });

  it('answers Arrow batches to a client that reads Arrow', async () => {
    const engine = engineOf([
      { kind: 'columns', columns },
      { kind: 'batch', batch: ids, arrowBytes: 100 },
    ]);
    const statement = operation(engine, { arrow: { timestamps: true, decimals: true, complexTypes: true } });
    await statement.settled(1000);
    const metadata = statement.metadata();
    expect(metadata.format).toBe('arrow');
    const page = await statement.fetch(fetchAll);
    const batches = page.rowSet.arrowBatches ?? [];
    expect(batches.map((batch) => batch.rowCount.toNumber())).toEqual([5]);
    const table = tableFromIPC(
      Buffer.concat([metadata.arrowSchema ?? Buffer.alloc(0), ...batches.map((b) => b.batch)]),
    );
    expect([...(table.getChild('id') ?? [])]).toEqual([1, 2, 3, 4, 5]);
  });

  it('fails with Spark’s message and SQLSTATE when Spark refuses it', async () => {
    const refused = new SqlError(
      '[TABLE_OR_VIEW_NOT_FOUND] The table `nope` cannot be found. SQLSTATE: 42P01',
      'TABLE_OR_VIEW_NOT_FOUND',
      '42P01',
    );
    const statement = operation(engineOf([], refused));
    await statement.settled(1000);
    const { state, error } = statement.status();
    expect(state).toBe('ERROR');
    expect(error?.message).toContain('TABLE_OR_VIEW_NOT_FOUND');
    expect(error?.sqlState).toBe('42P01');
    expect(() => statement.metadata()).toThrow('TABLE_OR_VIEW_NOT_FOUND');
  });

  it('answers a failure after its first rows to the fetch that reaches it', async () => {
    const engine = engineOf(
      [
        { kind: 'columns', columns },
        { kind: 'batch', batch: ids, arrowBytes: 100 },
      ],
      new SqlError('[DIVIDE_BY_ZERO] Division by zero. SQLSTATE: 22012', 'DIVIDE_BY_ZERO', '22012'),
    );
    const statement = operation(engine);
    await statement.settled(1000);
    // The failure came after the rows: whether it is FINISHED or ERROR depends on when it is seen.
    if (statement.status().state === 'FINISHED') {
      await statement.fetch(fetchAll);
      await expect(statement.fetch(fetchAll)).rejects.toThrow('DIVIDE_BY_ZERO');
    } else {
      expect(statement.status().error?.sqlState).toBe('22012');
    }
  });

  it('keeps to the client’s row limit', async () => {
    const engine = engineOf([
      { kind: 'columns', columns },
      { kind: 'batch', batch: ids, arrowBytes: 100 },
    ]);
    const statement = operation(engine, { rowLimit: 2 });
    await statement.settled(1000);
    const page = await statement.fetch(fetchAll);
    expect(page.rowSet.columns?.[0]?.i32Val?.values).toEqual([1, 2]);
    expect(page.hasMoreRows).toBe(false);
  });

  it('is CANCELED when cancelled before it ends, and CLOSED once closed', async () => {
    const pending: SqlCompute = {
      ...compute,
      driverAddress: (signal) =>
        new Promise((_, reject) => signal.addEventListener('abort', () => reject(signal.reason))),
    };
    const statement = new StatementOperation(
      {
        engine: engineOf([]) as unknown as SqlEngine,
        compute: pending,
        sparkSession: async () => session,
        log,
      },
      { sql: 'SELECT 1', parameters: [], arrow: undefined },
    );
    expect(statement.status().state).toBe('PENDING');
    statement.cancel();
    expect(statement.status().state).toBe('CANCELED');
    await expect(statement.fetch(fetchAll)).rejects.toThrow('Expected state FINISHED, but found CANCELED');
    statement.close();
    expect(statement.status().state).toBe('CLOSED');
  });
});
