import { By, until, type WebDriver, type WebElement } from 'selenium-webdriver';

const WAIT = 20_000;

/** `text` as an XPath string literal. */
function literal(text: string): string {
  return text.includes("'") ? `concat('${text.split("'").join(`', "'", '`)}')` : `'${text}'`;
}

/**
 * The SPA through WebDriver, by what a person sees: buttons by their words, fields by their
 * labels' targets. Every step waits for the page to show what it acts on, as a person would.
 */
export class App {
  constructor(
    readonly driver: WebDriver,
    private readonly base: string,
  ) {}

  /** Opens `path`; answers the milliseconds until LOG IN (or `ready`) could be pressed. */
  async open(path = '/', ready = 'LOG IN'): Promise<number> {
    const started = Date.now();
    await this.driver.get(this.base + path);
    await this.button(ready);
    return Date.now() - started;
  }

  async button(name: string, within = ''): Promise<WebElement> {
    const locator = By.xpath(`${within}//button[normalize-space()=${literal(name)}]`);
    const element = await this.driver.wait(until.elementLocated(locator), WAIT, `no button ${name}`);
    await this.driver.wait(until.elementIsVisible(element), WAIT, `button ${name} not visible`);
    await this.driver.wait(until.elementIsEnabled(element), WAIT, `button ${name} not enabled`);
    return element;
  }

  async press(name: string, within = ''): Promise<void> {
    await (await this.button(name, within)).click();
  }

  /** Types into the field with this id, replacing what it held. */
  async type(id: string, text: string): Promise<void> {
    const field = await this.driver.wait(until.elementLocated(By.id(id)), WAIT, `no field #${id}`);
    await this.driver.wait(until.elementIsVisible(field), WAIT);
    await field.clear();
    await field.sendKeys(text);
  }

  /** Waits until the page shows `text` somewhere in its main region. */
  async shows(text: string): Promise<void> {
    const locator = By.xpath(`//*[contains(normalize-space(.), ${literal(text)})]`);
    await this.driver.wait(until.elementLocated(locator), WAIT, `the page never showed: ${text}`);
  }

  async heading(): Promise<string> {
    const h1 = await this.driver.wait(until.elementLocated(By.css('main h1')), WAIT);
    return (await h1.getText()).trim();
  }

  async urlMatches(pattern: RegExp): Promise<void> {
    await this.driver.wait(until.urlMatches(pattern), WAIT, `the address never matched ${pattern}`);
  }

  /** User ID, password and the log-in button, named `button` in the page's language. */
  async logIn(userId: string, password: string, button = 'LOG IN'): Promise<void> {
    await this.type('user-id', userId);
    await this.type('password', password);
    await this.press(button);
  }

  /** "Forgot/Reset your Password", up to the OTP mail it causes. */
  async requestResetCode(userId: string): Promise<void> {
    await this.press('Forgot/Reset your Password');
    await this.type('reset-user-id', userId);
    await this.press('SUBMIT', '//dialog');
  }

  /** The rest of the pop-up: the e-mailed code, the new password twice, Close. */
  async finishReset(code: string, password: string): Promise<void> {
    await this.type('reset-otp', code);
    await this.press('SUBMIT', '//dialog');
    await this.type('new-password', password);
    await this.type('confirm-password', password);
    await this.press('SUBMIT', '//dialog');
    await this.shows('Your password has been reset');
    await this.press('Close', '//dialog');
  }

  /** REGISTER DEVICE, the key read off the page, the app's first code; answers the key. */
  async registerDevice(codeFor: (secret: string) => Promise<string>): Promise<string> {
    await this.press('REGISTER DEVICE');
    const key = await this.driver.wait(until.elementLocated(By.css('[data-testid="totp-secret"]')), WAIT);
    await this.driver.wait(until.elementIsVisible(key), WAIT);
    const secret = (await key.getText()).trim();
    await this.press('LOGIN USING VERIFICATION CODE');
    await this.type('app-code', await codeFor(secret));
    await this.press('SUBMIT');
    await this.press('Continue');
    return secret;
  }

  /** The one-time password page (step 14). */
  async giveOtp(code: string): Promise<void> {
    await this.type('otp', code);
    await this.press('SUBMIT');
  }
}
