import { randomInt } from 'node:crypto';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { readPlatformEnv } from '@brickyard/common/platform-env';
import { createS3Client, ObjectStore } from '@brickyard/common/storage';
import type { ExecutableTask } from '@brickyard/common/tasks';
import { afterAll, describe, expect, it } from 'vitest';
import { executeTask } from '../../services/worker/src/execute-task.js';
import { ObjectStoreRuntimeStorage } from '../../services/worker/src/storage/object-store-runtime-storage.js';
import type { TaskContext } from '../../services/worker/src/task-types.js';

/**
 * The task executors against the platform's S3 server, in a throwaway workspace id: notebooks,
 * SQL files and Python files are written where the Workspace and DBFS APIs keep them, run, and
 * their outputs and logs read back from S3.
 */
const env = readPlatformEnv();
const s3 = createS3Client(env.s3);
const Bucket = env.s3.bucket;
const store = new ObjectStore(s3, Bucket);
const storage = new ObjectStoreRuntimeStorage(store);
const workspaceId = 8_000_000_000_000 + randomInt(1_000_000_000);
const root = `workspaces/${workspaceId}/`;
const runId = `it-${randomInt(1_000_000)}`;
let taskRuns = 0;

const CSV = 'id,name,amount\n1,ada,10.5\n2,grace,20\n3,linus,7.25\n';

function run(task: ExecutableTask, extra: Partial<TaskContext> = {}) {
  taskRuns += 1;
  return executeTask(task, { workspaceId, runId, taskRunId: String(taskRuns), storage, ...extra });
}

async function putNotebook(path: string, cells: string[]) {
  await storage.put(
    `${root}workspace${path}`,
    `# Databricks notebook source\n${cells.join('\n\n# COMMAND ----------\n\n')}\n`,
  );
}

async function s3Exists(Key: string): Promise<boolean> {
  return s3
    .send(new HeadObjectCommand({ Bucket, Key }))
    .then(() => true)
    .catch(() => false);
}

