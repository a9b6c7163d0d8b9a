import { expect, expectAccessible, platformToken, rest, signIn, snap, test } from './fixtures.js';

test.describe('signing in and out', () => {
  test('a wrong token is refused with the API message, the right one signs in', async ({ page }) => {
    await page.goto('/');
    await expect(page.getByRole('heading', { name: 'Sign in to Brickyard' })).toBeVisible();
    await expectAccessible(page);
    await snap(page, 'sign-in');
    await page.getByLabel('Personal access token').fill('dapi-not-a-token');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('alert')).toContainText('Invalid access token');

    await signIn(page);
    await expect(page.getByTestId('user-name')).not.toBeEmpty();
    const cookies = await page.context().cookies();
    const session = cookies.find((cookie) => cookie.name === 'brickyard-session');
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
  });

  test('the cookie alone, without the CSRF header, authenticates nothing', async ({ page }) => {
    await signIn(page);
    const response = await page.request.get('/api/2.1/clusters/list');
    expect(response.status()).toBe(401);
  });

  test('signing out returns to the sign-in page', async ({ page }) => {
    await signIn(page);
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page.getByRole('heading', { name: 'Sign in to Brickyard' })).toBeVisible();
    await page.reload();
    await expect(page.getByRole('heading', { name: 'Sign in to Brickyard' })).toBeVisible();
  });

  test('revoking the token signs the browser out on its next call', async ({ page }) => {
    const created = await rest<{ token_value: string; token_info: { token_id: string } }>(
      page,
      'POST',
      '/api/2.0/token/create',
      { comment: 'ui test: revoked mid-session', lifetime_seconds: 600 },
    );
    await signIn(page, created.token_value);
    await rest(page, 'POST', '/api/2.0/token/delete', { token_id: created.token_info.token_id });
    // A client-side navigation makes the next call (a page's own polling may already have made it).
    await page.evaluate(
      `history.pushState({}, '', '/workflows'); dispatchEvent(new PopStateEvent('popstate'))`,
    );
    await expect(page.getByText('You were signed out')).toBeVisible();
    expect(platformToken()).not.toBe(created.token_value);
  });

  test('an account admin picks a workspace first, and may switch', async ({ page }) => {
    const accountToken = process.env.BRICKYARD_ACCOUNT_TOKEN;
    const workspaceId = process.env.BRICKYARD_DEFAULT_WORKSPACE_ID;
    if (!accountToken || !workspaceId) throw new Error('source .brickyard/env');
    await signIn(page, accountToken);
    await expect(page.getByRole('heading', { name: 'Choose a workspace' })).toBeVisible();
    await expectAccessible(page);
    await snap(page, 'workspace-picker');
    await page.getByRole('button', { name: new RegExp(`\\(${workspaceId}\\)`) }).click();
    await expect(page.getByText(`Workspace ${workspaceId}`)).toBeVisible();
    await page.getByRole('button', { name: 'Switch workspace' }).click();
    await expect(page.getByRole('heading', { name: 'Choose a workspace' })).toBeVisible();
  });
});
