// The explorer's views as the page lists them: the tests iterate these, never a list of their
// own, so a view added to the registry (src/views/mod.rs) is tested without editing them.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DIST } from './app.mjs';
import { launchBrowser } from './browser.mjs';
import { startServer } from './server.mjs';

/**
 * Opens the built explorer once and reads its tabs, in order.
 * @returns {Promise<Array<{slug: string, name: string}>>}
 */
async function readTabs() {
  if (!existsSync(join(DIST, 'index.html'))) return [];
  const server = await startServer({ root: DIST });
  const browser = await launchBrowser();
  try {
    const page = await browser.newPage();
    await page.goto(new URL('/?lang=en', server.origin).href);
    await page.waitForSelector('[role=tablist] [role=tab]', { timeout: 20_000 });
    return await page.evaluate(() =>
      [...document.querySelectorAll('[role=tablist] [role=tab]')].map((tab) => ({
        slug: tab.id.replace(/^tab-/, ''),
        name: tab.textContent.replace(/\s+/g, ' ').trim(),
      })),
    );
  } finally {
    await browser.close();
    await server.close();
  }
}

/** The views, in tab order (empty when there is no build: useApp's hook then fails the file). */
export const TABS = await readTabs();
/** Their URL names. */
export const SLUGS = TABS.map((t) => t.slug);
