import { demo } from './fixtures/demo';
import { expect, expectAccessible, test } from './fixtures';

// Without --smtp-url (the embedded default of scripts/demo), OTP mail lands in the demo
// mailbox page, in demo mode only.
test.use({ baseURL: process.env.CCASS_E2E_MAILBOX_URL });

test('the demo mailbox lists the OTP mail and passes axe in both languages', async ({
  page,
  loginPage,
  resetDialog,
  languageSwitch,
}) => {
  await loginPage.goto();
  await resetDialog.open();
  await resetDialog.requestOtp(demo.firstLogin.id);
  await expect(resetDialog.countdown).toBeVisible();

  await page.goto('/dev/mailbox');
  await expect(page.getByRole('heading', { name: 'Demo mailbox' })).toBeVisible();
  const mail = page.getByRole('article').first();
  await expect(mail).toContainText(demo.firstLogin.email);
  await expect(mail).toContainText(`User ID ${demo.firstLogin.id}: your one-time password to reset your password is`);
  await expectAccessible(page);

  await languageSwitch.chooseChinese();
  await expect(page.getByRole('heading', { name: '示範郵箱' })).toBeVisible();
  await expectAccessible(page);
});
