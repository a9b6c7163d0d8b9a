import { randomInt } from 'node:crypto';
import { readPlatformEnv } from '@brickyard/common/platform-env';
import { createS3Client, ObjectStore } from '@brickyard/common/storage';
import type { ExecutableTask } from '@brickyard/common/tasks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executeTask } from '../../services/worker/src/execute-task.js';
import { ObjectStoreRuntimeStorage } from '../../services/worker/src/storage/object-store-runtime-storage.js';
import type { TaskContext } from '../../services/worker/src/task-types.js';
import {
  type SparkConnectServer,
  sparkRuntimeHome,
  startSparkConnectServer,
} from './support/spark-connect-server.js';
import { waitFor } from './support/wait-for.js';

/**
 * The task executors on a runtime with Spark: a Spark Connect server in local mode (started here,
 * for this file) plays the cluster's driver; notebooks, Python files and SQL files run through
 * executeTask with the platform's S3 server, Delta tables on s3a://.
 */
const env = readPlatformEnv();
const s3 = createS3Client(env.s3);
const store = new ObjectStore(s3, env.s3.bucket);
const storage = new ObjectStoreRuntimeStorage(store);
const workspaceId = 8_000_000_000_000 + randomInt(1_000_000_000);
const root = `workspaces/${workspaceId}/`;
const table = `s3a://${env.s3.bucket}/${root}dbfs/it/spark/people`;
const runId = `spark-${randomInt(1_000_000)}`;
const SLOW = 240_000;
let server: SparkConnectServer;
let taskRuns = 0;

function run(task: ExecutableTask, extra: Partial<TaskContext> = {}) {
  taskRuns += 1;
  return executeTask(task, {
    workspaceId,
    runId,
    taskRunId: String(taskRuns),
    storage,
    sparkRemote: server.remote,
    ...extra,
  });
}

async function putNotebook(path: string, cells: string[], language: 'python' | 'sql' = 'python') {
  const [header, separator] =
    language === 'python'
      ? ['# Databricks notebook source', '\n\n# COMMAND ----------\n\n']
      : ['-- Databricks notebook source', '\n\n-- COMMAND ----------\n\n'];
  await storage.put(`${root}workspace${path}`, `${header}\n${cells.join(separator)}\n`);
}

const table2 = (rows: string[]) => `${rows.join('\n')}\n`;

