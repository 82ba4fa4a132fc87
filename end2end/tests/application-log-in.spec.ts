import { expect, expectAccessible, test } from './fixtures';
import { ApacheRelyingParty } from './fixtures/relying-party';

// Issue 28: an application of the clearing house behind CCASS Access, through a relying party
// written by others (Apache httpd with mod_auth_openidc), as a person at a bank meets it.
test.describe('an application behind the log-in (OpenID Connect)', () => {
  let rp: ApacheRelyingParty;

  test.beforeAll(async () => {
    rp = await ApacheRelyingParty.start();
  });

  test.afterAll(async () => {
    await rp?.stop();
  });

  test('a first log-in started at the application registers the device and comes back to it', async ({
    page,
    people,
    loginPage,
    registerDevicePage,
    appCode,
  }) => {
    const { user } = await people.create({ user: { role: 'user' } });

    await page.goto(rp.protectedUrl);

    // The application sent the browser to CCASS Access's own log-in page.
    await expect(page).toHaveURL(/\/\?authorization=/);
    await loginPage.logIn(user.id, user.password);
    await registerDevicePage.registerWithApp(appCode);
    await registerDevicePage.continueAfterRecoveryCodes();

    await expect(page).toHaveURL(new RegExp(`^${rp.origin}/protected/`));
    await expect(page.locator('#preferred_username')).toHaveText(user.id);
    await expect(page.locator('#acr')).toHaveText('urn:ccass:acr:app-otp');
    await expect(page.locator('#amr')).toHaveText('pwd,otp,mfa');
    await expect(page.locator('#roles')).toHaveText('user');
    expect(await page.locator('#sub').textContent()).not.toBe(user.id);
  });

  test('a later log-in with the app code, then single sign-on without a second log-in', async ({
    page,
    people,
    loginPage,
    otpPage,
    firstLogInWithApp,
    homePage,
    appCode,
  }) => {
    const { user } = await people.create({ user: { role: 'user' } });
    const secret = await firstLogInWithApp(user);
    await homePage.logOut();
    await loginPage.logInButton.waitFor();

    await page.goto(rp.protectedUrl);
    await loginPage.logIn(user.id, user.password);
    await otpPage.submit(await appCode(secret, 30));
    await expect(page.locator('#preferred_username')).toHaveText(user.id);

    // Logged in at CCASS Access already: another visit needs no log-in at all.
    await page.context().clearCookies({ name: /^mod_auth_openidc/ });
    await page.goto(rp.protectedUrl);
    await expect(page.locator('#preferred_username')).toHaveText(user.id);
  });

  test('logging out at the application ends the CCASS Access session too', async ({
    page,
    people,
    firstLogInWithApp,
  }) => {
    const { user } = await people.create({ user: { role: 'user' } });
    await firstLogInWithApp(user);
    await page.goto(rp.protectedUrl);
    await expect(page.locator('#preferred_username')).toHaveText(user.id);

    await page.getByRole('link', { name: 'Log out' }).click();

    // Sent with its ID token as the hint: no question, straight back to the application.
    await expect(page.getByRole('heading', { name: 'Logged out of the application' })).toBeVisible();
    await page.goto('/terminal');
    await expect(page.getByRole('heading', { name: /log in/i })).toBeVisible();
  });

  test('logging out at CCASS Access ends the application\'s session by the back channel', async ({
    page,
    people,
    firstLogInWithApp,
    homePage,
  }) => {
    const { user } = await people.create({ user: { role: 'user' } });
    await firstLogInWithApp(user);
    await page.goto(rp.protectedUrl);
    await expect(page.locator('#preferred_username')).toHaveText(user.id);
    await page.goto('/terminal');
    // The launcher offers the application to someone who logs in here directly.
    await expect(
      page.getByRole('link', { name: 'Claims page (Apache mod_auth_openidc)' }).first(),
    ).toBeVisible();
    await expectAccessible(page);

    await homePage.logOut();

    // The application learns it within seconds: its next page asks for a log-in again.
    await expect(async () => {
      await page.goto(rp.protectedUrl);
      await expect(page).toHaveURL(/\/\?authorization=/, { timeout: 1_000 });
    }).toPass({ timeout: 15_000 });
  });

  test('the provider\'s own pages read well in both languages', async ({ browser, people, firstLogInWithApp, page }) => {
    const { user } = await people.create({ user: { role: 'user' } });
    await firstLogInWithApp(user);
    // A request that cannot go back to its application: a page of ours, never a redirect.
    await page.goto('/oidc/authorize?response_type=code&client_id=nobody&redirect_uri=https%3A%2F%2Fx.example%2F&scope=openid');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText("This application's log-in request cannot be answered");
    await expectAccessible(page);
    // An application asks to log out without its ID token: the person decides.
    await page.goto('/oidc/logout');
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Log out of CCASS Access?');
    await expectAccessible(page);
    await page.getByRole('button', { name: 'LOG OUT' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('You have logged out of CCASS Access');
    await expectAccessible(page);

    const chinese = await browser.newContext({ locale: 'zh-HK', baseURL: test.info().project.use.baseURL });
    const zh = await chinese.newPage();
    await zh.goto('/oidc/authorize?client_id=nobody');
    await expect(zh.getByRole('heading', { level: 1 })).toHaveText('無法處理此應用程式的登入要求');
    await expectAccessible(zh);
    await chinese.close();
  });
});
