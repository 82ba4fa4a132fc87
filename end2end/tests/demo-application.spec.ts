import { demoUser } from './fixtures/demo';
import { expect, expectAccessible, test } from './fixtures';
import { totp } from './fixtures/totp';

// Issue 28, item 8: with --demo the server runs an application of its own at /demo-app/, an
// ordinary relying party that knows the person only through OpenID Connect. The demo server
// listens on a loopback address, so its issuer is http://localhost:<port>.
const origin = (process.env.CCASS_E2E_MAILBOX_URL ?? '').replace('127.0.0.1', 'localhost');
// The demo runs on the real clock (no test clock), so codes are read off it.
const appCode = async (secret: string, secondsLater = 0) => totp(secret, Date.now() / 1000 + secondsLater);
test.use({ baseURL: origin });

test('the demo application logs a person in through CCASS Access and out both ways', async ({
  page,
  browser,
  loginPage,
  otpPage,
  registerDevicePage,
  homePage,
}) => {
  test.setTimeout(90_000);
  await page.goto('/demo-app/');
  await expect(page.getByRole('heading', { name: 'CCASS Terminal (demo application)' })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Log in with CCASS Access' }).click();

  // The first log-in at CCASS Access, then straight back to the application.
  await expect(page).toHaveURL(/\/\?authorization=/);
  await loginPage.logIn(demoUser.id, demoUser.password);
  const secret = await registerDevicePage.registerWithApp(appCode);
  await registerDevicePage.continueAfterRecoveryCodes();
  await expect(page).toHaveURL(/\/demo-app\/$/);
  const claims = page.getByRole('table', { name: 'What CCASS Access told this application' });
  await expect(claims.getByRole('row', { name: /preferred_username/ })).toContainText(demoUser.id);
  await expect(claims.getByRole('row', { name: /^acr/ })).toContainText('urn:ccass:acr:app-otp');
  await expectAccessible(page);
  // The application speaks the browser's language too.
  const chinese = await browser.newContext({ locale: 'zh-HK', baseURL: origin });
  await chinese.addCookies(await page.context().cookies());
  const zh = await chinese.newPage();
  await zh.goto('/demo-app/');
  await expect(zh.getByRole('heading', { name: 'CCASS 終端機（示範應用程式）' })).toBeVisible();
  await expect(zh.getByRole('table', { name: 'CCASS Access 向此應用程式提供的資料' })).toBeVisible();
  await expectAccessible(zh);
  await chinese.close();

  // Logging out at the application ends the CCASS Access session as well.
  await page.goto('/demo-app/');
  await page.getByRole('link', { name: 'Log out' }).click();
  await expect(page.getByRole('link', { name: 'Log in with CCASS Access' })).toBeVisible();
  await page.goto('/terminal');
  await expect(page.getByRole('heading', { name: 'Please log in' })).toBeVisible();

  // Logging out at CCASS Access ends the application's session by the back channel.
  await page.goto('/demo-app/login');
  await loginPage.logIn(demoUser.id, demoUser.password);
  await otpPage.submit(await appCode(secret, 30));
  await expect(page.getByRole('link', { name: 'Log out' })).toBeVisible();
  await page.goto('/terminal');
  await expect(page.getByRole('link', { name: 'CCASS Terminal (demo application)' })).toBeVisible();
  await homePage.logOut();
  await expect(async () => {
    await page.goto('/demo-app/');
    await expect(page.getByRole('link', { name: 'Log in with CCASS Access' })).toBeVisible({ timeout: 1_000 });
  }).toPass({ timeout: 15_000 });
});
