import { expect, expectAccessible, rest, signIn, snap, test } from './fixtures.js';

test.describe('settings', () => {
  test('shows the signed-in user', async ({ page }) => {
    await signIn(page);
    await page.getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByTestId('profile-user-name')).toHaveText(
      (await page.getByTestId('user-name').textContent()) ?? '',
    );
    await snap(page, 'settings-profile');
    await expectAccessible(page);
  });

  test('a token generated in the UI is listed, revoked, and then refused by the API', async ({
    page,
    request,
  }) => {
    const asToken = (value: string) =>
      request.get('/api/2.0/preview/scim/v2/Me', { headers: { Authorization: `Bearer ${value}` } });
    await signIn(page);
    await page.getByRole('link', { name: 'Settings' }).click();
    await page.getByRole('link', { name: 'Developer' }).click();
    await page.getByRole('button', { name: 'Generate new token' }).click();
    const comment = `ui test token ${Date.now()}`;
    await page.getByLabel('Comment', { exact: true }).fill(comment);
    await page.getByLabel('Lifetime', { exact: true }).selectOption('1 day');
    await page.getByRole('button', { name: 'Generate', exact: true }).click();

    const value = await page.getByLabel('Token value').inputValue();
    expect(value.length).toBeGreaterThan(20);
    expect((await asToken(value)).status()).toBe(200);
    await snap(page, 'settings-new-token');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'Done' }).click();
    await expect(page.getByLabel('Token value')).toHaveCount(0);

    const row = page.getByRole('row').filter({ hasText: comment });
    await expect(row).toBeVisible();
    await row.getByRole('button', { name: `Revoke ${comment}` }).click();
    const dialog = page.getByRole('dialog', { name: 'Revoke this token?' });
    await expect(dialog).toContainText(comment);
    await snap(page, 'settings-revoke');
    await expectAccessible(page);
    await dialog.getByRole('button', { name: 'Revoke token' }).click();
    await expect(row).toHaveCount(0);
    expect((await asToken(value)).status()).toBe(401);
  });

  test("an admin sees and revokes the workspace's tokens", async ({ page }) => {
    const comment = `ui test admin view ${Date.now()}`;
    const created = await rest<{ token_info: { token_id: string } }>(page, 'POST', '/api/2.0/token/create', {
      comment,
      lifetime_seconds: 600,
    });
    await signIn(page);
    await page.goto('/settings/workspace-admin/tokens');
    const row = page.getByRole('row').filter({ hasText: created.token_info.token_id });
    await expect(row).toContainText(comment);
    await snap(page, 'settings-workspace-tokens');
    await expectAccessible(page);
    await row.getByRole('button', { name: `Revoke ${comment}` }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();
    await expect(row).toHaveCount(0);
  });
});
