import { defineConfig } from '@playwright/test';
import path from 'node:path';

import { maildev, port, root, testServer } from './servers';

const serverPort = port('CCASS_E2E_PORT');
// `localhost`, not 127.0.0.1: passkeys need a relying party ID, and an IP address cannot be one
// (issue 17); the servers still listen on the loopback address.
const baseURL = `http://localhost:${serverPort}`;
/** A second server as `scripts/demo` runs it: no SMTP, so mail lands in its /dev/mailbox. */
const mailboxPort = port('CCASS_E2E_MAILBOX_PORT');
process.env.CCASS_E2E_MAILBOX_URL = `http://127.0.0.1:${mailboxPort}`;
/** Specs that change what every spec sees (the clock; later the migration phase) get their own. */
const systemPort = port('CCASS_E2E_SYSTEM_PORT');
const systemURL = `http://localhost:${systemPort}`;

export default defineConfig({
  testDir: './tests',
  // The servers' logs must hold none of the secrets the journeys used (issue 16).
  globalTeardown: './secrets-in-logs.ts',
  // Every journey makes its own participant (fixtures/people.ts), so specs run side by side.
  fullyParallel: true,
  workers: process.env.CCASS_E2E_WORKERS ? Number(process.env.CCASS_E2E_WORKERS) : 2,
  retries: 0,
  forbidOnly: !!process.env.CI,
  reporter: [['list']],
  timeout: 30_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL,
    timezoneId: 'Asia/Hong_Kong',
    locale: 'en-GB',
    trace: 'retain-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update'],
    },
  },
  projects: [
    { name: 'journeys', testIgnore: /system-wide\// },
    {
      name: 'system-wide',
      testMatch: /system-wide\/.*\.spec\.ts/,
      // One at a time on a server of their own: moving its clock would upset any other spec.
      workers: 1,
      use: { baseURL: systemURL },
    },
  ],
  webServer: [
    maildev,
    // Builds the server if needed (a no-op after scripts/test), then starts it on a fresh database.
    { ...testServer(serverPort, 'e2e.db', true), stdout: 'pipe', stderr: 'pipe' },
    // Started once the first has built the server.
    testServer(systemPort, 'system-wide.db'),
    {
      command: [
        'target/debug/ccass-access-server',
        `--listen 127.0.0.1:${mailboxPort}`,
        `--database-url sqlite://${process.env.CCASS_E2E_DATA}/mailbox.db`,
        `--dist ${path.join(root, 'dist')}`,
        '--demo',
      ].join(' '),
      cwd: root,
      url: `${process.env.CCASS_E2E_MAILBOX_URL}/api/health`,
      reuseExistingServer: false,
      timeout: 300_000,
    },
  ],
});
