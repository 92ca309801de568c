// Browser helpers on playwright-core and the system Chromium: playwright-core
// never downloads a browser, and the machine has no network for one anyway.
import assert from 'node:assert/strict';
import { setTimeout as delay } from 'node:timers/promises';
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
  // Cross-origin frames in the page's own process. With a process per site, Playwright now and
  // then missed an embed's frame (not in page.frames(), or never resumed: about 1 load in 60 on
  // this machine). Origins, postMessage, CSP and storage stay as separate as on the web: they are
  // enforced by the engine in either process model.
  '--disable-site-isolation-trials',
  '--disable-features=IsolateOrigins,site-per-process',
];

// The panel of the selected view: the others stay in the page, hidden.
export const PANEL = '[role=tabpanel]:not([hidden])';
export const CHART = `${PANEL} .chart svg`;
export const FIGURE = `${PANEL} figure.figure`;

// The wasm chunks the release build fetches on demand (the other views, the newsroom kit):
// `rare-earth-explorer-<hash>.<name>.wasm`, never the main `rare-earth-explorer-<hash>_bg.wasm`.
export const WASM_CHUNK = /\/rare-earth-explorer-[^/.]*\.[^/]+\.wasm$/;

// The rows only Discoveries, Quotas and Exports read, fetched with the first of them a reader opens
// (src/data/pack.rs): `rare-earth-explorer-rows-<hash>.txt`.
export const ROWS_FILE = /\/rare-earth-explorer-rows-[0-9a-f]+\.txt$/;

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

/**
 * In a frame (an embed) the explorer's app starts when the reader reaches for the widget (issue
 * #23): until then its build-time copy is the widget. This points at the frame, as a reader would,
 * until the page says it wants its app (the `explorer:wanted` mark of start.js) or has no copy.
 */
export async function reachFor(frame, { timeout = 10_000 } = {}) {
  const wants = () => frame.evaluate(() => performance.getEntriesByName('explorer:wanted', 'mark').length > 0 ||
    !document.getElementById('copy') || document.documentElement.hasAttribute('data-no-copy')).catch(() => false);
  const end = Date.now() + timeout;
  for (let i = 0; !(await wants()) && Date.now() < end; i += 1) {
    const element = await frame.frameElement();
    await element.scrollIntoViewIfNeeded().catch(() => {});
    const point = await visiblePoint(frame.page(), element);
    if (point) await frame.page().mouse.move(point.x + (i % 2), point.y);
    await delay(100);
  }
}

/** A point of `element` inside the viewport of `page` (the middle of its part in sight), or null. */
export async function visiblePoint(page, element) {
  const box = await element.boundingBox();
  const view = page.viewportSize();
  if (!box || !view) return null;
  const top = Math.max(box.y, 0);
  const bottom = Math.min(box.y + box.height, view.height);
  if (bottom - top < 4) return null;
  return { x: box.x + box.width / 2, y: top + Math.min(40, (bottom - top) / 2) };
}

/**
 * Booted means the first figure shows its chart or its table, and late requests
 * (favicon) are done. Not waitForChart(): a table-mode figure has no chart, and
 * a filtered scatter (three points) has circles and lines but fewer than three
 * rect/path elements. `page` may also be a Frame (an embed in a host page): the
 * reader reaches for it first (`reachFor`).
 */
export async function ready(page, { timeout = 10_000 } = {}) {
  if (typeof page.parentFrame === 'function' && page.parentFrame()) await reachFor(page, { timeout });
  await page.waitForFunction(
    (figure) => {
      const fig = document.querySelector(figure);
      if (!fig) return false;
      if (fig.querySelector('.table-wrap table tbody tr')) return true;
      const svg = fig.querySelector('.chart svg');
      if (!svg || svg.getBoundingClientRect().width === 0) return false;
      // More than the white background rectangle.
      return svg.querySelectorAll('rect, path, circle, polygon, polyline').length > 1;
    },
    FIGURE,
    { timeout },
  );
  await page.waitForLoadState('networkidle');
}

/**
 * No console error, no uncaught page error and no dialog (an injected `alert(1)`
 * that ran would be one) since openPage(). `label` names the page in the
 * messages where a test has more than one.
 */
export function assertClean({ consoleErrors, pageErrors, dialogs }, label) {
  const prefix = label ? `${label}: ` : '';
  assert.deepEqual(consoleErrors, [], `${prefix}console errors`);
  assert.deepEqual(pageErrors, [], `${prefix}uncaught page errors`);
  assert.deepEqual(dialogs, [], `${prefix}dialogs opened`);
}

/**
 * Poll `read()` every `interval` ms until `ok(value)` or `timeout` ms have
 * passed, then return the last value either way: the caller's asserts then say
 * what is wrong instead of "timeout".
 */
export async function settle(read, ok, { timeout = 5_000, interval = 50 } = {}) {
  const end = Date.now() + timeout;
  let value = await read();
  while (!ok(value) && Date.now() < end) {
    await delay(interval);
    value = await read();
  }
  return value;
}
