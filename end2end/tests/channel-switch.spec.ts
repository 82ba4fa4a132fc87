import { demo } from './fixtures/demo';
import { expect, test } from './fixtures';

// R22: profile settings switch the OTP channel; to e-mail with a fresh app code, back to the
// app through device registration.
test('a DA switches from the app to e-mail and back', async ({
  page,
  loginPage,
  registerDevicePage,
  homePage,
  settingsPage,
  clock,
  appCode,
}) => {
  const da = demo.checker;
  await loginPage.goto('/dms');
  await loginPage.logIn(da.id, da.password);
  const secret = await registerDevicePage.registerWithApp(appCode);
  await registerDevicePage.continueAfterRecoveryCodes();
  await homePage.openSettings();
  await expect(settingsPage.channel).toHaveText('Currently: from the mobile authenticator app.');

  await settingsPage.switchToEmail('000000');
  await expect(page.getByRole('alert')).toContainText('incorrect');
  await clock.advance(30);
  await settingsPage.switchToEmail(await appCode(secret));
  await expect(settingsPage.status).toHaveText('One-time passwords now come by e-mail.');
  await expect(settingsPage.channel).toHaveText('Currently: by e-mail.');

  await settingsPage.startSwitchToApp();
  await registerDevicePage.registerWithApp(appCode);
  await expect(registerDevicePage.recoveryCodes).toHaveCount(10);
  await expect(settingsPage.status).toHaveText('One-time passwords now come from your mobile app.');
  await expect(settingsPage.channel).toHaveText('Currently: from the mobile authenticator app.');
});
