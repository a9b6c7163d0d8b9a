import type { ExecutableTask } from '@brickyard/common/tasks';
import { describe, expect, it } from 'vitest';
import { executeTask } from './execute-task.js';
import { planCells } from './executors/notebook-executor.js';
import { MemoryRuntimeStorage } from './storage/memory-runtime-storage.js';
import type { TaskContext } from './task-types.js';

/**
 * The executors end to end on an in-memory object store, with the machine's python3 and DuckDB.
 * test/integration/worker-executors.test.ts runs the same paths against the real S3 server.
 */
const WS = 77;
const SEP = '\n\n# COMMAND ----------\n\n';

function setup() {
  const storage = new MemoryRuntimeStorage();
  let taskRun = 0;
  const run = (task: ExecutableTask, extra: Partial<TaskContext> = {}) => {
    taskRun += 1;
    return executeTask(task, { workspaceId: WS, runId: 'r1', taskRunId: `t${taskRun}`, storage, ...extra });
  };
  const notebook = (path: string, ...cells: string[]) =>
    storage.put(`workspaces/${WS}/workspace${path}`, `# Databricks notebook source\n${cells.join(SEP)}\n`);
  const text = async (key: string) => (await storage.get(key))?.toString();
  return { storage, run, notebook, text };
}

describe('notebook tasks', () => {
  it('runs Python cells in one process, sharing globals, and ends with the exit value', async () => {
    const { run, notebook, text } = setup();
    await notebook(
      '/Users/a/nb',
      'x = 40',
      'x += 2\nprint("x is", x)',
      'dbutils.notebook.exit(x)',
      'print("never")',
    );
    const outcome = await run({ notebook_task: { notebook_path: '/Users/a/nb' } });
    expect(outcome).toMatchObject({ result: 'SUCCESS', exitValue: '42', logs: 'x is 42\n' });
    expect(outcome.logKeyPrefix).toBe(`workspaces/${WS}/cluster-logs/r1/t1`);
    expect(await text(`workspaces/${WS}/cluster-logs/r1/t1/stdout`)).toBe('x is 42\n');
  });

  it('binds widgets: run parameters over base_parameters over widget defaults', async () => {
    const { run, notebook } = setup();
    await notebook(
      '/nb',
      'dbutils.widgets.text("a", "default a")\ndbutils.widgets.text("b", "default b")\ndbutils.widgets.text("c", "default c")',
      'print(dbutils.widgets.get("a"), dbutils.widgets.get("b"), dbutils.widgets.get("c"), getArgument("d", "none"))',
    );
    const outcome = await run(
      { notebook_task: { notebook_path: '/nb', base_parameters: { a: 'base a', b: 'base b' } } },
      { parameters: { a: 'run a' } },
    );
    expect(outcome.logs).toBe('run a base b default c none\n');
  });

  it('fails on an exception with its line as the error and the traceback of the cell', async () => {
    const { run, notebook } = setup();
    await notebook('/nb', 'print("before")', 'def f():\n    raise ValueError("boom")\n\nf()');
    const outcome = await run({ notebook_task: { notebook_path: '/nb' } });
    expect(outcome.result).toBe('FAILED');
    expect(outcome.error).toBe('ValueError: boom');
    expect(outcome.errorTrace).toContain('File "<command-2>", line 4, in <module>');
    expect(outcome.errorTrace).toContain('raise ValueError("boom")');
    expect(outcome.errorTrace).not.toContain('driver.py');
    expect(outcome.logs).toMatch(/^before\nTraceback/);
  });

  it('reports a syntax error in a cell', async () => {
    const { run, notebook } = setup();
    await notebook('/nb', 'x = (1,');
    const outcome = await run({ notebook_task: { notebook_path: '/nb' } });
    expect(outcome).toMatchObject({ result: 'FAILED' });
    expect(outcome.error).toMatch(/^SyntaxError/);
    expect(outcome.errorTrace).toContain('<command-1>');
  });

  it('does not let `except Exception` swallow dbutils.notebook.exit', async () => {
    const { run, notebook } = setup();
    await notebook(
      '/nb',
      'try:\n    dbutils.notebook.exit("done")\nexcept Exception:\n    print("swallowed")',
    );
    expect(await run({ notebook_task: { notebook_path: '/nb' } })).toMatchObject({
      result: 'SUCCESS',
      exitValue: 'done',
    });
  });

  it('treats sys.exit(0) as success and sys.exit(3) as failure', async () => {
    const { run, notebook } = setup();
    await notebook('/ok', 'import sys\nsys.exit(0)');
    await notebook('/bad', 'import sys\nsys.exit(3)');
    expect((await run({ notebook_task: { notebook_path: '/ok' } })).result).toBe('SUCCESS');
    expect(await run({ notebook_task: { notebook_path: '/bad' } })).toMatchObject({
      result: 'FAILED',
      error: 'SystemExit: 3',
    });
  });

  it('fails when the Python process dies without a result', async () => {
    const { run, notebook } = setup();
    await notebook('/nb', 'import os\nos._exit(7)');
    const outcome = await run({ notebook_task: { notebook_path: '/nb' } });
    expect(outcome).toMatchObject({
      result: 'FAILED',
      error: 'The Python process exited with code 7 before the task finished.',
    });
  });

  it('runs %sql cells in DuckDB with widget values, between Python cells', async () => {
    const { run, notebook, storage } = setup();
    await storage.put(`workspaces/${WS}/dbfs/in.csv`, 'id\n1\n2\n3\n');
    await notebook(
      '/nb',
      'dbutils.widgets.text("min", "2")\nprint("python first")',
      "# MAGIC %sql\n# MAGIC CREATE TABLE t AS SELECT * FROM read_csv('dbfs:/in.csv');\n# MAGIC SELECT count(*) AS n FROM t WHERE id >= {{min}}",
      'import brickyard\nprint(brickyard.sql("SELECT max(id) AS m FROM t"))',
    );
    const outcome = await run({ notebook_task: { notebook_path: '/nb' } });
    expect(outcome.result).toBe('SUCCESS');
    expect(outcome.logs).toBe("python first\n+-+\n|n|\n+-+\n|2|\n+-+\n[{'m': 3}]\n");
  });

  it('fails on a SQL error in a %sql cell with the statement in the trace', async () => {
    const { run, notebook } = setup();
    await notebook('/nb', 'x = 1', '# MAGIC %sql\n# MAGIC SELECT * FROM missing_table');
    const outcome = await run({ notebook_task: { notebook_path: '/nb' } });
    expect(outcome.result).toBe('FAILED');
    expect(outcome.error).toMatch(/^Catalog Error: Table with name missing_table does not exist/);
    expect(outcome.errorTrace).toContain('Statement:\nSELECT * FROM missing_table');
  });

  it('runs a SQL notebook without Python', async () => {
    const { run, storage } = setup();
    await storage.put(
      `workspaces/${WS}/workspace/Users/a/report`,
      "-- Databricks notebook source\nCREATE WIDGET TEXT n DEFAULT '3'\n\n-- COMMAND ----------\n\nSELECT {{n}} * 2 AS twice",
    );
    const outcome = await run({ notebook_task: { notebook_path: '/Workspace/Users/a/report' } });
    expect(outcome).toMatchObject({
      result: 'SUCCESS',
      logs: '+-----+\n|twice|\n+-----+\n|    6|\n+-----+\n',
    });
  });

  it('finds a notebook stored with its extension', async () => {
    const { run, storage } = setup();
    await storage.put(`workspaces/${WS}/workspace/jobs/main.py`, 'print("plain file")\n');
    expect((await run({ notebook_task: { notebook_path: '/jobs/main' } })).logs).toBe('plain file\n');
  });

  it('fails clearly for a missing notebook and for %run', async () => {
    const { run, notebook } = setup();
    expect(await run({ notebook_task: { notebook_path: '/nope' } })).toMatchObject({
      result: 'FAILED',
      error: 'Notebook not found: /nope',
    });
    await notebook('/nb', 'x = 1', '# MAGIC %run ./other');
    const outcome = await run({ notebook_task: { notebook_path: '/nb' } });
    expect(outcome.result).toBe('FAILED');
    expect(outcome.error).toMatch(/^Cell 2 uses %run, which the Brickyard runtime does not support yet/);
  });

  it('gives dbutils.fs errors as Python exceptions user code can catch', async () => {
    const { run, notebook } = setup();
    await notebook(
      '/nb',
      'try:\n    dbutils.fs.head("dbfs:/missing")\nexcept FileNotFoundError as e:\n    print("caught:", e)',
      'dbutils.fs.put("dbfs:/a.txt", "x")\ntry:\n    dbutils.fs.put("dbfs:/a.txt", "y")\nexcept FileExistsError:\n    print("exists")',
    );
    const outcome = await run({ notebook_task: { notebook_path: '/nb' } });
    expect(outcome.logs).toBe('caught: File dbfs:/missing does not exist.\nWrote 1 bytes.\nexists\n');
  });

  it('passes task values down and reports the ones set', async () => {
    const { run, notebook } = setup();
    await notebook(
      '/nb',
      'print(dbutils.jobs.taskValues.get("up", "n"), dbutils.jobs.taskValues.get("up", "m", default=0))\ndbutils.jobs.taskValues.set("out", {"k": [1]})',
    );
    const outcome = await run(
      { notebook_task: { notebook_path: '/nb' } },
      { upstreamTaskValues: { up: { n: 5 } } },
    );
    expect(outcome).toMatchObject({ result: 'SUCCESS', logs: '5 0\n', taskValues: { out: { k: [1] } } });
  });

  it('keeps the worker’s credentials out of the Python process', async () => {
    const { run, notebook } = setup();
    process.env.AWS_SECRET_ACCESS_KEY_TEST_ONLY = 'x';
    await notebook(
      '/nb',
      'import os\nprint(sorted(k for k in os.environ if k.startswith(("AWS", "REDIS", "KUBECONFIG", "DATABRICKS"))))\nprint(os.environ["EXTRA"])',
    );
    try {
      const outcome = await run(
        { notebook_task: { notebook_path: '/nb' } },
        { environment: { EXTRA: 'from cluster' } },
      );
      expect(outcome.logs).toBe('[]\nfrom cluster\n');
    } finally {
      delete process.env.AWS_SECRET_ACCESS_KEY_TEST_ONLY;
    }
  });
});