describe('the worker task executors on S3', () => {
  afterAll(async () => {
    const keys = (await storage.list(root)).objects.map((object) => object.key);
    await store.root('').deleteMany(keys);
    expect((await storage.list(root)).objects).toEqual([]);
    s3.destroy();
  });

  it('setup: writes a CSV into DBFS', async () => {
    await storage.put(`${root}dbfs/it/data/people.csv`, CSV);
    expect(await s3Exists(`${root}dbfs/it/data/people.csv`)).toBe(true);
  });

  it('runs a Python notebook that reads the CSV with dbutils.fs.head and exits with a value', async () => {
    await putNotebook('/Users/it@brickyard.dev/read-csv', [
      'dbutils.widgets.text("path", "dbfs:/nothing")',
      'text = dbutils.fs.head(dbutils.widgets.get("path"))\nrows = len(text.strip().splitlines()) - 1\nprint("read", rows, "rows")',
      'dbutils.notebook.exit(f"rows={rows}")',
    ]);
    const outcome = await run({
      notebook_task: {
        notebook_path: '/Users/it@brickyard.dev/read-csv',
        base_parameters: { path: 'dbfs:/it/data/people.csv' },
      },
    });
    expect(outcome).toMatchObject({ result: 'SUCCESS', exitValue: 'rows=3', logs: 'read 3 rows\n' });
    // The full logs are in the cluster log location.
    const stdout = await storage.get(`${root}cluster-logs/${runId}/${taskRuns}/stdout`);
    expect(stdout?.toString()).toBe('read 3 rows\n');
  });

  it('runs a SQL file that reads the CSV and writes Parquet back to DBFS', async () => {
    await storage.put(
      `${root}workspace/Users/it@brickyard.dev/etl.sql`,
      [
        "CREATE TABLE people AS SELECT * FROM read_csv('dbfs:/it/data/people.csv');",
        "COPY (SELECT * FROM people WHERE amount >= {{min_amount}}) TO 'dbfs:/it/out/people.parquet' (FORMAT parquet);",
        "SELECT name, amount FROM 'dbfs:/it/out/people.parquet' ORDER BY id;",
      ].join('\n'),
    );
    const outcome = await run({
      sql_task: {
        file: { path: '/Workspace/Users/it@brickyard.dev/etl.sql' },
        parameters: { min_amount: '10' },
      },
    });
    expect(outcome.result).toBe('SUCCESS');
    expect(outcome.logs).toBe(
      '+-----+------+\n| name|amount|\n+-----+------+\n|  ada|  10.5|\n|grace|  20.0|\n+-----+------+\n',
    );
    expect(await s3Exists(`${root}dbfs/it/out/people.parquet`)).toBe(true);
    const head = await storage.get(`${root}dbfs/it/out/people.parquet`, { maxBytes: 4 });
    expect(head?.toString()).toBe('PAR1');
  });

  it('runs a spark_python_task with its parameters', async () => {
    await storage.put(
      `${root}dbfs/it/code/job.py`,
      'import sys\nprint("args:", " ".join(sys.argv[1:]))\nprint([f.name for f in dbutils.fs.ls("dbfs:/it/data")])\n',
    );
    const outcome = await run({
      spark_python_task: {
        python_file: 'dbfs:/it/code/job.py',
        parameters: ['--day', '2024-05-01', '{{job.run_id}}'],
      },
    });
    expect(outcome).toMatchObject({
      result: 'SUCCESS',
      logs: `args: --day 2024-05-01 ${runId}\n['people.csv']\n`,
    });
  });

  it('fails a notebook that raises, with the exception line and its traceback', async () => {
    await putNotebook('/Users/it@brickyard.dev/raises', [
      'print("about to fail")',
      'def check(n):\n    if n < 5:\n        raise ValueError(f"n too small: {n}")\n\ncheck(3)',
    ]);
    const outcome = await run({ notebook_task: { notebook_path: '/Users/it@brickyard.dev/raises' } });
    expect(outcome.result).toBe('FAILED');
    expect(outcome.error).toBe('ValueError: n too small: 3');
    expect(outcome.errorTrace).toMatch(/File "<command-2>", line 5, in <module>[\s\S]*line 3, in check/);
    const stderr = await storage.get(`${root}cluster-logs/${runId}/${taskRuns}/stderr`);
    expect(stderr?.toString()).toContain('ValueError: n too small: 3');
  });

  it('cancels a long-running notebook quickly', async () => {
    await putNotebook('/Users/it@brickyard.dev/sleeps', [
      'import time\nprint("sleeping", flush=True)\ntime.sleep(120)',
    ]);
    const controller = new AbortController();
    const started = Date.now();
    const pending = run(
      { notebook_task: { notebook_path: '/Users/it@brickyard.dev/sleeps' } },
      { signal: controller.signal },
    );
    setTimeout(() => controller.abort(), 1_500);
    const outcome = await pending;
    expect(outcome).toMatchObject({ result: 'CANCELED', error: 'The run was canceled.' });
    expect(outcome.logs).toContain('sleeping');
    expect(Date.now() - started).toBeLessThan(6_000);
  });

  it('runs a %sql cell of a Python notebook in DuckDB, over DBFS', async () => {
    await putNotebook('/Users/it@brickyard.dev/mixed', [
      'dbutils.widgets.text("who", "nobody")',
      "# MAGIC %sql\n# MAGIC CREATE OR REPLACE TABLE p AS SELECT * FROM read_csv('dbfs:/it/data/people.csv');\n# MAGIC COPY (SELECT * FROM p WHERE name = '{{who}}') TO 'dbfs:/it/out/who.csv' (HEADER);\n# MAGIC SELECT count(*) AS n FROM p",
      'print(dbutils.fs.head("dbfs:/it/out/who.csv").strip())',
    ]);
    const outcome = await run(
      { notebook_task: { notebook_path: '/Users/it@brickyard.dev/mixed' } },
      { parameters: { who: 'grace' } },
    );
    expect(outcome).toMatchObject({
      result: 'SUCCESS',
      logs: '+-+\n|n|\n+-+\n|3|\n+-+\nid,name,amount\n2,grace,20.0\n',
    });
  });

  it('gives notebooks dbutils.fs over DBFS on S3', async () => {
    await putNotebook('/Users/it@brickyard.dev/fs', [
      [
        'dbutils.fs.mkdirs("dbfs:/it/fs/empty")',
        'dbutils.fs.put("dbfs:/it/fs/a.txt", "alpha")',
        'dbutils.fs.cp("dbfs:/it/fs/a.txt", "dbfs:/it/fs/copy/b.txt")',
        'print(sorted(f.name for f in dbutils.fs.ls("dbfs:/it/fs")))',
        'print(dbutils.fs.ls("dbfs:/it/fs/empty"))',
        'print(dbutils.fs.rm("dbfs:/it/fs/copy", recurse=True))',
        'import brickyard',
        'print(brickyard.read_text("/dbfs/it/fs/a.txt"))',
      ].join('\n'),
    ]);
    const outcome = await run({ notebook_task: { notebook_path: '/Users/it@brickyard.dev/fs' } });
    expect(outcome).toMatchObject({
      result: 'SUCCESS',
      logs: "Wrote 5 bytes.\n['a.txt', 'copy/', 'empty/']\n[]\nTrue\nalpha\n",
    });
    expect(await s3Exists(`${root}dbfs/it/fs/copy/b.txt`)).toBe(false);
  });
});
