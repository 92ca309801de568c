// The first chart from HTML (issue #19): each view and language has its page with a build-time copy
// of the view (src/copy.rs), painted before any wasm; the app takes its place without moving a box;
// a URL the copy does not show has none; ?static is the copy alone; in an embed the wasm waits for
// the reader to reach for the widget (issue #23); the copy tells a host its height before the wasm
// runs; the other views' files are fetched once the reader has done something with the widget.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setTimeout as delay } from 'node:timers/promises';
import { ROWS_FILE, WASM_CHUNK, assertClean, ready, settle, visiblePoint } from './lib/browser.mjs';
import { article, iframeSnippet, openHost, paragraphs, useHost } from './lib/host.mjs';
import { SLUGS } from './lib/tabs.mjs';

const TIMEOUT = { timeout: 90_000 };
const env = useHost();
const LANGS = ['en', 'zh'];
const MAIN_WASM = /_bg\.wasm$/;
const norm = (s) => (s ?? '').replace(/\s+/g, ' ').trim();

/** Opens `path` of the explorer; with `wasm: false` its wasm never arrives (the copy alone). */
async function open(t, path, { wasm = true, width = 720, colorScheme = 'light', init = [] } = {}) {
  const opened = await openHost(t, env, new URL(path, env.explorer.origin).href, {
    viewport: { width, height: 800 },
    colorScheme,
    init,
    contextOptions: wasm ? {} : { serviceWorkers: 'block' },
  });
  return opened;
}

/** The same page with every wasm request refused, opened from scratch. */
async function openCopy(t, path, options = {}) {
  const context = await env.browser.newContext({ viewport: { width: options.width ?? 720, height: 800 }, colorScheme: options.colorScheme ?? 'light' });
  t.after(() => context.close());
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  await context.route(/\.wasm$/, (route) => route.abort());
  const page = await context.newPage();
  await page.goto(new URL(path, env.explorer.origin).href);
  await page.waitForLoadState('load');
  return { page, requests };
}

/** What the reader sees of the copy (or of the app when `app`), and where its boxes are. */
function layout(page, app) {
  return page.evaluate((app) => {
    const root = app ? document.querySelector('#app > .app') : document.getElementById('copy');
    if (!root || !root.getClientRects().length) return null;
    const panel = app ? root.querySelector('[role=tabpanel]:not([hidden])') : root.querySelector('.view-panel:not([hidden])');
    const box = (e) => {
      const r = e.getBoundingClientRect();
      return [Math.round(r.top + scrollY), Math.round(r.left), Math.round(r.width), Math.round(r.height)];
    };
    const boxes = {};
    for (const sel of ['.controls', '.edition-note', '.summary', '.switch', '.chart', '.readout', '.notes', '.sources', '.subhead', '.off-chart']) {
      panel.querySelectorAll(sel).forEach((e, i) => {
        if (e.getClientRects().length) boxes[`${sel}#${i}`] = box(e);
      });
    }
    for (const sel of ['.masthead', '.tabs', '.actions', '.claims', 'footer']) {
      const e = [...root.querySelectorAll(sel)].find((e) => e.getClientRects().length);
      if (e) boxes[sel] = box(e);
    }
    return {
      summary: [...panel.querySelectorAll('.summary')].map((e) => e.textContent.replace(/\s+/g, ' ').trim()),
      charts: [...panel.querySelectorAll('.chart svg')].filter((s) => s.getClientRects().length && s.querySelectorAll('rect, path, circle, polyline').length > 3).length,
      lang: document.documentElement.lang,
      boxes,
    };
  }, app);
}

// ---------------------------------------------------------------------------
// 1. Every view and language: its own page, its copy before any wasm, the same as the app.

