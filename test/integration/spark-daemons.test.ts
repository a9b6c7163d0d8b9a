import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import { mkdtempSync, openSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readPlatformEnv } from '@brickyard/common/platform-env';
import { createRedisConnection } from '@brickyard/common/redis-connection';
import { createS3Client, ObjectStore } from '@brickyard/common/storage';
import { clusterQueueName } from '@brickyard/common/tasks';
import { clusterSparkMasterKey } from '@brickyard/common/vocabulary';
import { Queue } from 'bullmq';
import { afterAll, describe, expect, it } from 'vitest';
import { sourceEntry } from './support/source-entry.js';
import { sparkRuntimeDir } from './support/spark-runtime-dir.js';
import { waitFor } from './support/wait-for.js';

/**
 * The Spark daemons of a cluster's pods, for real: the runtime (services/worker/src/main.ts) runs
 * as a driver pod and a worker pod would run it, each on a loopback address of its own, against
 * the platform's Redis and S3 (no Kubernetes: the processes are started here, as the instance
 * agent would). A PySpark Connect client then works through them. One driver and one worker: the
 * machine has two cores.
 */
const env = readPlatformEnv();
const repoRoot = resolve(import.meta.dirname, '../..');
const runtimeDir = sparkRuntimeDir();
const suffix = randomUUID().slice(0, 8);
const clusterId = `it-spark-${suffix}`;
const subnet = `127.${randomInt(64, 250)}.${randomInt(0, 250)}`;
const driver = { role: 'driver', ip: `${subnet}.1`, name: `${clusterId}-driver` } as const;
const worker = { role: 'worker', ip: `${subnet}.2`, name: `${clusterId}-worker-0` } as const;
const HEALTH_PORT = 9100;
const workDir = mkdtempSync(join(tmpdir(), 'it-spark-'));
const tablePrefix = `tmp/${clusterId}/`;
const redis = createRedisConnection(env.redisUrl);
const s3 = createS3Client(env.s3);
const processes = new Map<string, ChildProcess>();

type Pod = typeof driver | typeof worker;

function startPod(pod: Pod): ChildProcess {
  const log = openSync(join(workDir, `${pod.name}.log`), 'a');
  const child = spawn(process.execPath, sourceEntry('services/worker/src/main.ts'), {
    cwd: repoRoot,
    env: {
      ...process.env,
      BRICKYARD_SPARK_ENGINE: 'spark',
      BRICKYARD_SPARK_RUNTIME: runtimeDir,
      BRICKYARD_SPARK_CONF: JSON.stringify({ 'spark.sql.ansi.enabled': 'true' }),
      BRICKYARD_SINGLE_NODE: 'false',
      BRICKYARD_CLUSTER_ID: clusterId,
      BRICKYARD_WORKSPACE_ID: String(8_000_000_000_000 + randomInt(1_000_000_000)),
      BRICKYARD_ROLE: pod.role,
      BRICKYARD_NODE_TYPE: 'm5d.large',
      BRICKYARD_POD_IP: pod.ip,
      BRICKYARD_POD_NAME: pod.name,
      HOSTNAME: pod.name,
      BRICKYARD_WORKER_PORT: String(HEALTH_PORT),
    },
    stdio: ['ignore', log, log],
  });
  processes.set(pod.name, child);
  return child;
}

const hint = () => `pod logs in ${workDir}`;

async function readyz(pod: Pod): Promise<true | undefined> {
  const response = await fetch(`http://${pod.ip}:${HEALTH_PORT}/readyz`, {
    signal: AbortSignal.timeout(2_000),
  });
  return response.status === 200 ? true : undefined;
}

interface Jvm {
  pid: number;
  mainClass: string;
  pod: string;
  rssMb: number;
}

