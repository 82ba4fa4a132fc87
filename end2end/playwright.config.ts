import { defineConfig } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

// The config is read by the runner and again by every worker: the port and database chosen on
// the first read travel to the others through the environment.
function freePort(): string {
  return execFileSync('python3', [
    '-c',
    'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])',
  ])
    .toString()
    .trim();
}
for (const name of ['CCASS_E2E_PORT', 'CCASS_E2E_SYSTEM_PORT', 'CCASS_E2E_SMTP_PORT', 'CCASS_E2E_MAIL_WEB_PORT', 'CCASS_E2E_MAILBOX_PORT']) {
  if (!process.env[name]) process.env[name] = freePort();
}
if (!process.env.CCASS_E2E_DATA) {
  process.env.CCASS_E2E_DATA = mkdtempSync(path.join(tmpdir(), 'ccass-e2e-'));
}

const root = path.resolve(__dirname, '..');
const port = process.env.CCASS_E2E_PORT;
const baseURL = `http://127.0.0.1:${port}`;
const smtpPort = process.env.CCASS_E2E_SMTP_PORT;
const mailWebPort = process.env.CCASS_E2E_MAIL_WEB_PORT;
/** A second server as `scripts/demo` runs it: no SMTP, so mail lands in its /dev/mailbox. */
process.env.CCASS_E2E_MAILBOX_URL = `http://127.0.0.1:${process.env.CCASS_E2E_MAILBOX_PORT}`;
/** Where the specs read mail, as a person reads their inbox (MailDev's API). */
process.env.CCASS_E2E_MAILDEV = `http://127.0.0.1:${mailWebPort}`;
/** A test server on a fresh database, sending mail to MailDev, with test fixtures and clock. */
function testServer(port: string, database: string): string {
  return [
    `--listen 127.0.0.1:${port}`,
    `--database-url sqlite://${process.env.CCASS_E2E_DATA}/${database}`,
    `--dist ${path.join(root, 'dist')}`,
    `--smtp-url smtp://127.0.0.1:${smtpPort}`,
    // The demo data only opens 2FA log-in (the parallel run, R12); specs make their own people.
    '--demo',
    '--test-clock',
    '--test-fixtures',
    // Many journeys log in from one address within a minute; the per-user limit stays as shipped.
    '--throttle-per-address 1000',
  ].join(' ');
}
/** Specs that change what every spec sees (the clock; later the migration phase) get their own. */
const systemPort = process.env.CCASS_E2E_SYSTEM_PORT;
const systemURL = `http://127.0.0.1:${systemPort}`;

export default defineConfig({
  testDir: './tests',
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
    {
      // A real SMTP server whose mailbox the specs read.
      command: `node_modules/.bin/maildev --smtp ${smtpPort} --web ${mailWebPort} --ip 127.0.0.1 --web-ip 127.0.0.1 --silent`,
      url: `http://127.0.0.1:${mailWebPort}/api/email`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
    // Builds the server if needed (a no-op after scripts/test), then starts it on a fresh database.
    command: `cargo build --quiet --features server --bin ccass-access-server && exec target/debug/ccass-access-server ${testServer(port!, 'e2e.db')}`,
    cwd: root,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    timeout: 300_000,
    stdout: 'pipe',
    stderr: 'pipe',
    },
    {
      // Started once the first has built the server.
      command: `exec target/debug/ccass-access-server ${testServer(systemPort!, 'system-wide.db')}`,
      cwd: root,
      url: `${systemURL}/api/health`,
      reuseExistingServer: false,
      timeout: 300_000,
    },
    {
      command: [
        'target/debug/ccass-access-server',
        `--listen 127.0.0.1:${process.env.CCASS_E2E_MAILBOX_PORT}`,
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
