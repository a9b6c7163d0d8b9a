import { basename, join } from 'node:path';
import { parseDbfsPath, StorageError } from '@brickyard/common/storage';
import { OutputGlobError } from '../sql/dbfs-literals.js';
import { formatTable } from '../sql/format-table.js';
import { MissingParameterError } from '../sql/sql-parameters.js';
import { prepareScript } from '../sql/sql-script.js';
import { type SqlSession, SqlStatementError } from '../sql/sql-session.js';
import { type Dbfs, DbfsError } from '../storage/dbfs.js';
import { BridgeCallError, type BridgeHandler } from './bridge-server.js';
import type { WorkspaceSecrets } from './workspace-secrets.js';

/** What the runtime offers the Python process (dbutils.fs and secrets, SQL cells, task values). */
export interface RuntimeBridgeOptions {
  dbfs: Dbfs;
  /** Where fs.download puts local copies (brickyard.local_path). */
  downloadDir: string;
  /** The run's SQL session, opened on first use. */
  sql: () => Promise<SqlSession>;
  /** Task values set by this task (dbutils.jobs.taskValues.set). */
  taskValues: Map<string, unknown>;
  /** dbutils.secrets: the Secrets API, as the cluster's creator. */
  secrets: WorkspaceSecrets;
  signal?: AbortSignal | undefined;
}

function text(args: Record<string, unknown>, name: string): string {
  const value = args[name];
  if (typeof value !== 'string') throw new BridgeCallError('INVALID_ARGUMENT', `'${name}' must be a string`);
  return value;
}

function flag(args: Record<string, unknown>, name: string): boolean {
  const value = args[name];
  if (value === undefined || value === null) return false;
  if (typeof value !== 'boolean')
    throw new BridgeCallError('INVALID_ARGUMENT', `'${name}' must be a boolean`);
  return value;
}

function count(args: Record<string, unknown>, name: string): number | undefined {
  const value = args[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new BridgeCallError('INVALID_ARGUMENT', `'${name}' must be a non-negative integer`);
  }
  return value;
}

function stringMap(args: Record<string, unknown>, name: string): Record<string, string> {
  const value = args[name];
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new BridgeCallError('INVALID_ARGUMENT', `'${name}' must be an object`);
  }
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, String(item)]));
}

/** Storage errors as the Python side raises them (see brickyard/_bridge.py). */
const STORAGE_ERROR_TYPES: Partial<Record<StorageError['kind'], string>> = {
  INVALID_PATH: 'INVALID_PATH',
  NOT_FOUND: 'FILE_NOT_FOUND',
  ALREADY_EXISTS: 'FILE_EXISTS',
  IS_A_DIRECTORY: 'IS_A_DIRECTORY',
  NOT_A_DIRECTORY: 'NOT_A_DIRECTORY',
  DIRECTORY_NOT_EMPTY: 'DIRECTORY_NOT_EMPTY',
};

export function describeRuntimeError(error: unknown): BridgeCallError {
  if (error instanceof BridgeCallError) return error;
  if (error instanceof DbfsError) return new BridgeCallError(error.code, error.message);
  if (error instanceof StorageError) {
    const type =
      STORAGE_ERROR_TYPES[error.kind] ?? (error.kind === 'UNAVAILABLE' ? 'INTERNAL' : 'INVALID_ARGUMENT');
    return new BridgeCallError(type, error.message);
  }
  if (error instanceof SqlStatementError) {
    return new BridgeCallError('SQL_ERROR', error.message, {
      statement: error.statement,
      statementIndex: error.statementIndex,
    });
  }
  if (error instanceof MissingParameterError || error instanceof OutputGlobError) {
    return new BridgeCallError('SQL_ERROR', error.message);
  }
  return new BridgeCallError('INTERNAL', error instanceof Error ? error.message : String(error));
}

export function runtimeBridgeHandlers(options: RuntimeBridgeOptions): Record<string, BridgeHandler> {
  const { dbfs } = options;
  let downloads = 0;
  // Defaults of widgets made by CREATE WIDGET in the run's scripts run on Spark.
  const sparkWidgetDefaults = new Map<string, string>();
  return {
    'fs.ls': async (args) => dbfs.ls(text(args, 'path')),
    'fs.head': async (args) =>
      (await dbfs.head(text(args, 'path'), count(args, 'maxBytes') ?? 65536)).toString('utf8'),
    'fs.put': async (args) => dbfs.put(text(args, 'path'), text(args, 'contents'), flag(args, 'overwrite')),
    'fs.cp': async (args) => dbfs.cp(text(args, 'source'), text(args, 'target'), flag(args, 'recurse')),
    'fs.mv': async (args) => dbfs.mv(text(args, 'source'), text(args, 'target'), flag(args, 'recurse')),
    'fs.rm': async (args) => dbfs.rm(text(args, 'path'), flag(args, 'recurse')),
    'fs.mkdirs': async (args) => dbfs.mkdirs(text(args, 'path')),
    'fs.download': async (args) => {
      const canonical = parseDbfsPath(text(args, 'path'));
      downloads += 1;
      const local = join(options.downloadDir, String(downloads), basename(canonical) || 'root');
      await dbfs.downloadTo(canonical, local, true);
      return local;
    },
    'sql.run': async (args) => {
      const session = await options.sql();
      const collect = count(args, 'collect');
      const result = await session.runScript(text(args, 'sql'), {
        parameters: stringMap(args, 'parameters'),
        maxRows: count(args, 'maxRows') ?? 20,
        ...(collect === undefined ? {} : { collect }),
        ...(options.signal ? { signal: options.signal } : {}),
      });
      const last = result.last;
      return {
        statements: result.statements,
        text: last ? formatTable(last) : null,
        columns: last?.columns ?? [],
        rows: last?.rows ?? [],
        truncated: last?.truncated ?? false,
        objects: last?.objects ?? null,
      };
    },
    // Spark SQL runs in the Python process: it gets the statements ready to run there.
    'sql.prepare': async (args) =>
      prepareScript(text(args, 'sql'), stringMap(args, 'parameters'), sparkWidgetDefaults),
    'secrets.get': async (args) => options.secrets.get(text(args, 'scope'), text(args, 'key')),
    'secrets.list': async (args) => options.secrets.list(text(args, 'scope')),
    'secrets.listScopes': async () => options.secrets.listScopes(),
    'taskValues.set': async (args) => {
      const key = text(args, 'key');
      options.taskValues.set(key, args.value ?? null);
      return true;
    },
  };
}
