import { OperatorPages, expect, expectAccessible, phaseBackToParallel, test } from '../fixtures';

// The readiness report and the cut-over (issue 12; R15, R29): the chart in both languages, the
// DA's own readiness, the dry run listing exactly the profiles without e-mail, the cut-over
// approved by a second operator, the smartcard gone, and an archived profile restored. The
// cut-over changes what every spec sees, so the phase is put back after.
test.afterEach(phaseBackToParallel);

test('the readiness chart passes axe in both languages, and a DA finds the profiles missing an e-mail', async ({
  page,
  people,
  clock,
  languageSwitch,
  operatorPages,
  firstLogInWithApp,
  otherDesk,
}) => {
  // The listing is open in service hours only (R11): a Tuesday morning in Hong Kong.
  await clock.set('2026-12-01T10:00:00+08:00');
  const made = await people.create({
    op: { role: 'operator' },
    maker: { role: 'da_maker' },
    checker: { role: 'da_checker' },
    ready: { role: 'user' },
    missing: { role: 'user', email: false },
  });
  const participant = made.maker.id.slice(0, 6);

  await firstLogInWithApp(made.op, '/operator');
  await operatorPages.open('Readiness');
  await expect(page.getByRole('heading', { name: 'Readiness report', level: 1 })).toBeVisible();
  const chart = page.getByRole('figure', { name: 'Log-in and e-mail readiness by participant' });
  await expect(chart).toBeVisible();
  await expect(chart.getByRole('img', { name: /^All participants: of \d+ profiles/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /All participants/ })).toBeVisible();
  await expectAccessible(page);
  await languageSwitch.chooseChinese();
  await expect(page.getByRole('heading', { name: '準備情況報告', level: 1 })).toBeVisible();
  await expect(page.getByRole('figure', { name: '按參與者劃分的登入及電郵準備情況' })).toBeVisible();
  await expectAccessible(page);
  await languageSwitch.chooseEnglish();

  // The DA's home shows their own participant, and the way to the profiles without e-mail.
  const daPage = await otherDesk(made.maker, '/dms');
  await expect(daPage.getByRole('heading', { name: `Readiness of ${participant}` })).toBeVisible();
  await expect(
    daPage.getByRole('img', { name: `${participant}: of 4 profiles, 1 logged in by 2FA, 0 only by smartcard, 3 never logged in; 1 without e-mail.` }),
  ).toBeVisible();
  await expectAccessible(daPage);
  await daPage.getByRole('link', { name: 'Show the profiles still without an e-mail' }).click();
  await expect(daPage.getByRole('rowheader', { name: made.missing.id })).toBeVisible();
  await expect(daPage.getByRole('rowheader', { name: made.ready.id })).toHaveCount(0);
});

test('the dry run lists exactly the profiles without e-mail; after the cut-over the smartcard is gone and an archived profile is restored', async ({
  page,
  browser,
  people,
  operatorPages,
  firstLogInWithApp,
  otherDesk,
}, testInfo) => {
  test.setTimeout(120_000);
  const made = await people.create({
    first: { role: 'operator' },
    second: { role: 'operator' },
    maker: { role: 'da_maker' },
    checker: { role: 'da_checker' },
    kept: { role: 'user', smartcard: true },
    goneOne: { role: 'user', email: false },
    goneTwo: { role: 'user', email: false, smartcard: true },
  });
  const participant = made.maker.id.slice(0, 6);

  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Login with Smartcard' })).toBeVisible();

  await firstLogInWithApp(made.first, '/operator');
  await operatorPages.open('Cut-over');
  await expect(page.getByRole('heading', { name: 'Cut-over dry run', level: 1 })).toBeVisible();
  const removed = await operatorPages.dryRunOf(participant);
  const expected = [made.goneOne.id, made.goneTwo.id].sort();
  await expect(removed.getByRole('rowheader')).toHaveText(expected);
  await expect(page).toHaveURL(new RegExp(`participant=${participant}`));
  await expectAccessible(page);
  await operatorPages.requestCutOver();
  await expect(page.getByText(/The cut-over waits for a second operator's approval/)).toBeVisible();

  // A second operator approves, in a browser of their own.
  const secondPage = await otherDesk(made.second, '/operator');
  const second = new OperatorPages(secondPage);
  await second.approve(/Move the migration phase/);
  await expect(secondPage.getByText('Approved and applied.')).toBeVisible();

  // Smartcard log-in has ended: the log-in page offers 2FA only.
  const visitor = await browser.newContext({ baseURL: testInfo.project.use.baseURL });
  const loginPage = await visitor.newPage();
  await loginPage.goto('/');
  await expect(loginPage.getByRole('button', { name: 'LOG IN' })).toBeVisible();
  await expect(loginPage.getByRole('button', { name: 'Login with Smartcard' })).toHaveCount(0);
  await visitor.close();

  // Both are archived; one is restored under four eyes.
  await operatorPages.open('Archive');
  await page.getByLabel('Participant', { exact: true }).fill(participant);
  await page.getByRole('button', { name: 'Submit' }).click();
  const archive = page.getByRole('region', { name: 'Archived profiles' });
  await expect(archive.getByRole('rowheader')).toHaveText(expected);
  await expectAccessible(page);
  await page.getByRole('button', { name: `Request restore of ${made.goneOne.id}` }).click();
  await expect(page.getByText('The request waits for a second operator\'s approval.')).toBeVisible();
  await second.approve(`Restore an archived profile · ${made.goneOne.id}`);
  await expect(secondPage.getByText('Approved and applied.')).toBeVisible();
  await page.reload();
  await expect(archive.getByRole('row', { name: new RegExp(made.goneOne.id) })).toContainText('Restored');
  await expect(archive.getByRole('row', { name: new RegExp(made.goneTwo.id) })).toContainText('Archived');
  await expect(page.getByRole('button', { name: `Request restore of ${made.goneOne.id}` })).toHaveCount(0);

  // After the cut-over Table 1 opens DA group functions on a user to HKEX, under four eyes.
  await page.goto(`/operator/participants?participant=${participant}`);
  const functions = page.getByRole('form', { name: /DA group functions for a user/ });
  await functions.getByLabel('User ID').fill(made.kept.id);
  await functions.getByRole('radio', { name: 'Checker' }).check();
  await page.getByRole('button', { name: 'Request DA group functions for the user' }).click();
  await expect(page.getByText('The request waits for a second operator\'s approval.')).toBeVisible();
  await expectAccessible(page);
  await second.approve(`Add DA group functions to a user · ${made.kept.id}`);
  await expect(secondPage.getByText('Approved and applied.')).toBeVisible();
});
