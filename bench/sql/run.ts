/**
 * bench/sql: a TPC-H-like query set on a SQL warehouse, through the Statement Execution API beside
 * the same queries sent straight to the warehouse's Spark Connect server (the engine the API
 * drives) and beside DuckDB over the same Parquet files (the single-node engine a user would pick
 * instead), in the same run:
 *   - a point query (p50, p99 of --point-repeats) and each query of queries.json (p50 of --repeats);
 *   - the warehouse's start, STOPPED to RUNNING.
 * The data: tpchgen-cli at --scale, written as Delta tables by delta-rs into an external location
 * and registered in Unity Catalog with CREATE TABLE ... LOCATION through the API.
 * Usage: source .brickyard/env && npm run bench:sql -- [--scale 0.1] [--repeats 3] [--point-repeats 50]
 */
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { warehouseClusterId } from '@brickyard/common/warehouse-spec';
import { DatabricksClient } from '../support/databricks-client.js';

const { values } = parseArgs({
  options: {
    scale: { type: 'string', default: '0.1' },
    repeats: { type: 'string', default: '3' },
    'point-repeats': { type: 'string', default: '50' },
  },
});
const here = (file: string) => fileURLToPath(new URL(file, import.meta.url));
const QUERIES = here('./queries.json');
const repeats = Number(values.repeats);
const pointRepeats = Number(values['point-repeats']);

type Timings = Record<string, number[]>;

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run 'make up' and 'source .brickyard/env'`);
  return value;
}

/** Runs a workload script and parses the JSON line it prints last. */
async function python<T>(interpreter: string, script: string, args: string[]): Promise<T> {
  const { stdout } = await promisify(execFile)(interpreter, [here(script), ...args], {
    maxBuffer: 16 * 1024 * 1024,
    env: process.env,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? 'null') as T;
}

function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function throughApi(api: DatabricksClient, warehouseId: string, schema: string): Promise<Timings> {
  const queries = (await import(QUERIES, { with: { type: 'json' } })).default as Record<string, string>;
  const [catalog, schemaName] = schema.split('.');
  const timings: Timings = {};
  for (const [name, statement] of Object.entries(queries)) {
    const body = { warehouse_id: warehouseId, statement, catalog, schema: schemaName };
    await api.executeStatement(body);
    timings[name] = [];
    for (let i = 0; i < (name === 'point' ? pointRepeats : repeats); i++) {
      const started = performance.now();
      await api.executeStatement(body);
      timings[name].push(performance.now() - started);
    }
  }
  return timings;
}

const api = DatabricksClient.fromEnv();
const clientsPython = 'python3';
const runtimePython = join(required('BRICKYARD_SPARK_RUNTIME'), 'venv/bin/python3');
const run = randomUUID().slice(0, 8);
const bucket = required('BRICKYARD_BUCKET');
const dataPrefix = `external/bench-sql-${run}`;
const schema = `main.bench_tpch_${run}`;
const directory = await mkdtemp(join(tmpdir(), 'bench-sql-'));
let warehouseId: string | undefined;
try {
  console.log(
    `generating TPC-H at scale ${values.scale} (Parquet, then Delta tables in s3://${bucket}/${dataPrefix})`,
  );
  const locations = await python<Record<string, string>>(clientsPython, './tpch_data.py', [
    values.scale,
    directory,
    `s3://${bucket}/${dataPrefix}`,
  ]);

  warehouseId = await api.createWarehouse({
    name: `bench-sql-${run}`,
    cluster_size: '2X-Small',
    auto_stop_mins: 0,
  });
  const firstStartMs = await api.waitForWarehouse(warehouseId, 'RUNNING', 600_000);
  await api.stopWarehouse(warehouseId);
  await api.waitForWarehouse(warehouseId, 'STOPPED', 300_000);
  await api.startWarehouse(warehouseId);
  const restartMs = await api.waitForWarehouse(warehouseId, 'RUNNING', 600_000);

  await api.executeStatement({ warehouse_id: warehouseId, statement: `CREATE SCHEMA ${schema}` });
  for (const [table, location] of Object.entries(locations)) {
    await api.executeStatement({
      warehouse_id: warehouseId,
      statement: `CREATE TABLE ${schema}.${table} USING delta LOCATION '${location}'`,
    });
  }

  console.log('measuring: Statement Execution API, then Spark Connect straight to the driver, then DuckDB');
  const viaApi = await throughApi(api, warehouseId, schema);
  const connectUrl = await api.connectUrl(warehouseClusterId(warehouseId));
  const direct = await python<Timings>(runtimePython, './connect_workload.py', [
    connectUrl,
    schema,
    QUERIES,
    String(repeats),
    String(pointRepeats),
  ]);
  const duck = await python<Timings>(clientsPython, './duckdb_workload.py', [
    directory,
    QUERIES,
    String(repeats),
    String(pointRepeats),
  ]);

  console.log(
    `\nwarehouse start (2X-Small): first ${(firstStartMs / 1000).toFixed(1)} s, STOPPED to RUNNING ${(restartMs / 1000).toFixed(1)} s`,
  );
  console.log(
    '\nquery   API p50 ms  API p99 ms  Connect p50 ms  Connect p99 ms  API/Connect  added p50 ms  DuckDB p50 ms',
  );
  for (const name of Object.keys(viaApi)) {
    const apiSamples = viaApi[name] ?? [];
    const directSamples = direct[name] ?? [];
    const apiP50 = percentile(apiSamples, 50);
    const directP50 = percentile(directSamples, 50);
    console.log(
      [
        name.padEnd(7),
        apiP50.toFixed(1).padStart(10),
        percentile(apiSamples, 99).toFixed(1).padStart(11),
        directP50.toFixed(1).padStart(15),
        percentile(directSamples, 99).toFixed(1).padStart(15),
        `${(apiP50 / directP50).toFixed(2)}x`.padStart(12),
        (apiP50 - directP50).toFixed(1).padStart(13),
        percentile(duck[name] ?? [], 50)
          .toFixed(1)
          .padStart(14),
      ].join(' '),
    );
  }
} finally {
  if (warehouseId) {
    await api
      .executeStatement({ warehouse_id: warehouseId, statement: `DROP SCHEMA IF EXISTS ${schema} CASCADE` })
      .catch((error: unknown) => console.error(`could not drop ${schema}: ${String(error)}`));
    await api.deleteWarehouse(warehouseId);
  }
  await api.deletePrefix(`s3a://${bucket}/${dataPrefix}`);
  await rm(directory, { recursive: true, force: true });
}
