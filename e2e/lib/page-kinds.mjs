// The explorer as a reader meets it in each kind of page (issue #23): its own full page, an iframe
// embed in someone's article, and the <rare-earth-explorer> element there. For each: what an
// untouched reader downloads from the explorer in 10 s, the main-thread long tasks the page (the
// host's, with the frame in its process) runs before any interaction, how fast the first tap shows
// what it asked for (unthrottled, after the pointer reached the widget; and on a phone-like load,
// a touch with no warning), and a tap right after the first paint. Used by e2e/bench.mjs (figures,
// never judged) and e2e/taps.test.mjs (the byte budgets and the no-lost-tap rule, checked).
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { brotliCompressSync, constants } from 'node:zlib';
import { startServer } from './server.mjs';
import { loaderHeaders } from './app.mjs';
import { article, elementSnippet, heightsTable, iframeSnippet, paragraphs } from './host.mjs';

/** The phone-like load of issue #23 (Lighthouse's mobile throttling): 150 ms round trip, 1.6 Mb/s down, CPU 4× slower. */
export const PHONE = { viewport: { width: 412, height: 823 }, latency: 150, down: 1.6e6 / 8, up: 750e3 / 8, cpu: 4 };
export const DESK = { viewport: { width: 1280, height: 800 } };
export const UNTOUCHED_MS = 10_000;
/** From the pointer reaching the widget to the tap: a quick reader's hand (the widget starts on the first). */
export const REACH_TO_TAP_MS = 250;
const WAIT_MS = 30_000;

/**
 * Each kind: where the reader is, the widget's frame (null: the page itself), and the first tap:
 * a tab (`view`) or, in the element (locked to its view), a control (`name`=`value`).
 */
export const KINDS = [
  { kind: 'full page', first: 'reserves', tap: { view: 'quotas' } },
  { kind: 'iframe embed', first: 'reserves', tap: { view: 'quotas' } },
  { kind: 'element', first: 'quotas', tap: { name: 'quota', value: 'batches' } },
];

/**
 * Serves `dist` as a deploy would (brotli, hashed files cached as `_headers` says) on the explorer's
 * origin, and the host's article pages on another. `url(kind)` is where a reader of that kind goes.
 */
export async function servePageKinds(dist) {
  const headers = { 'Cache-Control': 'public, max-age=31536000, immutable' };
  const explorer = await startServer({ root: dist, headers, compress: true, headersFor: loaderHeaders });
  const dir = await mkdtemp(join(tmpdir(), 'ree-kinds-'));
  const host = await startServer({ root: dir, host: 'localhost', compress: true });
  const heights = heightsTable();
  await writeFile(join(dir, 'favicon.ico'), '');
  await writeFile(join(dir, 'light.css'), 'body { margin: 0 auto; max-width: 44rem; padding: 0 8px; font: 16px/1.5 Georgia, serif; background: #fff; color: #111; }\n');
  // The widget in the first screen after one paragraph, the article going on below it.
  const iframe = iframeSnippet(explorer.origin, { view: 'reserves', lang: 'en', heights: heights['reserves-en'], dark: 'false', tabs: true });
  await writeFile(join(dir, 'iframe.html'), article({ body: `${paragraphs(1)}\n${iframe}\n${paragraphs(6, 1)}` }));
  const element = elementSnippet(explorer.origin, { view: 'quotas', lang: 'en', dark: 'false', text: 'Rare Earth Explorer: quotas' });
  await writeFile(join(dir, 'element.html'), article({ body: `${paragraphs(1)}\n${element}\n${paragraphs(6, 1)}` }));
  // The same article without the widget: what the host's page costs by itself.
  await writeFile(join(dir, 'alone.html'), article({ body: `${paragraphs(1)}\n${paragraphs(6, 1)}` }));
  // ... and with an empty frame of another origin where the widget would be: what a frame costs.
  await writeFile(join(dir, 'blank.html'), '<!DOCTYPE html><html lang="en"><title>Empty</title><p>An empty frame.</p></html>\n');
  const blank = `<iframe src="${host.url.replace('localhost', '127.0.0.1')}blank.html" title="Empty" width="100%" height="900"></iframe>`;
  await writeFile(join(dir, 'framed.html'), article({ body: `${paragraphs(1)}\n${blank}\n${paragraphs(6, 1)}` }));
  const urls = {
    'article alone': `${host.origin}/alone.html`,
    'article with an empty frame': `${host.origin}/framed.html`,
    'full page': `${explorer.origin}/`,
    'iframe embed': `${host.origin}/iframe.html`,
    element: `${host.origin}/element.html`,
  };
  return {
    explorer,
    dist,
    url: (kind) => urls[kind],
    /** Writes another article page `name` (with host.mjs's `article()`) and returns its URL. */
    page: async (name, html) => {
      await writeFile(join(dir, name), html);
      return `${host.origin}/${name}`;
    },
    close: async () => {
      await explorer.close();
      await host.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

// In the top page: its long tasks (those of a cross-origin frame in its process included, as
// "cross-origin-descendant"), from the start.
function recordLongTasks() {
  if (window !== window.top) return;
  window.__longTasks = [];
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration, name: e.name });
    }).observe({ type: 'longtask', buffered: true });
  } catch {
    window.__longTasks = null;
  }
}

