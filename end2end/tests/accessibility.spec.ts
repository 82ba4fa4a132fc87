import { expect, expectAccessible, test } from './fixtures';

for (const language of ['en', 'zh'] as const) {
  test.describe(`accessibility in ${language === 'en' ? 'English' : 'Traditional Chinese'}`, () => {
    test.beforeEach(async ({ loginPage, languageSwitch }) => {
      await loginPage.goto();
      if (language === 'zh') {
        await languageSwitch.chooseChinese();
        await expect(loginPage.inLanguage('zh').logInButton).toBeVisible();
      }
    });

    test('the log-in page passes axe, also while showing errors', async ({ page, loginPage, people }) => {
      await expectAccessible(page);

      await loginPage.inLanguage(language).logIn('B01', 'x');
      await expect(page.locator('#user-id-error')).toBeVisible();
      await expectAccessible(page);

      await loginPage.logIn(people.unknownId(), 'wrong-password-here');
      await expect(loginPage.alert).not.toBeEmpty();
      await expectAccessible(page);
    });

    test('the reset pop-up passes axe at each step', async ({ page, mailbox, people }) => {
      const forgot = language === 'en' ? 'Forgot/Reset your Password' : '忘記／重設密碼';
      const submit = language === 'en' ? 'SUBMIT' : '提交';
      // Only as far as the new password.
      const account = await people.user();
      await page.getByRole('button', { name: forgot }).click();
      const dialog = page.getByRole('dialog', { name: forgot });
      await expect(dialog).toBeVisible();
      await expectAccessible(page);

      await dialog.getByRole('textbox').fill(account.id);
      const { code } = await mailbox.otpSentBy(account.email, () =>
        dialog.getByRole('button', { name: submit }).click(),
      );
      await expect(dialog.getByRole('timer')).toBeVisible();
      await expectAccessible(page);

      await dialog.getByRole('textbox').fill(code);
      await dialog.getByRole('button', { name: submit }).click();
      await expect(dialog.locator('#password-policy')).toBeVisible();
      await dialog.locator('#new-password').fill('short');
      await expectAccessible(page);
    });

    test('the second-factor pages, home and settings pass axe', async ({ page, loginPage, appCode, people }) => {
      // A user lands on CCASS Terminal, a DA on the DMS home: one of each.
      const role = language === 'en' ? 'user' : 'da_checker';
      const { account } = await people.create({ account: { role } });
      const words =
        language === 'en'
          ? { register: 'REGISTER DEVICE', code: 'LOGIN USING VERIFICATION CODE', skip: 'SKIP THIS STEP', cancel: 'Cancel', submit: 'SUBMIT', cont: 'Continue', settings: 'Profile settings', logOut: 'LOG OUT', replace: 'Replace device', recovery: 'Use recovery code' }
          : { register: '登記裝置', code: '以驗證碼登入', skip: '略過此步驟', cancel: '取消', submit: '提交', cont: '繼續', settings: '個人設定', logOut: '登出', replace: '更換裝置', recovery: '使用備用碼' };

      await loginPage.inLanguage(language).logIn(account.id, account.password);
      await expect(page.getByRole('button', { name: words.register })).toBeVisible();
      await expectAccessible(page);

      await page.getByRole('button', { name: words.skip }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await expectAccessible(page);
      await page.getByRole('button', { name: words.cancel }).click();

      await page.getByRole('button', { name: words.register }).click();
      await expect(page.locator('.qr[role=img]')).toBeVisible();
      await expectAccessible(page);
      const secret = (await page.getByTestId('totp-secret').textContent())!.trim();
      await page.getByRole('button', { name: words.code }).click();
      await page.getByRole('textbox').fill(await appCode(secret));
      await page.getByRole('button', { name: words.submit }).click();
      await expect(page.getByRole('button', { name: words.cont })).toBeVisible();
      await expectAccessible(page);

      await page.getByRole('button', { name: words.cont }).click();
      await expect(page.getByRole('button', { name: words.logOut })).toBeVisible();
      await expectAccessible(page);

      await page.getByRole('link', { name: words.settings }).click();
      await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
      await expectAccessible(page);

      // R26a: a new device only after the present factor, by app code or recovery code.
      await page.getByRole('button', { name: words.replace }).click();
      await expect(page.locator('#proof-code')).toBeVisible();
      await expectAccessible(page);
      await page.getByRole('button', { name: words.recovery }).click();
      await expectAccessible(page);

      await page.goto(language === 'en' ? '/terminal' : '/dms/home');
      await page.getByRole('button', { name: words.logOut }).click();
      await loginPage.inLanguage(language).logIn(account.id, account.password);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page).toHaveURL(/\/login\/otp/);
      await expectAccessible(page);
    });

    test('the DMS log-in page and the sign-in-required page pass axe', async ({ page, loginPage }) => {
      await loginPage.inLanguage(language).goto('/dms');
      await expectAccessible(page);

      await page.goto('/terminal/anything');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectAccessible(page);
    });

    test('a page that does not exist passes axe', async ({ page }) => {
      await page.goto('/no/such/page');
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expectAccessible(page);
    });
  });
}
