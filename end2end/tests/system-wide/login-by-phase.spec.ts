import { expect, expectAccessible, phaseBackToParallel, test } from '../fixtures';

// The log-in page of each migration phase (issue 11; R12, R25): smartcard only before the
// parallel run, both side by side during it, 2FA only after it. The phase is put back after.
const setPhase = async (request: import('@playwright/test').APIRequestContext, phase: string) => {
  await request.post('/api/test/phase', { data: { phase }, headers: { 'x-ccass-request': '1' } });
};

test.afterEach(phaseBackToParallel);

test('during the parallel run both log-ins stand side by side, and a smartcard reaches the Terminal home', async ({
  page,
  people,
  languageSwitch,
}) => {
  const { user } = await people.create({ user: { role: 'user', smartcard: true } });
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'Login with Smartcard' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Login with 2FA' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'LOG IN' })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('button', { name: 'Login with Smartcard' }).click();
  const dialog = page.getByRole('dialog', { name: 'Login with Smartcard' });
  await dialog.getByLabel('User ID').fill(user.id);
  await dialog.getByLabel(/SRN/).fill(user.srn);
  await dialog.getByLabel('Smartcard PIN').fill('000000' === user.pin ? '111111' : '000000');
  await dialog.getByRole('button', { name: 'LOG IN' }).click();
  await expect(dialog.getByRole('alert')).toHaveText('The user ID, SRN and PIN do not match a smartcard.');
  await expectAccessible(page);
  await dialog.getByLabel('Smartcard PIN').fill(user.pin);
  await dialog.getByRole('button', { name: 'LOG IN' }).click();
  await expect(page).toHaveURL(/\/terminal$/);
  await expect(page.getByRole('heading', { name: 'CCASS Terminal', level: 1 })).toBeVisible();

  await languageSwitch.chooseChinese();
  await page.goto('/');
  await page.getByRole('button', { name: '以智能卡登錄' }).click();
  await expectAccessible(page);
});

test('before the parallel run only the smartcard is offered, after it only 2FA', async ({ page, request }) => {
  await setPhase(request, 'PRE_PARALLEL');
  await page.goto('/dms');
  await expect(page.getByText('Until the parallel run begins, log in with your smartcard.')).toBeVisible();
  await expect(page.getByRole('button', { name: 'Login with Smartcard' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'LOG IN' })).toHaveCount(0);
  await expectAccessible(page);
  // Operators have no smartcard: their page keeps the 2FA log-in.
  await page.goto('/operator');
  await expect(page.getByRole('button', { name: 'LOG IN' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Login with Smartcard' })).toHaveCount(0);

  await setPhase(request, 'POST_PARALLEL');
  await page.goto('/');
  await expect(page.getByRole('button', { name: 'LOG IN' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Login with Smartcard' })).toHaveCount(0);
  await expectAccessible(page);
});
