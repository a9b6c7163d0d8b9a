import { mkdir, stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { type DuckDBConnection, DuckDBInstance, DuckDBTypeId, ResultReturnType } from '@duckdb/node-api';
import { type Dbfs, DbfsError } from '../storage/dbfs.js';
import { dbfsPathOfKey } from '../storage/paths.js';
import { type DbfsReference, globBase, globToRegExp, rewriteDbfsLiterals } from './dbfs-literals.js';
import type { TableText } from './format-table.js';
import { splitStatements } from './sql-lexer.js';
import { planStatement } from './sql-script.js';

/**
 * Rows for a caller that wants values, not text: numbers and booleans as such (BIGINTs as
 * numbers while they are safe integers), everything else (dates, decimals' text, nested values)
 * in DuckDB's JSON form.
 */
export function plainRows(
  values: Record<string, unknown>[],
  json: Record<string, unknown>[],
): Record<string, unknown>[] {
  return values.map((row, index) => {
    const plain: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(row)) {
      if (typeof value === 'bigint') {
        plain[name] = Number.isSafeInteger(Number(value)) ? Number(value) : value.toString();
      } else if (value === null || ['number', 'boolean', 'string'].includes(typeof value)) {
        plain[name] = value;
      } else {
        plain[name] = json[index]?.[name] ?? null;
      }
    }
    return plain;
  });
}

/** A statement that failed; `message` is DuckDB's, with local mirror paths shown as dbfs:/ again. */
export class SqlStatementError extends Error {
  constructor(
    message: string,
    readonly statement: string,
    readonly statementIndex: number,
  ) {
    super(message);
    this.name = 'SqlStatementError';
  }
}

export interface StatementResult extends TableText {
  statement: string;
  /** Rows as objects, when asked for with `collect`. */
  objects?: Record<string, unknown>[];
}

export interface ScriptResult {
  statements: number;
  /** The result of the last statement that returned rows (a query), if any did. */
  last?: StatementResult;
}

export interface RunOptions {
  parameters?: Readonly<Record<string, string>>;
  /** Rows kept for display per query (default 20). */
  maxRows?: number;
  /** Also return the last query's rows as objects, up to this many. */
  collect?: number;
  signal?: AbortSignal;
}

/**
 * One DuckDB database and connection: a notebook run's SQL cells share it (tables and views made
 * by one cell are there for the next), and a SQL file task uses one for its script. DuckDB may
 * only touch the session's own directory, where DBFS inputs are mirrored and outputs staged.
 */
