import { expect, expectAccessible, rest, signIn, snap, test } from './fixtures.js';

const AGGREGATE = `SELECT k, COUNT(*) AS n, SUM(v) AS total
FROM VALUES ('a', 1), ('a', 2), ('b', 5) AS t(k, v)
GROUP BY k ORDER BY k`;

test.describe('the SQL editor', () => {
  test('runs statements on a warehouse: the grid, a chart, a failure, the history', async ({ page }) => {
    const { id } = await rest<{ id: string }>(page, 'POST', '/api/2.0/sql/warehouses', {
      name: `ui-sql-${Date.now()}`,
      cluster_size: '2X-Small',
      auto_stop_mins: 10,
    });
    try {
      await signIn(page);
      await page.getByRole('link', { name: 'SQL Editor' }).click();
      await page.getByLabel('SQL warehouse').selectOption(id);
      const editor = page.getByLabel('SQL statement');
      const result = page.getByRole('region', { name: 'Statement result', exact: true });
      const rowCount = page.getByTestId('row-count');

      // The new warehouse is still starting: the statement waits for it, visibly, and can be canceled.
      await editor.fill("SELECT 1 AS a, 'x' AS b");
      await editor.press('Control+Enter');
      await expect(page.getByRole('button', { name: 'Cancel' })).toBeVisible();
      await snap(page, 'sql-running');
      await expect(rowCount).toHaveText('1 row', { timeout: 150_000 });
      await expect(result.getByRole('columnheader', { name: 'a INT' })).toBeVisible();
      await expect(result.getByRole('cell', { name: 'x', exact: true })).toBeVisible();

      await editor.fill(AGGREGATE);
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await expect(rowCount).toHaveText('2 rows');
      await expect(result.getByRole('cell', { name: 'b', exact: true })).toBeVisible();
      await expect(
        page.getByRole('figure', { name: 'Bar chart of n by k' }).locator('canvas').first(),
      ).toBeVisible();
      const chart = page.getByRole('region', { name: 'Visualization', exact: true });
      await chart.getByLabel('Y axis').selectOption({ label: 'total' });
      await chart.getByRole('combobox', { name: 'Chart', exact: true }).selectOption('line');
      await expect(page.getByRole('figure', { name: 'Line chart of total by k' })).toBeVisible();
      await snap(page, 'sql-result');
      await expectAccessible(page);

      await editor.fill('SELECT * FROM no_such_table_anywhere');
      await page.getByRole('button', { name: 'Run', exact: true }).click();
      await expect(result.getByRole('alert')).toContainText('no_such_table_anywhere');
      await snap(page, 'sql-failed');

      await page.getByRole('link', { name: 'Query history' }).click();
      const failedRow = page.getByRole('row').filter({ hasText: 'no_such_table_anywhere' }).first();
      await expect(failedRow).toContainText('FAILED');
      await expect(page.getByRole('row').filter({ hasText: 'GROUP BY k' }).first()).toContainText('FINISHED');
      await snap(page, 'sql-history');
      await expectAccessible(page);
    } finally {
      await rest(page, 'DELETE', `/api/2.0/sql/warehouses/${id}`);
    }
  });
});
