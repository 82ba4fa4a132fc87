// The log-in page's first load in headless Chromium: every file as served (encoded bytes on
// the wire), the request count, and the time until LOG IN is on screen; cold each time (a new
// browser context, so no cache). Prints JSON. Usage: node first-load.js URL [LOADS]
const { chromium } = require('../end2end/node_modules/playwright');

(async () => {
  const url = process.argv[2];
  const loads = Number(process.argv[3] ?? 10);
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const times = [];
  let files = [];
  for (let i = 0; i < loads; i++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const seen = [];
    page.on('requestfinished', async (request) => {
      const sizes = await request.sizes();
      const response = await request.response();
      seen.push({
        path: new URL(request.url()).pathname,
        bytes: sizes.responseBodySize,
        encoding: (response && (await response.headerValue('content-encoding'))) || 'identity',
      });
    });
    const started = Date.now();
    await page.goto(url);
    await page.getByRole('button', { name: 'LOG IN' }).waitFor();
    times.push(Date.now() - started);
    await page.waitForLoadState('networkidle');
    files = seen;
    await context.close();
  }
  await browser.close();
  times.sort((a, b) => a - b);
  console.log(JSON.stringify({ median_ms: times[Math.floor(times.length / 2)], times, files }));
})();
