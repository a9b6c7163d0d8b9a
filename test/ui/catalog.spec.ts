import type { Page } from '@playwright/test';
import { expect, expectAccessible, rest, signIn, snap, test } from './fixtures.js';

interface Statement {
  statement_id: string;
  status: { state: string; error?: { message: string } };
}

/** Runs SQL on the warehouse as a script would: waits, polls, and fails on a FAILED statement. */
async function runSql(page: Page, warehouseId: string, statement: string): Promise<void> {
  let response = await rest<Statement>(page, 'POST', '/api/2.0/sql/statements', {
    warehouse_id: warehouseId,
    statement,
    wait_timeout: '50s',
  });
  while (response.status.state === 'PENDING' || response.status.state === 'RUNNING') {
    await page.waitForTimeout(1_000);
    response = await rest<Statement>(page, 'GET', `/api/2.0/sql/statements/${response.statement_id}`);
  }
  if (response.status.state !== 'SUCCEEDED') {
    throw new Error(`${statement}: ${response.status.state} ${response.status.error?.message ?? ''}`);
  }
}

/** Picks the warehouse when the page offers several; with one, it is used without asking. */
async function useWarehouse(page: Page, warehouseId: string): Promise<void> {
  await expect(page.locator('.cat-warehouse')).toBeVisible({ timeout: 30_000 });
  const picker = page.getByLabel('SQL warehouse');
  if ((await picker.count()) > 0) await picker.selectOption(warehouseId);
}

test.describe('the catalog explorer', () => {
  test('browses catalogs, schemas and a table: columns, sample rows, history, details', async ({ page }) => {
    const suffix = Date.now().toString(36);
    const catalog = `ui_test_${suffix}`;
    const { id: warehouseId } = await rest<{ id: string }>(page, 'POST', '/api/2.0/sql/warehouses', {
      name: `ui-catalog-${suffix}`,
      cluster_size: '2X-Small',
      auto_stop_mins: 10,
    });
    try {
      await rest(page, 'POST', '/api/2.1/unity-catalog/catalogs', {
        name: catalog,
        comment: 'made by a UI test',
      });
      await rest(page, 'POST', '/api/2.1/unity-catalog/schemas', { name: 'sales', catalog_name: catalog });
      await rest(page, 'POST', '/api/2.1/unity-catalog/volumes', {
        name: 'landing',
        catalog_name: catalog,
        schema_name: 'sales',
        volume_type: 'MANAGED',
      });
      await runSql(
        page,
        warehouseId,
        `CREATE TABLE ${catalog}.sales.orders (id INT COMMENT 'order number', item STRING) USING DELTA`,
      );
      await runSql(page, warehouseId, `INSERT INTO ${catalog}.sales.orders VALUES (1, 'apple'), (2, 'pear')`);

      await signIn(page);
      await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Catalog' }).click();
      await expect(page.getByRole('heading', { name: 'Catalog', level: 1 })).toBeVisible();
      await page.getByRole('main').getByRole('table').getByRole('link', { name: catalog }).click();
      await expect(page.getByRole('row').filter({ hasText: 'sales' })).toBeVisible();
      await snap(page, 'catalog-catalog');
      await expectAccessible(page);

      await page.getByRole('table').getByRole('link', { name: 'sales' }).click();
      await expect(page.getByRole('row').filter({ hasText: 'orders' })).toContainText('DELTA');
      await expect(page.getByRole('row').filter({ hasText: 'landing' })).toContainText(
        `/Volumes/${catalog}/sales/landing`,
      );
      await snap(page, 'catalog-schema');
      await expectAccessible(page);

      await page
        .getByRole('table', { name: /Tables of/ })
        .getByRole('link', { name: 'orders' })
        .click();
      await expect(page.getByRole('heading', { name: 'orders', level: 1 })).toBeVisible();
      const idRow = page.getByRole('row').filter({ hasText: 'order number' });
      await expect(idRow).toContainText(/int/i);
      await expect(
        page.getByRole('navigation', { name: 'Catalog tree' }).getByRole('link', { name: 'orders' }),
      ).toBeVisible();
      await snap(page, 'catalog-table-columns');
      await expectAccessible(page);

      await page.getByRole('link', { name: 'Sample data' }).click();
      await useWarehouse(page, warehouseId);
      const sample = page.getByRole('region', { name: `Sample rows of ${catalog}.sales.orders` });
      await expect(sample.getByRole('cell', { name: 'pear', exact: true })).toBeVisible({ timeout: 120_000 });
      await snap(page, 'catalog-table-sample');
      await expectAccessible(page);

      await page.getByRole('link', { name: 'History' }).click();
      const history = page.getByRole('region', { name: `History of ${catalog}.sales.orders` });
      await expect(history.getByRole('cell', { name: 'WRITE', exact: true })).toBeVisible({
        timeout: 120_000,
      });
      await snap(page, 'catalog-table-history');
      await expectAccessible(page);

      await page.getByRole('link', { name: 'Details' }).click();
      await expect(page.getByText('Storage location')).toBeVisible();
      await snap(page, 'catalog-table-details');
      await expectAccessible(page);
    } finally {
      await rest(page, 'DELETE', `/api/2.1/unity-catalog/catalogs/${catalog}?force=true`).catch(
        () => undefined,
      );
      await rest(page, 'DELETE', `/api/2.0/sql/warehouses/${warehouseId}`);
    }
  });

  test('browses DBFS and downloads a small file', async ({ page }) => {
    const directory = `/FileStore/ui-test-${Date.now().toString(36)}`;
    const text = 'id,item\n1,apple\n2,pear\n';
    await rest(page, 'POST', '/api/2.0/dbfs/put', {
      path: `${directory}/orders.csv`,
      contents: Buffer.from(text).toString('base64'),
    });
    try {
      await signIn(page);
      await page.goto('/catalog');
      await page
        .getByRole('navigation', { name: 'Catalog views' })
        .getByRole('link', { name: 'DBFS' })
        .click();
      await expect(page.getByRole('row').filter({ hasText: 'FileStore/' })).toBeVisible();
      await page.getByRole('link', { name: 'FileStore/' }).click();
      await page.getByRole('link', { name: `${directory.split('/').at(-1)}/` }).click();
      await expect(page.getByRole('row').filter({ hasText: 'orders.csv' })).toContainText(`${text.length} B`);
      await snap(page, 'catalog-dbfs-directory');
      await expectAccessible(page);

      await page.getByRole('link', { name: 'orders.csv' }).click();
      await expect(page.getByText('2,pear')).toBeVisible();
      const downloaded = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Download orders.csv' }).click();
      const download = await downloaded;
      expect(download.suggestedFilename()).toBe('orders.csv');
      await snap(page, 'catalog-dbfs-file');
      await expectAccessible(page);
    } finally {
      await rest(page, 'POST', '/api/2.0/dbfs/delete', { path: directory, recursive: true });
    }
  });
});