describe('cancellation', () => {
  it('kills a running notebook and its children: CANCELED, quickly', async () => {
    const { run, notebook } = setup();
    await notebook(
      '/nb',
      'import subprocess, time\nsubprocess.Popen(["sleep", "60"])\nprint("started", flush=True)\ntime.sleep(60)',
    );
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(), 1_000);
    const outcome = await run({ notebook_task: { notebook_path: '/nb' } }, { signal: controller.signal });
    expect(outcome).toMatchObject({ result: 'CANCELED', error: 'The run was canceled.' });
    expect(outcome.logs).toContain('started');
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('reports a timeout as such', async () => {
    const { run, notebook } = setup();
    await notebook('/nb', 'import time\ntime.sleep(60)');
    const outcome = await run(
      { notebook_task: { notebook_path: '/nb' } },
      { signal: AbortSignal.timeout(500) },
    );
    expect(outcome).toMatchObject({ result: 'CANCELED', error: 'The task timed out and was stopped.' });
  });

  it('does not start a task whose signal is already aborted', async () => {
    const { run } = setup();
    const outcome = await run({ notebook_task: { notebook_path: '/nb' } }, { signal: AbortSignal.abort() });
    expect(outcome.result).toBe('CANCELED');
  });

  it('interrupts a long SQL statement', async () => {
    const { run, storage } = setup();
    await storage.put(
      `workspaces/${WS}/workspace/slow.sql`,
      'SELECT count(*) FROM range(10000000000) a, range(1000) b',
    );
    const started = Date.now();
    const outcome = await run(
      { sql_task: { file: { path: '/slow.sql' } } },
      { signal: AbortSignal.timeout(500) },
    );
    expect(outcome.result).toBe('CANCELED');
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe('spark_python_task', () => {
  it('runs the file with its parameters as sys.argv[1:] and dbutils as a global', async () => {
    const { run, storage } = setup();
    await storage.put(
      `workspaces/${WS}/workspace/Users/a/job.py`,
      'import sys\nprint(sys.argv[1:])\nprint(__name__, type(dbutils).__name__)\n',
    );
    const outcome = await run({
      spark_python_task: {
        python_file: '/Workspace/Users/a/job.py',
        parameters: ['--run', '{{job.run_id}}'],
      },
    });
    expect(outcome).toMatchObject({ result: 'SUCCESS', logs: "['--run', 'r1']\n__main__ DBUtils\n" });
  });

  it('names the script by its DBFS path in tracebacks', async () => {
    const { run, storage } = setup();
    await storage.put(`workspaces/${WS}/dbfs/code/job.py`, 'x = 1\nraise RuntimeError("bad input")\n');
    const outcome = await run({ spark_python_task: { python_file: 'dbfs:/code/job.py' } });
    expect(outcome).toMatchObject({ result: 'FAILED', error: 'RuntimeError: bad input' });
    expect(outcome.errorTrace).toContain('File "dbfs:/code/job.py", line 2, in <module>');
  });

  it('fails clearly for a missing file', async () => {
    const { run } = setup();
    expect(await run({ spark_python_task: { python_file: 'dbfs:/nope.py' } })).toMatchObject({
      result: 'FAILED',
      error: 'Python file not found: dbfs:/nope.py',
    });
  });
});

describe('sql_task', () => {
  it('runs the file with its parameters, overridden by run parameters, and shows the last query', async () => {
    const { run, storage } = setup();
    await storage.put(`workspaces/${WS}/dbfs/in.csv`, 'id\n1\n2\n3\n');
    await storage.put(
      `workspaces/${WS}/workspace/q.sql`,
      "COPY (SELECT * FROM read_csv('dbfs:/in.csv') WHERE id >= {{min}}) TO 'dbfs:/out/x.parquet' (FORMAT parquet);\nSELECT count(*) AS n FROM 'dbfs:/out/x.parquet';",
    );
    const outcome = await run(
      { sql_task: { file: { path: '/q.sql' }, parameters: { min: '1' } } },
      { parameters: { min: '3' } },
    );
    expect(outcome).toMatchObject({ result: 'SUCCESS', logs: '+-+\n|n|\n+-+\n|1|\n+-+\n' });
    expect(await storage.exists(`workspaces/${WS}/dbfs/out/x.parquet`)).toBe(true);
  });

  it('runs a saved query as dispatched, its values overridden by the task and the run', async () => {
    const { run } = setup();
    const query = { query_id: 'q', query_text: 'SELECT {{a}} + {{b}} AS n', parameters: { a: '1', b: '1' } };
    const outcome = await run(
      { sql_task: { warehouse_id: 'w', query, parameters: { a: '40' } } },
      { parameters: { b: '2' } },
    );
    expect(outcome).toMatchObject({ result: 'SUCCESS', logs: '+--+\n| n|\n+--+\n|42|\n+--+\n' });
  });

  it('says what it does not support', async () => {
    const { run } = setup();
    expect((await run({ sql_task: { query: { query_id: 'q' } } })).error).toBe('Query q could not be read.');
    expect((await run({ sql_task: { dashboard: { dashboard_id: 'd' } } })).error).toBe(
      'sql_task.dashboard is not supported by Brickyard; use sql_task.file or sql_task.query.',
    );
    expect((await run({ dbt_task: {} } as ExecutableTask)).error).toBe(
      'dbt_task is not supported by the Brickyard runtime yet.',
    );
    expect((await run({ python_wheel_task: {} })).error).toBe('python_wheel_task.package_name is required.');
  });
});

describe('planCells', () => {
  it('runs Python, SQL and %pip, skips Markdown, and %conda with a notice, refuses other magics', () => {
    const plan = planCells([
      { index: 1, kind: 'python', source: 'x' },
      { index: 2, kind: 'markdown', magic: 'md', source: '# t' },
      { index: 3, kind: 'pip', magic: 'pip', source: 'install x' },
      { index: 4, kind: 'sql', magic: 'sql', source: 'SELECT 1' },
      { index: 5, kind: 'conda', magic: 'conda', source: 'install x' },
    ]);
    expect(plan).toEqual({
      runnable: [
        { index: 1, kind: 'python', source: 'x' },
        { index: 3, kind: 'pip', source: 'install x' },
        { index: 4, kind: 'sql', source: 'SELECT 1' },
      ],
      notices: ['Cell 5: %conda is not supported by the Brickyard runtime; the cell was skipped.'],
    });
    expect(planCells([{ index: 5, kind: 'sh', magic: 'sh', source: 'ls' }])).toEqual({
      error: 'Cell 5 uses %sh, which the Brickyard runtime does not support yet.',
    });
  });
});
