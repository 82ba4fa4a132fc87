import { DmsPages, expect, expectAccessible, phaseBackToParallel, test } from '../fixtures';

// A DA with business user groups (issue 13; R16, seed 4.3): after the cut-over the maker asks for
// a business user's groups on their own DA ID, the checker authorises it at the maker's screen,
// the DA moves between the DMS and CCASS Terminal with one log-in, then deletes the business
// user ID. The phase is put back after.
test.afterEach(phaseBackToParallel);

test('a DA with business groups moves between the DMS and the Terminal, then deletes the business ID', async ({
  page,
  request,
  clock,
  people,
  dms,
  languageSwitch,
  firstLogInWithApp,
  otherDesk,
}) => {
  test.setTimeout(90_000);
  await clock.set('2026-12-01T10:00:00+08:00');
  await request.post('/api/test/phase', { data: { phase: 'POST_PARALLEL' }, headers: { 'x-ccass-request': '1' } });
  const made = await people.create({
    maker: { role: 'da_maker' },
    checker: { role: 'da_checker' },
    user: { role: 'user' },
  });

  const checkerPage = await otherDesk(made.checker, '/dms');
  const code = await new DmsPages(checkerPage).authorisationCode();

  await firstLogInWithApp(made.maker, '/dms');
  await expect(page.getByRole('link', { name: 'Go to CCASS Terminal' })).toHaveCount(0);
  await dms.open('Add Business User Groups to DA');
  await expect(page.getByLabel('DA user ID')).toHaveValue(made.maker.id);
  await page.getByLabel('Business user ID whose groups the DA receives').fill(made.user.id);
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(dms.request.getByRole('row', { name: /Business user groups/i })).toContainText('SETTLEMENT,ENQUIRY');
  await expectAccessible(page);
  await dms.confirm(made.checker.id, code);
  await expect(page.getByText('The business user groups are added to the DA profile.')).toBeVisible();

  // One log-in, both homes.
  await page.goto('/dms/home');
  await page.getByRole('link', { name: 'Go to CCASS Terminal' }).click();
  await expect(page).toHaveURL(/\/terminal$/);
  await expect(page.getByRole('heading', { name: 'CCASS Terminal', level: 1 })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: 'Go to the DMS' }).click();
  await expect(page).toHaveURL(/\/dms\/home$/);

  // Then the business user ID goes, through maker and checker.
  await dms.open('Delete User Profile');
  await dms.findUser(made.user.id);
  await dms.press('Delete');
  await dms.confirm(made.checker.id, code);
  await expect(page.getByText('The above user profile is deleted successfully')).toBeVisible();

  await languageSwitch.chooseChinese();
  await dms.open('為授權代表加入業務用戶組別');
  await expect(page.getByRole('heading', { name: '為授權代表加入業務用戶組別', level: 1 })).toBeVisible();
  await expectAccessible(page);
});