export class SqlSession {
  private statementCount = 0;
  private closing = false;
  private closed = false;
  /** Defaults from CREATE WIDGET statements; bound parameters win over them. */
  private readonly widgetDefaults = new Map<string, string>();
  /** Scripts run one at a time (the Python side may call from several threads). */
  private queue: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly connection: DuckDBConnection,
    private readonly dbfs: Dbfs,
    private readonly root: string,
  ) {}

  static async open(dbfs: Dbfs, root: string): Promise<SqlSession> {
    await mkdir(join(root, 'tmp'), { recursive: true });
    const instance = await DuckDBInstance.create(':memory:', {
      autoinstall_known_extensions: 'false',
      autoload_known_extensions: 'false',
    });
    const connection = await instance.connect();
    const quoted = (value: string) => `'${value.replaceAll("'", "''")}'`;
    await connection.run(`SET temp_directory = ${quoted(join(root, 'tmp'))}`);
    await connection.run(`SET allowed_directories = [${quoted(`${root}/`)}]`);
    await connection.run('SET enable_external_access = false');
    return new SqlSession(instance, connection, dbfs, root);
  }

  /** Runs a script statement by statement; stops at the first error. */
  runScript(sql: string, options: RunOptions = {}): Promise<ScriptResult> {
    const next = this.queue.then(() => this.runScriptNow(sql, options));
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async runScriptNow(sql: string, options: RunOptions): Promise<ScriptResult> {
    const statements = splitStatements(sql);
    const result: ScriptResult = { statements: statements.length };
    for (const [index, written] of statements.entries()) {
      options.signal?.throwIfAborted();
      const planned = planStatement(written, options.parameters ?? {}, this.widgetDefaults);
      if (!planned) continue;
      if ('error' in planned) throw new SqlStatementError(planned.error, written, index);
      const outcome = await this.runStatement(planned.sql, index, options, index === statements.length - 1);
      if (outcome) result.last = outcome;
    }
    return result;
  }

  /** Stops the statement that is running, if any. */
  interrupt(): void {
    if (!this.closed) this.connection.interrupt();
  }

  /** Interrupts what is running, refuses what is queued, and closes the database. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    this.interrupt();
    await this.queue;
    this.closed = true;
    this.connection.closeSync();
    this.instance.closeSync();
  }

  private localPaths(text: string): string {
    const escaped = this.root.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    return text.replace(new RegExp(`${escaped}/s\\d+/dbfs`, 'g'), 'dbfs:');
  }

  private async runStatement(
    statement: string,
    index: number,
    options: RunOptions,
    isLast: boolean,
  ): Promise<StatementResult | undefined> {
    this.statementCount += 1;
    const mirror = join(this.root, `s${this.statementCount}`, 'dbfs');
    let rewritten: string;
    let references: DbfsReference[];
    try {
      ({ sql: rewritten, references } = rewriteDbfsLiterals(statement, mirror));
      for (const reference of references) {
        if (reference.direction === 'input') await this.materialize(reference, mirror);
        else await mkdir(dirname(reference.localPath), { recursive: true });
      }
    } catch (error) {
      throw new SqlStatementError(error instanceof Error ? error.message : String(error), statement, index);
    }

    const maxRows = options.maxRows ?? 20;
    const wanted = Math.max(maxRows, isLast && options.collect !== undefined ? options.collect : 0);
    let reader: Awaited<ReturnType<DuckDBConnection['runAndReadUntil']>>;
    try {
      if (this.closing) throw new Error('the SQL session is closed');
      reader = await this.connection.runAndReadUntil(rewritten, wanted + 1);
    } catch (error) {
      options.signal?.throwIfAborted();
      const message = error instanceof Error ? error.message : String(error);
      throw new SqlStatementError(this.localPaths(message), statement, index);
    }

    for (const reference of references) {
      if (reference.direction !== 'output') continue;
      if (!(await stat(reference.localPath).catch(() => undefined))) continue;
      await this.dbfs.uploadFrom(reference.localPath, reference.path);
    }

    if (reader.returnType !== ResultReturnType.QUERY_RESULT) return undefined;
    const floating = reader
      .columnTypes()
      .map((type) => type.typeId === DuckDBTypeId.DOUBLE || type.typeId === DuckDBTypeId.FLOAT);
    const rows = reader.getRowsJson();
    const result: StatementResult = {
      statement,
      columns: reader.columnNames(),
      // 20.0, not 20, for a DOUBLE: as Spark shows it.
      rows: rows
        .slice(0, maxRows)
        .map((row) =>
          row.map((value, column) =>
            floating[column] && typeof value === 'number' && Number.isInteger(value) ? `${value}.0` : value,
          ),
        ),
      truncated: rows.length > maxRows || !reader.done,
    };
    if (isLast && options.collect !== undefined) {
      result.objects = plainRows(reader.getRowObjectsJS(), reader.getRowObjectsJson()).slice(
        0,
        options.collect,
      );
    }
    return result;
  }

  /** Downloads what an input literal names into the statement's mirror (missing inputs are skipped). */
  private async materialize(reference: DbfsReference, mirror: string): Promise<void> {
    if (!reference.glob) {
      try {
        await this.dbfs.downloadTo(reference.path, reference.localPath, true);
      } catch (error) {
        if (!(error instanceof DbfsError && error.code === 'FILE_NOT_FOUND')) throw error;
      }
      return;
    }
    const pattern = globToRegExp(reference.path);
    const base = globBase(reference.path);
    for (const object of await this.dbfs.listRecursive(base)) {
      if (object.key.endsWith('/')) continue;
      const path = dbfsPathOfKey(this.dbfs.workspaceId, object.key);
      if (!pattern.test(path)) continue;
      const local = join(mirror, ...path.split('/').filter(Boolean));
      await this.dbfs.downloadTo(path, local, false);
    }
  }
}
