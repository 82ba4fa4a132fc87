import { DmsPages, expect, expectAccessible, test } from '../fixtures';

// Bulk E-mail Registration (issue 13, beyond the seed): a maker reads a CSV with one bad row,
// "Check" names the row's problem, the valid rows go for authorisation as one batch, and a
// checker confirms it once from Pending Requests. The clock is a Tuesday morning (R11).
test('a bulk upload with one bad row is checked, submitted, and authorised once by a checker', async ({
  page,
  clock,
  people,
  dms,
  languageSwitch,
  firstLogInWithApp,
  otherDesk,
}) => {
  test.setTimeout(90_000);
  await clock.set('2026-12-01T10:00:00+08:00');
  const made = await people.create({
    maker: { role: 'da_maker' },
    checker: { role: 'da_checker' },
    first: { role: 'user', email: false },
    second: { role: 'user', email: false },
  });
  const csv = [
    'User ID,E-mail',
    `${made.first.id},${made.first.id.toLowerCase()}@broker.example.com`,
    `${made.second.id},${made.second.id.toLowerCase()}@broker.example.com`,
    `${made.second.id.slice(0, 6)}X1,not-an-address`,
  ].join('\n');

  await firstLogInWithApp(made.maker, '/dms');
  await dms.open('Bulk E-mail Registration');
  await expect(page.getByRole('heading', { name: 'Bulk E-mail Registration', level: 1 })).toBeVisible();
  await page.getByLabel('Or read a CSV file').setInputFiles({
    name: 'emails.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv),
  });
  await expect(page.getByLabel(/User IDs and e-mails/)).toHaveValue(csv);
  await expect(page.getByRole('button', { name: 'Submit for authorisation' })).toBeDisabled();
  await page.getByRole('button', { name: 'Check' }).click();
  await expect(page.getByText('2 rows to register or change, 0 unchanged, 1 with errors.')).toBeVisible();
  const rows = page.getByRole('region', { name: 'Check' });
  await expect(rows.getByRole('row', { name: new RegExp(made.first.id) })).toContainText('To register');
  await expect(rows.getByRole('row', { name: /X1/ })).toContainText('DA user ID');
  await expectAccessible(page);
  await page.getByRole('button', { name: 'Submit for authorisation' }).click();
  await expect(page.getByRole('heading', { name: 'E-mail batch of 2 rows' })).toBeVisible();
  await expect(page.getByText('The batch waits for a checker\'s authorisation.')).toBeVisible();
  await expectAccessible(page);

  // The checker, at their own desk: the code, then the batch from Pending Requests.
  const checkerPage = await otherDesk(made.checker, '/dms');
  const checkerDms = new DmsPages(checkerPage);
  const code = await checkerDms.authorisationCode();
  await checkerDms.open('Pending Requests');
  await checkerPage.getByRole('link', { name: new RegExp(`Open the batch of 2 rows made by ${made.maker.id}`) }).click();
  await checkerPage.getByLabel('Checker ID').fill(made.checker.id);
  await checkerPage.getByLabel('Authorization Code').fill(code);
  await checkerPage.getByRole('button', { name: 'Confirm' }).click();
  await expect(checkerPage.getByText('2 e-mails registered; 0 rows refused.')).toBeVisible();
  const outcome = checkerPage.getByRole('region', { name: 'E-mail batches' });
  await expect(outcome.getByRole('row', { name: new RegExp(made.second.id) })).toContainText('Registered');
  await expectAccessible(checkerPage);

  // The maker's batch page in Traditional Chinese, after the fact.
  await page.reload();
  await languageSwitch.chooseChinese();
  await expect(page.getByText('已登記 2 個電郵；0 行被拒。')).toBeVisible();
  await expectAccessible(page);
  await dms.open('批量登記電郵');
  await expect(page.getByRole('heading', { name: '批量登記電郵', level: 1 })).toBeVisible();
  await expectAccessible(page);
});
