import { defineConfig } from '@playwright/test';

import { maildev, port, testServer } from './servers';
import type { Engine } from './webdriver/fixtures';

/**
 * The second runner: the core journeys in Firefox ESR (geckodriver) and WebKitGTK, the engine
 * of Safari (WebKitWebDriver under Xvfb), driven through WebDriver by selenium-webdriver. The
 * Playwright runner only schedules the tests and starts the servers; it drives no browser here.
 */
const serverPort = port('CCASS_WD_PORT');
const webkitDriverPort = port('CCASS_WD_WEBKIT_DRIVER_PORT');
process.env.CCASS_WD_WEBKIT_DRIVER = `http://127.0.0.1:${webkitDriverPort}`;

export default defineConfig<{ engine: Engine }>({
  testDir: './webdriver',
  // One browser of each engine at a time; the two engines side by side.
  fullyParallel: false,
  workers: 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  timeout: 90_000,
  use: { baseURL: `http://127.0.0.1:${serverPort}` },
  projects: [
    { name: 'firefox', use: { engine: 'firefox' } },
    { name: 'webkit', use: { engine: 'webkit' } },
  ],
  webServer: [
    maildev,
    testServer(serverPort, 'webdriver.db', true),
    {
      // A virtual display of its own for WebKitGTK's MiniBrowser, which has no headless mode.
      command: `xvfb-run -a -s "-screen 0 1280x1024x24 -nolisten tcp" WebKitWebDriver --port=${webkitDriverPort}`,
      url: `${process.env.CCASS_WD_WEBKIT_DRIVER}/status`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
