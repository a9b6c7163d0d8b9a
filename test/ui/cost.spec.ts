import { expect, expectAccessible, rest, signIn, snap, test } from './fixtures.js';

interface WorkspaceCost {
  clusters: { cluster_id: string }[];
  warehouses: { warehouse_id: string }[];
}

const costPaths = (cost: WorkspaceCost) => [
  ...cost.clusters.map((cluster) => `/cost/clusters/${cluster.cluster_id}`),
  ...cost.warehouses.map((warehouse) => `/cost/warehouses/${warehouse.warehouse_id}`),
];

test.describe('cost', () => {
  test('shows the workspace and a row for each cluster and SQL warehouse it has', async ({ page }) => {
    const before = costPaths(await rest<WorkspaceCost>(page, 'GET', '/api/2.0/brickyard/workspace/cost'));
    await signIn(page);
    await page.getByRole('link', { name: 'Cost' }).click();
    await expect(page.getByRole('heading', { name: /^Workspace \d+$/ })).toBeVisible();
    await expect(page.getByText('Cost so far', { exact: true })).toBeVisible();

    // Others share the platform: only objects that exist both before and after the page loaded count.
    const after = costPaths(await rest<WorkspaceCost>(page, 'GET', '/api/2.0/brickyard/workspace/cost'));
    const lasting = before.filter((path) => after.includes(path));
    for (const path of lasting) {
      await expect(page.locator(`table a[href="${path}"]`)).toBeVisible();
    }
    if (lasting.length === 0) {
      await expect(page.getByText('No cluster or SQL warehouse in this workspace')).toBeVisible();
    }
    // Over time, from Prometheus: a chart, or the word that nothing has cost anything yet.
    const overTime = page.getByRole('region', { name: 'Cost over time' });
    await overTime.getByLabel('Window').selectOption({ label: 'Last hour' });
    await expect(
      overTime
        .getByRole('img', { name: 'Cost of the workspace so far, last hour' })
        .or(overTime.getByText('Nothing has cost anything in this window yet.')),
    ).toBeVisible();
    await snap(page, 'cost');
    await expectAccessible(page);

    const first = lasting[0];
    if (first) {
      await page.locator(`table a[href="${first}"]`).click();
      await expect(page.getByText('Total so far', { exact: true })).toBeVisible();
      await expect(page.getByRole('navigation', { name: 'Breadcrumb' })).toContainText('Cost');
      await snap(page, 'cost-object');
      await expectAccessible(page);
    }
  });
});
