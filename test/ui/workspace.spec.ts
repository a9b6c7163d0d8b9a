import { expect, expectAccessible, rest, signIn, snap, test } from './fixtures.js';

const NOTEBOOK = [
  '# Databricks notebook source',
  '# MAGIC %md',
  '# MAGIC # Quarterly report',
  '# MAGIC Orders are **counted** per region; see [the docs](https://docs.databricks.com).',
  '# MAGIC - first point',
  '# MAGIC - second point',
  '',
  '# COMMAND ----------',
  '',
  'df = spark.table("samples.nyctaxi.trips")',
  '',
  '# COMMAND ----------',
  '',
  '# MAGIC %sql',
  '# MAGIC SELECT region, count(*) FROM orders GROUP BY region',
  '',
].join('\n');

const IMPORTED = '# Databricks notebook source\nprint("imported through the form")\n';

const base64 = (text: string) => Buffer.from(text).toString('base64');

test.describe('the workspace browser', () => {
  test('browses a folder, renders a notebook, exports, imports, creates and deletes', async ({ page }) => {
    const { userName } = await rest<{ userName: string }>(page, 'GET', '/api/2.0/preview/scim/v2/Me');
    const folder = `/Users/${userName}/ui-test-${Date.now().toString(36)}`;
    await rest(page, 'POST', '/api/2.0/workspace/mkdirs', { path: folder });
    try {
      await rest(page, 'POST', '/api/2.0/workspace/import', {
        path: `${folder}/report`,
        format: 'SOURCE',
        language: 'PYTHON',
        content: base64(NOTEBOOK),
      });
      await rest(page, 'POST', '/api/2.0/workspace/import', {
        path: `${folder}/notes.txt`,
        format: 'RAW',
        content: base64('plain notes\n'),
      });
      await signIn(page);
      await page
        .getByRole('navigation', { name: 'Sections' })
        .getByRole('link', { name: 'Workspace' })
        .click();
      const tree = page.getByRole('navigation', { name: 'Workspace tree' });
      await expect(tree.getByRole('link', { name: 'Home' })).toBeVisible();
      await tree.getByRole('link', { name: 'Home' }).click();
      await page
        .getByRole('link', { name: folder.split('/').at(-1) ?? '' })
        .first()
        .click();

      // The folder: its notebook and file, in words.
      await expect(page.getByRole('heading', { level: 1 })).toHaveText(folder.split('/').at(-1) ?? '');
      const reportRow = page.getByRole('row').filter({ hasText: 'report' });
      await expect(reportRow).toContainText('Notebook (Python)');
      await expect(page.getByRole('row').filter({ hasText: 'notes.txt' })).toContainText('File');
      await snap(page, 'workspace-folder');
      await expectAccessible(page);

      // The notebook: Markdown rendered, Python and SQL cells shown as code.
      await page.getByRole('link', { name: 'report' }).first().click();
      await expect(page.getByRole('heading', { name: 'Quarterly report' })).toBeVisible();
      await expect(page.locator('strong', { hasText: 'counted' })).toBeVisible();
      await expect(page.getByRole('link', { name: 'the docs' })).toHaveAttribute(
        'href',
        'https://docs.databricks.com',
      );
      await expect(page.getByRole('listitem', { name: 'Cell 3' })).toContainText('SQL');
      await expect(page.getByRole('listitem', { name: 'Cell 3' })).toContainText('SELECT region, count(*)');
      await expect(page.getByRole('listitem', { name: 'Cell 2' })).toContainText('spark.table');
      await expect(
        page.getByRole('list', { name: 'Cells' }).getByRole('listitem', { name: /^Cell \d+$/ }),
      ).toHaveCount(3);
      await snap(page, 'workspace-notebook');
      await expectAccessible(page);

      // Export: the notebook in SOURCE format, as a .py download.
      const downloaded = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Export report' }).click();
      const download = await downloaded;
      expect(download.suggestedFilename()).toBe('report.py');
      const exported = await download.createReadStream().then(async (stream) => {
        const chunks: Buffer[] = [];
        for await (const chunk of stream) chunks.push(chunk as Buffer);
        return Buffer.concat(chunks).toString('utf8');
      });
      expect(exported).toContain('# MAGIC # Quarterly report');

      // Import through the form (AUTO drops the extension of a notebook).
      await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link').last().click();
      await page.getByRole('button', { name: 'Import' }).click();
      const form = page.getByRole('form', { name: 'Import' });
      await form.getByLabel('File', { exact: true }).setInputFiles({
        name: 'imported.py',
        mimeType: 'text/x-python',
        buffer: Buffer.from(IMPORTED),
      });
      await expect(form.getByLabel('Name', { exact: true })).toHaveValue('imported.py');
      await expect(form.getByLabel('Format')).toHaveValue('AUTO');
      await snap(page, 'workspace-import');
      await expectAccessible(page);
      await form.getByRole('button', { name: 'Import' }).click();
      await expect(form).toBeHidden();
      await expect(page.getByRole('row').filter({ hasText: 'imported' })).toContainText('Notebook (Python)');

      // A new folder, then deleted after the confirmation.
      await page.getByRole('button', { name: 'Create folder' }).click();
      await page.getByLabel('Folder name').fill('scratch');
      await page.getByRole('button', { name: 'Create', exact: true }).click();
      const scratchRow = page.getByRole('row').filter({ hasText: 'scratch' });
      await expect(scratchRow).toContainText('Folder');
      await scratchRow.getByRole('button', { name: 'Delete scratch' }).click();
      const dialog = page.getByRole('dialog', { name: 'Delete scratch?' });
      await expect(dialog).toBeVisible();
      await snap(page, 'workspace-delete');
      await dialog.getByRole('button', { name: 'Delete' }).click();
      await expect(scratchRow).toHaveCount(0);

      // A workspace file opens as text.
      await page.getByRole('link', { name: 'notes.txt' }).first().click();
      await expect(page.getByText('plain notes')).toBeVisible();
      await snap(page, 'workspace-file');
    } finally {
      await rest(page, 'POST', '/api/2.0/workspace/delete', { path: folder, recursive: true });
    }
  });

  test('a missing path says so with the API message', async ({ page }) => {
    await signIn(page);
    await page.goto('/workspace/Shared/no-such-notebook-here');
    await expect(page.getByRole('alert')).toContainText("doesn't exist");
  });
});