/** The cluster's JVMs, found by the cluster id in their environment (inherited from the runtime). */
function clusterJvms(): Jvm[] {
  const jvms: Jvm[] = [];
  for (const entry of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      const environ = readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0');
      const argv = readFileSync(`/proc/${entry}/cmdline`, 'utf8').split('\0');
      if (!argv[0]?.endsWith('/java') || !environ.includes(`BRICKYARD_CLUSTER_ID=${clusterId}`)) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${entry}/status`, 'utf8'))?.[1];
      jvms.push({
        pid: Number(entry),
        mainClass: argv.find((arg) => arg.startsWith('org.apache.spark.')) ?? '?',
        pod: environ.find((variable) => variable.startsWith('HOSTNAME='))?.slice('HOSTNAME='.length) ?? '?',
        rssMb: Math.round(Number(rss ?? 0) / 1024),
      });
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return jvms;
}

const figures = () =>
  clusterJvms()
    .map((jvm) => `${jvm.pod} ${jvm.mainClass.split('.').pop()}: ${jvm.rssMb} MB`)
    .sort();

const exitOf = (child: ChildProcess) =>
  new Promise<number | null>((done) => {
    if (child.exitCode !== null) done(child.exitCode);
    else child.once('exit', (code) => done(code));
  });

const CLIENT = `
import json, os, sys
from pyspark.sql import SparkSession
from pyspark.sql.functions import udf
spark = SparkSession.builder.getOrCreate()
count = spark.range(1000).count()
path = sys.argv[1]
spark.range(100).withColumnRenamed("id", "n").write.format("delta").mode("overwrite").save(path)
table = spark.read.format("delta").load(path)
# Executors see their pod's name, and nothing of the control plane's Redis.
hostname = udf(lambda: os.environ.get("HOSTNAME", "") + (" with REDIS_URL" if "REDIS_URL" in os.environ else ""))
hosts = sorted({row[0] for row in spark.range(4).select(hostname()).collect()})
print(json.dumps({"count": count, "rows": table.count(), "sum": table.groupBy().sum("n").collect()[0][0],
                  "hosts": hosts, "version": spark.version}))
`;

describe('the Spark daemons of a cluster’s pods', () => {
  afterAll(async () => {
    for (const child of processes.values()) if (child.exitCode === null) child.kill('SIGKILL');
    for (const jvm of clusterJvms()) process.kill(jvm.pid, 'SIGKILL');
    const store = new ObjectStore(s3, env.s3.bucket).root('');
    const keys = (await store.list(tablePrefix)).objects.map((object) => object.key);
    await store.deleteMany(keys);
    await new Queue(clusterQueueName(clusterId), { connection: redis }).obliterate({ force: true });
    await redis.del(clusterSparkMasterKey(clusterId));
    redis.disconnect();
    s3.destroy();
  });

  let podsStarted = 0;

  it('the driver pod becomes ready once Spark Connect serves a session and its first queries ran', {
    timeout: 240_000,
  }, async () => {
    // Started together, as the operator creates a cluster's pods: the first queries need an executor.
    const started = Date.now();
    podsStarted = started;
    startPod(driver);
    startPod(worker);
    await waitFor('the driver pod to be ready', () => readyz(driver), { timeoutMs: 220_000, hint: hint() });
    console.log(
      `Spark Connect ready ${((Date.now() - started) / 1000).toFixed(1)} s after the runtime started`,
    );
    expect(await redis.get(clusterSparkMasterKey(clusterId))).toBe(`spark://${driver.ip}:7077`);
  });

  it('the worker pod becomes ready once its Worker is registered with the master', {
    timeout: 150_000,
  }, async () => {
    const started = podsStarted;
    await waitFor('the worker pod to be ready', () => readyz(worker), { timeoutMs: 140_000, hint: hint() });
    console.log(
      `Worker registered ${((Date.now() - started) / 1000).toFixed(1)} s after its runtime started`,
    );
    const status = (await (await fetch(`http://${driver.ip}:8080/json/`)).json()) as { workers: unknown[] };
    expect(status.workers).toContainEqual(
      expect.objectContaining({ host: worker.ip, state: 'ALIVE', cores: 2 }),
    );
    // The executor starts as soon as the Worker registers: let the JVMs settle before measuring.
    await new Promise((done) => setTimeout(done, 10_000));
    console.log(`RSS of the JVMs, idle:\n  ${figures().join('\n  ')}`);
  });

  it('a PySpark Connect client counts, round-trips a Delta table on S3, and runs UDFs on the worker pod', {
    timeout: 300_000,
  }, async () => {
    const script = join(workDir, 'client.py');
    writeFileSync(script, CLIENT);
    const started = Date.now();
    const output = execFileSync(
      join(runtimeDir, 'venv', 'bin', 'python3'),
      [script, `s3a://${env.s3.bucket}/${tablePrefix}numbers`],
      {
        env: { ...process.env, SPARK_REMOTE: `sc://${driver.ip}:15002` },
        encoding: 'utf8',
        timeout: 280_000,
      },
    );
    console.log(`PySpark client done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    console.log(`RSS of the JVMs after it:\n  ${figures().join('\n  ')}`);
    const result = JSON.parse(output.trim().split('\n').pop() ?? '{}');
    expect(result).toEqual({ count: 1000, rows: 100, sum: 4950, hosts: [worker.name], version: '4.2.0' });
    const keys = (await new ObjectStore(s3, env.s3.bucket).root('').list(tablePrefix)).objects.map(
      (o) => o.key,
    );
    expect(keys).toContainEqual(expect.stringMatching(/numbers\/_delta_log\/0+\.json$/));
  });

  it('a Worker JVM that dies ends its runtime with status 1, leaving no executor behind', async () => {
    const runtime = processes.get(worker.name) as ChildProcess;
    const exited = exitOf(runtime);
    const jvm = clusterJvms().find((found) => found.mainClass.endsWith('.Worker'));
    expect(jvm).toBeDefined();
    process.kill(jvm?.pid ?? 0, 'SIGKILL');
    expect(await exited).toBe(1);
    await waitFor('the worker pod’s JVMs to be gone', async () =>
      clusterJvms().some((found) => found.pod === worker.name) ? undefined : true,
    );
  });

  it('SIGTERM stops the driver’s JVMs, and withdraws its master URL', async () => {
    const runtime = processes.get(driver.name) as ChildProcess;
    const exited = exitOf(runtime);
    const started = Date.now();
    runtime.kill('SIGTERM');
    expect(await exited).toBe(0);
    console.log(`Driver runtime stopped in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(clusterJvms()).toEqual([]);
    expect(await redis.get(clusterSparkMasterKey(clusterId))).toBeNull();
  });
});
