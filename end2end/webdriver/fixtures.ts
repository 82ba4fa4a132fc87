import { test as base, expect } from '@playwright/test';
import { Builder, type WebDriver } from 'selenium-webdriver';
import firefox from 'selenium-webdriver/firefox';
import os from 'node:os';
import path from 'node:path';

import { Mailbox } from '../tests/fixtures/mailbox';
import { People } from '../tests/fixtures/people';
import { ServerClock } from '../tests/fixtures/server-clock';
import { totp } from '../tests/fixtures/totp';
import { App } from './pages';

export type Engine = 'firefox' | 'webkit';

type Options = { engine: Engine };
type Fixtures = {
  /** The WebDriver session, in the project's engine. */
  driver: WebDriver;
  /** The SPA as a person uses it, through WebDriver. */
  app: App;
  people: People;
  mailbox: Mailbox;
  /** The code an authenticator app shows for a key now (server time), or `secondsLater`. */
  appCode: (secret: string, secondsLater?: number) => Promise<string>;
};

async function start(engine: Engine): Promise<WebDriver> {
  if (engine === 'firefox') {
    const options = new firefox.Options().addArguments('-headless').setBinary('/usr/bin/firefox-esr');
    // geckodriver from the crate registry (scripts/setup --test), never downloaded at run time.
    const cargoHome = process.env.CARGO_HOME ?? path.join(os.homedir(), '.cargo');
    const geckodriver = process.env.GECKODRIVER ?? path.join(cargoHome, 'bin', 'geckodriver');
    return new Builder()
      .forBrowser('firefox')
      .setFirefoxOptions(options)
      .setFirefoxService(new firefox.ServiceBuilder(geckodriver))
      .build();
  }
  return new Builder()
    .usingServer(process.env.CCASS_WD_WEBKIT_DRIVER!)
    .withCapabilities({
      browserName: 'MiniBrowser',
      'webkitgtk:browserOptions': {
        binary: process.env.WEBKIT_MINIBROWSER ?? '/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser',
        args: ['--automation'],
      },
    })
    .build();
}

/**
 * A session, or one more try: WebKitWebDriver now and then never answers a new session (its
 * MiniBrowser hangs at launch under Xvfb), which is the harness's trouble, not the app's.
 */
async function startWithin(engine: Engine, ms = 30_000, tries = 2): Promise<WebDriver> {
  for (let attempt = 1; ; attempt++) {
    const starting = start(engine);
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no ${engine} session within ${ms} ms`)), ms);
    });
    try {
      return await Promise.race([starting, late]);
    } catch (error) {
      starting.then((driver) => driver.quit()).catch(() => {});
      if (attempt >= tries) throw error;
    } finally {
      clearTimeout(timer);
    }
  }
}

export const test = base.extend<Fixtures & Options>({
  engine: ['firefox', { option: true }],
  driver: async ({ engine }, use) => {
    const driver = await startWithin(engine);
    try {
      await use(driver);
    } finally {
      await driver.quit();
    }
  },
  app: async ({ driver, baseURL }, use) => {
    await use(new App(driver, baseURL!));
  },
  people: async ({ request }, use) => {
    await use(new People(request));
  },
  mailbox: async ({ request }, use) => {
    await use(new Mailbox(request));
  },
  appCode: async ({ request }, use) => {
    const clock = new ServerClock(request);
    await use(async (secret: string, secondsLater = 0) => totp(secret, (await clock.nowSeconds()) + secondsLater));
  },
});

export { expect };
