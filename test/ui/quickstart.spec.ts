import { expect, expectAccessible, rest, signIn, snap, test } from './fixtures.js';

/**
 * Databricks' quickstart with the browser alone: create a cluster, import a notebook, run it as a
 * job on that cluster and read its result. The REST API here only cleans up afterwards.
 */
const NOTEBOOK = `# Databricks notebook source
# MAGIC %md
# MAGIC # Quickstart
# MAGIC Counts even and odd numbers with Spark.

# COMMAND ----------

counts = spark.range(10).selectExpr("id % 2 AS parity").groupBy("parity").count().orderBy("parity").collect()
dbutils.notebook.exit(f"even={counts[0]['count']} odd={counts[1]['count']}")
`;

/** A Spark cluster's pods and JVMs start in one to two minutes here; a loaded machine takes longer. */
const START_TIMEOUT = 300_000;
const RUN_TIMEOUT = 300_000;

test('the quickstart: a cluster, an imported notebook, a job run on the cluster and its result', async ({
  page,
}) => {
  test.setTimeout(START_TIMEOUT + RUN_TIMEOUT + 120_000);
  const suffix = Date.now().toString(36);
  const clusterName = `quickstart-${suffix}`;
  const jobName = `quickstart job ${suffix}`;
  let clusterId = '';
  let jobId = '';
  let notebookPath = '';
  try {
    await signIn(page);
    const sections = page.getByRole('navigation', { name: 'Sections' });

    // 1. Create a cluster (single node, the default runtime: Spark).
    await sections.getByRole('link', { name: 'Compute' }).click();
    await page.getByRole('link', { name: 'Create compute' }).first().click();
    await page.getByLabel('Compute name').fill(clusterName);
    await page.getByLabel('Workers', { exact: true }).fill('0');
    await page.getByRole('button', { name: 'Create compute' }).click();
    await page.waitForURL(/\/compute\/clusters\/[^/]+$/);
    clusterId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    const state = page.getByRole('region', { name: 'State', exact: true }).getByRole('definition').first();
    await expect(state).toHaveText('RUNNING', { timeout: START_TIMEOUT });

    // 2. Import a notebook into the home folder.
    const userName = (await page.getByTestId('user-name').textContent()) ?? '';
    notebookPath = `/Users/${userName}/quickstart-${suffix}`;
    await sections.getByRole('link', { name: 'Workspace' }).click();
    await page
      .getByRole('navigation', { name: 'Workspace tree' })
      .getByRole('link', { name: 'Home' })
      .click();
    await page.getByRole('button', { name: 'Import' }).click();
    const form = page.getByRole('form', { name: 'Import' });
    await form.getByLabel('File', { exact: true }).setInputFiles({
      name: `quickstart-${suffix}.py`,
      mimeType: 'text/x-python',
      buffer: Buffer.from(NOTEBOOK),
    });
    await form.getByRole('button', { name: 'Import' }).click();
    await page
      .getByRole('table')
      .getByRole('link', { name: `quickstart-${suffix}`, exact: true })
      .click();
    await expect(page.getByRole('heading', { name: 'Quickstart', exact: true })).toBeVisible();

    // 3. A job with the notebook as its task, on the cluster; Run now.
    await sections.getByRole('link', { name: 'Workflows' }).click();
    await page.getByRole('link', { name: 'Create job' }).first().click();
    await page.getByLabel('Job name').fill(jobName);
    await page.getByLabel('Task name').fill('count');
    await page.getByLabel('Notebook path').fill(notebookPath);
    await page.getByRole('radio', { name: 'Existing all-purpose cluster' }).check();
    await page.getByLabel('Cluster', { exact: true }).selectOption({ label: `${clusterName} (RUNNING)` });
    await expectAccessible(page);
    await snap(page, 'quickstart-create-job');
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.waitForURL(/\/workflows\/jobs\/\d+$/);
    jobId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    await page.getByRole('button', { name: 'Run now', exact: true }).click();

    // 4. The run, live to its result.
    await expect(page).toHaveURL(/\/workflows\/jobs\/\d+\/runs\/\d+/);
    await expect(page.getByTestId('tasks-done')).toHaveText('1 of 1 tasks finished', {
      timeout: RUN_TIMEOUT,
    });
    await page.getByRole('link', { name: 'count', exact: true }).click();
    const output = page.getByRole('region', { name: /Output of count/ });
    await expect(output.locator('pre').first()).toHaveText('even=5 odd=5');
    await snap(page, 'quickstart-result');
    await expectAccessible(page);
  } finally {
    if (jobId)
      await rest(page, 'POST', '/api/2.2/jobs/delete', { job_id: Number(jobId) }).catch(() => undefined);
    if (clusterId) await rest(page, 'POST', '/api/2.1/clusters/permanent-delete', { cluster_id: clusterId });
    if (notebookPath) await rest(page, 'POST', '/api/2.0/workspace/delete', { path: notebookPath });
  }
});
