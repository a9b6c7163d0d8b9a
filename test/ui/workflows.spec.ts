import type { Page } from '@playwright/test';
import { expect, expectAccessible, rest, signIn, snap, test } from './fixtures.js';

// The task runtime without Spark starts in seconds rather than the minute or two of Spark: the
// job machinery is what these pages show (the runtime itself is proven by test/e2e).
const NO_SPARK_RUNTIME = '19.3.x-no-spark-scala2.13';
const RUN_TIMEOUT = 300_000;

const base64 = (text: string) => Buffer.from(text).toString('base64');

async function putWorkspaceFiles(page: Page, folder: string): Promise<void> {
  await rest(page, 'POST', '/api/2.0/workspace/mkdirs', { path: folder });
  await rest(page, 'POST', '/api/2.0/workspace/import', {
    path: `${folder}/greet`,
    format: 'SOURCE',
    language: 'PYTHON',
    content: base64(
      '# Databricks notebook source\ndbutils.widgets.text("greeting", "none")\n\n# COMMAND ----------\n\n' +
        'dbutils.notebook.exit("greeting=" + dbutils.widgets.get("greeting"))\n',
    ),
  });
  await rest(page, 'POST', '/api/2.0/workspace/import', {
    path: `${folder}/report.py`,
    format: 'RAW',
    content: base64('print("report written")\n'),
  });
}

/** Three tasks: an If/else condition (no cluster), then a notebook, then a Python script. */
function jobSettings(name: string, folder: string) {
  return {
    name,
    parameters: [{ name: 'greeting', default: 'hello' }],
    job_clusters: [
      { job_cluster_key: 'main', new_cluster: { spark_version: NO_SPARK_RUNTIME, num_workers: 0 } },
    ],
    tasks: [
      {
        task_key: 'check',
        condition_task: { op: 'NOT_EQUAL', left: '{{job.parameters.greeting}}', right: 'skip' },
      },
      {
        task_key: 'greet',
        depends_on: [{ task_key: 'check', outcome: 'true' }],
        job_cluster_key: 'main',
        notebook_task: { notebook_path: `${folder}/greet` },
      },
      {
        task_key: 'report',
        depends_on: [{ task_key: 'greet' }],
        job_cluster_key: 'main',
        spark_python_task: { python_file: `${folder}/report.py` },
      },
    ],
  };
}

interface RunTasks {
  tasks?: { cluster_instance?: { cluster_id?: string } }[];
}

/** The job clusters the job's runs left behind (TERMINATED, as on Databricks). */
async function jobClustersOf(page: Page, jobId: number): Promise<string[]> {
  const { runs = [] } = await rest<{ runs?: { run_id: number }[] }>(
    page,
    'GET',
    `/api/2.2/jobs/runs/list?job_id=${jobId}`,
  );
  const ids = new Set<string>();
  for (const { run_id } of runs) {
    const run = await rest<RunTasks>(page, 'GET', `/api/2.2/jobs/runs/get?run_id=${run_id}`);
    for (const task of run.tasks ?? [])
      if (task.cluster_instance?.cluster_id) ids.add(task.cluster_instance.cluster_id);
  }
  return [...ids];
}

