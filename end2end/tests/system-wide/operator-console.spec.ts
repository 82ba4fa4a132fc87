import { OperatorPages, expect, expectAccessible, phaseBackToParallel, test } from '../fixtures';

// The operator console (issue 10; R6a, R12): one operator asks, a second approves, in two
// browsers. The phase move changes what every spec sees, so the spec puts the phase back.
test.afterEach(phaseBackToParallel);

test('two operators create a DA and move the phase, one asking and the other approving', async ({
  page,
  people,
  languageSwitch,
  firstLogInWithApp,
  operatorPages,
  otherDesk,
}) => {
  test.setTimeout(90_000);
  const made = await people.create({
    first: { role: 'operator' },
    second: { role: 'operator' },
    maker: { role: 'da_maker' },
  });
  const participant = made.maker.id.slice(0, 6);
  const newDa = `${participant}Y5`;

  const secondPage = await otherDesk(made.second, '/operator');
  await expect(secondPage).toHaveURL(/\/operator\/home$/);

  // The first operator asks for a new DA of the participant.
  await firstLogInWithApp(made.first, '/operator');
  await page.getByRole('link', { name: 'Participants' }).click();
  await expect(page.getByRole('heading', { name: 'Participants', level: 1 })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole('link', { name: `DA profiles of ${participant}` }).click();
  await expect(page.getByRole('rowheader', { name: made.maker.id })).toBeVisible();
  await page.getByLabel('DA user ID').fill(newDa);
  await page.getByLabel('Checker').check();
  await page.getByLabel('Surname').fill('LEE');
  await page.getByLabel('Other names').fill('MEI LING');
  await page.getByLabel('E-mail', { exact: true }).fill('mei.ling.lee@broker.example.com');
  await page.getByLabel('Enable from').fill('2026-12-01');
  await page.getByRole('button', { name: 'Request a new DA' }).click();
  await expect(page.getByText('The request waits for a second operator\'s approval.')).toBeVisible();
  await expectAccessible(page);

  // The maker cannot approve their own request: the page offers only Withdraw.
  await page.getByRole('link', { name: 'Approvals' }).click();
  const own = page.getByRole('article', { name: `Create a DA · ${newDa}` });
  await expect(own.getByRole('button', { name: 'Withdraw' })).toBeVisible();
  await expect(own.getByRole('button', { name: 'Approve' })).toHaveCount(0);

  // The second operator approves it.
  await secondPage.getByRole('link', { name: 'Approvals' }).click();
  const request = secondPage.getByRole('article', { name: `Create a DA · ${newDa}` });
  await expect(request.getByRole('row', { name: /da_id/ })).toContainText(newDa);
  await expectAccessible(secondPage);
  await request.getByRole('button', { name: 'Approve' }).click();
  await expect(secondPage.getByText('Approved and applied.')).toBeVisible();

  await page.goto(`/operator/participants?participant=${participant}`);
  await expect(page.getByRole('rowheader', { name: newDa })).toBeVisible();
  // Disabling a DA is the operator's alone (R6), and so is enabling it again.
  await page.getByRole('button', { name: `Disable ${made.maker.id}` }).click();
  await page.getByRole('button', { name: `Enable ${made.maker.id}` }).click();
  await expect(page.getByRole('button', { name: `Disable ${made.maker.id}` })).toBeVisible();
  // Until the cut-over two operators reset a DA's smartcard PIN (R25, issue 26): one asks, the
  // approver alone is shown the new PIN, once.
  await page.getByRole('button', { name: `Reset the smartcard PIN of ${made.maker.id}` }).click();
  await expect(page.getByText(`The PIN reset of ${made.maker.id} waits for a second operator's approval`)).toBeVisible();
  await expect(page.getByText(/New smartcard PIN/)).toHaveCount(0);
  await new OperatorPages(secondPage).approve(`Reset a DA's smartcard PIN · ${made.maker.id}`);
  await expect(secondPage.getByText(new RegExp(`New smartcard PIN of ${made.maker.id}: \\d{6}\\.`))).toBeVisible();
  await expectAccessible(secondPage);

  // The phase moves forward after a confirmation that says what the move changes.
  await page.getByRole('link', { name: 'Migration phase' }).click();
  await expect(page.getByText('The migration phase now: parallel run (PARALLEL).')).toBeVisible();
  await expect(page.getByText(/Ending the parallel run ends smartcard log-in/)).toBeVisible();
  // The cut-over is asked for from its dry run (R15; the spec of issue 12 walks it whole).
  await page.getByRole('link', { name: 'Read the dry run and request the cut-over' }).click();
  await expect(page.getByRole('heading', { name: 'Cut-over dry run', level: 1 })).toBeVisible();
  await operatorPages.requestCutOver();
  await expect(page.getByText(/The cut-over waits for a second operator's approval/)).toBeVisible();
  await secondPage.getByRole('link', { name: 'Approvals' }).click();
  await secondPage.getByRole('article', { name: /Move the migration phase/ }).getByRole('button', { name: 'Approve' }).click();
  await expect(secondPage.getByText('Approved and applied.')).toBeVisible();
  await page.goto('/operator/phase');
  await expect(page.getByText('This is the last phase; it does not move again.')).toBeVisible();

  // Every console page in Traditional Chinese too.
  await languageSwitch.chooseChinese();
  for (const name of ['參與者', '審批', '遷移階段', '準備情況', '切換', '封存', '審計記錄', '假期日曆', '操作員']) {
    await page.getByRole('navigation').getByRole('link', { name }).click();
    await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
    await expectAccessible(page);
  }
});

test('the holiday calendar and the operators page pass axe, and a bad calendar row is named', async ({
  page,
  people,
  firstLogInWithApp,
}) => {
  const { op } = await people.create({ op: { role: 'operator' } });
  await firstLogInWithApp(op, '/operator');
  await page.getByRole('link', { name: 'Holiday calendar' }).click();
  await expect(page.getByRole('cell', { name: '2026-12-25' })).toBeVisible();
  await page.getByLabel(/A new calendar as CSV/).fill('date,name\n2028-02-30,Nonsense\n');
  await page.getByRole('button', { name: 'Replace the calendar' }).click();
  await expect(page.getByText('Row 2: the date is not YYYY-MM-DD')).toBeVisible();
  await expect(page.getByRole('cell', { name: '2026-12-25' })).toBeVisible();
  await expectAccessible(page);
  // A right calendar waits for a second operator (issue 26); the one in force stays.
  await page.getByLabel(/A new calendar as CSV/).fill('date,name\n2028-01-01,The first day of January\n');
  await page.getByRole('button', { name: 'Replace the calendar' }).click();
  await expect(page.getByText('The new calendar waits for a second operator\'s approval')).toBeVisible();
  await expect(page.getByRole('cell', { name: '2026-12-25' })).toBeVisible();
  await page.getByRole('link', { name: 'Approvals' }).click();
  await page.getByRole('article', { name: 'Replace the holiday calendar · HOLIDAY_CALENDAR' }).getByRole('button', { name: 'Withdraw' }).click();
  await page.getByRole('link', { name: 'Holiday calendar' }).click();
  await page.getByRole('link', { name: 'Operators' }).click();
  await expect(page.getByRole('rowheader', { name: op.id })).toBeVisible();
  await expectAccessible(page);
  // The whole audit trail, searched by actor (issue 16).
  await page.getByRole('link', { name: 'Audit trail' }).click();
  await page.getByLabel('By', { exact: true }).fill(op.id);
  await page.getByRole('button', { name: 'Submit' }).click();
  await expect(page).toHaveURL(new RegExp(`actor=${op.id}`));
  await expect(page.getByRole('row', { name: /LOGIN_COMPLETED/ }).first()).toBeVisible();
  await expectAccessible(page);
});

test('before the parallel run the console offers user creation, and the DMS menu does not', async ({
  page,
  request,
  people,
  firstLogInWithApp,
  otherDesk,
}) => {
  const made = await people.create({ op: { role: 'operator' }, maker: { role: 'da_maker' } });
  const participant = made.maker.id.slice(0, 6);
  // Both log in during the parallel run (2FA opens with it), then the phase is set back.
  const daPage = await otherDesk(made.maker, '/dms');
  await expect(daPage.getByRole('link', { name: 'Create User Profile' })).toBeVisible();
  await firstLogInWithApp(made.op, '/operator');
  await page.getByRole('link', { name: 'Participants' }).click();
  await expect(page.getByRole('heading', { name: 'Participants', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Create a user/ })).toHaveCount(0);

  await request.post('/api/test/phase', { data: { phase: 'PRE_PARALLEL' }, headers: { 'x-ccass-request': '1' } });
  await page.reload();
  await page.getByLabel('User ID', { exact: true }).fill(`${participant}55`);
  await page.getByLabel('Surname').last().fill('HO');
  await page.getByLabel('Other names').last().fill('KA YAN');
  await page.getByLabel('E-mail', { exact: true }).last().fill('ka.yan.ho@broker.example.com');
  await page.getByLabel('Enable from').last().fill('2026-12-01');
  await page.getByRole('button', { name: /Create a user/ }).click();
  await expect(page.getByText('Done.')).toBeVisible();
  await expectAccessible(page);

  await daPage.reload();
  await expect(daPage.getByRole('link', { name: 'Enquire User Profile' })).toBeVisible();
  await expect(daPage.getByRole('link', { name: 'Create User Profile' })).toHaveCount(0);
});
