import { expect, expectAccessible, test } from '../fixtures';

// The DMS (issue 9): a DA finds the User Profile Listing under "View Listings" and filters it
// (R28), within service hours (R11). The clock is set to a Tuesday morning in Hong Kong.
test('a DA lists their participant\'s profiles, filters them, and the list survives a reload', async ({
  page,
  clock,
  people,
  languageSwitch,
  firstLogInWithApp,
}) => {
  await clock.set('2026-12-01T10:00:00+08:00');
  const made = await people.create({
    maker: { role: 'da_maker' },
    user: { role: 'user' },
    noEmail: { role: 'user', email: false },
  });
  await firstLogInWithApp(made.maker, '/dms');
  await expect(page.getByText(`${made.maker.id} · DA maker · Participant ${made.maker.id.slice(0, 6)}`)).toBeVisible();

  await page.getByRole('link', { name: 'User Profile Listing' }).click();
  await expect(page.getByRole('heading', { name: 'User Profile Listing', level: 1 })).toBeVisible();
  await expect(page.getByRole('status')).toHaveText('3 profiles');
  const rows = page.getByRole('row');
  await expect(rows).toHaveCount(4);
  await expectAccessible(page);

  // Sorting is the server's, from the column headings, and lives in the address too.
  await expect(page.getByRole('columnheader', { name: 'User ID' })).toHaveAttribute('aria-sort', 'ascending');
  await page.getByRole('button', { name: 'User ID' }).click();
  await expect(page).toHaveURL(/sort=user_id&order=desc/);
  await expect(page.getByRole('columnheader', { name: 'User ID' })).toHaveAttribute('aria-sort', 'descending');
  await expect(page.getByRole('rowheader').first()).toHaveText(made.maker.id);
  await page.getByRole('button', { name: 'E-mail' }).click();
  await expect(page).toHaveURL(/sort=email&order=asc/);
  await expect(page.getByRole('columnheader', { name: 'E-mail' })).toHaveAttribute('aria-sort', 'ascending');
  await expectAccessible(page);

  await page.getByLabel('No e-mail yet').check();
  await expect(page).toHaveURL(/filter=no_email/);
  await expect(page.getByRole('status')).toHaveText('1 profiles');
  await expect(page.getByRole('rowheader', { name: made.noEmail.id })).toBeVisible();

  await expect(page.getByRole('link', { name: 'Download' })).toHaveAttribute('href', '/api/dms/users.csv?filter=no_email');
  const download = await page.request.get('/api/dms/users.csv?filter=no_email');
  expect(await download.text()).toContain(made.noEmail.id);

  await page.reload();
  await expect(page.getByRole('rowheader', { name: made.noEmail.id })).toBeVisible();
  await expect(page.getByLabel('No e-mail yet')).toBeChecked();

  await languageSwitch.chooseChinese();
  await expect(page.getByRole('heading', { name: '用戶資料列表', level: 1 })).toBeVisible();
  await expectAccessible(page);
});

test('outside service hours the listing says when the DMS opens', async ({ page, clock, people, firstLogInWithApp }) => {
  await clock.set('2026-12-01T18:50:00+08:00');
  const { maker } = await people.create({ maker: { role: 'da_maker' } });
  await firstLogInWithApp(maker, '/dms');
  await clock.set('2026-12-01T19:00:00+08:00');

  await page.getByRole('link', { name: 'User Profile Listing' }).click();

  await expect(page.getByRole('alert')).toHaveText('The DMS is closed now. It opens at 2026-12-02 07:00, Hong Kong time.');
  await expectAccessible(page);
});
