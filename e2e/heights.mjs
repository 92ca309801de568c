// Measures the widget's height for every view, language and column width, as the framed page
// would report it to its host (docs/embedding.md, "Heights"), and writes public/embed-heights.json:
//   {"<view>-<lang>": [[320, h], [480, h], [720, h], [1024, h]], ...}   (keys sorted)
// The build writes that table into embed.js (the custom element reserves it) and the Embed dialog
// into data-heights; e2e/embed.test.mjs checks that reserving it keeps the host page still.
//
//   node e2e/heights.mjs [dist] [out]      (dist defaults to DIST_DIR or ../dist, out to
//                                           public/embed-heights.json)
import { writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { startServer } from './lib/server.mjs';
import { launchBrowser, ready } from './lib/browser.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
export const LANGS = ['en', 'zh'];
export const WIDTHS = [320, 480, 720, 1024];

/** What the widget posts (src/shell/host.rs): the larger of the body's scroll and offset heights. */
const reported = () => Math.max(document.body.scrollHeight, document.body.offsetHeight);

/** The views the page offers: the ids of its tabs (`tab-<view>`). */
async function tabViews(browser, origin) {
  const page = await browser.newPage({ viewport: { width: 1024, height: 800 } });
  try {
    await page.goto(`${origin}/?lang=en`, { waitUntil: 'load' });
    await page.locator('[role=tablist] [role=tab]').first().waitFor({ timeout: 15_000 });
    return await page.locator('[role=tablist] [role=tab]').evaluateAll((tabs) => tabs.map((t) => t.id.replace(/^tab-/, '')));
  } finally {
    await page.close();
  }
}

/**
 * The height of `/?view=<view>&lang=<lang>&embed=1&tabs=0` in a column `width` px wide: the page is
 * opened at that width and taller than its content (no scrollbar takes width, as in a frame the
 * loader has sized), measured once the chart is drawn, fonts are loaded and the network is idle,
 * and again until two readings 300 ms apart agree.
 */
export async function measure(browser, origin, view, lang, width) {
  const context = await browser.newContext({ viewport: { width, height: 4000 }, colorScheme: 'light' });
  try {
    const page = await context.newPage();
    await page.goto(`${origin}/?view=${view}&lang=${lang}&embed=1&tabs=0`, { waitUntil: 'load' });
    await ready(page, { timeout: 20_000 });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    let last = await page.evaluate(reported);
    for (let i = 0; i < 20; i++) {
      await delay(300);
      const now = await page.evaluate(reported);
      if (now === last) break;
      last = now;
    }
    return last;
  } finally {
    await context.close();
  }
}

export async function measureAll(dist, { log = () => {} } = {}) {
  const server = await startServer({ root: dist });
  const browser = await launchBrowser();
  try {
    const tabs = await tabViews(browser, server.origin);
    // Every view the page lists, in tab order.
    const views = tabs;
    const table = {};
    for (const view of views) {
      for (const lang of LANGS) {
        const row = [];
        for (const width of WIDTHS) row.push([width, await measure(browser, server.origin, view, lang, width)]);
        table[`${view}-${lang}`] = row;
        log(`${view}-${lang}: ${row.map(([w, h]) => `${w}:${h}`).join(' ')}`);
      }
    }
    return Object.fromEntries(Object.keys(table).sort().map((k) => [k, table[k]]));
  } finally {
    await browser.close();
    await server.close();
  }
}

/** The table as the file holds it: one key per line, so a change reads well in a diff. */
export function formatTable(table) {
  const lines = Object.entries(table).map(([k, row]) => `  ${JSON.stringify(k)}: ${JSON.stringify(row)}`);
  return `{\n${lines.join(',\n')}\n}\n`;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dist = resolve(process.argv[2] || process.env.DIST_DIR || join(HERE, '..', 'dist'));
  const out = resolve(process.argv[3] || join(HERE, '..', 'public', 'embed-heights.json'));
  if (!existsSync(join(dist, 'index.html'))) {
    console.error(`${join(dist, 'index.html')} not found: build first or pass the dist folder`);
    process.exit(2);
  }
  const table = await measureAll(dist, { log: (line) => console.log(line) });
  await writeFile(out, formatTable(table));
  console.log(`wrote ${out}`);
}
