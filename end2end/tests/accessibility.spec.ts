import { demo } from './fixtures/demo';
import { expect, expectAccessible, test } from './fixtures';

for (const language of ['en', 'zh'] as const) {
  test.describe(`accessibility in ${language === 'en' ? 'English' : 'Traditional Chinese'}`, () => {
    test.beforeEach(async ({ loginPage, languageSwitch }) => {
      await loginPage.goto();
      if (language === 'zh') {
        await languageSwitch.chooseChinese();
        await expect(loginPage.inLanguage('zh').logInButton).toBeVisible();
      }
    });

    test('the log-in page passes axe, also while showing errors', async ({ page, loginPage }) => {
      await expectAccessible(page);

      await loginPage.inLanguage(language).logIn('B01', 'x');
      await expect(page.locator('#user-id-error')).toBeVisible();
      await expectAccessible(page);

      await loginPage.logIn(demo.unknown.id, 'wrong-password-here');
      await expect(loginPage.alert).not.toBeEmpty();
      await expectAccessible(page);
    });

    test('the DMS log-in page and the sign-in-required page pass axe', async ({ page, loginPage }) => {
      await loginPage.inLanguage(language).goto('/dms');
      await expectAccessible(page);

      await page.goto('/terminal');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectAccessible(page);
    });

    test('a page that does not exist passes axe', async ({ page }) => {
      await page.goto('/no/such/page');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectAccessible(page);
    });
  });
}
