import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Page } from '@playwright/test';

/** The token `make up` wrote to .brickyard/env (the default workspace's admin). */
export function platformToken(): string {
  const token = process.env.DATABRICKS_TOKEN;
  if (!token) throw new Error('DATABRICKS_TOKEN is not set: source .brickyard/env');
  return token;
}

/** The REST API beside the browser, for arranging what a page shows (as a user's script would). */
export async function rest<T>(page: Page, method: string, path: string, body?: unknown): Promise<T> {
  const response = await page.request.fetch(path, {
    method,
    headers: { Authorization: `Bearer ${platformToken()}` },
    ...(body === undefined ? {} : { data: body }),
  });
  const text = await response.text();
  if (!response.ok()) throw new Error(`${method} ${path}: ${response.status()} ${text}`);
  return (text ? JSON.parse(text) : {}) as T;
}

/** A screenshot kept as a test artifact under test-results/ui/screens. */
export async function snap(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: `test-results/ui/screens/${name}.png`, fullPage: true });
}

/** axe-core finds no serious or critical violation on the page as it is now. */
export async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => {
      const where = violation.nodes.map((node) => node.target.join(' ')).join(', ');
      return `${violation.id}: ${violation.help} at ${where}`;
    });
  expect(serious).toEqual([]);
}

/** Signs the browser in through the sign-in page. */
export async function signIn(page: Page, token = platformToken()): Promise<void> {
  await page.goto('/');
  await page.getByLabel('Personal access token').fill(token);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('navigation', { name: 'Sections' })).toBeVisible();
}

/**
 * A page whose console errors fail the test (a 401 the app expects is logged by the browser as a
 * failed resource load, which is not a script error and is let through).
 */
export const test = base.extend<{ consoleErrors: string[] }>({
  consoleErrors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on('console', (message) => {
        if (message.type() !== 'error') return;
        if (message.text().startsWith('Failed to load resource')) return;
        errors.push(message.text());
      });
      page.on('pageerror', (error) => errors.push(error.message));
      await use(errors);
      expect(errors).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
