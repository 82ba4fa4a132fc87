import { expect, test } from './fixtures';

// A lost phone: a recovery code logs in once, and the user is told how many are left.
test('a recovery code logs in when the phone is lost', async ({
  page,
  loginPage,
  registerDevicePage,
  otpPage,
  homePage,
  appCode,
  people,
}) => {
  const user = await people.user();
  await loginPage.goto();
  await loginPage.logIn(user.id, user.password);
  await registerDevicePage.registerWithApp(appCode);
  const firstCode = (await registerDevicePage.recoveryCodes.first().textContent())!.trim();
  expect(firstCode).toMatch(/^[A-Z2-9]{5}-[A-Z2-9]{5}$/);
  const save = page.getByRole('link', { name: 'Save as a file' });
  await expect(save).toHaveAttribute('download', 'ccass-access-recovery-codes.txt');
  expect(decodeURIComponent((await save.getAttribute('href'))!)).toContain(firstCode);
  await registerDevicePage.continueAfterRecoveryCodes();
  await homePage.logOut();

  await loginPage.logIn(user.id, user.password);
  await otpPage.submitRecoveryCode(firstCode);

  await expect(page).toHaveURL(/\/terminal\?recovery_left=9$/);
  await expect(homePage.status).toContainText('Recovery codes left: 9');
  await expect(homePage.lastLogin).toContainText('by mobile app OTP');
});
