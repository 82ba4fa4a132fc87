import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The run's end (issue 16): every secret the suite typed or read (passwords, OTPs, recovery
 * codes, app keys; fixtures/secrets-used.ts) is looked for in every test server's log. One found
 * fails the run, naming the log and the kind of secret, never the secret itself.
 */
export default function secretsInLogs(): void {
  const data = process.env.CCASS_E2E_DATA;
  if (!data) return;
  const usedFile = path.join(data, 'secrets-used.txt');
  const used = existsSync(usedFile)
    ? [...new Set(readFileSync(usedFile, 'utf8').split('\n').filter((s) => s.length >= 6))]
    : [];
  const logs = readdirSync(data).filter((f) => f.endsWith('.log'));
  const found: string[] = [];
  for (const log of logs) {
    // Each line's leading timestamp holds digits that a six-digit code could match by chance.
    const text = readFileSync(path.join(data, log), 'utf8')
      .split('\n')
      .map((line) => line.replace(/^\S*\d{4}-\d{2}-\d{2}T[\d:.]+Z\S*\s*/, ''))
      .join('\n');
    for (const secret of used) {
      // A code counts only as a word of its own, not inside a longer number or a hex request ID.
      const pattern = /^\d+$/.test(secret)
        ? new RegExp(`(?<![0-9A-Za-z])${secret}(?![0-9A-Za-z])`)
        : null;
      const seen = pattern ? pattern.test(text) : text.includes(secret);
      if (seen) found.push(`${log}: a secret of ${secret.length} characters`);
    }
  }
  console.log(`Secrets the suite used: ${used.length}; server logs read: ${logs.length}; secrets found in them: ${found.length}.`);
  if (found.length > 0) throw new Error(`secrets in the servers' logs:\n${found.join('\n')}`);
}
