import { expect, test } from './fixtures';

// R24: five failures in a row lock the account, and the message says who can unlock it.
test('five wrong passwords lock the account and the page says to ask the DA', async ({ loginPage, people }) => {
  const user = await people.user();
  await loginPage.goto();

  for (let attempt = 1; attempt <= 4; attempt++) {
    await loginPage.logIn(user.id, `wrong password number ${attempt}`);
    await expect(loginPage.alert).toHaveText('The user ID or password is incorrect.');
  }
  await loginPage.logIn(user.id, 'wrong password number 5');

  await expect(loginPage.alert).toContainText('locked after 5 failed attempts');
  await expect(loginPage.alert).toContainText('Delegated Administrator to unlock it');
});
