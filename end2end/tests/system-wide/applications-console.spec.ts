import { OperatorPages, expect, expectAccessible, test } from '../fixtures';

// Issue 28, item 2 (R6a): an application is registered in the console by one operator and
// approved by a second, who alone is shown its client secret, once; a bad address is named
// on its field and loses nothing typed.
test('two operators register an application; the approver alone sees its secret', async ({
  page,
  people,
  languageSwitch,
  firstLogInWithApp,
  operatorPages,
  otherDesk,
}) => {
  test.setTimeout(90_000);
  const made = await people.create({ first: { role: 'operator' }, second: { role: 'operator' } });
  const name = `Settlement reports ${made.first.id.slice(-4)}`;
  await firstLogInWithApp(made.first, '/operator');

  // A plain-http address elsewhere than this machine is refused on its field.
  await operatorPages.requestApplication(name, ['http://reports.example.com/callback']);
  await expect(page.getByText(/The address must begin https:\/\//)).toBeVisible();
  await expect(page.getByLabel('Application name')).toHaveValue(name);
  await expectAccessible(page);

  await page.getByLabel('Redirect URIs (one per line)', { exact: true }).fill('https://reports.example.com/callback');
  await page.getByRole('button', { name: 'Request registration' }).click();
  await expect(page.getByText('The request waits for a second operator\'s approval.')).toBeVisible();

  // The maker sees their own request with Withdraw only; nothing is registered yet.
  await operatorPages.open('Approvals');
  const own = operatorPages.applicationRequest('Register an application', name);
  await expect(own.getByRole('button', { name: 'Withdraw' })).toBeVisible();
  await expect(own.getByRole('button', { name: 'Approve' })).toHaveCount(0);
  await expectAccessible(page);

  // The second operator approves and is shown the secret once.
  const second = await otherDesk(made.second, '/operator');
  const secondPages = new OperatorPages(second);
  await secondPages.open('Approvals');
  await secondPages
    .applicationRequest('Register an application', name)
    .getByRole('button', { name: 'Approve' })
    .click();
  await expect(second.getByText(/Client secret of [\w-]+: [\w-]{43}\. Give it to the application's administrators now/)).toBeVisible();
  await expectAccessible(second);
  await second.reload();
  await expect(second.getByText(/Client secret of/)).toHaveCount(0);

  // The application is listed, enabled, and its secret can be replaced under four eyes.
  await operatorPages.open('Applications');
  await expect(page.getByRole('rowheader', { name })).toBeVisible();
  await page.getByRole('button', { name: `Request a new secret for ${name}` }).click();
  await expect(page.getByText('The request waits for a second operator\'s approval.')).toBeVisible();
  await expectAccessible(page);

  await languageSwitch.chooseChinese();
  await page.getByRole('navigation').getByRole('link', { name: '應用程式' }).click();
  await expect(page.getByRole('heading', { name: '應用程式', level: 1 })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('navigation').getByRole('link', { name: '審批' }).click();
  await expect(page.getByRole('heading', { name: '應用程式相關要求' })).toBeVisible();
  await expectAccessible(page);
});
