/**
 * bench/cluster/pool-start: a Spark cluster's start from a warm instance pool beside a cold start,
 * in the same run, through the REST API as a user starts one (clusters/create, then clusters/get
 * until RUNNING). The cluster is single-node (runtime 19.3, m5d.large, no spark_conf): the shape
 * a pool's warm driver is started for. Each pool start waits first for the pool to have a warm
 * idle instance again (its minimum is 1), so every run takes a warm one; cold and pool starts
 * alternate, so both see the same machine. Also: the first notebook command on the new cluster
 * (a jobs/runs/submit notebook task, submit → result), which a pool's warm-up makes fast too.
 * Target (issue 16): from a warm pool ≤ 25% of the cold time.
 * Usage: source .brickyard/env && npm run bench:cluster-pool -- [--runs 3]
 */
import { parseArgs } from 'node:util';
import { cleanUp } from '../support/cleanup.js';
import { DatabricksClient } from '../support/databricks-client.js';
import { median } from './harness.js';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' } } });
const RUNS = Math.max(1, Number(values.runs));
const SPARK_VERSION = '19.3.x-scala2.13';
const NODE_TYPE = 'm5d.large';
const START_TIMEOUT_MS = 300_000;
const FIRST_COMMAND = 'print(spark.range(1000).selectExpr("sum(id)").first()[0])';

const api = DatabricksClient.fromEnv();
const clusters: string[] = [];
let poolId: string | undefined;

interface Start {
  toRunningMs: number;
  firstCommandMs: number;
}

async function startCluster(pool: string | undefined): Promise<Start> {
  const started = performance.now();
  const clusterId = await api.createCluster({
    cluster_name: `bench-pool-${pool ? 'warm' : 'cold'}`,
    spark_version: SPARK_VERSION,
    num_workers: 0,
    ...(pool ? { instance_pool_id: pool } : { node_type_id: NODE_TYPE }),
  });
  clusters.push(clusterId);
  await api.waitForState(clusterId, 'RUNNING', START_TIMEOUT_MS);
  const toRunningMs = performance.now() - started;
  const firstCommandMs = await api.timeNotebook(clusterId, FIRST_COMMAND);
  await api.permanentDelete(clusterId);
  clusters.splice(clusters.indexOf(clusterId), 1);
  return { toRunningMs, firstCommandMs };
}

try {
  poolId = await api.createInstancePool({
    instance_pool_name: 'bench-pool',
    node_type_id: NODE_TYPE,
    min_idle_instances: 1,
    max_capacity: 4,
    preloaded_spark_versions: [SPARK_VERSION],
  });
  const pool = poolId;
  const cold: Start[] = [];
  const warm: Start[] = [];
  for (let run = 0; run < RUNS; run++) {
    cold.push(await startCluster(undefined));
    await api.waitForPool(pool, (stats) => (stats.idle_count ?? 0) >= 1, START_TIMEOUT_MS);
    warm.push(await startCluster(pool));
  }
  const ms = (starts: Start[], field: keyof Start) => median(starts.map((start) => start[field]));
  const coldRunning = ms(cold, 'toRunningMs');
  const warmRunning = ms(warm, 'toRunningMs');
  const rows = [
    ['benchmark', `from the pool (median of ${RUNS})`, 'cold, same run', 'ratio', 'target'],
    [
      'create → RUNNING (single-node Spark)',
      `${warmRunning.toFixed(0)} ms`,
      `${coldRunning.toFixed(0)} ms`,
      `${((100 * warmRunning) / coldRunning).toFixed(0)}%`,
      '≤ 25%',
    ],
    [
      'first notebook command (submit → result)',
      `${ms(warm, 'firstCommandMs').toFixed(0)} ms`,
      `${ms(cold, 'firstCommandMs').toFixed(0)} ms`,
      '',
      '',
    ],
  ];
  const widths = (rows[0] ?? []).map((_, i) => Math.max(...rows.map((row) => row[i]?.length ?? 0)));
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  '));
  const list = (starts: Start[]) => starts.map((start) => start.toRunningMs.toFixed(0)).join(', ');
  console.log(`\nruns (ms to RUNNING): pool ${list(warm)}; cold ${list(cold)}`);
} finally {
  await cleanUp([
    ...clusters.map((id) => () => api.permanentDelete(id)),
    () => (poolId ? api.deleteInstancePool(poolId) : undefined),
  ]);
}