for (const lang of LANGS) {
  test(`each view's ${lang} page paints its copy without wasm, and it is what the app then shows`, TIMEOUT, async (t) => {
    assert.ok(SLUGS.length >= 5, `the views from the page's tabs: ${SLUGS}`);
    for (const view of SLUGS) {
      const path = `/${view}-${lang}.html`;
      const copy = await openCopy(t, path);
      const before = await layout(copy.page, false);
      assert.ok(before, `${path}: the copy shows without wasm`);
      assert.ok(before.charts >= 1, `${path}: the copy has its chart`);
      assert.equal(before.lang, lang === 'zh' ? 'zh-Hans' : 'en');
      const app = await open(t, path);
      await ready(app.page);
      const after = await settle(() => layout(app.page, true), (l) => l && l.summary.length === before.summary.length);
      assert.deepEqual(after.summary, before.summary, `${path}: the copy says what the app says`);
      assert.equal(await app.page.evaluate(() => document.getElementById('copy')), null, `${path}: the copy is gone`);
      assert.equal(new URL(app.page.url()).searchParams.get('view'), view, `${path}: the app shows ${view}`);
      assertClean(app, path);
    }
  });
}

// ---------------------------------------------------------------------------
// 2. The take-over moves nothing.

const cases = [];
for (const width of [320, 720, 1024]) for (const view of SLUGS) cases.push({ view, width, theme: 'light' });
for (const view of SLUGS) cases.push({ view, width: 720, theme: 'dark' });

test('the take-over moves no box: copy and app lay out alike, at 320, 720 and 1024 px, light and dark (CLS measured)', { timeout: 600_000 }, async (t) => {
  const worst = [];
  for (const { view, width, theme } of cases) {
    const path = `/${view}-en.html${theme === 'dark' ? '?theme=dark' : ''}`;
    const copy = await openCopy(t, path, { width });
    const before = await layout(copy.page, false);
    const app = await open(t, path, {
      width,
      init: [() => {
        window.__cls = 0;
        new PerformanceObserver((l) => {
          for (const e of l.getEntries()) if (!e.hadRecentInput) window.__cls += e.value;
        }).observe({ type: 'layout-shift', buffered: true });
      }],
    });
    await ready(app.page);
    const after = await settle(() => layout(app.page, true), (l) => l && Object.keys(l.boxes).length >= Object.keys(before.boxes).length);
    const moved = [];
    for (const [key, [top, left, w, h]] of Object.entries(before.boxes)) {
      const b = after.boxes[key];
      if (!b) {
        moved.push(`${key} missing in the app`);
        continue;
      }
      // The app draws at its column's width in whole pixels: a pixel of rounding at most.
      if (Math.abs(b[0] - top) > 2 || Math.abs(b[1] - left) > 1 || Math.abs(b[2] - w) > 1 || Math.abs(b[3] - h) > 2) {
        moved.push(`${key}: copy ${[top, left, w, h]} → app ${b}`);
      }
    }
    const cls = await app.page.evaluate(() => window.__cls);
    worst.push(`${view} ${width} ${theme}: CLS ${cls.toFixed(4)}`);
    assert.deepEqual(moved, [], `${path} at ${width} px`);
    assert.ok(cls <= 0.01, `${path} at ${width} px: CLS ${cls}`);
    assert.equal(await app.page.evaluate(() => document.documentElement.dataset.theme), theme);
  }
  t.diagnostic(worst.join('; '));
});

// ---------------------------------------------------------------------------
// 3. Ids, focus.

test('while the app mounts beside the copy no id is on the page twice, and focus on a link of the copy stays on it', TIMEOUT, async (t) => {
  const context = await env.browser.newContext({ viewport: { width: 720, height: 800 } });
  t.after(() => context.close());
  // Every batch of changes to the page, checked for a repeated id.
  await context.addInitScript(() => {
    window.__twice = [];
    new MutationObserver(() => {
      const ids = [...document.querySelectorAll('[id]')].map((e) => e.id);
      const twice = ids.filter((id, i) => ids.indexOf(id) !== i);
      if (twice.length) window.__twice.push(...twice);
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['id'] });
  });
  // The wasm is held back until the reader has put the focus on a source link of the copy.
  let release;
  const held = new Promise((ok) => (release = ok));
  await context.route(MAIN_WASM, async (route) => {
    await held;
    await route.continue();
  });
  const page = await context.newPage();
  await page.goto(new URL('/reserves-en.html', env.explorer.origin).href);
  const link = page.locator('#copy .source-list a').first();
  const href = await link.getAttribute('href');
  await link.focus();
  release();
  await ready(page);
  await settle(() => page.evaluate(() => !document.getElementById('copy')), (gone) => gone);
  const focused = await page.evaluate(() => ({ href: document.activeElement?.getAttribute('href'), inApp: !!document.activeElement?.closest('#app') }));
  assert.deepEqual(focused, { href, inApp: true }, 'the same link, now the app\'s');
  assert.deepEqual(await page.evaluate(() => window.__twice), [], 'no id twice');
});

