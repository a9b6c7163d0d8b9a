import { expect, expectAccessible, rest, signIn, snap, test } from './fixtures.js';

test.describe('experiments', () => {
  test('lists an MLflow experiment and shows its run with params and metrics', async ({ page }) => {
    const name = `/Users/ui/experiment-${Date.now()}`;
    const { experiment_id: experimentId } = await rest<{ experiment_id: string }>(
      page,
      'POST',
      '/api/2.0/mlflow/experiments/create',
      { name },
    );
    const { run } = await rest<{ run: { info: { run_id: string } } }>(
      page,
      'POST',
      '/api/2.0/mlflow/runs/create',
      {
        experiment_id: experimentId,
        run_name: 'ui-run',
        start_time: Date.now(),
      },
    );
    await rest(page, 'POST', '/api/2.0/mlflow/runs/log-batch', {
      run_id: run.info.run_id,
      params: [{ key: 'alpha', value: '0.5' }],
      metrics: [{ key: 'rmse', value: 0.25, timestamp: Date.now(), step: 0 }],
    });

    await signIn(page);
    await page.getByRole('link', { name: 'Experiments' }).click();
    await expect(page.getByRole('heading', { name: 'Experiments' })).toBeVisible();
    await page.getByRole('link', { name }).click();
    await expect(page.getByRole('heading', { name })).toBeVisible();
    const row = page.getByRole('row').filter({ hasText: 'ui-run' });
    await expect(row).toContainText('alpha=0.5');
    await expect(row).toContainText('rmse=0.25');
    await expect(
      page.getByText(`dbfs:/databricks/mlflow-tracking/${experimentId}`, { exact: true }),
    ).toBeVisible();
    await snap(page, 'experiment');
    await expectAccessible(page);
  });
});