/** A fresh reader of `kind`: own context, optionally the phone-like load, every request listed. */
async function openReader(browser, env, kind, { phone = false } = {}) {
  const context = await browser.newContext({ ...(phone ? { viewport: PHONE.viewport, hasTouch: true } : DESK), colorScheme: 'light' });
  await context.addInitScript(recordLongTasks);
  const requests = [];
  context.on('request', (r) => requests.push({ url: r.url(), at: Date.now() }));
  const page = await context.newPage();
  if (phone) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: PHONE.latency, downloadThroughput: PHONE.down, uploadThroughput: PHONE.up });
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: PHONE.cpu });
  }
  const opened = Date.now();
  await page.goto(env.url(kind), { waitUntil: 'commit', timeout: WAIT_MS });
  return { context, page, requests, opened };
}

/** The widget's document: the page itself, or the explorer's frame once it is there. */
async function widget(env, page, kind) {
  if (kind === 'full page') return page;
  const end = Date.now() + WAIT_MS;
  for (;;) {
    const frame = page.frames().find((f) => f.url().startsWith(env.explorer.origin));
    if (frame) return frame;
    if (Date.now() > end) throw new Error(`${kind}: no explorer frame after ${WAIT_MS} ms`);
    await delay(20);
  }
}

/** Waits until the widget shows its first chart: the build-time copy's, or the app's. */
async function firstChart(frame) {
  await frame.waitForFunction(() => {
    const svg = [...document.querySelectorAll('#copy .chart svg, [role=tabpanel]:not([hidden]) .chart svg')].find((s) => s.getClientRects().length);
    return !!svg && svg.querySelectorAll('rect, path').length > 3;
  }, null, { timeout: WAIT_MS, polling: 50 });
}

/**
 * Brotli sizes (quality 11, as a compressing host sends) of the explorer's files behind `urls`,
 * each file once, with how many times it was requested.
 */
export function explorerBytes(env, urls) {
  const counts = new Map();
  for (const u of urls) {
    const url = new URL(u);
    if (url.origin !== env.explorer.origin) continue;
    const path = url.pathname.endsWith('/') ? `${url.pathname}index.html` : url.pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
  }
  const files = [...counts].map(([path, requests]) => {
    const body = readFileSync(join(env.dist, path));
    const brotli = brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }).length;
    return { path, requests, raw: body.length, brotli };
  });
  return { files, brotli: files.reduce((s, f) => s + f.brotli, 0), twice: files.filter((f) => f.requests > 1).map((f) => f.path) };
}

/**
 * Long tasks: all of them, and those the Long Tasks API attributes to a frame (the explorer's, in
 * an article: "cross-origin-descendant"), in count and total ms. On the full page all are its own.
 */