// ---------------------------------------------------------------------------
// 4. No copy where it would show something else.

test('a URL the copy does not show has no copy, not even for a frame: another view, state or language', TIMEOUT, async (t) => {
  for (const path of ['/index.html?view=quotas', '/quotas-en.html?quota=batches', '/quotas-en.html?lang=zh', '/reserves-en.html?edition=2024', '/reserves-en.html?table=1']) {
    const context = await env.browser.newContext({ viewport: { width: 720, height: 800 } });
    t.after(() => context.close());
    // Whether the copy was ever displayed, checked as the page is parsed, before any paint.
    await context.addInitScript(() => {
      window.__shown = false;
      new MutationObserver(() => {
        const copy = document.getElementById('copy');
        if (copy && getComputedStyle(copy).display !== 'none') window.__shown = true;
      }).observe(document, { subtree: true, childList: true });
    });
    const page = await context.newPage();
    await page.goto(new URL(path, env.explorer.origin).href);
    await ready(page);
    assert.equal(await page.evaluate(() => window.__shown), false, `${path}: the copy never showed`);
    assert.equal(await page.evaluate(() => document.getElementById('copy')), null, `${path}: and is gone`);
  }
});

// ---------------------------------------------------------------------------
// 5. ?static.

test('?static: the copy of the view asked for, with its sources, no controls, and no wasm fetched', TIMEOUT, async (t) => {
  const opened = await open(t, '/?view=exports&lang=zh&static');
  const { page, requests } = opened;
  await page.waitForLoadState('networkidle');
  assert.match(new URL(page.url()).pathname, /\/exports-zh\.html$/, 'the view\'s own page');
  const state = await page.evaluate(() => {
    const shown = (sel) => [...document.querySelectorAll(sel)].some((e) => e.getClientRects().length > 0);
    return {
      summary: document.querySelector('#copy .summary')?.textContent ?? '',
      chart: shown('#copy .chart svg'),
      sources: shown('#copy .source-list a'),
      controls: shown('#copy .controls') || shown('#copy .tabs') || shown('#copy .switch') || shown('#copy .actions'),
    };
  });
  // Chinese copy writes a figure exact to the tonne without a separator (format.rs).
  assert.match(state.summary, /38755吨/, state.summary);
  assert.ok(state.chart && state.sources, 'chart and sources');
  assert.equal(state.controls, false, 'nothing to click');
  assert.deepEqual(requests.filter((u) => /\.wasm$/.test(u)), [], 'no wasm requested');
  await delay(1500);
  assert.ok(await page.evaluate(() => !!document.getElementById('copy')), 'the copy stays');
  assertClean(opened);
});

// ---------------------------------------------------------------------------
// 6. In someone else's article.

test('an embed paints its copy but fetches its wasm only when the reader reaches for it, not when scrolled near', TIMEOUT, async (t) => {
  const body = `${paragraphs(4)}<div class="spacer"></div>${iframeSnippet(env.explorer.origin, { view: 'quotas', lang: 'en', lazy: false })}${paragraphs(2)}`;
  const url = await env.page('far-copy.html', article({ body, head: '<link rel="stylesheet" href="/spacer.css">' }));
  await env.page('spacer.css', '.spacer { height: 6000px; }');
  const opened = await openHost(t, env, url, { viewport: { width: 720, height: 800 } });
  const { page, requests } = opened;
  const frame = await settle(() => page.frames().find((f) => f.url().includes('quotas-en.html')), (f) => !!f, 10_000);
  assert.ok(frame, 'the frame loads (eager)');
  await frame.waitForSelector('#copy .chart', { state: 'visible' });
  await delay(1500);
  assert.deepEqual(requests.filter((u) => MAIN_WASM.test(u)), [], 'no wasm while far below');
  // In sight, the copy is the widget: an article's reader who does not reach for it costs nothing more.
  await page.locator('iframe[data-rare-earth-explorer]').scrollIntoViewIfNeeded();
  await delay(2000);
  assert.deepEqual(requests.filter((u) => MAIN_WASM.test(u) || /\/rare-earth-explorer-[^/]*\.js$/.test(u)), [], 'no wasm nor its JS glue in sight');
  // The pointer on it: the app comes.
  const point = await visiblePoint(page, page.locator('iframe[data-rare-earth-explorer]'));
  await page.mouse.move(point.x, point.y);
  await settle(() => requests.filter((u) => MAIN_WASM.test(u)).length, (n) => n > 0, 10_000);
  assert.equal(requests.filter((u) => MAIN_WASM.test(u)).length, 1, 'the wasm once the pointer is on the widget');
  await frame.waitForFunction(() => !document.getElementById('copy'), null, { timeout: 20_000 });
});

