import { expect, test } from './fixtures';

const newPassword = 'amber kettle on the harbour';

// The core journeys of the seed's Appendix B in Firefox ESR and WebKitGTK (issue 18); Chromium
// walks them, and more, in the Playwright suite.

test('first log-in through the reset pop-up, REGISTER DEVICE with the key, and a later log-in', async ({
  app,
  people,
  mailbox,
  appCode,
}, testInfo) => {
  const { user } = await people.create({ user: { role: 'user', password: false } });

  const toLogIn = await app.open('/');
  testInfo.annotations.push({ type: 'LOG IN after', description: `${toLogIn} ms` });
  console.log(`${testInfo.project.name}: LOG IN could be pressed ${toLogIn} ms after the page was asked for`);

  const reset = await mailbox.otpSentBy(user.email, () => app.requestResetCode(user.id));
  await app.shows('valid for 5 minutes');
  await app.finishReset(reset.code, newPassword);

  await app.logIn(user.id, newPassword);
  await app.registerDevice(appCode);
  await app.urlMatches(/\/terminal$/);
  expect(await app.heading()).toBe('CCASS Terminal');
  await app.shows(`(${user.id})`);
  await app.shows('This is your first log-in with two-factor authentication.');

  await app.press('LOG OUT');
  await app.button('LOG IN');
  await app.logIn(user.id, newPassword);
  await app.urlMatches(/\/login\/otp/);
});

test('REGISTER DEVICE, then a later log-in with a code from the app', async ({ app, people, appCode }) => {
  const user = await people.user();
  await app.open('/');
  await app.logIn(user.id, user.password);
  const secret = await app.registerDevice(appCode);
  await app.urlMatches(/\/terminal$/);
  await app.press('LOG OUT');

  await app.button('LOG IN');
  await app.logIn(user.id, user.password);
  // A later time step than the one the registration used (R23): the phone's, 30 s on.
  await app.giveOtp(await appCode(secret, 30));
  await app.urlMatches(/\/terminal$/);
  await app.shows('by mobile app OTP');
});

test('SKIP THIS STEP, accept the warning, and log in with the e-mailed code', async ({ app, people, mailbox }) => {
  const user = await people.user();
  await app.open('/');
  await app.logIn(user.id, user.password);
  await app.press('SKIP THIS STEP');
  await app.shows('less secure');
  const login = await mailbox.otpSentBy(user.email, () => app.press('Accept', '//dialog'));
  await app.urlMatches(/\/login\/otp/);
  await app.giveOtp(login.code);
  await app.urlMatches(/\/terminal$/);
  expect(await app.heading()).toBe('CCASS Terminal');
});

test('the language switch turns the page and the server messages Chinese, and is remembered', async ({
  app,
  people,
}) => {
  await app.open('/');
  await app.press('繁體中文');
  await app.button('登入');
  expect(await app.driver.findElement({ css: 'html' }).getAttribute('lang')).toBe('zh-Hant');

  await app.logIn(people.unknownId(), 'not-my-password-at-all', '登入');
  await app.shows('用戶編號或密碼不正確。');

  await app.driver.navigate().refresh();
  await app.button('登入');
  await app.press('English');
  await app.button('LOG IN');
});

test('an operator logs in at the console page and lands on the operator console', async ({ app, people, appCode }) => {
  const { operator } = await people.create({ operator: { role: 'operator' } });
  await app.open('/operator');
  expect(await app.heading()).toBe('CCASS Access – Operator console');
  await app.logIn(operator.id, operator.password);
  await app.registerDevice(appCode);
  await app.urlMatches(/\/operator\/home$/);
  expect(await app.heading()).toBe('Operator console');
});

test('a DA logs in at the DMS page and the workplace bundle takes over, session and all', async ({ app, people, appCode }) => {
  const { maker } = await people.create({ maker: { role: 'da_maker' } });
  await app.open('/dms');
  await app.logIn(maker.id, maker.password);
  await app.registerDevice(appCode);
  // The log-in bundle hands /dms/home to the workplace bundle (a page load), which finds the
  // session and shows the DMS's tabs.
  await app.urlMatches(/\/dms\/home$/);
  await app.shows('Maintain User Profile');
  await app.shows(`${maker.id} · DA maker`);
});
