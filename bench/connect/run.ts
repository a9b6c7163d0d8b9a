/**
 * bench/connect: Spark Connect through the workspace host beside the same client straight to the
 * driver's Spark Connect port, in the same run and on the same cluster (a driver and one worker):
 *   - the round trip of a small query (p50 and p90; a few gRPC calls), and of one Config call,
 *     through the host over TLS (as Databricks Connect always goes) and over plaintext HTTP/2
 *     (sc://localhost), beside direct; and over plaintext with the token sent as a plain header,
 *     which spares the client its per-call credentials plugin (`token=`), to show the host's own cost;
 *   - a ~100 MB toPandas() (Arrow batches), MB/s through the host, beside direct.
 * One client process holds a session per path and sends each query to every path in turn
 * (bench/connect/connect_workload.py, the runtime's pyspark), so that the noise of a busy 2-core
 * machine falls on all paths alike.
 * Usage: source .brickyard/env && npm run bench:connect -- [--round-trips 200] [--megabytes 100]
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { DatabricksClient } from '../support/databricks-client.js';

const { values } = parseArgs({
  options: {
    'round-trips': { type: 'string', default: '200' },
    megabytes: { type: 'string', default: '100' },
    repeats: { type: 'string', default: '3' },
  },
});
const SCRIPT = fileURLToPath(new URL('./connect_workload.py', import.meta.url));

interface Measured {
  latencies_ms: number[];
  config_ms: number[];
  transfers: { seconds: number; bytes: number }[];
}

function required(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run 'make up' and 'source .brickyard/env'`);
  return value;
}

async function measure(urls: string[]): Promise<Measured[]> {
  const python = join(required('BRICKYARD_SPARK_RUNTIME'), 'venv/bin/python3');
  const args = [SCRIPT, values['round-trips'], values.megabytes, values.repeats, ...urls];
  const { stdout } = await promisify(execFile)(python, args, { maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '[]') as Measured[];
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

/** The median of the transfers' rates. */
function megabytesPerSecond(measured: Measured): number {
  return percentile(
    measured.transfers.map((t) => t.bytes / 1024 / 1024 / t.seconds),
    50,
  );
}

const api = DatabricksClient.fromEnv();
const token = required('DATABRICKS_TOKEN');
const port = new URL(required('DATABRICKS_HOST')).port;
let clusterId: string | undefined;
try {
  clusterId = await api.createCluster({
    cluster_name: 'bench-connect',
    spark_version: '19.3.x-scala2.13',
    node_type_id: 'm5d.large',
    num_workers: 1,
  });
  await api.waitForState(clusterId, 'RUNNING', 300_000);
  const through = (host: string, tls: boolean) =>
    `sc://${host}:${port}/;use_ssl=${tls};token=${token};x-databricks-cluster-id=${clusterId}`;
  const paths = {
    direct: await api.connectUrl(clusterId),
    'host, TLS': through('127.0.0.1', true),
    'host, plaintext HTTP/2': through('localhost', false),
    // The same token as a plain header: the client then runs no call-credentials plugin per call,
    // so this path shows what the host itself adds.
    'host, h2c, token header': `sc://localhost:${port}/;authorization=Bearer ${token};x-databricks-cluster-id=${clusterId}`,
  };
  const names = Object.keys(paths);
  console.log(`measuring ${names.join(', ')} in turn`);
  const results = await measure(Object.values(paths));
  const [direct] = results;
  if (!direct) throw new Error('no measurement of the direct path');
  const directP50 = percentile(direct.latencies_ms, 50);
  const directConfigP50 = percentile(direct.config_ms, 50);
  const directRate = megabytesPerSecond(direct);
  console.log(
    `\nsmall query round trip (${values['round-trips']} each) and ${values.megabytes} MB toPandas() (${values.repeats} each)`,
  );
  console.log(
    'path                     p50 ms  p90 ms  added p50 ms  one call p50 ms  added  toPandas MB/s  of direct',
  );
  results.forEach((measured, index) => {
    const p50 = percentile(measured.latencies_ms, 50);
    const rate = megabytesPerSecond(measured);
    console.log(
      [
        (names[index] ?? '').padEnd(23),
        p50.toFixed(2).padStart(6),
        percentile(measured.latencies_ms, 90).toFixed(2).padStart(7),
        (p50 - directP50).toFixed(2).padStart(13),
        percentile(measured.config_ms, 50).toFixed(2).padStart(16),
        (percentile(measured.config_ms, 50) - directConfigP50).toFixed(2).padStart(6),
        rate.toFixed(0).padStart(14),
        `${((rate / directRate) * 100).toFixed(0)}%`.padStart(10),
      ].join(' '),
    );
  });
} finally {
  if (clusterId) await api.permanentDelete(clusterId);
}
