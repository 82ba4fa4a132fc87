import { expect, expectAccessible, test } from './fixtures';
import { VirtualAuthenticator } from './fixtures/virtual-authenticator';

// Issue 17: an operator refuses e-mail OTP for a participant; its e-mail user proves the
// e-mailed code once more and is led to register a passkey, with no dead end.
test('where e-mail OTP is refused, an e-mail user is led to register a passkey', async ({
  page,
  loginPage,
  registerDevicePage,
  otpPage,
  homePage,
  mailbox,
  people,
  otherDesk,
}) => {
  const { user, operator } = await people.create({
    user: { role: 'user' },
    operator: { role: 'operator' },
  });
  const participant = user.id.slice(0, 6);
  // The user chose e-mail OTP at their first log-in, as the seed lets them.
  await loginPage.goto();
  await loginPage.logIn(user.id, user.password);
  const first = await mailbox.otpSentBy(user.email, () => registerDevicePage.skipAndAccept());
  await otpPage.submit(first.code);
  await expect(homePage.who).toContainText(user.id);
  await homePage.logOut();

  // The operator refuses e-mail OTP for the participant, in the console.
  const console = await otherDesk(operator, '/operator');
  await expect(console).toHaveURL(/\/operator\/home$/);
  await console.getByRole('link', { name: 'Participants', exact: true }).click();
  await console.getByRole('button', { name: `Refuse e-mail OTP for ${participant}` }).click();
  await expect(console.getByRole('button', { name: `Allow e-mail OTP for ${participant}` })).toBeVisible();
  await expectAccessible(console);

  await VirtualAuthenticator.attach(page);
  await loginPage.goto();
  const again = await mailbox.otpSentBy(user.email, () => loginPage.logIn(user.id, user.password));
  await expect(page.getByText('no longer accepts one-time passwords by e-mail')).toBeVisible();
  await otpPage.submit(again.code);

  await expect(registerDevicePage.heading).toBeVisible();
  await expect(page.getByText('The code was right.')).toBeVisible();
  await expect(registerDevicePage.skipButton).toHaveCount(0);
  await expectAccessible(page);
  await registerDevicePage.passkeyButton.click();
  await registerDevicePage.continueAfterRecoveryCodes();
  await expect(homePage.who).toContainText(user.id);

  await homePage.logOut();
  await loginPage.logIn(user.id, user.password);
  await otpPage.usePasskeyButton.click();
  await expect(homePage.who).toContainText(user.id);
});
