import type { Page } from '@playwright/test';
import { expect, expectAccessible, rest, signIn, snap, test } from './fixtures.js';

/** A real cluster's pods start here in about 30 to 90 s; a loaded machine takes longer. */
const START_TIMEOUT = 240_000;
const STOP_TIMEOUT = 120_000;

/** Clusters and warehouses a test made, removed after it whatever its outcome. */
const createdClusters: string[] = [];
const createdWarehouses: string[] = [];

test.afterEach(async ({ page }) => {
  for (const id of createdClusters.splice(0)) {
    await rest(page, 'POST', '/api/2.1/clusters/permanent-delete', { cluster_id: id }).catch(() => undefined);
  }
  for (const id of createdWarehouses.splice(0)) {
    await rest(page, 'DELETE', `/api/2.0/sql/warehouses/${id}`).catch(() => undefined);
  }
});

/** The state badge of the detail page's State card. */
const clusterState = (page: Page) =>
  page.getByRole('region', { name: 'State', exact: true }).getByRole('definition').first();

test.describe('compute', () => {
  test('a cluster created from the form starts, shows its events and instances, and terminates', async ({
    page,
  }) => {
    test.setTimeout(START_TIMEOUT + STOP_TIMEOUT + 120_000);
    const name = `ui-compute-${Date.now()}`;
    await signIn(page);
    await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Compute' }).click();
    await expect(page.getByRole('heading', { name: 'Compute', level: 1 })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Create compute' }).first()).toBeVisible();
    await expectAccessible(page);
    await snap(page, 'compute-list');

    await page.getByRole('link', { name: 'Create compute' }).first().click();
    await expect(page.getByRole('heading', { name: 'New compute' })).toBeVisible();
    await page.getByLabel('Compute name').fill(name);
    await page.getByLabel('Worker type').selectOption('m5d.large');
    await page.getByLabel('Workers', { exact: true }).fill('0');
    await page.getByLabel('Terminate after minutes of inactivity').fill('30');
    await expectAccessible(page);
    await snap(page, 'compute-create');
    await page.getByRole('button', { name: 'Create compute' }).click();

    await page.waitForURL(/\/compute\/clusters\/[^/]+$/);
    const clusterId = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    createdClusters.push(clusterId);
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
    await expect(page.getByText('Creating the cluster with 0 workers')).toBeVisible({ timeout: 60_000 });
    await snap(page, 'compute-starting');

    await expect(clusterState(page)).toHaveText('RUNNING', { timeout: START_TIMEOUT });
    await expect(page.getByText('The cluster is running with 0 workers')).toBeVisible();
    await expectAccessible(page);
    await snap(page, 'compute-detail-running');

    const tabs = page.getByRole('navigation', { name: 'Cluster tabs' });
    await tabs.getByRole('link', { name: 'Instances' }).click();
    await expect(page.getByRole('cell', { name: 'Driver', exact: true })).toBeVisible();
    await snap(page, 'compute-instances');
    await tabs.getByRole('link', { name: 'Cost' }).click();
    await expect(page.getByText('Total so far')).toBeVisible();
    await snap(page, 'compute-cost');
    await tabs.getByRole('link', { name: 'Driver logs' }).click();
    await expect(page.getByRole('link', { name: 'open the Spark UI' })).toBeVisible();

    await page.getByRole('button', { name: 'Terminate' }).click();
    const dialog = page.getByRole('dialog', { name: 'Terminate compute?' });
    await expect(dialog).toBeVisible();
    await snap(page, 'compute-terminate-dialog');
    await dialog.getByRole('button', { name: 'Terminate' }).click();
    await expect(clusterState(page)).toHaveText('TERMINATED', { timeout: STOP_TIMEOUT });
    await tabs.getByRole('link', { name: 'Event log' }).click();
    await expect(page.getByText('Terminating the cluster: USER_REQUEST')).toBeVisible();
    await snap(page, 'compute-terminated');

    // Edited while terminated, it stays terminated under its new name.
    await page.getByRole('link', { name: 'Edit', exact: true }).click();
    await expect(page.getByLabel('Compute name')).toHaveValue(name);
    await expectAccessible(page);
    await snap(page, 'compute-edit');
    await page.getByLabel('Compute name').fill(`${name}-edited`);
    await page.getByRole('button', { name: 'Confirm' }).click();
    await expect(page.getByRole('heading', { name: `${name}-edited`, level: 1 })).toBeVisible();

    await page.getByRole('navigation', { name: 'Breadcrumb' }).getByRole('link', { name: 'Compute' }).click();
    const row = page.getByRole('row').filter({ hasText: `${name}-edited` });
    await expect(row).toContainText('TERMINATED');
    await expect(row).toContainText('$');
  });

  test("the form shows the API's validation message", async ({ page }) => {
    await signIn(page);
    await page.goto('/compute/create');
    await page.getByLabel('Workers', { exact: true }).fill('0');
    await page.getByLabel('Terminate after minutes of inactivity').fill('5');
    await page.getByRole('button', { name: 'Create compute' }).click();
    await expect(page.getByRole('alert')).toContainText(
      'autotermination_minutes must be 0 (disabled) or between 10 and 10000',
    );
    await expect(page).toHaveURL(/\/compute\/create$/);
    await snap(page, 'compute-create-error');
  });

  test('a SQL warehouse is listed, shown and deleted', async ({ page }) => {
    const name = `ui-warehouse-${Date.now()}`;
    const { id } = await rest<{ id: string }>(page, 'POST', '/api/2.0/sql/warehouses', {
      name,
      cluster_size: '2X-Small',
      auto_stop_mins: 10,
    });
    createdWarehouses.push(id);
    await signIn(page);
    await page.goto('/compute');
    await page
      .getByRole('navigation', { name: 'Compute kinds' })
      .getByRole('link', { name: 'SQL warehouses' })
      .click();
    const row = page.getByRole('row').filter({ hasText: name });
    await expect(row).toContainText('2X-Small');
    await expectAccessible(page);
    await snap(page, 'compute-warehouses');

    await row.getByRole('link', { name }).click();
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
    await expect(page.getByText(`/sql/1.0/warehouses/${id}`, { exact: true })).toBeVisible();
    await expect(page.getByText('Total so far')).toBeVisible();
    await expectAccessible(page);
    await snap(page, 'compute-warehouse-detail');

    await page.getByRole('button', { name: 'Delete' }).click();
    await page
      .getByRole('dialog', { name: 'Delete SQL warehouse?' })
      .getByRole('button', { name: 'Delete' })
      .click();
    await expect(page).toHaveURL(/\/compute\/warehouses$/);
    await expect(page.getByRole('row').filter({ hasText: name })).toHaveCount(0);
  });
});
