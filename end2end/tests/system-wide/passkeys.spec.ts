import { expect, expectAccessible, test } from '../fixtures';
import { VirtualAuthenticator } from '../fixtures/virtual-authenticator';

// Issue 17: passkeys as the second factor, with Chromium's virtual authenticator. System-wide:
// the removal's proof needs the server's clock a step further on.
test.describe('passkeys', () => {
  test('a user adds a passkey in settings, then logs in with password and passkey', async ({
    page,
    loginPage,
    homePage,
    settingsPage,
    otpPage,
    firstLogInWithApp,
    appCode,
    clock,
    people,
  }) => {
    const authenticator = await VirtualAuthenticator.attach(page);
    const user = await people.user();
    const secret = await firstLogInWithApp(user);
    await homePage.openSettings();
    await expect(page.getByText('You have no passkey yet.')).toBeVisible();

    await settingsPage.addPasskey('Work laptop', await appCode(secret, 30));
    await expect(page.getByRole('status').filter({ hasText: 'The passkey was added.' })).toBeVisible();
    await expect(settingsPage.passkeys).toHaveCount(1);
    await expect(settingsPage.passkeys.first()).toContainText('Work laptop');
    expect(await authenticator.credentialCount()).toBe(1);
    await expectAccessible(page);

    await page.getByRole('link', { name: 'Back to the home page' }).click();
    await homePage.logOut();
    await loginPage.logIn(user.id, user.password);
    await expect(otpPage.usePasskeyButton).toBeVisible();
    await expect(page.getByText('use your passkey or security key')).toBeVisible();
    await expectAccessible(page);
    await otpPage.usePasskeyButton.click();
    await expect(homePage.who).toContainText(user.id);
    await expect(homePage.lastLogin).toBeVisible();

    // The passkey goes as it came: proven by the app.
    await homePage.openSettings();
    await clock.advance(60);
    await settingsPage.removePasskey('Work laptop', await appCode(secret));
    await expect(page.getByRole('status').filter({ hasText: 'The passkey was removed.' })).toBeVisible();
    await expect(page.getByText('You have no passkey yet.')).toBeVisible();
  });

  test('at the first log-in a passkey replaces the app, and the app stays a way back', async ({
    page,
    loginPage,
    homePage,
    registerDevicePage,
    otpPage,
    people,
  }) => {
    await VirtualAuthenticator.attach(page);
    const user = await people.user();
    await loginPage.goto();
    await loginPage.logIn(user.id, user.password);
    await expect(registerDevicePage.heading).toBeVisible();
    await registerDevicePage.passkeyButton.click();
    await expect(registerDevicePage.recoveryCodes).toHaveCount(10);
    await registerDevicePage.continueAfterRecoveryCodes();
    await expect(homePage.who).toContainText(user.id);

    await homePage.logOut();
    await loginPage.logIn(user.id, user.password);
    await expect(otpPage.usePasskeyButton).toBeVisible();
    await otpPage.usePasskeyButton.click();
    await expect(homePage.who).toContainText(user.id);
  });

  test('without a passkey at hand the page says so and offers the other ways', async ({
    page,
    loginPage,
    registerDevicePage,
    otpPage,
    people,
  }) => {
    const authenticator = await VirtualAuthenticator.attach(page);
    const user = await people.user();
    await loginPage.goto();
    await loginPage.logIn(user.id, user.password);
    await registerDevicePage.passkeyButton.click();
    await registerDevicePage.continueAfterRecoveryCodes();
    await page.getByRole('button', { name: 'LOG OUT' }).click();

    // Another browser: this authenticator holds no passkey of the user's.
    await page.context().clearCookies();
    const session = await page.context().newCDPSession(page);
    await session.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId: authenticator.id });
    await VirtualAuthenticator.attach(page);
    await loginPage.goto();
    await loginPage.logIn(user.id, user.password);
    await otpPage.usePasskeyButton.click();
    await expect(otpPage.alert).toContainText('No passkey was used');
    await expect(page.getByRole('button', { name: 'Use recovery code' })).toBeVisible();
  });

  test('the passkey screens pass axe in Traditional Chinese', async ({
    page,
    loginPage,
    languageSwitch,
    people,
  }) => {
    await VirtualAuthenticator.attach(page);
    const user = await people.user();
    await loginPage.goto();
    await languageSwitch.chooseChinese();
    await loginPage.inLanguage('zh').logIn(user.id, user.password);
    await expect(page.getByRole('button', { name: '使用通行密鑰或安全密鑰' })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('button', { name: '使用通行密鑰或安全密鑰' }).click();
    await page.getByRole('button', { name: '繼續' }).click();
    await page.getByRole('link', { name: '個人設定' }).click();
    await expect(page.getByRole('heading', { name: '通行密鑰' })).toBeVisible();
    await expect(page.locator('ul.passkeys > li')).toHaveCount(1);
    await page.getByRole('button', { name: '加入通行密鑰' }).click();
    await expectAccessible(page);
    await page.getByRole('button', { name: '取消' }).click();
    await page.getByRole('link', { name: /返回/ }).click();
    await page.getByRole('button', { name: '登出' }).click();
    await loginPage.inLanguage('zh').logIn(user.id, user.password);
    await expect(page.getByRole('button', { name: '使用通行密鑰' })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole('button', { name: '使用通行密鑰' }).click();
    await expect(page.getByRole('button', { name: '登出' })).toBeVisible();
  });
});
