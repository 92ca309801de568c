// Browser helpers on playwright-core and the system Chromium: playwright-core
// never downloads a browser, and the machine has no network for one anyway.
import { chromium } from 'playwright-core';

const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

// Quiet, offline, reproducible: nothing may talk to the network except our server.
const ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const CHART = '#view-panel .chart svg';

/** Launch headless Chromium; launch() gives it a fresh, empty profile each time. */
export function launchBrowser() {
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS, timeout: 30_000 });
}

/**
 * Open `url` in its own browser context (no shared storage between tests).
 * Listeners are attached before navigation so errors during boot are caught.
 * `dialogs` records any alert/confirm/prompt (dismissed): an injected
 * `alert(1)` that ran would show up there.
 * Pass `context` to open the page in a context you made yourself (permissions,
 * init scripts, JavaScript disabled); its own viewport applies then, and
 * closing it stays your job.
 * @returns {Promise<{page: import('playwright-core').Page, consoleErrors: string[], pageErrors: string[], dialogs: string[]}>}
 */
export async function openPage(browser, url, { viewport = { width: 1280, height: 800 }, context } = {}) {
  const page = context ? await context.newPage() : await browser.newPage({ viewport });
  const consoleErrors = [];
  const pageErrors = [];
  const dialogs = [];
  page.on('console', (msg) => {
    if (msg.type() !== 'error') return;
    const { url: where, lineNumber } = msg.location();
    consoleErrors.push(where ? `${msg.text()} (${where}:${lineNumber})` : msg.text());
  });
  page.on('pageerror', (err) => pageErrors.push(err.stack || String(err)));
  page.on('dialog', (dialog) => {
    dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    dialog.dismiss().catch(() => {});
  });
  await page.goto(url, { waitUntil: 'load' });
  return { page, consoleErrors, pageErrors, dialogs };
}

/**
 * Wait until the chart in the view panel is actually painted: an svg with at
 * least `min` rect/path elements that take up space. An empty <svg> or one laid
 * out at zero size (data not loaded, CSS missing) does not count.
 * @returns {Promise<number>} how many visible rect/path elements were found
 */
export async function waitForChart(page, { min = 3, timeout = 10_000 } = {}) {
  const handle = await page.waitForFunction(
    ({ selector, min }) => {
      const svg = document.querySelector(selector);
      if (!svg) return false;
      let visible = 0;
      for (const el of svg.querySelectorAll('rect, path')) {
        const box = el.getBoundingClientRect();
        if (box.width > 0 && box.height > 0) visible += 1;
      }
      return visible >= min ? visible : false;
    },
    { selector: CHART, min },
    { timeout },
  );
  return handle.jsonValue();
}
