import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/**
 * What both runners start: MailDev (a real SMTP server whose inbox the specs read) and test
 * servers on fresh databases. A config is read by the runner and again by every worker: the
 * ports and data folder chosen on the first read travel to the others through the environment.
 */
export const root = path.resolve(__dirname, '..');

function freePort(): string {
  return execFileSync('python3', [
    '-c',
    'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])',
  ])
    .toString()
    .trim();
}

/** A port for `name`, chosen once per run. */
export function port(name: string): string {
  if (!process.env[name]) process.env[name] = freePort();
  return process.env[name]!;
}

if (!process.env.CCASS_E2E_DATA) {
  process.env.CCASS_E2E_DATA = mkdtempSync(path.join(tmpdir(), 'ccass-e2e-'));
}
const smtpPort = port('CCASS_E2E_SMTP_PORT');
const mailWebPort = port('CCASS_E2E_MAIL_WEB_PORT');
/** Where the specs read mail, as a person reads their inbox (MailDev's API). */
process.env.CCASS_E2E_MAILDEV = `http://127.0.0.1:${mailWebPort}`;

export const maildev = {
  command: `node_modules/.bin/maildev --smtp ${smtpPort} --web ${mailWebPort} --ip 127.0.0.1 --web-ip 127.0.0.1 --silent`,
  url: `http://127.0.0.1:${mailWebPort}/api/email`,
  reuseExistingServer: false,
  timeout: 60_000,
};

/** The arguments of a test server on a fresh database, sending mail to MailDev. */
export function testServerArgs(serverPort: string, database: string): string {
  return [
    `--listen 127.0.0.1:${serverPort}`,
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

/** A test server as the runner's webServer entry; `build` first builds it (a no-op after scripts/test). */
export function testServer(serverPort: string, database: string, build = false) {
  // Its log goes to a file that the run's end searches for the secrets the suite used.
  const log = path.join(process.env.CCASS_E2E_DATA!, `${database}.log`);
  // Debug level, request traces included: the more the log says, the more the search proves.
  const start = `RUST_LOG=debug,hyper=info,h2=info,sqlx=warn exec target/debug/ccass-access-server ${testServerArgs(serverPort, database)} >>${log} 2>&1`;
  return {
    command: build ? `cargo build --quiet --features server --bin ccass-access-server && ${start}` : start,
    cwd: root,
    url: `http://127.0.0.1:${serverPort}/api/health`,
    reuseExistingServer: false,
    timeout: 300_000,
  };
}