function tally(tasks) {
  const sum = (ts) => ({ count: ts.length, total: ts.reduce((s, t) => s + t.duration, 0), max: Math.max(0, ...ts.map((t) => t.duration)) });
  return { ...sum(tasks), frames: sum(tasks.filter((t) => t.name !== 'self')), names: [...new Set(tasks.map((t) => t.name))] };
}

/** An untouched reader: the page open for UNTOUCHED_MS, no input at all. Bytes and long tasks. */
export async function untouched(browser, env, kind, { phone = false } = {}) {
  const from = env.explorer.served.length;
  const reader = await openReader(browser, env, kind, { phone });
  try {
    await delay(UNTOUCHED_MS);
    const longTasks = await reader.page.evaluate(() => window.__longTasks);
    const within = reader.requests.filter((r) => r.at - reader.opened <= UNTOUCHED_MS).map((r) => r.url);
    const served = env.explorer.served.slice(from);
    return {
      ...explorerBytes(env, within),
      // Files that came over the network more than once (the browser's cache answers the rest).
      travelledTwice: [...new Set(served.filter((p, i) => served.indexOf(p) !== i))],
      wasm: within.some((u) => /\.wasm$/.test(new URL(u).pathname)),
      longTasks: longTasks && tally(longTasks),
    };
  } finally {
    await reader.context.close();
  }
}