test.describe('Workflows', () => {
  test('a job: its DAG, Run now with parameters, the run live to its outputs, then Delete job', async ({
    page,
  }) => {
    test.setTimeout(RUN_TIMEOUT + 180_000);
    const stamp = Date.now();
    const name = `ui-workflows-${stamp}`;
    const folder = `/Shared/ui-workflows-${stamp}`;
    await putWorkspaceFiles(page, folder);
    const { job_id: jobId } = await rest<{ job_id: number }>(
      page,
      'POST',
      '/api/2.2/jobs/create',
      jobSettings(name, folder),
    );
    let clusters: string[] = [];
    try {
      await signIn(page);
      await page
        .getByRole('navigation', { name: 'Sections' })
        .getByRole('link', { name: 'Workflows' })
        .click();
      // The list pages oldest first: the name filter finds the job in a workspace of many.
      await page.getByRole('searchbox', { name: 'Job name' }).fill(name);
      await page.getByRole('button', { name: 'Find' }).click();
      const row = page.getByRole('row').filter({ hasText: name });
      await expect(row).toContainText('Manual');
      await expect(row).toContainText('Never run');
      await snap(page, 'workflows-jobs');
      await expectAccessible(page);

      await row.getByRole('link', { name }).click();
      await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
      const graph = page.getByRole('figure', { name: 'Task graph of 3 tasks' });
      for (const key of ['check', 'greet', 'report'])
        await expect(graph.getByText(key, { exact: true })).toBeVisible();
      await expect(graph.locator('.react-flow__edge')).toHaveCount(2);
      await expect(page.getByRole('row', { name: /greet Notebook/ })).toContainText('check (true)');
      await expect(page.getByText('This job has not run yet')).toBeVisible();
      await snap(page, 'workflows-job');
      await expectAccessible(page);

      await page.getByRole('button', { name: 'Run now with different parameters' }).click();
      const dialog = page.getByRole('dialog', { name: 'Run now with different parameters' });
      await expect(dialog.getByLabel('greeting')).toHaveValue('hello');
      await dialog.getByLabel('greeting').fill('hello from the browser');
      await expectAccessible(page);
      await dialog.getByRole('button', { name: 'Run', exact: true }).click();

      await expect(page).toHaveURL(/\/workflows\/jobs\/\d+\/runs\/\d+/);
      await expect(page.getByRole('heading', { name: /: run \d+$/, level: 1 })).toBeVisible();
      await expect(page.getByRole('button', { name: 'Cancel run' })).toBeVisible();
      await expect(page.getByRole('figure', { name: /Task graph of run \d+/ })).toBeVisible();
      await snap(page, 'workflows-run-active');

      await expect(page.getByTestId('tasks-done')).toHaveText('3 of 3 tasks finished', {
        timeout: RUN_TIMEOUT,
      });
      await expect(page.getByRole('button', { name: 'Cancel run' })).toBeHidden();
      const runGraph = page.getByRole('figure', { name: /Task graph of run \d+/ });
      await expect(runGraph.locator('.wf-node[data-tone="ok"]')).toHaveCount(3);
      const timeline = page.getByRole('list', { name: 'Task timeline' });
      await expect(timeline.getByText(/report: SUCCESS, /)).toBeAttached();

      await page.getByRole('link', { name: 'greet', exact: true }).click();
      const output = page.getByRole('region', { name: /Output of greet/ });
      await expect(output.locator('pre').first()).toHaveText('greeting=hello from the browser');
      await page.getByRole('link', { name: 'report', exact: true }).click();
      await expect(page.getByRole('region', { name: /Output of report/ })).toContainText('report written');
      await snap(page, 'workflows-run');
      await expectAccessible(page);

      await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name }).click();
      const runs = page.getByRole('region', { name: 'Runs', exact: true });
      await expect(
        runs.getByRole('table', { name: 'Runs of the job, newest first' }).getByRole('row').nth(1),
      ).toContainText('SUCCESS');
      await expect(runs.getByRole('figure').locator('canvas').first()).toBeVisible();
      await snap(page, 'workflows-job-runs');
      await expectAccessible(page);

      clusters = await jobClustersOf(page, jobId);
      await page.getByRole('button', { name: 'Delete job' }).click();
      await page
        .getByRole('dialog', { name: `Delete ${name}?` })
        .getByRole('button', { name: 'Delete' })
        .click();
      await expect(page.getByRole('heading', { name: 'Workflows', level: 1 })).toBeVisible();
      await expect(page.getByRole('link', { name })).toBeHidden();
    } finally {
      await rest(page, 'POST', '/api/2.2/jobs/delete', { job_id: jobId }).catch(() => undefined);
      if (clusters.length === 0) clusters = await jobClustersOf(page, jobId).catch(() => []);
      for (const clusterId of clusters) {
        await rest(page, 'POST', '/api/2.1/clusters/permanent-delete', { cluster_id: clusterId });
      }
      await rest(page, 'POST', '/api/2.0/workspace/delete', { path: folder, recursive: true });
    }
  });
});