test('before its wasm runs, the copy tells the host its height, so the frame is sized from the first message', TIMEOUT, async (t) => {
  const body = `${paragraphs(2)}${iframeSnippet(env.explorer.origin, { view: 'prices', lang: 'zh', lazy: false })}${paragraphs(2)}`;
  const url = await env.page('copy-height.html', article({ body }));
  const context = await env.browser.newContext({ viewport: { width: 720, height: 800 } });
  t.after(() => context.close());
  await context.route(/\.wasm$/, (route) => route.abort());
  const page = await context.newPage();
  await page.goto(url);
  const frame = await settle(() => page.frames().find((f) => f.url().includes('prices-zh.html')), (f) => !!f, 10_000);
  await frame.waitForSelector('#copy .chart', { state: 'visible' });
  const own = await frame.evaluate(() => Math.max(document.body.scrollHeight, document.body.offsetHeight));
  const sized = await settle(() => page.locator('iframe[data-rare-earth-explorer]').evaluate((f) => f.clientHeight), (h) => Math.abs(h - own) <= 2, 10_000);
  assert.ok(Math.abs(sized - own) <= 2, `frame ${sized} px, its copy ${own} px, with no wasm at all`);
});

// ---------------------------------------------------------------------------
// 7. The other views, fetched on idle.

test('the other views\' code and rows come only once the reader has done something with the widget; a locked embed fetches none', TIMEOUT, async (t) => {
  const ahead = (requests) => requests.filter((u) => WASM_CHUNK.test(u) || ROWS_FILE.test(u));
  const opened = await open(t, '/');
  await ready(opened.page);
  await delay(4000);
  assert.deepEqual(ahead(opened.requests), [], 'nothing ahead for a reader who only reads');
  // A change of the first view's control: the reader is engaged.
  await opened.page.selectOption('select#measure', 'share');
  const fetched = await settle(() => ahead(opened.requests), (r) => r.some((u) => ROWS_FILE.test(u)) && r.filter((u) => WASM_CHUNK.test(u)).length >= SLUGS.length - 1, 15_000);
  assert.ok(fetched.some((u) => ROWS_FILE.test(u)), 'the rows file');
  assert.ok(fetched.filter((u) => WASM_CHUNK.test(u)).length >= SLUGS.length - 1, `the views' chunks: ${fetched.length}`);
  assertClean(opened);

  const locked = await open(t, '/reserves-en.html?embed=1&tabs=0');
  await ready(locked.page);
  await locked.page.selectOption('select#measure', 'share');
  await delay(5000);
  assert.deepEqual(ahead(locked.requests), [], 'nothing more for a locked embed');
});

// ---------------------------------------------------------------------------
// 8. The copy is a page too: readers without JavaScript, or before the wasm, read it.

test('axe finds no WCAG 2.2 A/AA violation in any view\'s copy (no wasm), light and dark', { timeout: 240_000 }, async (t) => {
  const { createRequire } = await import('node:module');
  const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
  const found = [];
  for (const view of SLUGS) {
    for (const [lang, theme] of [['en', 'light'], ['zh', 'dark']]) {
      const { page } = await openCopy(t, `/${view}-${lang}.html?theme=${theme}`, { width: 720 });
      // Evaluated, not a <script>: the page's own policy <meta> refuses inline scripts.
      await page.evaluate(readFileSync(AXE, 'utf8'));
      const violations = await page.evaluate(async () => {
        const r = await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
        return r.violations.map((v) => `${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
      });
      found.push(...violations.map((v) => `${view}-${lang} ${theme}: ${v}`));
    }
  }
  assert.deepEqual(found, []);
});
