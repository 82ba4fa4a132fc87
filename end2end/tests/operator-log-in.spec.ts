import { expect, expectAccessible, test } from './fixtures';

// Operators log in with password + OTP like everyone, on a page of their own, and land on the
// operator console (issue 7).
test('an operator logs in with password and app and lands on the operator console', async ({
  page,
  loginPage,
  homePage,
  people,
  firstLogInWithApp,
}) => {
  const { operator } = await people.create({ operator: { role: 'operator' } });
  await loginPage.goto('/operator');
  await expect(loginPage.heading).toHaveText('CCASS Access – Operator console');
  await expectAccessible(page);

  // Typed in lower case, as the IDs of participants may be.
  await firstLogInWithApp({ ...operator, id: operator.id.toLowerCase() }, '/operator');

  await expect(page).toHaveURL(/\/operator\/home$/);
  await expect(homePage.heading).toHaveText('Operator console');
  await expect(homePage.who).toContainText(`(${operator.id})`);
  await expectAccessible(page);

  await homePage.logOut();
  await expect(page).toHaveURL(/\/operator$/);
});
