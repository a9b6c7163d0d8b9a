/**
 * bench/spark: real Spark on Brickyard clusters, each figure beside a baseline from the same run.
 *   - create → RUNNING of a driver + 2 workers, beside a pyspark local-mode session start;
 *   - the first spark.range().count() after RUNNING: a notebook run (submit → result) and a Spark
 *     Connect client on the driver, beside the first count of the local session;
 *   - a TPC-H-like query set (bench/spark/workload.py) on the 1+2 cluster, beside local[2] on the
 *     same Parquet data in S3;
 *   - Delta commits per second with one writer and with four, beside the local session;
 *   - resident memory of an idle driver + 1 worker cluster (every process of its pods), beside the
 *     local session (driver JVM and Python).
 * Usage: source .brickyard/env && npm run bench:spark -- [--scale 0.05] [--commits 10]
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { cleanUp } from '../support/cleanup.js';
import { DatabricksClient } from '../support/databricks-client.js';
import { clusterMemory } from './pod-memory.js';
import { runWorkload } from './workload.js';

const { values } = parseArgs({
  options: { scale: { type: 'string', default: '0.05' }, commits: { type: 'string', default: '10' } },
});
const RUNTIME = '19.3.x-scala2.13';
const api = DatabricksClient.fromEnv();
const bucket = process.env.BRICKYARD_BUCKET ?? 'brickyard';
const prefix = `s3a://${bucket}/bench/spark-${randomUUID().slice(0, 8)}`;
const clusters: string[] = [];

interface Row {
  what: string;
  ours: string;
  baseline: string;
  ratio: string;
}
const rows: Row[] = [];
function record(what: string, ours: number, baseline: number, unit: string): void {
  // Rates are a few per second: whole numbers would hide them.
  const digits = unit === '/s' ? 2 : 0;
  rows.push({
    what,
    ours: `${ours.toFixed(digits)} ${unit}`,
    baseline: `${baseline.toFixed(digits)} ${unit}`,
    ratio: `${(ours / baseline).toFixed(2)}x`,
  });
  console.log(`  ${what}: ${ours.toFixed(digits)} ${unit} (baseline ${baseline.toFixed(digits)} ${unit})`);
}

async function startCluster(name: string, numWorkers: number): Promise<{ id: string; ms: number }> {
  const started = performance.now();
  const id = await api.createCluster({
    cluster_name: name,
    spark_version: RUNTIME,
    node_type_id: 'm5d.large',
    num_workers: numWorkers,
  });
  clusters.push(id);
  await api.waitForState(id, 'RUNNING', 300_000);
  return { id, ms: performance.now() - started };
}

try {
  console.log('baseline: a pyspark local[2] session');
  const local = await runWorkload(['session', '--target', 'local']);

  console.log('a cluster of a driver and 2 workers');
  const big = await startCluster('bench-spark-1-2', 2);
  record('create → RUNNING (1 driver + 2 workers) vs local session start', big.ms, local.session_ms, 'ms');
  const notebookMs = await api.timeNotebook(big.id, 'dbutils.notebook.exit(str(spark.range(1000).count()))');
  const remote = await runWorkload(['session', '--target', await api.connectUrl(big.id)]);
  record('first count after RUNNING: notebook run, submit → result', notebookMs, local.first_count_ms, 'ms');
  record(
    'first count after RUNNING: Connect client on the driver',
    remote.first_count_ms,
    local.first_count_ms,
    'ms',
  );

  const data = `${prefix}/tpch`;
  const connect = await api.connectUrl(big.id);
  await runWorkload(['generate', '--target', connect, '--data', data, '--scale', values.scale]);
  const onCluster = await runWorkload(['queries', '--target', connect, '--data', data]);
  const onLocal = await runWorkload(['queries', '--target', 'local', '--data', data]);
  record(`TPC-H-like query set, scale ${values.scale}`, onCluster.total_ms, onLocal.total_ms, 'ms');

  for (const writers of ['1', '4']) {
    const args = ['commits', '--writers', writers, '--commits', values.commits];
    const ours = await runWorkload([
      ...args,
      '--target',
      connect,
      '--table',
      `${prefix}/commits-c${writers}`,
    ]);
    const base = await runWorkload([
      ...args,
      '--target',
      'local',
      '--table',
      `${prefix}/commits-l${writers}`,
    ]);
    for (const result of [ours, base]) {
      if (result.versions !== result.expected_versions || result.errors.length > 0)
        throw new Error(`lost commits: ${JSON.stringify(result)}`);
    }
    record(`Delta commits/s, ${writers} writer(s)`, ours.commits_per_second, base.commits_per_second, '/s');
  }
  await api.terminate(big.id);

  const small = await startCluster('bench-spark-1-1', 1);
  await new Promise((resolve) => setTimeout(resolve, 10_000));
  const idle = clusterMemory(small.id);
  record('idle cluster RSS (1 driver + 1 worker) vs local session RSS', idle.rssMb, local.rss_mb, 'MB');
  record('idle cluster PSS (shared pages split) vs local session RSS', idle.pssMb, local.rss_mb, 'MB');
} finally {
  await cleanUp([...clusters.map((id) => () => api.permanentDelete(id)), () => api.deletePrefix(prefix)]);
}

const widths = (['what', 'ours', 'baseline', 'ratio'] as const).map((key) =>
  Math.max(key.length, ...rows.map((row) => row[key].length)),
);
const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ');
console.log(`\n${line(['what', 'ours', 'baseline', 'ratio'])}`);
for (const row of rows) console.log(line([row.what, row.ours, row.baseline, row.ratio]));
