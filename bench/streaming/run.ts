/**
 * bench/streaming: Structured Streaming from the platform's Kafka broker, on a Brickyard cluster
 * into Delta, beside pyspark's own local[2] session from the same topic into Parquet (Spark's
 * Kafka-to-Parquet in local mode), both in the platform's S3, in the same run:
 *   - records per second of a trigger(availableNow=True) run over a topic of --records records;
 *   - end-to-end latency of a running stream: a record's Kafka timestamp until a read of the
 *     sink returns it (median of --samples records produced one at a time).
 * Usage: source .brickyard/env && npm run bench:streaming -- [--records 200000] [--samples 10]
 */
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { runSparkScript } from '../spark/workload.js';
import { cleanUp } from '../support/cleanup.js';
import { DatabricksClient } from '../support/databricks-client.js';

const { values } = parseArgs({
  options: { records: { type: 'string', default: '200000' }, samples: { type: 'string', default: '10' } },
});
const RUNTIME = '19.3.x-scala2.13';
const SCRIPT = fileURLToPath(new URL('./workload.py', import.meta.url));
const api = DatabricksClient.fromEnv();
const bucket = process.env.BRICKYARD_BUCKET ?? 'brickyard';
const run = randomUUID().slice(0, 8);
const prefix = `s3a://${bucket}/bench/streaming-${run}`;
const clusters: string[] = [];

interface Ingest {
  rows: number;
  records_per_second: number;
}
interface Latency {
  p50_ms: number;
  max_ms: number;
}

const rows: string[][] = [];
function record(what: string, ours: number, baseline: number, unit: string): void {
  rows.push([
    what,
    `${ours.toFixed(0)} ${unit}`,
    `${baseline.toFixed(0)} ${unit}`,
    `${(ours / baseline).toFixed(2)}x`,
  ]);
  console.log(`  ${what}: ${ours.toFixed(0)} ${unit} (baseline ${baseline.toFixed(0)} ${unit})`);
}

try {
  const topic = `bench-streaming-${run}`;
  console.log(`producing ${values.records} records to ${topic}`);
  await runSparkScript(SCRIPT, ['produce', '--topic', topic, '--records', values.records]);

  console.log('a cluster of a driver alone');
  const clusterId = await api.createCluster({
    cluster_name: 'bench-streaming',
    spark_version: RUNTIME,
    node_type_id: 'm5d.large',
    num_workers: 0,
  });
  clusters.push(clusterId);
  await api.waitForState(clusterId, 'RUNNING', 300_000);
  const connect = await api.connectUrl(clusterId);

  const ingest = (target: string, sink: string, path: string) =>
    runSparkScript<Ingest>(SCRIPT, [
      'ingest',
      '--target',
      target,
      '--topic',
      topic,
      '--sink',
      sink,
      '--path',
      path,
    ]);
  const ours = await ingest(connect, 'delta', `${prefix}/ingest-delta`);
  const base = await ingest('local', 'parquet', `${prefix}/ingest-parquet`);
  for (const result of [ours, base]) {
    if (result.rows !== Number(values.records))
      throw new Error(`lost or repeated records: ${JSON.stringify(result)}`);
  }
  record(
    'Kafka → sink, availableNow: records/s (cluster → Delta vs local → Parquet)',
    ours.records_per_second,
    base.records_per_second,
    'rec/s',
  );

  const latency = (target: string, sink: string, path: string) =>
    runSparkScript<Latency>(SCRIPT, [
      'latency',
      ...['--target', target, '--topic', `${topic}-latency-${sink}`, '--sink', sink, '--path', path],
      ...['--samples', values.samples],
    ]);
  const oursLatency = await latency(connect, 'delta', `${prefix}/latency-delta`);
  const baseLatency = await latency('local', 'parquet', `${prefix}/latency-parquet`);
  record(
    'end-to-end latency p50: Kafka timestamp → readable in the sink',
    oursLatency.p50_ms,
    baseLatency.p50_ms,
    'ms',
  );
  record('end-to-end latency max', oursLatency.max_ms, baseLatency.max_ms, 'ms');
} finally {
  await cleanUp([...clusters.map((id) => () => api.permanentDelete(id)), () => api.deletePrefix(prefix)]);
}

const header = ['what', 'ours', 'baseline', 'ratio'];
const widths = header.map((title, i) => Math.max(title.length, ...rows.map((row) => row[i]?.length ?? 0)));
const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i] ?? 0)).join('  ');
console.log(`\n${line(header)}`);
for (const row of rows) console.log(line(row));
