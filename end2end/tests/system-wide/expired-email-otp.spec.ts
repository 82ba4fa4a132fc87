import { expect, test } from '../fixtures';

// R23: an e-mailed OTP lasts 5 minutes; "Send again" replaces it. Time moves by the server's
// injectable clock, not by sleeping.
test('an expired e-mail OTP is refused and a new one works', async ({
  page,
  loginPage,
  registerDevicePage,
  otpPage,
  mailbox,
  clock,
  people,
}) => {
  const { user } = await people.create({ user: { role: 'da_maker' } });
  await loginPage.goto('/dms');
  await loginPage.logIn(user.id, user.password);
  const first = await mailbox.otpSentBy(user.email, () => registerDevicePage.skipAndAccept());
  await expect(otpPage.heading).toBeVisible();

  await clock.advance(5 * 60 + 1);
  await otpPage.submit(first.code);
  await expect(otpPage.alert).toContainText('expired');

  const second = await mailbox.otpSentBy(user.email, () => otpPage.sendAgainButton.click());
  await expect(page.getByRole('status')).toContainText('A new code has been sent');
  await otpPage.submit(second.code);

  await expect(page).toHaveURL(/\/dms\/home$/);
});
