import { execFileSync } from 'node:child_process';
import path from 'node:path';

import { expect, expectAccessible, test } from './fixtures';

// The first operator of a deployment comes from the command line (issue 10, R6a): it prints a
// one-time link where the operator sets a password; the app is registered at the first log-in.
test('an operator added on the command line sets a password through the one-time link and logs in', async ({
  page,
  loginPage,
  registerDevicePage,
  appCode,
  browser,
}, testInfo) => {
  const id = `CLI-${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
  const root = path.resolve(__dirname, '../..');
  const printed = execFileSync(
    path.join(root, 'target/debug/ccass-access-server'),
    [
      '--database-url', `sqlite://${process.env.CCASS_E2E_DATA}/e2e.db`,
      'operator', 'add', '--id', id, '--name', 'Command Line Operator',
      '--email', `${id.toLowerCase()}@hkex.example.com`,
      '--base-url', String(testInfo.project.use.baseURL),
    ],
    { cwd: root, encoding: 'utf8' },
  );
  const link = printed.split('\n').find((line) => line.includes('/operator/setup#'))!;
  expect(link).toBeTruthy();

  await page.goto(link);
  await expect(page.getByRole('heading', { name: 'Set up your operator account' })).toBeVisible();
  await expectAccessible(page);
  const password = 'harbour lights over kowloon bay';
  await page.getByLabel('New password', { exact: true }).fill(password);
  await page.getByLabel('Re-enter the new password').fill(password);
  await page.getByRole('button', { name: 'Set password' }).click();
  await expect(page.getByText(/Your password has been reset/)).toBeVisible();

  await loginPage.goto('/operator');
  await loginPage.logIn(id, password);
  await registerDevicePage.registerWithApp(appCode);
  await registerDevicePage.continueAfterRecoveryCodes();
  await expect(page).toHaveURL(/\/operator\/home$/);

  // The link works once: opened again in a browser without the session (the signed-in tab may
  // go on to the operator's home instead).
  const other = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
  const again = await other.newPage();
  await again.goto(link);
  await again.getByLabel('New password', { exact: true }).fill(password + ' again');
  await again.getByLabel('Re-enter the new password').fill(password + ' again');
  await again.getByRole('button', { name: 'Set password' }).click();
  await expect(again.getByRole('alert').filter({ hasText: /./ }).first()).toBeVisible();
  await again.getByRole('button', { name: '繁體中文' }).click();
  await expectAccessible(again);
  await other.close();
});
