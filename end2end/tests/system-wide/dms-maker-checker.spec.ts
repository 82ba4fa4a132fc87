import { DmsPages, expect, expectAccessible, LanguageSwitch, test } from '../fixtures';

// The seed's Appendix A, walked by two people in two browsers (issue 9; R4–R10): the maker
// changes a user's e-mail, the checker reads "Get Authorisation Code" in their own session and
// types it at the maker's screen. Then the remote way: the checker decides in "Pending
// Requests", rejects one, and the maker withdraws another. The clock is a Tuesday morning.
test('Appendix A: a maker changes an e-mail and the checker confirms at the maker\'s screen', async ({
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
    user: { role: 'user' },
  });
  const newEmail = `${made.user.id.toLowerCase()}@broker.example.com`;

  // The checker, at their own desk.
  const checkerPage = await otherDesk(made.checker, '/dms');
  const checkerDms = new DmsPages(checkerPage);

  // The maker: Maintain User Profile → Change User Profile → User ID + Submit.
  await firstLogInWithApp(made.maker, '/dms');
  await dms.open('Change User Profile');
  await dms.findUser(made.user.id);
  await expect(page.getByRole('heading', { name: 'Change User Profile - Detail' })).toBeVisible();
  await expect(page.getByText('This is an end-user profile')).toBeVisible();
  await expect(dms.field('Email')).toHaveValue(made.user.email);
  await expectAccessible(page);

  // R5: a free webmail address is warned of before the request is made.
  await dms.field('Email').fill('tai.man@gmail.com');
  await dms.press('Change');
  await expect(page.getByText(/gmail\.com is a free webmail service/)).toBeVisible();
  await dms.field('Email').fill(newEmail);
  await dms.press('Change');

  // The same screen shows the request pending, with before and after.
  await expect(dms.request.getByText('Status: Pending checker approval')).toBeVisible();
  const emailRow = dms.request.getByRole('row', { name: /Email/ });
  await expect(emailRow).toContainText(made.user.email);
  await expect(emailRow).toContainText(newEmail);
  await expect(page).toHaveURL(/request=/);
  await expectAccessible(page);

  // The checker reads this month's code in their own session …
  const code = await checkerDms.authorisationCode();
  expect(code).toMatch(/^[2-9A-HJ-NP-Z]{8}$/);
  await expectAccessible(checkerPage);
  // … and types it at the maker's screen.
  await dms.confirm(made.checker.id, code);
  await expect(page.getByText('The above user profile is changed successfully')).toBeVisible();
  await expect(dms.field('Email')).toHaveValue(newEmail);

  // R10: the listing and its CSV show the new e-mail at once.
  await dms.open('User Profile Listing');
  await expect(page.getByRole('row', { name: new RegExp(made.user.id) })).toContainText(newEmail);
  const csv = await page.request.get('/api/dms/users.csv');
  expect(await csv.text()).toContain(newEmail);

  // The remote way: the maker asks, the checker decides in Pending Requests.
  await dms.open('Change User Profile');
  await dms.findUser(made.user.id);
  await dms.field('Surname').fill('WONG');
  await dms.press('Change');
  await expect(dms.request.getByText('Status: Pending checker approval')).toBeVisible();

  await checkerDms.open('Pending Requests');
  await expect(checkerPage.getByRole('heading', { name: 'Pending Requests', level: 1 })).toBeVisible();
  await expectAccessible(checkerPage);
  await checkerPage.getByRole('link', { name: `Open ${made.user.id}` }).click();
  await checkerDms.request.getByLabel('Reason for rejection').fill('The surname is right as it is');
  await checkerDms.request.getByRole('button', { name: 'Reject' }).click();
  await expect(checkerPage.getByText('The request is rejected.')).toBeVisible();

  // The maker withdraws a request of their own.
  await page.reload();
  await dms.open('Unlock User');
  await dms.findUser(made.user.id);
  await expect(page.getByRole('heading', { name: 'Unlock User - Detail' })).toBeVisible();
  await dms.press('Unlock');
  await expect(page.getByRole('alert').filter({ hasText: 'This user is not locked.' })).toBeVisible();
  await dms.open('Reset Soft Token');
  await dms.findUser(made.user.id);
  await dms.press('Reset Soft Token');
  await expect(dms.request.getByText('Status: Pending checker approval')).toBeVisible();
  await dms.request.getByRole('button', { name: 'Withdraw' }).click();
  await expect(page.getByText('The request is withdrawn.')).toBeVisible();

  // Issue 26: the checker sees where their code was typed, and renews it at once.
  await checkerDms.open('Get Authorisation Code');
  await expect(checkerDms.codeUsedElsewhere.getByRole('row', { name: new RegExp(made.maker.id) })).toContainText('Change User Profile');
  await expectAccessible(checkerPage);
  const renewed = await checkerDms.renewCode(code);
  await expect(checkerPage.getByText('has not been used at another DA\'s screen')).toBeVisible();

  // And the checker confirms one in their own session.
  await dms.open('Change User Profile');
  await dms.findUser(made.user.id);
  await dms.field('Other names').fill('SIU MING');
  await dms.press('Change');
  await expect(dms.request.getByText('Status: Pending checker approval')).toBeVisible();
  await checkerDms.open('Pending Requests');
  await checkerPage.getByRole('link', { name: `Open ${made.user.id}` }).click();
  await checkerDms.confirm(made.checker.id, renewed);
  await expect(checkerPage.getByText('The above user profile is changed successfully')).toBeVisible();

  // Every new screen in Traditional Chinese too.
  await languageSwitch.chooseChinese();
  await expect(page.getByRole('heading', { name: '更改用戶資料', level: 1 })).toBeVisible();
  await expectAccessible(page);
  await dms.open('審計記錄');
  await expect(page.getByRole('cell', { name: 'REQUEST_AUTHORISED' }).first()).toBeVisible();
  await expectAccessible(page);
  // The checker's code page, with the approvals at the maker's screen listed, in Chinese.
  await new LanguageSwitch(checkerPage).chooseChinese();
  await checkerDms.open('獲取授權碼');
  await expect(checkerPage.getByRole('button', { name: '立即更新我的授權碼' })).toBeVisible();
  await expectAccessible(checkerPage);
});

test('a checker\'s code, the audit trail and Create User Profile pass axe in both languages', async ({
  page,
  clock,
  people,
  dms,
  languageSwitch,
  firstLogInWithApp,
}) => {
  await clock.set('2026-12-01T10:00:00+08:00');
  const made = await people.create({ checker: { role: 'da_checker' }, maker: { role: 'da_maker' } });
  await firstLogInWithApp(made.maker, '/dms');
  await dms.open('Create User Profile');
  await expect(page.getByRole('heading', { name: 'Create User Profile - Detail' })).toBeVisible();
  await dms.press('Create');
  await expect(page.getByRole('alert').filter({ hasText: 'Please correct the marked entries.' })).toBeVisible();
  await expectAccessible(page);
  await dms.open('Audit Trail');
  await expectAccessible(page);
  await languageSwitch.chooseChinese();
  await dms.open('建立用戶資料');
  await expectAccessible(page);
  await dms.open('待批核請求');
  await expectAccessible(page);
});
