import { expect, expectAccessible, test } from '../fixtures';

// R22, R26a: profile settings switch the OTP channel; to e-mail with a fresh app code, back to
// the app with a code e-mailed first; a new device only with the present app's code or a
// recovery code, the old one working until the new one is confirmed.
test('a DA switches from the app to e-mail and back, each time proving the present channel', async ({
  page,
  loginPage,
  registerDevicePage,
  homePage,
  settingsPage,
  clock,
  appCode,
  mailbox,
  people,
}) => {
  const { da } = await people.create({ da: { role: 'da_checker' } });
  await loginPage.goto('/dms');
  await loginPage.logIn(da.id, da.password);
  const secret = await registerDevicePage.registerWithApp(appCode);
  await registerDevicePage.continueAfterRecoveryCodes();
  await homePage.openSettings();
  await expect(settingsPage.channel).toHaveText('Currently: from the mobile authenticator app.');

  await settingsPage.switchToEmail('000000');
  await expect(page.getByRole('alert').first()).toContainText('incorrect');
  await clock.advance(30);
  await settingsPage.switchToEmail(await appCode(secret));
  await expect(settingsPage.status).toHaveText('One-time passwords now come by e-mail.');
  await expect(settingsPage.channel).toHaveText('Currently: by e-mail.');

  await settingsPage.startSwitchToApp();
  await expect(page.getByText('confirm with a code that we e-mail')).toBeVisible();
  await expectAccessible(page);
  const proof = await mailbox.otpSentBy(da.email, () => settingsPage.sendEmailCode());
  await settingsPage.confirmWith('Code from the e-mail', proof.code);
  await registerDevicePage.scanAndConfirm(appCode);
  await expect(registerDevicePage.recoveryCodes).toHaveCount(10);
  await expect(settingsPage.status).toHaveText('One-time passwords now come from your mobile app.');
  await expect(settingsPage.channel).toHaveText('Currently: from the mobile authenticator app.');

  // The phone is lost: a recovery code proves the DA, and a new device replaces the old.
  const recovery = (await registerDevicePage.recoveryCodes.first().textContent())!.trim();
  await registerDevicePage.continueAfterRecoveryCodes();
  await settingsPage.startReplacingDevice();
  await expect(page.getByText('Your current device keeps working')).toBeVisible();
  await settingsPage.useRecoveryCode();
  await settingsPage.confirmWith('Recovery code', 'ABCDE-FGHJ9');
  await expect(page.getByText('This recovery code is not valid')).toBeVisible();
  await settingsPage.confirmWith('Recovery code', recovery);
  await expect(registerDevicePage.qrCode).toBeVisible();
  await expectAccessible(page);
  await clock.advance(30);
  await registerDevicePage.scanAndConfirm(appCode);
  await expect(registerDevicePage.recoveryCodes).toHaveCount(10);
});
