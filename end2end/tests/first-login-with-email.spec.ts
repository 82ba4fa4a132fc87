import { newPassword } from './fixtures/demo';
import { expect, test, type Person } from './fixtures';

// Seed Appendix B step 13: SKIP THIS STEP → warning → Accept → e-mailed OTP (R17, R18, R20, R21).
test.describe.serial('first log-in with e-mail OTP', () => {
  // Made by the first test; the tests of a serial group run in order in one worker.
  let user: Person;

  test('a user with no e-mail is told to ask their DA', async ({ loginPage, resetDialog, people }) => {
    const made = await people.create({
      noEmail: { role: 'user', email: false },
      webmail: { role: 'user', password: false, webmail: true },
    });
    user = made.webmail;
    await loginPage.goto();
    await resetDialog.open();

    await resetDialog.requestOtp(made.noEmail.id);

    await expect(resetDialog.status).toContainText('ask your Delegated Administrator');
  });

  test('skips the app, accepts the warning, and logs in with the e-mailed code', async ({
    page,
    loginPage,
    resetDialog,
    registerDevicePage,
    otpPage,
    homePage,
    mailbox,
  }) => {
    await loginPage.goto();
    await resetDialog.open();
    const reset = await mailbox.otpSentBy(user.email, () => resetDialog.requestOtp(user.id));
    await resetDialog.enterOtp(reset.code);
    await resetDialog.choosePassword(newPassword);
    // A person closes the dialog once it says the password is reset.
    await expect(resetDialog.dialog).toContainText('Your password has been reset');
    await resetDialog.closeButton.click();
    await expect(resetDialog.dialog).toBeHidden();

    await loginPage.logIn(user.id, newPassword);
    await registerDevicePage.skipButton.click();
    await expect(registerDevicePage.warning).toContainText('less secure');
    await registerDevicePage.warning.getByRole('button', { name: 'Cancel' }).click();
    expect((await mailbox.otpMailTo(user.email)).length).toBe(1);

    const login = await mailbox.otpSentBy(user.email, () => registerDevicePage.skipAndAccept());
    await expect(otpPage.heading).toBeVisible();
    await otpPage.submit(login.code);

    await expect(page).toHaveURL(/\/terminal$/);
    await expect(homePage.who).toContainText(user.id);
    await homePage.logOut();
  });

  test('logs in later with a code e-mailed as soon as the password is right', async ({
    page,
    loginPage,
    otpPage,
    homePage,
    mailbox,
  }) => {
    await loginPage.goto();
    const { code } = await mailbox.otpSentBy(user.email, () => loginPage.logIn(user.id, newPassword));

    await otpPage.submit(code);

    await expect(page).toHaveURL(/\/terminal$/);
    await expect(homePage.lastLogin).toContainText('by e-mail OTP');
  });
});
