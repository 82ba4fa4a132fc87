import { expect, test } from './fixtures';

test('switching to Traditional Chinese changes the page and the server messages, and is remembered', async ({
  page,
  loginPage,
  languageSwitch,
  people,
}) => {
  await loginPage.goto();

  await languageSwitch.chooseChinese();

  const zh = loginPage.inLanguage('zh');
  await expect(zh.logInButton).toBeVisible();
  expect(await languageSwitch.htmlLang()).toBe('zh-Hant');
  await expect(page).toHaveTitle(/中央結算系統終端機/);

  await zh.logIn(people.unknownId(), 'not-my-password-at-all');
  await expect(zh.alert).toHaveText('用戶編號或密碼不正確。');

  await page.reload();
  await expect(zh.logInButton).toBeVisible();

  await languageSwitch.chooseEnglish();
  await expect(loginPage.inLanguage('en').logInButton).toBeVisible();
  expect(await languageSwitch.htmlLang()).toBe('en');
});

test('a deep link loads the app, which asks to log in first', async ({ page }) => {
  await page.goto('/dms/users/B0123401');

  await expect(page.getByRole('heading', { name: 'Please log in' })).toBeVisible();
  await page.getByRole('link', { name: 'Go to the log-in page' }).click();
  await expect(page.getByRole('button', { name: 'LOG IN' })).toBeVisible();
});

test('the demo mailbox page does not exist when mail goes through SMTP', async ({ page }) => {
  await page.goto('/dev/mailbox');

  await expect(page.getByRole('heading', { name: 'Page not found' })).toBeVisible();
});
