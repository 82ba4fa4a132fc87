import { expect, test } from './fixtures';

test.describe('Log-in page shows what went wrong', () => {
  test('a wrong password gets the server message and no way in', async ({ loginPage, people }) => {
    const user = await people.user();
    await loginPage.goto();

    await loginPage.logIn(user.id, 'not-my-password-at-all');

    await expect(loginPage.alert).toHaveText('The user ID or password is incorrect.');
  });

  test('a malformed user ID gets the format error beside the field', async ({ loginPage, page }) => {
    await loginPage.goto();

    await loginPage.logIn('B01', 'whatever password');

    const error = page.locator('#user-id-error');
    await expect(error).toContainText('A user ID has 8 characters');
    await expect(loginPage.userId).toHaveAttribute('aria-invalid', 'true');
    await expect(loginPage.userId).toHaveAttribute('aria-describedby', 'user-id-error');
    await expect(loginPage.userId).toBeFocused();
  });

  test('the right password moves on to the second factor', async ({ page, loginPage, people }) => {
    const user = await people.user();
    await loginPage.goto();

    await loginPage.logIn(user.id, user.password);

    await expect(page).toHaveURL(`/login/register-device?user=${user.id}`);
  });

  test('a DA logs in on the DMS page, typing the ID in lower case', async ({ page, loginPage, people }) => {
    const { maker } = await people.create({ maker: { role: 'da_maker' } });
    await loginPage.goto('/dms');
    await expect(loginPage.heading).toHaveText('DMS – Delegated Administrator');

    await loginPage.logIn(maker.id.toLowerCase(), maker.password);

    await expect(page).toHaveURL(`/login/register-device?user=${maker.id}`);
  });
});
