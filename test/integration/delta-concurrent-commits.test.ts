import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomInt, randomUUID } from 'node:crypto';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { findNodeType, type NodeType } from '@brickyard/common/catalog';
import { readPlatformEnv } from '@brickyard/common/platform-env';
import { createS3Client, ObjectStore } from '@brickyard/common/storage';
import { afterAll, describe, expect, it } from 'vitest';
import { sparkConf } from '../../services/worker/src/spark/spark-conf.js';
import { sparkLayout } from '../../services/worker/src/spark/spark-layout.js';
import { sparkRuntimeDir } from './support/spark-runtime-dir.js';

/**
 * Delta commits from many writers on many clusters to one table lose nothing. First the log store
 * itself: writers racing for one commit file, of which the store must refuse all but one (an
 * ordinary S3 create checks, then writes, and lets several win). Then Delta through it: two
 * clusters, each a Spark session of its own (its own driver JVM, with the settings a cluster's
 * driver gets, on a local master so that the machine's two cores hold both), each appending from
 * two threads at once; every commit must get its own version.
 */
const env = readPlatformEnv();
const repoRoot = resolve(import.meta.dirname, '../..');
const runtimeDir = sparkRuntimeDir();
const layout = sparkLayout(runtimeDir);
const workspaceId = 8_000_000_000_000 + randomInt(1_000_000_000);
const directory = `/tmp/it-commits-${randomUUID().slice(0, 8)}`;
const s3 = createS3Client(env.s3);
const store = new ObjectStore(s3, env.s3.bucket).forWorkspace(workspaceId);
const THREADS = 2;
const APPENDS = 4;

const conf = sparkConf({
  config: {
    clusterId: 'delta-concurrent-commits',
    podIp: '127.0.0.1',
    workspaceId,
    s3: env.s3,
    nodeType: findNodeType('m5d.large') as NodeType,
    workerNodeType: findNodeType('m5d.large') as NodeType,
    userConf: {},
  },
  mode: { kind: 'local', master: 'local[1]' },
  jars: layout.jars,
  python: layout.python,
  classArchive: layout.classArchive,
  catalogs: undefined,
}).conf;

const script = (name: string): string => join(repoRoot, 'test/integration/spark', name);
const execFileAsync = promisify(execFile);

interface Cluster {
  process: ChildProcess;
  lines: AsyncIterator<string>;
  stderr: string[];
}

function startCluster(writer: string, create: boolean): Cluster {
  const args = [`dbfs:${directory}/table`, writer, String(THREADS), String(APPENDS)];
  const child = spawn(
    layout.python,
    [script('concurrent_appends.py'), ...args, ...(create ? ['--create'] : [])],
    {
      env: { ...process.env, BRICKYARD_TEST_SPARK_CONF: JSON.stringify(conf) },
      stdio: ['pipe', 'pipe', 'pipe'],
    },
  );
  const stderr: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => stderr.push(chunk.toString()));
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream })[Symbol.asyncIterator]();
  return { process: child, lines, stderr };
}

async function expectLine(cluster: Cluster, line: string): Promise<void> {
  const next = await cluster.lines.next();
  const tail = cluster.stderr.join('').slice(-3000);
  expect(next.value, `expected "${line}"; stderr ends with:\n${tail}`).toBe(line);
}

/** The table's commit files, by version, as the store holds them. */
async function commits(prefix: string): Promise<Map<number, string>> {
  const found = new Map<number, string>();
  for (const { key } of (await store.list(prefix)).objects) {
    const version = key.match(/\/(\d{20})\.json$/)?.[1];
    const object = version ? await store.get(key) : undefined;
    if (version && object) found.set(Number(version), object.bytes.toString('utf8'));
  }
  return found;
}

describe('Delta commits from two clusters', () => {
  const clusters: Cluster[] = [];

  afterAll(async () => {
    for (const cluster of clusters) cluster.process.kill('SIGKILL');
    await store.deleteMany((await store.list('')).objects.map(({ key }) => key));
    s3.destroy();
  });

  it('are refused at the store when another writer has the version: one of many racing writes wins', {
    timeout: 120_000,
  }, async () => {
    const writers = 12;
    const commitFile = `dbfs:${directory}/race/_delta_log/00000000000000000000.json`;
    const { stdout } = await execFileAsync(
      layout.python,
      [script('log_store_race.py'), commitFile, String(writers)],
      {
        env: { ...process.env, BRICKYARD_TEST_SPARK_CONF: JSON.stringify(conf) },
        maxBuffer: 16 * 1024 * 1024,
      },
    );
    const { outcomes, content } = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as {
      outcomes: string[];
      content: string;
    };
    expect(outcomes.filter((outcome) => outcome === 'won')).toHaveLength(1);
    expect(outcomes.filter((outcome) => outcome === 'refused')).toHaveLength(writers - 1);
    expect(JSON.parse(content)).toEqual({ commitInfo: { writer: expect.any(Number) } });
  });

  it('give every commit its own version and keep every row', { timeout: 300_000 }, async () => {
    const creator = startCluster('a', true);
    clusters.push(creator);
    await expectLine(creator, 'ready');
    const other = startCluster('b', false);
    clusters.push(other);
    await expectLine(other, 'ready');
    for (const cluster of clusters) cluster.process.stdin?.write('go\n');
    for (const cluster of clusters) await expectLine(cluster, 'done');

    const log = await commits(`dbfs${directory}/table/_delta_log/`);
    const appends = 2 * THREADS * APPENDS;
    expect([...log.keys()].sort((a, b) => a - b)).toEqual([...Array(appends + 1).keys()]);
    const rows = [...log.values()]
      .flatMap((commit) => commit.split('\n'))
      .filter((line) => line.startsWith('{"add"'))
      .map((line) => JSON.parse(JSON.parse(line).add.stats).numRecords as number)
      .reduce((sum, n) => sum + n, 0);
    expect(rows).toBe(appends);
  });
});
