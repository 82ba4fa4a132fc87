import { expect, test } from './fixtures';

// The browser-side hardening (issue 15): the pages carry the strict headers, and the
// Content-Security-Policy really stops a script that someone manages to inject; the suite's
// watcher (fixtures/browser-errors.ts) sees the violation as every journey would.
test('an injected inline script is refused by the CSP, and the watcher sees it', async ({ page, browserErrors }) => {
  const answer = await page.goto('/');
  const headers = answer!.headers();
  expect(headers['content-security-policy']).toContain("frame-ancestors 'none'");
  expect(headers['content-security-policy']).not.toContain('unsafe-inline');
  expect(headers['permissions-policy']).toContain('camera=()');
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['cross-origin-opener-policy']).toBe('same-origin');
  await expect(page.getByRole('button', { name: 'LOG IN' })).toBeVisible();

  const ran = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.injected = true;';
    document.body.appendChild(script);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return (window as unknown as { injected?: boolean }).injected === true;
  });
  expect(ran).toBe(false);
  await expect.poll(() => browserErrors.seen.join('\n')).toContain('Content Security Policy');
  // Seen and answered for: this test provoked it.
  browserErrors.seen.length = 0;
});
