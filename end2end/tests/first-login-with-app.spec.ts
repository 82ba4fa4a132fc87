import { newPassword } from './fixtures/demo';
import { expect, test, type Person } from './fixtures';

// Seed Appendix B, first-time log-in with the mobile app, then a later log-in (R17, R19, R21).
test.describe.serial('first log-in with the authenticator app', () => {
  // Made by the first test; the tests of a serial group run in order in one worker.
  let user: Person;
  let da: Person;
  let secret = '';

  test('sets a password through the e-mailed OTP, with the policy shown while typing', async ({
    page,
    loginPage,
    resetDialog,
    mailbox,
    people,
  }) => {
    ({ user, da } = await people.create({
      user: { role: 'user', password: false },
      da: { role: 'da_maker' },
    }));
    await loginPage.goto();
    await resetDialog.open();

    const { code, mail } = await mailbox.otpSentBy(user.email, () => resetDialog.requestOtp(user.id));
    expect(mail.text).toContain(user.id);
    expect(mail.text).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2} HKT/);
    expect(mail.text).toContain('一次性密碼');
    await expect(resetDialog.status).toContainText('valid for 5 minutes');
    await expect(resetDialog.countdown).toContainText(/valid for another [45]:\d\d/);

    await resetDialog.enterOtp(code);
    await resetDialog.newPassword.fill('short');
    await expect(resetDialog.rule('At least 12 characters')).toContainText('(not yet met)');
    await resetDialog.newPassword.fill(newPassword);
    await expect(resetDialog.rule('At least 12 characters')).toContainText('(met)');
    await resetDialog.confirmation.fill(newPassword);
    await expect(resetDialog.rule('Both entries are the same')).toContainText('(met)');
    await resetDialog.submitButton.click();

    await expect(resetDialog.dialog).toContainText('Your password has been reset');
    await resetDialog.closeButton.click();
    await expect(resetDialog.dialog).toBeHidden();
    await expect(page.getByRole('button', { name: 'LOG IN' })).toBeVisible();
  });

  test('registers the device with the app and lands on CCASS Terminal', async ({
    page,
    loginPage,
    registerDevicePage,
    homePage,
    appCode,
  }) => {
    await loginPage.goto();
    await loginPage.logIn(user.id, newPassword);

    await expect(registerDevicePage.heading).toBeVisible();
    await registerDevicePage.registerButton.click();
    await expect(registerDevicePage.qrCode).toBeVisible();
    secret = (await registerDevicePage.secret.textContent())!.trim();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await registerDevicePage.loginUsingCodeButton.click();
    await registerDevicePage.codeField.fill(await appCode(secret));
    await page.getByRole('button', { name: 'SUBMIT' }).click();

    await expect(registerDevicePage.recoveryCodes).toHaveCount(10);
    // At 1280 px the two columns keep "10." clear of the ninth code: each number is its
    // item's own content, not a marker hanging into the column beside it.
    await page.setViewportSize({ width: 1280, height: 800 });
    const layout = await registerDevicePage.recoveryCodes.evaluateAll((items) =>
      items.map((li) => ({ number: getComputedStyle(li, '::before').content, box: li.getBoundingClientRect() })),
    );
    expect(layout[9].number).not.toBe('none');
    expect(layout[9].box.left).toBeGreaterThan(layout[8].box.right);
    await registerDevicePage.continueAfterRecoveryCodes();
    await expect(page).toHaveURL(/\/terminal$/);
    await expect(homePage.heading).toHaveText('CCASS Terminal');
    await expect(homePage.who).toContainText(`PERSON (${user.id})`);
    await expect(homePage.lastLogin).toHaveText('This is your first log-in with two-factor authentication.');

    await homePage.logOut();
    await expect(page.getByRole('button', { name: 'LOG IN' })).toBeVisible();
    await page.goto('/terminal');
    await expect(page.getByRole('heading', { name: 'Please log in' })).toBeVisible();
  });

  test('logs in later with a code from the app and sees the previous log-in', async ({
    page,
    loginPage,
    otpPage,
    homePage,
    appCode,
  }) => {
    await loginPage.goto();
    await loginPage.logIn(user.id, newPassword);

    await expect(otpPage.heading).toBeVisible();
    // The next code comes from a later time step than the one used at registration (R23):
    // the phone's, 30 s on, which the server's one step of drift accepts.
    await otpPage.submit(await appCode(secret, 30));

    await expect(page).toHaveURL(/\/terminal$/);
    await expect(homePage.lastLogin).toContainText('by mobile app OTP');
  });

  test('a DA registers the app too and lands on the DMS home', async ({
    page,
    loginPage,
    registerDevicePage,
    homePage,
    appCode,
  }) => {
    await loginPage.goto('/dms');
    await loginPage.logIn(da.id, da.password);

    await registerDevicePage.registerWithApp(appCode);
    await registerDevicePage.continueAfterRecoveryCodes();

    await expect(page).toHaveURL(/\/dms\/home$/);
    await expect(homePage.heading).toHaveText('DMS');
  });
});
