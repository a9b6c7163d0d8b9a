import { randomUUID } from 'node:crypto';
import { type RecordBatch, tableFromIPC } from 'apache-arrow';
import { sqlTypeOfArrow } from './arrow-sql-type.js';
import { type ConnectSession, type ExecuteEvent, SparkConnectClient } from './connect-client.js';
import { sqlErrorOfCall } from './connect-error.js';
import type { ConnectProtos } from './connect-protos.js';
import { substituteMarkers } from './marker-substitution.js';
import type { ResultColumn } from './result-format.js';
import { SqlError } from './sql-error.js';
import { bindParameters, type StatementParameter } from './sql-parameters.js';
import { type DataTypeMessage, sqlTypeOf } from './sql-type.js';

/** A SQL statement to run on a driver's Spark Connect server, in a Spark session of its own. */
export interface SqlStatement {
  session: ConnectSession;
  operationId: string;
  sql: string;
  parameters?: readonly StatementParameter[] | undefined;
  /** Default catalog and schema of the session (USE CATALOG, USE SCHEMA). */
  catalog?: string | undefined;
  schema?: string | undefined;
}

/** What a running statement produces: its columns once, then its rows batch by batch. */
export type ResultPart =
  | { kind: 'columns'; columns: ResultColumn[] }
  | { kind: 'batch'; batch: RecordBatch; arrowBytes: number };

function quoteIdentifier(name: string): string {
  return `\`${name.replaceAll('`', '``')}\``;
}

/** Columns from the schema Spark sends (a STRUCT), else from the Arrow schema of the first batch. */
function columnsOf(schema: DataTypeMessage | undefined, batch: RecordBatch | undefined): ResultColumn[] {
  const type = schema ? sqlTypeOf(schema) : undefined;
  if (type?.kind === 'struct') return type.fields.map((field) => ({ name: field.name, type: field.type }));
  return (batch?.schema.fields ?? []).map((field) => ({
    name: field.name,
    type: sqlTypeOfArrow(field.type),
  }));
}

/**
 * Runs SQL statements on Spark Connect: the engine behind the Statement Execution API (and the
 * SQL connectors' endpoint to come). Failures are thrown as SqlError; the caller releases the
 * session when it is done with it.
 */
export class SqlEngine {
  private readonly client: SparkConnectClient;

  constructor(private readonly protos: ConnectProtos) {
    this.client = new SparkConnectClient(protos);
  }

  private async *events(statement: SqlStatement, signal?: AbortSignal): AsyncGenerator<ExecuteEvent> {
    const { session, operationId } = statement;
    try {
      const sql = substituteMarkers(statement.sql, bindParameters(statement.parameters ?? []));
      // The session's namespace first, in the session the statement runs in.
      if (statement.catalog)
        await this.drain(session, `SET CATALOG ${quoteIdentifier(statement.catalog)}`, signal);
      if (statement.schema) await this.drain(session, `USE ${quoteIdentifier(statement.schema)}`, signal);
      yield* this.client.execute({ session, operationId, sql }, signal);
    } catch (error) {
      if (error instanceof SqlError) throw error;
      throw sqlErrorOfCall(error, this.protos);
    }
  }

  private async drain(session: ConnectSession, sql: string, signal?: AbortSignal) {
    for await (const _event of this.client.execute({ session, operationId: randomUUID(), sql }, signal)) {
      // A USE answers no rows worth reading.
    }
  }

  /** The statement's columns, then its batches; stopping early ends the call on the driver. */
  async *run(statement: SqlStatement, signal?: AbortSignal): AsyncGenerator<ResultPart> {
    let schema: DataTypeMessage | undefined;
    let columnsSent = false;
    for await (const event of this.events(statement, signal)) {
      if (event.kind === 'schema') {
        schema = event.dataType;
        continue;
      }
      const table = tableFromIPC(event.data);
      if (!columnsSent) {
        columnsSent = true;
        yield { kind: 'columns', columns: columnsOf(schema, table.batches[0]) };
      }
      const perBatch = table.batches.length > 0 ? event.data.byteLength / table.batches.length : 0;
      for (const batch of table.batches) {
        if (batch.numRows > 0) yield { kind: 'batch', batch, arrowBytes: perBatch };
      }
    }
    if (!columnsSent) yield { kind: 'columns', columns: columnsOf(schema, undefined) };
  }

  interrupt(session: ConnectSession, operationId: string): Promise<void> {
    return this.client.interrupt(session, operationId);
  }

  releaseSession(session: ConnectSession): Promise<void> {
    return this.client.releaseSession(session);
  }

  close(): void {
    this.client.close();
  }
}
