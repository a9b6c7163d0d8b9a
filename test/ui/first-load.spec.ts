import { expect, signIn, test } from './fixtures.js';

/** The budget of issue 14: the app's first load is at most 300 KB of compressed JavaScript. */
const FIRST_LOAD_BUDGET_BYTES = 300 * 1024;

test('the first load, signed in, stays within 300 KB of compressed JavaScript', async ({ page }) => {
  const scripts: Promise<number>[] = [];
  page.on('requestfinished', (request) => {
    if (request.resourceType() !== 'script') return;
    scripts.push(request.sizes().then((sizes) => sizes.responseBodySize));
  });
  await signIn(page);
  await page.waitForLoadState('networkidle');
  const sizes = await Promise.all(scripts);
  const total = sizes.reduce((sum, size) => sum + size, 0);
  test.info().annotations.push({
    type: 'first-load JavaScript',
    description: `${total} bytes in ${sizes.length} files`,
  });
  expect(sizes.length).toBeGreaterThan(0);
  expect(total).toBeLessThanOrEqual(FIRST_LOAD_BUDGET_BYTES);
});