describe('the worker task executors on Spark', () => {
  beforeAll(async () => {
    // What the runtime's pods get from the instance agent: the executor picks its Python.
    process.env.BRICKYARD_SPARK_RUNTIME ??= sparkRuntimeHome();
    server = await startSparkConnectServer(env.s3);
  }, SLOW);

  afterAll(async () => {
    await server?.stop();
    const keys = (await storage.list(root)).objects.map((object) => object.key);
    await store.root('').deleteMany(keys);
    s3.destroy();
  }, SLOW);

  it(
    'gives a notebook `spark`, with no `sc`, and writes a Delta table to S3',
    async () => {
      await putNotebook('/Users/it@brickyard.dev/write', [
        'import time\nstarted = time.monotonic()\ncount = spark.range(10).count()\nprint(f"first count {count} in {time.monotonic() - started:.2f} s")',
        "df = spark.createDataFrame([(1, 'a'), (2, 'b')], ['id', 'v'])\ndf.write.format('delta').save(dbutils.widgets.get('path'))",
        "print('sc' in globals(), type(spark).__module__)",
      ]);
      const started = Date.now();
      const outcome = await run({
        notebook_task: { notebook_path: '/Users/it@brickyard.dev/write', base_parameters: { path: table } },
      });
      console.info(`Spark notebook: ${outcome.logs.split('\n')[0]}, task ${Date.now() - started} ms`);
      expect(outcome).toMatchObject({ result: 'SUCCESS' });
      expect(outcome.logs).toMatch(/^first count 10 in \d+\.\d\d s\nFalse pyspark\.sql\.connect\.session\n$/);
      expect((await storage.list(`${root}dbfs/it/spark/people/_delta_log/`)).objects.length).toBeGreaterThan(
        0,
      );
    },
    SLOW,
  );

  it(
    'runs a SQL notebook on Spark SQL: MERGE INTO, then time travel with VERSION AS OF',
    async () => {
      await putNotebook(
        '/Users/it@brickyard.dev/merge',
        [
          "CREATE WIDGET TEXT path DEFAULT 'unset'",
          "MERGE INTO delta.`{{path}}` AS t\nUSING (SELECT 2 AS id, 'B' AS v UNION ALL SELECT 3, 'c') AS s ON t.id = s.id\nWHEN MATCHED THEN UPDATE SET *\nWHEN NOT MATCHED THEN INSERT *",
          'SELECT * FROM delta.`{{path}}` VERSION AS OF 0 ORDER BY id',
        ],
        'sql',
      );
      const outcome = await run(
        { notebook_task: { notebook_path: '/Users/it@brickyard.dev/merge' } },
        { parameters: { path: table } },
      );
      expect(outcome).toMatchObject({ result: 'SUCCESS' });
      expect(outcome.logs).toBe(
        table2([
          '+-----------------+----------------+----------------+-----------------+',
          '|num_affected_rows|num_updated_rows|num_deleted_rows|num_inserted_rows|',
          '+-----------------+----------------+----------------+-----------------+',
          '|                2|               1|               0|                1|',
          '+-----------------+----------------+----------------+-----------------+',
          '',
          '+---+---+',
          '| id|  v|',
          '+---+---+',
          '|  1|  a|',
          '|  2|  b|',
          '+---+---+',
          '',
        ]),
      );
    },
    SLOW,
  );

  it(
    'displays a DataFrame as a table, and a %sql cell of a Python notebook reads version 0',
    async () => {
      await putNotebook('/Users/it@brickyard.dev/display', [
        "display(spark.read.format('delta').load(dbutils.widgets.get('path')).orderBy('id'))",
        '# MAGIC %sql\n# MAGIC SELECT count(*) AS n FROM delta.`{{path}}` VERSION AS OF 0',
      ]);
      const outcome = await run(
        { notebook_task: { notebook_path: '/Users/it@brickyard.dev/display' } },
        { parameters: { path: table } },
      );
      expect(outcome).toMatchObject({ result: 'SUCCESS' });
      expect(outcome.logs).toBe(
        table2([
          '+---+---+',
          '| id|  v|',
          '+---+---+',
          '|  1|  a|',
          '|  2|  B|',
          '|  3|  c|',
          '+---+---+',
          '',
          '+---+',
          '|  n|',
          '+---+',
          '|  2|',
          '+---+',
          '',
        ]),
      );
    },
    SLOW,
  );

  it(
    'gives a spark_python_task the run’s session from SparkSession.builder.getOrCreate()',
    async () => {
      await storage.put(
        `${root}dbfs/it/code/count.py`,
        [
          'import sys',
          'from pyspark.sql import SparkSession',
          'session = SparkSession.builder.appName("count").master("local[*]").getOrCreate()',
          'print(session is spark, session.read.format("delta").load(sys.argv[1]).count())',
          'session.stop()',
        ].join('\n'),
      );
      const outcome = await run({
        spark_python_task: { python_file: 'dbfs:/it/code/count.py', parameters: [table] },
      });
      expect(outcome).toMatchObject({ result: 'SUCCESS', logs: 'True 3\n' });
    },
    SLOW,
  );

  it(
    'fails on a Spark error with its class and message, and the trace without gRPC internals',
    async () => {
      await putNotebook('/Users/it@brickyard.dev/missing', [
        'print("before")',
        'spark.table("no_such_table").count()',
      ]);
      const outcome = await run({ notebook_task: { notebook_path: '/Users/it@brickyard.dev/missing' } });
      expect(outcome.result).toBe('FAILED');
      expect(outcome.error).toMatch(
        /^AnalysisException: \[TABLE_OR_VIEW_NOT_FOUND\] The table or view `no_such_table` cannot be found\./,
      );
      expect(outcome.errorTrace).toMatch(/File "<command-2>", line 1, in <module>/);
      expect(outcome.errorTrace).toContain('SQLSTATE: 42P01');
      expect(outcome.errorTrace).not.toMatch(/_MultiThreadedRendezvous|StatusCode|JVM stacktrace/);
      // pyspark's own JSON error log stays out of the task's logs.
      expect(outcome.logs).not.toContain('"level": "ERROR"');
    },
    SLOW,
  );

  it(
    'runs a sql_task on Spark SQL with its parameters, and reports the failing statement',
    async () => {
      await storage.put(
        `${root}workspace/Users/it@brickyard.dev/report.sql`,
        [
          'CREATE TEMPORARY VIEW people AS SELECT * FROM delta.`{{path}}`;',
          'SELECT count(*) AS n, max(v) AS last FROM people WHERE id >= {{min_id}};',
        ].join('\n'),
      );
      const outcome = await run(
        { sql_task: { file: { path: '/Users/it@brickyard.dev/report.sql' }, parameters: { min_id: '2' } } },
        { parameters: { path: table } },
      );
      expect(outcome).toMatchObject({
        result: 'SUCCESS',
        logs: table2(['+---+----+', '|  n|last|', '+---+----+', '|  2|   c|', '+---+----+', '']),
      });

      await storage.put(
        `${root}workspace/Users/it@brickyard.dev/broken.sql`,
        'SELECT 1;\nSELECT 1/0 AS boom;',
      );
      const failed = await run({ sql_task: { file: { path: '/Users/it@brickyard.dev/broken.sql' } } });
      expect(failed).toMatchObject({
        result: 'FAILED',
        error: expect.stringMatching(/^ArithmeticException: \[DIVIDE_BY_ZERO\] Division by zero\./),
        errorTrace: expect.stringMatching(
          /^Error in \/Users\/it@brickyard\.dev\/broken\.sql, statement 2:\n/,
        ),
      });
      expect(failed.errorTrace).toMatch(/Statement:\nSELECT 1\/0 AS boom$/);
    },
    SLOW,
  );

  it(
    'gives each task run its own session: temp views and conf are not shared',
    async () => {
      const cell = (name: string) =>
        [
          `spark.range(1).createOrReplaceTempView("${name}")`,
          `spark.conf.set("spark.sql.shuffle.partitions", "${name === 'first' ? 7 : 9}")`,
          'import time; time.sleep(3)',
          'print(sorted(t.name for t in spark.catalog.listTables() if t.isTemporary), spark.conf.get("spark.sql.shuffle.partitions"))',
        ].join('\n');
      await putNotebook('/Users/it@brickyard.dev/first', [cell('first')]);
      await putNotebook('/Users/it@brickyard.dev/second', [cell('second')]);
      const [first, second] = await Promise.all([
        run({ notebook_task: { notebook_path: '/Users/it@brickyard.dev/first' } }),
        run({ notebook_task: { notebook_path: '/Users/it@brickyard.dev/second' } }),
      ]);
      expect(first).toMatchObject({ result: 'SUCCESS', logs: "['first'] 7\n" });
      expect(second).toMatchObject({ result: 'SUCCESS', logs: "['second'] 9\n" });
    },
    SLOW,
  );

  it(
    'stops the Spark job of a canceled task on the shared driver',
    async () => {
      await putNotebook('/Users/it@brickyard.dev/long', [
        'print("starting", flush=True)\nspark.sql("SELECT reflect(\'java.lang.Thread\', \'sleep\', bigint(600000 + id)) FROM range(1)").collect()',
      ]);
      const before = new Set((await server.jobs()).map((job) => job.jobId));
      const controller = new AbortController();
      const pending = run(
        { notebook_task: { notebook_path: '/Users/it@brickyard.dev/long' } },
        { signal: controller.signal },
      );
      const job = await waitFor(
        'the query’s Spark job',
        async () => (await server.jobs()).find((job) => !before.has(job.jobId) && job.status === 'RUNNING'),
        { timeoutMs: 60_000 },
      );
      controller.abort();
      const outcome = await pending;
      expect(outcome).toMatchObject({ result: 'CANCELED', error: 'The run was canceled.' });
      expect(outcome.logs).toContain('starting');
      const status = async () => (await server.jobs()).find((each) => each.jobId === job.jobId)?.status;
      await waitFor('the job to stop', async () => ((await status()) === 'RUNNING' ? undefined : true), {
        timeoutMs: 5_000,
      });
      expect(await status()).toBe('FAILED');
    },
    SLOW,
  );
});