// In the widget's document, just before the tap: when the tap (pointerdown) came, when the widget
// first showed it had heard it (the tab marked, or busy), when it showed what was asked (the copy
// of the asked view, or the app), and when the app did (the copy gone). Times are the document's
// own (performance.now), each taken one frame after the state was seen: painted.
function watchTap(want) {
  const out = { tap: null, feedback: null, shown: null, app: null, tookOver: null };
  window.__tapWatch = out;
  addEventListener('pointerdown', (e) => { out.tap ??= e.timeStamp; }, { capture: true, once: true });
  const panel = () => document.querySelector('[role=tabpanel]:not([hidden])');
  const drawn = (root) => {
    const svg = root && [...root.querySelectorAll('.chart svg')].find((s) => s.getClientRects().length);
    return !!svg && svg.querySelectorAll('rect, path').length > 3;
  };
  const appShows = () => {
    if (document.getElementById('copy')) return false;
    if (want.view) return panel()?.dataset.view === want.view && drawn(panel()) && !panel().querySelector('[aria-busy=true]');
    return !!panel()?.querySelector(`input[name="${want.name}"][value="${want.value}"]:checked`) && drawn(panel());
  };
  const copyShows = () => {
    const copy = document.getElementById('copy');
    if (!copy || !want.view || getComputedStyle(copy).display === 'none') return false;
    return copy.dataset.view === want.view && drawn(copy.querySelector('.view-panel:not([hidden])')) && !copy.querySelector('[aria-busy=true]');
  };
  const heard = () => {
    const copy = document.getElementById('copy');
    if (!copy) {
      // The app: the tab selected, or the control set, at once; its view may still be loading.
      if (want.view) return document.getElementById(`tab-${want.view}`)?.getAttribute('aria-selected') === 'true';
      return !!panel()?.querySelector(`input[name="${want.name}"][value="${want.value}"]:checked`);
    }
    const tab = want.view && copy.querySelector('.tabs [aria-current=page]');
    return (tab && new URL(tab.href, location.href).pathname.includes(`${want.view}-`)) || !!copy.querySelector('[aria-busy=true]');
  };
  const tick = () => {
    const now = performance.now();
    const at = (key, seen) => {
      if (out[key] === null && out.tap !== null && seen) requestAnimationFrame(() => { out[key] ??= performance.now(); });
    };
    at('feedback', heard() || copyShows() || appShows());
    at('shown', copyShows() || appShows());
    at('app', appShows());
    if (out.tookOver === null) out.tookOver = performance.getEntriesByName('explorer:copy-replaced', 'mark')[0]?.startTime ?? null;
    if (out.app === null && now - (out.tap ?? now) < 30_000) requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}

/** Page coordinates of what to tap for `tap` in the widget: the copy's control if it shows, else the app's. */
async function target(frame, tap, tabs) {
  return frame.evaluate(({ tap, index }) => {
    const copy = document.getElementById('copy');
    const shown = copy && getComputedStyle(copy).display !== 'none';
    let el;
    if (tap.view) {
      el = shown ? copy.querySelector(`.tabs > :nth-child(${index + 1})`) : document.getElementById(`tab-${tap.view}`);
    } else {
      const input = shown ? copy.querySelector(`input[name="copy-${tap.name}"][value="${tap.value}"]`) : document.querySelector(`[role=tabpanel]:not([hidden]) input[name="${tap.name}"][value="${tap.value}"]`);
      el = input?.closest('label') ?? input;
    }
    if (!el) return null;
    el.scrollIntoView({ block: 'nearest' });
    const r = el.getBoundingClientRect();
    return { x: r.left + r.width / 2, y: r.top + r.height / 2 };
  }, { tap, index: tabs.indexOf(tap.view) });
}

/** Where a point of `frame` is on the page (frames add their offset). */
async function onPage(frame, point) {
  const element = typeof frame.parentFrame === 'function' && frame.parentFrame() ? await frame.frameElement() : null;
  if (!element) return point;
  const box = await element.boundingBox();
  return { x: box.x + point.x, y: box.y + point.y };
}

/**
 * A reader's first tap. Unthrottled: the page read for `readMs`, then the pointer moved onto what
 * it will tap (the widget hears of it: intent), REACH_TO_TAP_MS later the click. Phone-like: a
 * touch with nothing before it, `readMs` after the first chart (`early`: at once after it).
 * Returns the times from the tap (ms) to the widget's feedback, to what was asked shown (copy or
 * app) and to the app showing it; null where it never came (a lost tap); and from the moment the
 * page wanted the app (in sight, or the reader's intent) to its take-over.
 */
export async function firstTap(browser, env, { kind, tap }, tabs, { phone = false, readMs = 3_000 } = {}) {
  const reader = await openReader(browser, env, kind, { phone });
  try {
    const { page } = reader;
    if (kind === 'element') await page.waitForSelector('rare-earth-explorer iframe', { state: 'attached', timeout: WAIT_MS });
    const frame = await widget(env, page, kind);
    await firstChart(frame);
    if (readMs) await delay(readMs);
    const point = await target(frame, tap, tabs);
    if (!point) throw new Error(`${kind}: nothing to tap for ${JSON.stringify(tap)}`);
    await frame.evaluate(watchTap, tap);
    const at = await onPage(frame, point);
    if (phone) {
      await page.touchscreen.tap(at.x, at.y);
    } else {
      await page.mouse.move(at.x, at.y, { steps: 2 });
      await delay(REACH_TO_TAP_MS);
      await page.mouse.down();
      await page.mouse.up();
    }
    const watched = await frame.waitForFunction(() => {
      const w = window.__tapWatch;
      // Done once the app shows it; a tap the copy lost leaves the app on another view: 5 s more.
      const replaced = performance.getEntriesByName('explorer:copy-replaced', 'mark')[0]?.startTime;
      return (w.app !== null || (replaced && performance.now() - replaced > 5_000)) && w;
    }, null, { timeout: WAIT_MS + 10_000, polling: 100 }).then((h) => h.jsonValue()).catch(() => frame.evaluate(() => window.__tapWatch));
    const since = (t) => (t === null || watched.tap === null ? null : t - watched.tap);
    // From the moment the page wanted the app (start.js: in sight, or the reader's intent) to its take-over.
    const wantedToApp = await frame.evaluate(() => {
      const mark = (name) => performance.getEntriesByName(name, 'mark')[0]?.startTime ?? null;
      const [wanted, replaced] = [mark('explorer:wanted'), mark('explorer:copy-replaced')];
      return wanted !== null && replaced !== null ? replaced - wanted : null;
    });
    return {
      feedback: since(watched.feedback),
      shown: since(watched.shown),
      app: since(watched.app),
      lost: watched.shown === null,
      wantedToApp,
    };
  } finally {
    await reader.context.close();
  }
}
