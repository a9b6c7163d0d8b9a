import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, openSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { PlatformEnv } from '@brickyard/common/platform-env';
import { freePort } from './free-port.js';
import { waitFor } from './wait-for.js';

/**
 * A Spark Connect server in local mode for one test file, from the Spark runtime that `make up`
 * caches (deploy/local/lib/spark-runtime.sh): Delta Lake, and S3A on the platform's S3 server.
 * The cluster's own server is made elsewhere; this one only serves the runtime's tests.
 */
export interface SparkConnectServer {
  /** sc://127.0.0.1:<port> */
  remote: string;
  /** The Python of the Spark runtime's venv. */
  python: string;
  /** The jobs of the server's application, from the Spark UI's REST API. */
  jobs(): Promise<{ jobId: number; status: string }[]>;
  stop(): Promise<void>;
}

/** $BRICKYARD_SPARK_RUNTIME, else where deploy/local/versions.sh caches it. */
export function sparkRuntimeHome(): string {
  if (process.env.BRICKYARD_SPARK_RUNTIME) return process.env.BRICKYARD_SPARK_RUNTIME;
  const versions = join(import.meta.dirname, '../../../deploy/local/versions.sh');
  return execFileSync('bash', ['-c', `source '${versions}' && printf %s "$SPARK_RUNTIME_HOME"`], {
    encoding: 'utf8',
  });
}

/** $BRICKYARD_SPARK_CONNECT_PROTOS, else where deploy/local/versions.sh caches Spark Connect's .proto files. */
export function sparkConnectProtosDir(): string {
  if (process.env.BRICKYARD_SPARK_CONNECT_PROTOS) return process.env.BRICKYARD_SPARK_CONNECT_PROTOS;
  const versions = join(import.meta.dirname, '../../../deploy/local/versions.sh');
  return execFileSync('bash', ['-c', `source '${versions}' && printf %s "$SPARK_CONNECT_PROTOS"`], {
    encoding: 'utf8',
  });
}

function properties(s3: PlatformEnv['s3'], runtime: string, grpcPort: number, uiPort: number): string {
  const jars = readdirSync(join(runtime, 'jars'))
    .filter((name) => name.endsWith('.jar'))
    .map((name) => join(runtime, 'jars', name));
  const values: Record<string, string> = {
    'spark.master': 'local[2]',
    'spark.driver.memory': '1g',
    'spark.driver.extraJavaOptions': '-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -XX:ReservedCodeCacheSize=48m',
    'spark.driver.host': '127.0.0.1',
    'spark.driver.bindAddress': '127.0.0.1',
    'spark.connect.grpc.binding.address': '127.0.0.1',
    'spark.connect.grpc.binding.port': String(grpcPort),
    'spark.ui.port': String(uiPort),
    'spark.jars': jars.join(','),
    'spark.sql.extensions': 'io.delta.sql.DeltaSparkSessionExtension',
    'spark.sql.catalog.spark_catalog': 'org.apache.spark.sql.delta.catalog.DeltaCatalog',
    'spark.sql.shuffle.partitions': '2',
    'spark.databricks.delta.snapshotPartitions': '2',
    'spark.hadoop.fs.s3a.endpoint': s3.endpoint,
    'spark.hadoop.fs.s3a.endpoint.region': s3.region,
    'spark.hadoop.fs.s3a.path.style.access': 'true',
    'spark.hadoop.fs.s3a.connection.ssl.enabled': 'false',
    'spark.hadoop.fs.s3a.aws.credentials.provider': 'org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider',
    'spark.hadoop.fs.s3a.access.key': s3.accessKeyId,
    'spark.hadoop.fs.s3a.secret.key': s3.secretAccessKey,
  };
  return Object.entries(values)
    .map(([key, value]) => `${key}=${value.replaceAll('\\', '\\\\')}\n`)
    .join('');
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

function stopGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined)
    return Promise.resolve();
  const pid = child.pid;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  process.kill(-pid, 'SIGTERM');
  const kill = setTimeout(() => process.kill(-pid, 'SIGKILL'), 10_000);
  return exited.finally(() => clearTimeout(kill));
}

export async function startSparkConnectServer(s3: PlatformEnv['s3']): Promise<SparkConnectServer> {
  const runtime = sparkRuntimeHome();
  const python = join(runtime, 'venv', 'bin', 'python3');
  if (!existsSync(python)) {
    throw new Error(
      `no Spark runtime in ${runtime}: 'make up' installs it (deploy/local/lib/spark-runtime.sh)`,
    );
  }
  const pyspark = execFileSync(
    python,
    ['-c', 'import os, pyspark; print(os.path.dirname(pyspark.__file__))'],
    {
      encoding: 'utf8',
    },
  ).trim();
  const dir = await mkdtemp(join(tmpdir(), 'brickyard-spark-connect-'));
  const [grpcPort, uiPort] = [await freePort(), await freePort()];
  const conf = join(dir, 'spark.properties');
  await writeFile(conf, properties(s3, runtime, grpcPort, uiPort), { mode: 0o600 });
  const log = join(dir, 'server.log');
  const output = openSync(log, 'a');
  const child = spawn(
    join(pyspark, 'bin', 'spark-submit'),
    [
      '--properties-file',
      conf,
      '--class',
      'org.apache.spark.sql.connect.service.SparkConnectServer',
      'spark-internal',
    ],
    {
      detached: true,
      stdio: ['ignore', output, output],
      env: {
        ...process.env,
        AWS_EC2_METADATA_DISABLED: 'true',
        PYSPARK_PYTHON: python,
        SPARK_LOCAL_DIRS: dir,
      },
    },
  );
  const stop = async () => {
    await stopGroup(child);
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await waitFor(
      'the Spark Connect server',
      async () => {
        if (child.exitCode !== null) throw new Error(`spark-submit exited with ${child.exitCode}`);
        return (await portOpen(grpcPort)) || undefined;
      },
      { timeoutMs: 150_000, intervalMs: 500, hint: `see ${log}` },
    );
  } catch (error) {
    const tail = (await readFile(log, 'utf8').catch(() => '')).slice(-4_000);
    await stop();
    throw new Error(`${(error as Error).message}\n${tail}`);
  }
  const ui = `http://127.0.0.1:${uiPort}/api/v1/applications`;
  return {
    remote: `sc://127.0.0.1:${grpcPort}`,
    python,
    jobs: async () => {
      const [app] = (await (await fetch(ui)).json()) as { id: string }[];
      return (await (await fetch(`${ui}/${app?.id}/jobs`)).json()) as { jobId: number; status: string }[];
    },
    stop,
  };
}
