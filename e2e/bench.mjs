// Benchmark of the static build (dist/): what the first view downloads, how fast the first chart
// appears, how fast views and controls redraw, and whether memory grows with use.
//
//   DIST_DIR=dist node e2e/bench.mjs            # prints one table
//   BENCH_JSON=bench.json DIST_DIR=dist node e2e/bench.mjs   # ... and writes it as JSON too
//   BENCH_ONLY=kinds DIST_DIR=dist node e2e/bench.mjs         # the page kinds of issue #23 alone
//
// It reports figures and never judges them: the machines it runs on are shared and noisy, so a
// threshold here would fail at random. It exits non-zero only when the page cannot load or a
// chart never paints, i.e. when there is nothing meaningful to measure.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { constants, brotliCompressSync, gzipSync } from 'node:zlib';
import { startServer } from './lib/server.mjs';
import { CHART, launchBrowser } from './lib/browser.mjs';
import { SLUGS } from './lib/tabs.mjs';
import { KINDS, PHONE, REACH_TO_TAP_MS, UNTOUCHED_MS, firstTap, servePageKinds, untouched } from './lib/page-kinds.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
const DIST = resolve(process.env.DIST_DIR || join(HERE, '..', 'dist'));
const VIEWPORT = { width: 1280, height: 800 }; // the same as the end-to-end tests

const LOADS = 7; // fresh page loads for the first chart and the start-up breakdown
const SWITCHES = 40; // timed view switches
const CONTROL_TOGGLES = 20; // timed changes of each view's control
const MEMORY_SWITCHES = 400; // view switches between the two memory readings
const MEMORY_IDLE_MS = 1_000; // quiet time before each memory reading
const ENTRY_LOADS = 5; // fresh loads of each view's page per language, for the copy and the take-over
const ENTRY_WIDTHS = [320, 720, 1024]; // the take-over's layout shift, at each width ...
const THEMES = ['light', 'dark']; // ... in each theme
const LANGS = ['en', 'zh'];
const IDLE_BEFORE_FIRST_SWITCH_MS = 2_000; // issue #19: a reader's first click after two idle seconds
const FIRST_SWITCH_ROUNDS = 3; // fresh pages per view for that first click
const MOBILE = { viewport: { width: 412, height: 823 }, cpuSlowdown: 4 }; // Lighthouse's mobile device and CPU
const MOBILE_LOADS = 5;
const KIND_LOADS = 3; // fresh readers per kind of page and tap (lib/page-kinds.mjs)
const LONG_TASK_LOADS = 5; // fresh untouched readers per kind of page on the phone-like load, for long tasks
const TAKEOVER_QUIET_MS = 500; // layout shifts are still counted this long after the copy is replaced
const FIRST_CHART_MIN_RECTS = 3; // a painted bar chart, not an empty <svg>
const LOAD_TIMEOUT_MS = 60_000; // generous: the machine may be compiling at the same time
const REDRAW_TIMEOUT_MS = 15_000;
const SETTLE_MS = 100; // idle time before each timed interaction, so one does not pay for the last

// The views as the page lists them, in tab order.
const TABS = SLUGS;
const tabSelector = (view) => `#tab-${view}`;
// The build-time copy's chart (src/copy.rs), which the app replaces (src/lib.rs, take_over).
const COPY_CHART = '#copy .chart svg';
const COPY_REPLACED = 'explorer:copy-replaced';
// Each view's page in each language (written by the post-build hook, src/bin/postbuild/copies.rs).
const entryPath = (view, lang) => `${view}-${lang}.html`;

// One control per view and the two values it alternates between.
const CONTROLS = [
  { view: 'reserves', label: 'Reserves select#edition 2025/2026', kind: 'select', selector: 'select#edition', values: ['2025', '2026'] },
  { view: 'discoveries', label: "Discoveries select#basis ''/resource", kind: 'select', selector: 'select#basis', values: ['resource', ''] },
  { view: 'quotas', label: 'Quotas quota total/batches', kind: 'radio', selector: 'input[name=quota]', values: ['batches', 'total'] },
  { view: 'exports', label: 'Exports show volume/value', kind: 'radio', selector: 'input[name=show]', values: ['value', 'volume'] },
];

// ---------------------------------------------------------------------------------------------
// In-page probe, installed with addInitScript before any of the app's code runs. Every time is
// taken with performance.now() inside the page (navigation start = 0), so the round trips between
// Node and the browser never count.

function pageProbe({ chart, copyChart, minRects, redrawTimeoutMs }) {
  const bench = (window.__bench = {
    chartInDom: null,
    chartPainted: null,
    copyPainted: null,
    wasm: null,
    cls: 0,
    shifts: [],
    longTasks: [],
    lcp: null,
  });
  const nextFrame = () => new Promise((ok) => requestAnimationFrame(() => ok()));

  // The build-time copy's chart: parsed with the HTML, so observed from the first node on; one frame
  // after it is in the DOM it has been painted (its CSS is render-blocking, so it paints styled).
  const copy = new MutationObserver(() => {
    const svg = document.querySelector(copyChart);
    if (!svg || svg.querySelectorAll('rect').length < minRects) return;
    copy.disconnect();
    requestAnimationFrame(() => {
      bench.copyPainted = performance.now();
    });
  });
  copy.observe(document, { childList: true, subtree: true });

  // Layout shifts not caused by input (the Layout Instability API's own rule for CLS), long tasks
  // (for a total-blocking-time figure) and the largest contentful paint.
  const observe = (type, each) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(each)).observe({ type, buffered: true });
    } catch {
      // An entry type this browser lacks leaves its figure empty (n/a), not the benchmark broken.
    }
  };
  observe('layout-shift', (e) => {
    if (e.hadRecentInput) return;
    bench.cls += e.value;
    bench.shifts.push(e.value);
  });
  observe('longtask', (e) => bench.longTasks.push({ start: e.startTime, duration: e.duration }));
  observe('largest-contentful-paint', (e) => {
    bench.lcp = e.startTime;
  });
  const firstChart = () => {
    const svg = document.querySelector(chart);
    return svg && svg.querySelectorAll('rect').length >= minRects;
  };

  // The first chart: observed from the very start, so the time is when it entered the DOM, plus
  // one frame for it to be painted.
  const boot = new MutationObserver(() => {
    if (bench.chartInDom !== null || !firstChart()) return;
    boot.disconnect();
    bench.chartInDom = performance.now();
    requestAnimationFrame(() => {
      bench.chartPainted = performance.now();
    });
  });
  boot.observe(document, { childList: true, subtree: true });

  // Trunk's loader announces the instance: its linear memory is where Rust allocates, which the
  // JS heap figures do not include.
  addEventListener('TrunkApplicationStarted', (event) => {
    bench.wasm = event.detail?.wasm ?? null;
  });
  bench.wasmMemoryBytes = () => bench.wasm?.memory?.buffer?.byteLength ?? null;

  const act = (action) => {
    const el = document.querySelector(action.selector);
    if (!el) throw new Error(`no element ${action.selector}`);
    if (action.kind === 'select') {
      el.value = action.value;
      el.dispatchEvent(new Event('change', { bubbles: true }));
    } else {
      el.click(); // a tab button, or a radio input (click checks it and fires change)
    }
  };

  // Time one interaction: from just before it is dispatched until the chart in the visible view
  // panel is another <svg> with different markup, plus one frame. A control redraws its chart
  // through innerHTML (a DOM mutation); a tab shows a panel that is already built (a `hidden`
  // attribute changes), so the observer watches both, over the whole body.
  bench.time = (action) =>
    new Promise((ok, fail) => {
      const before = document.querySelector(chart);
      const beforeMarkup = before?.outerHTML;
      const redrawn = () => {
        const svg = document.querySelector(chart);
        return !!svg && svg !== before && svg.outerHTML !== beforeMarkup;
      };
      let start = 0;
      let done = false;
      const finish = () => {
        done = true;
        observer.disconnect();
        clearTimeout(timer);
        nextFrame().then(() => ok(performance.now() - start));
      };
      const observer = new MutationObserver(() => {
        if (!done && redrawn()) finish();
      });
      observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['hidden'] });
      const timer = setTimeout(() => {
        observer.disconnect();
        fail(new Error(`chart never redrew after ${JSON.stringify(action)} (${redrawTimeoutMs} ms)`));
      }, redrawTimeoutMs);
      start = performance.now();
      try {
        act(action);
      } catch (err) {
        observer.disconnect();
        clearTimeout(timer);
        fail(err);
      }
    });

  // Run a list of interactions one after the other, each awaited until painted, optionally after
  // an idle pause; returns the durations.
  bench.run = async (actions, settleMs) => {
    const times = [];
    for (const action of actions) {
      if (settleMs > 0) await new Promise((ok) => setTimeout(ok, settleMs));
      times.push(await bench.time(action));
    }
    return times;
  };
}

// ---------------------------------------------------------------------------------------------
// Pages

/**
 * A fresh page in its own browser context (empty cache, cookies, storage), with the probe and the
 * HTTP cache disabled, loaded up to its first painted chart.
 * @returns {Promise<{page, context, cdp, requests: string[], consoleErrors: string[], pageErrors: string[]}>}
 */
async function freshPage(browser, url, { viewport = VIEWPORT, colorScheme = 'light', cpuSlowdown = 1, httpCache = false, saveData = false } = {}) {
  const context = await browser.newContext({ viewport, colorScheme });
  // A reader who asked to save data gets no fetching on idle, so what a step downloads is its own.
  if (saveData) await context.addInitScript(() => Object.defineProperty(navigator, 'connection', { value: { saveData: true } }));
  const page = await context.newPage();
  const requests = [];
  const consoleErrors = [];
  const pageErrors = [];
  page.on('request', (req) => requests.push(req.url()));
  page.on('console', (msg) => msg.type() === 'error' && consoleErrors.push(msg.text()));
  page.on('pageerror', (err) => pageErrors.push(String(err)));
  await page.addInitScript(pageProbe, {
    chart: CHART,
    copyChart: COPY_CHART,
    minRects: FIRST_CHART_MIN_RECTS,
    redrawTimeoutMs: REDRAW_TIMEOUT_MS,
  });
  // The server already says no-store; this also keeps Chromium from reusing compiled wasm.
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: !httpCache });
  if (cpuSlowdown > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: cpuSlowdown });

  const response = await page.goto(url, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS });
  if (!response?.ok()) throw new Error(`${url} answered ${response?.status()}`);
  try {
    await page.waitForFunction(() => window.__bench.chartPainted !== null, null, { timeout: LOAD_TIMEOUT_MS });
  } catch {
    throw new Error(`the first chart never painted (${LOAD_TIMEOUT_MS} ms); page errors: ${pageErrors.join(' | ') || 'none'}`);
  }
  return { page, context, cdp, requests, consoleErrors, pageErrors };
}

/** Times of one load, read from the page (all ms after navigation start; null when absent). */
function readStartup(page) {
  return page.evaluate(() => {
    const mark = (name) => performance.getEntriesByName(name, 'mark')[0]?.startTime ?? null;
    // The main wasm, fetched once by the start script (no preload: it starts when wanted).
    const wasm = performance.getEntriesByType('resource').find((e) => new URL(e.name).pathname.endsWith('.wasm'));
    return {
      wasmFetchStart: wasm?.startTime ?? null,
      wasmFetchEnd: wasm?.responseEnd ?? null,
      explorerStart: mark('explorer:start'),
      explorerMounted: mark('explorer:mounted'),
      chartInDom: window.__bench.chartInDom,
      chartPainted: window.__bench.chartPainted,
    };
  });
}

// ---------------------------------------------------------------------------------------------
// Measurements

/** Bytes of every file the first view requests, raw and compressed as a CDN would serve them. */
async function measureBytes(browser, url) {
  // Without the idle prefetch, or the first view would also count every other view's code.
  const opened = await freshPage(browser, url, { saveData: true });
  // The favicon is requested after load; wait for the network to go quiet to include it.
  await opened.page.waitForLoadState('networkidle');
  const firstView = opened.requests.length;
  // Then what opening each other view adds (its code, in the release build, comes on demand).
  for (const view of TABS.slice(1)) {
    await opened.page.click(tabSelector(view));
    await opened.page.waitForFunction((chart) => document.querySelector(chart), CHART);
  }
  await opened.page.waitForLoadState('networkidle');
  await opened.context.close();
  const first = opened.requests.slice(0, firstView);
  // Only new files: Chromium asks for the favicon again whenever the URL changes.
  const seen = new Set(first.map((u) => new URL(u).pathname));
  return {
    ...fileSizes(first),
    later: fileSizes(opened.requests.slice(firstView).filter((u) => !seen.has(new URL(u).pathname))),
    consoleErrors: opened.consoleErrors,
    pageErrors: opened.pageErrors,
  };
}

/** Raw, gzip and brotli sizes of the files behind a list of request URLs, and their totals. */
function fileSizes(requests) {
  const counts = new Map();
  for (const u of requests) {
    const path = new URL(u).pathname;
    counts.set(path, (counts.get(path) ?? 0) + 1);
  }
  const files = [...counts].map(([path, requests]) => {
    // The server maps URL paths straight onto dist/, so the file is exactly what was sent.
    const file = join(DIST, path.endsWith('/') ? `${path}index.html` : path);
    const body = readFileSync(file);
    return {
      path: path === '/' ? '/ (index.html)' : path,
      requests,
      raw: body.length,
      gzip: gzipSync(body, { level: 9 }).length,
      brotli: brotliCompressSync(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: 11,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      }).length,
    };
  });
  const total = (key) => files.reduce((sum, f) => sum + f[key], 0);
  return { files, total: { raw: total('raw'), gzip: total('gzip'), brotli: total('brotli') } };
}

/** First chart and start-up breakdown over LOADS fresh loads, after one discarded warm-up load. */
async function measureLoads(browser, url) {
  // The first load of a just-launched browser also pays for starting its processes.
  await (await freshPage(browser, url)).context.close();
  const loads = [];
  for (let i = 0; i < LOADS; i += 1) {
    const opened = await freshPage(browser, url);
    loads.push(await readStartup(opened.page));
    await opened.context.close();
  }
  return loads;
}

/** Click through the tabs in order, starting after the one shown, `count` times. */
function tabActions(count, from = 'reserves') {
  const first = TABS.indexOf(from) + 1;
  return Array.from({ length: count }, (_, i) => ({
    kind: 'click',
    selector: tabSelector(TABS[(first + i) % TABS.length]),
  }));
}

/**
 * The first visit of each other view (built then; in the release build its code is fetched then),
 * timed apart from the switches that follow, which only show a panel that is already built.
 */
async function measureViewSwitches(browser, url) {
  const opened = await freshPage(browser, url);
  const run = (actions) => opened.page.evaluate(([a, settle]) => window.__bench.run(a, settle), [actions, SETTLE_MS]);
  const firstOpens = await run(tabActions(TABS.length));
  const switches = await run(tabActions(SWITCHES));
  await opened.context.close();
  return { firstOpens, switches };
}

async function measureControls(browser, url) {
  const opened = await freshPage(browser, url);
  const results = [];
  for (const control of CONTROLS) {
    if (control.view !== 'reserves') {
      await opened.page.evaluate((action) => window.__bench.time(action), { kind: 'click', selector: tabSelector(control.view) });
    }
    const actions = Array.from({ length: CONTROL_TOGGLES }, (_, i) => {
      const value = control.values[i % control.values.length];
      return control.kind === 'select'
        ? { kind: 'select', selector: control.selector, value }
        : { kind: 'click', selector: `${control.selector}[value="${value}"]` };
    });
    const times = await opened.page.evaluate(([a, settle]) => window.__bench.run(a, settle), [actions, SETTLE_MS]);
    results.push({ label: control.label, times });
  }
  await opened.context.close();
  return results;
}

/** DOM counters and heap sizes before and after MEMORY_SWITCHES view switches, each after GC. */
async function measureMemory(browser, url) {
  const opened = await freshPage(browser, url);
  const { page, cdp } = opened;
  const reading = async () => {
    // Let late work finish first: every URL change makes Chromium fetch the favicon again, and each
    // favicon.svg is parsed into an SVG document of its own that the DOM counters include.
    await page.waitForTimeout(MEMORY_IDLE_MS);
    // Twice: objects freed by the first collection's finalizers go in the second.
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    const dom = await cdp.send('Memory.getDOMCounters');
    const heap = await cdp.send('Runtime.getHeapUsage');
    const wasm = await page.evaluate(() => window.__bench.wasmMemoryBytes());
    return { nodes: dom.nodes, jsEventListeners: dom.jsEventListeners, documents: dom.documents, jsHeapUsed: heap.usedSize, wasmMemory: wasm };
  };
  // One round first: each view is built on its first visit, which is not growth.
  await page.evaluate((actions) => window.__bench.run(actions, 0), tabActions(TABS.length));
  const before = await reading();
  // No idle pause here: this is about what accumulates, not about speed. 400 is a multiple of
  // four, so the page ends on Reserves, the view it started on.
  await page.evaluate((actions) => window.__bench.run(actions, 0), tabActions(MEMORY_SWITCHES));
  const after = await reading();
  // A second round tells a one-time cost (the JIT's compiled code, caches) from steady growth.
  await page.evaluate((actions) => window.__bench.run(actions, 0), tabActions(MEMORY_SWITCHES));
  const again = await reading();
  await opened.context.close();
  return { before, after, again };
}

/**
 * Waits until the app has replaced the build-time copy, and TAKEOVER_QUIET_MS more so that a late
 * shift still counts, then reads the load's figures (ms after navigation start).
 */
async function afterTakeover(page) {
  await page.waitForFunction((name) => performance.getEntriesByName(name, 'mark').length > 0, COPY_REPLACED, {
    timeout: LOAD_TIMEOUT_MS,
  });
  await page.waitForTimeout(TAKEOVER_QUIET_MS);
  return page.evaluate((name) => {
    const b = window.__bench;
    const fcp = performance.getEntriesByName('first-contentful-paint', 'paint')[0]?.startTime ?? null;
    // Total blocking time as Lighthouse counts it (each long task's time beyond 50 ms), from the
    // first paint until the take-over is over.
    const tbt = fcp === null ? null : b.longTasks.filter((t) => t.start >= fcp).reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0);
    // What the reader had to download before the copy's chart painted: the page and what blocks
    // its rendering (the stylesheet, the tiny copy script); the app's files load beside it.
    const before = performance
      .getEntriesByType('resource')
      .filter((e) => e.renderBlockingStatus === 'blocking')
      .map((e) => e.name);
    return {
      copyPainted: b.copyPainted,
      appPainted: b.chartPainted,
      replaced: performance.getEntriesByName(name, 'mark')[0].startTime,
      cls: b.cls,
      fcp,
      lcp: b.lcp,
      tbt,
      before: [location.href, ...before],
    };
  }, COPY_REPLACED);
}

/** Opens `path` fresh `count` times and reads each load after the take-over. */
async function takeovers(browser, url, count, options = {}) {
  const loads = [];
  for (let i = 0; i < count; i += 1) {
    const opened = await freshPage(browser, url, options);
    loads.push(await afterTakeover(opened.page));
    await opened.context.close();
  }
  return loads;
}

/**
 * Each view's page in each language: the bytes before its first chart paints (from the copy), the
 * first chart from the copy and from the app, the take-over and its layout shift.
 */
async function measureEntries(browser, url) {
  await (await freshPage(browser, url)).context.close(); // warm-up, as for the loads above
  const out = [];
  for (const view of TABS) {
    for (const lang of LANGS) {
      const loads = await takeovers(browser, url + entryPath(view, lang), ENTRY_LOADS);
      out.push({
        view,
        lang,
        bytes: fileSizes(loads[0].before),
        copyPainted: spread(loads, 'copyPainted'),
        appPainted: spread(loads, 'appPainted'),
        replaced: spread(loads, 'replaced'),
        cls: Math.max(...loads.map((l) => l.cls)),
      });
    }
  }
  return out;
}

/** The take-over's CLS for every view at each width and theme (English pages; one load each). */
async function measureShifts(browser, url) {
  const out = [];
  for (const view of TABS) {
    const cls = {};
    for (const width of ENTRY_WIDTHS) {
      for (const colorScheme of THEMES) {
        const [load] = await takeovers(browser, url + entryPath(view, 'en'), 1, { viewport: { width, height: 800 }, colorScheme });
        cls[`${width} ${colorScheme}`] = load.cls;
      }
    }
    out.push({ view, cls });
  }
  return out;
}

/**
 * A reader's first click on each other view after two idle seconds on the first one, served with
 * the deploy's caching (hashed files immutable). Nothing is fetched ahead for a reader who has not
 * touched the widget (issue #23): a mouse reader's pointer reaches the tab first (its view is
 * built from then, REACH_TO_TAP_MS before the click); a touch reader's tap comes with no warning.
 */
async function measureFirstSwitches(browser, cachedUrl) {
  const out = [];
  for (const reach of [true, false]) {
    for (const view of TABS.slice(1)) {
      const times = [];
      for (let i = 0; i < FIRST_SWITCH_ROUNDS; i += 1) {
        const opened = await freshPage(browser, cachedUrl, { httpCache: true });
        await afterTakeover(opened.page);
        await opened.page.waitForTimeout(IDLE_BEFORE_FIRST_SWITCH_MS);
        if (reach) {
          await opened.page.hover(tabSelector(view));
          await opened.page.waitForTimeout(REACH_TO_TAP_MS);
        }
        times.push(await opened.page.evaluate((a) => window.__bench.time(a), { kind: 'click', selector: tabSelector(view) }));
        await opened.context.close();
      }
      const how = reach ? `pointer on the tab ${REACH_TO_TAP_MS} ms before` : 'nothing before';
      out.push(timing(`${view}, first click after ${IDLE_BEFORE_FIRST_SWITCH_MS / 1000} s idle, ${how}`, times));
    }
  }
  return out;
}

/**
 * Each kind of page a reader meets the explorer in (lib/page-kinds.mjs): an untouched reader's
 * bytes and the page's long tasks, the first tap unthrottled (after the pointer reached the
 * widget) and on the phone-like load (a touch), and a tap right after the first paint.
 */
async function measurePageKinds(browser) {
  const env = await servePageKinds(DIST);
  const out = [];
  const controls = {};
  try {
    // What the host's article costs by itself, and with an empty frame of another origin.
    for (const kind of ['article alone', 'article with an empty frame']) {
      const phone = [];
      for (let i = 0; i < LONG_TASK_LOADS; i += 1) phone.push((await untouched(browser, env, kind, { phone: true })).longTasks?.total);
      controls[kind] = phone;
    }
    for (const k of KINDS) {
      const desk = await untouched(browser, env, k.kind);
      const phone = [];
      for (let i = 0; i < LONG_TASK_LOADS; i += 1) phone.push(await untouched(browser, env, k.kind, { phone: true }));
      const taps = { desk: [], phone: [], early: [] };
      for (let i = 0; i < KIND_LOADS; i += 1) {
        taps.desk.push(await firstTap(browser, env, k, TABS));
        taps.phone.push(await firstTap(browser, env, k, TABS, { phone: true }));
        taps.early.push(await firstTap(browser, env, k, TABS, { phone: true, readMs: 0 }));
      }
      out.push({ ...k, desk, phone, taps });
    }
  } finally {
    await env.close();
  }
  return { list: out, controls };
}

/** The first view on a phone-sized viewport with Lighthouse's 4× CPU slowdown (network not throttled). */
async function measureMobile(browser, url) {
  return takeovers(browser, url, MOBILE_LOADS, MOBILE);
}

// ---------------------------------------------------------------------------------------------
// Statistics and the report

const sorted = (xs) => [...xs].sort((a, b) => a - b);
function median(xs) {
  const s = sorted(xs);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}
/** Nearest-rank percentile: a value that was actually observed. */
const percentile = (xs, p) => sorted(xs)[Math.max(0, Math.ceil((p / 100) * xs.length) - 1)];
/** Median, min and max of one field over the loads; null when no load had it (e.g. marks absent). */
function spread(loads, key) {
  const xs = loads.map((l) => l[key]).filter((x) => typeof x === 'number');
  if (xs.length === 0) return null;
  return { median: median(xs), min: Math.min(...xs), max: Math.max(...xs), n: xs.length };
}
const timing = (label, times) => ({ label, median: median(times), p95: percentile(times, 95), n: times.length, samples: times });

const STARTUP = [
  ['wasmFetchStart', 'wasm fetch start'],
  ['wasmFetchEnd', 'wasm fetch end'],
  ['explorerStart', 'explorer:start (compile + instantiate done)'],
  ['explorerMounted', 'explorer:mounted (first render done)'],
  ['chartInDom', 'first chart in the DOM'],
  ['chartPainted', 'first chart painted (+1 frame)'],
];
const MOBILE_FIGURES = [
  ['fcp', 'first contentful paint'],
  ['copyPainted', 'first chart painted (the copy)'],
  ['lcp', 'largest contentful paint'],
  ['lcpOverFcp', 'LCP / FCP (ratio)'],
  ['replaced', 'the app has taken over'],
  ['tbt', 'total blocking time, FCP to take-over'],
];
const MEMORY = [
  ['nodes', 'DOM nodes'],
  ['jsEventListeners', 'JS event listeners'],
  ['jsHeapUsed', 'JS heap used (bytes)'],
  ['wasmMemory', 'wasm linear memory (bytes)'],
];

/** The figures the table shows (and the JSON holds), with the raw samples behind them. */
function summarize(measured) {
  const { bytes, loads, entries, shifts, firstSwitches, mobile, switches, controls, memory, kinds } = measured;
  const delta = {};
  const secondDelta = {};
  for (const [key] of MEMORY) {
    const [b, a, again] = [memory.before[key], memory.after[key], memory.again[key]];
    delta[key] = typeof a === 'number' && typeof b === 'number' ? a - b : null;
    secondDelta[key] = typeof a === 'number' && typeof again === 'number' ? again - a : null;
  }
  return {
    bytes: { files: bytes.files, total: bytes.total, later: bytes.later },
    startup: Object.fromEntries(STARTUP.map(([key]) => [key, spread(loads, key)])),
    loads,
    entries,
    shifts,
    mobile: Object.fromEntries(
      MOBILE_FIGURES.map(([key]) => [key, spread(mobile.map((l) => ({ ...l, lcpOverFcp: l.lcp && l.fcp ? l.lcp / l.fcp : null })), key)]),
    ),
    mobileLoads: mobile,
    interactions: [
      ...firstSwitches,
      timing(`first visit of each view, ${TABS.slice(1).join(', ')}, ${TABS[0]} (no idle time before)`, switches.firstOpens),
      timing(`view switch, round the ${TABS.length} views (warm)`, switches.switches),
      ...controls.map((c) => timing(c.label, c.times)),
    ],
    memory: { switches: MEMORY_SWITCHES, before: memory.before, after: memory.after, again: memory.again, delta, secondDelta },
    ...summarizeKinds(kinds),
  };
}

function summarizeKinds(kinds) {
  return {
    kinds: kinds.list.map(summarizeKind),
    kindControls: Object.fromEntries(Object.entries(kinds.controls).map(([k, v]) => [k, { median: median(v.filter((x) => typeof x === 'number')), samples: v }])),
  };
}

/** One kind of page: medians over its readers, the lost taps counted. */
function summarizeKind({ kind, tap, desk, phone, taps }) {
  const med = (xs) => (xs.filter((x) => typeof x === 'number').length ? median(xs.filter((x) => typeof x === 'number')) : null);
  const of = (list, key) => med(list.map((t) => t[key]));
  const lost = (list) => list.filter((t) => t.lost).length;
  return {
    kind,
    tap,
    untouched: { brotli: desk.brotli, files: desk.files, twice: desk.twice, travelledTwice: desk.travelledTwice, wasm: desk.wasm },
    longTasks: {
      desk: desk.longTasks,
      phone: phone.map((p) => p.longTasks),
      phoneMedian: med(phone.map((p) => p.longTasks?.total)),
      phoneFramesMedian: med(phone.map((p) => p.longTasks?.frames.total)),
    },
    desk: { shown: of(taps.desk, 'shown'), app: of(taps.desk, 'app'), wantedToApp: of(taps.desk, 'wantedToApp'), lost: lost(taps.desk), n: taps.desk.length },
    phone: { feedback: of(taps.phone, 'feedback'), shown: of(taps.phone, 'shown'), app: of(taps.phone, 'app'), lost: lost(taps.phone), n: taps.phone.length },
    early: { feedback: of(taps.early, 'feedback'), shown: of(taps.early, 'shown'), app: of(taps.early, 'app'), lost: lost(taps.early), n: taps.early.length },
    samples: taps,
  };
}

const ms = (x) => (typeof x === 'number' ? x.toFixed(1) : 'n/a');
const int = (x) => (typeof x === 'number' ? Math.round(x).toLocaleString('en-US') : 'n/a');
const signed = (x) => (typeof x === 'number' ? (x > 0 ? '+' : '') + int(x) : 'n/a');

/** Section rows name what the three value columns hold for the rows under them. */
const section = (title, ...columns) => ({ section: title, cells: [title, ...columns] });
const row = (label, ...values) => ({ cells: [`  ${label}`, ...values] });

function kindRows(kinds) {
  const cols = kinds.map((k) => k.kind);
  const each = (f) => kinds.map((k) => f(k));
  const lost = (x) => `${x.lost} of ${x.n} lost`;
  const p = PHONE;
  return [
    section('page kinds (issue #23): the reader and the first tap', ...cols),
    row('what the first tap asks for', ...each((k) => (k.tap.view ? `tab ${k.tap.view}` : `${k.tap.name} ${k.tap.value}`))),
    row(`untouched reader, ${UNTOUCHED_MS / 1000} s: brotli B from the explorer`, ...each((k) => `${int(k.untouched.brotli)}${k.untouched.wasm ? ' (wasm)' : ''}`)),
    row('  files requested twice (of them, fetched twice over the network)', ...each((k) => `${k.untouched.twice.length} (${k.untouched.travelledTwice.length})`)),
    row('long tasks in the top page before any input, unthrottled: ms (count); of them a frame\'s', ...each((k) => `${ms(k.longTasks.desk?.total)} (${k.longTasks.desk?.count ?? 'n/a'}); ${ms(k.longTasks.desk?.frames.total)}`)),
    row(`  phone-like, median of ${LONG_TASK_LOADS}: ms; of them a frame's`, ...each((k) => `${ms(k.longTasks.phoneMedian)}; ${ms(k.longTasks.phoneFramesMedian)}`)),
    row(`unthrottled, pointer on it ${REACH_TO_TAP_MS} ms before the tap: tap -> asked view shown`, ...each((k) => ms(k.desk.shown))),
    row('  tap -> the app shows it', ...each((k) => ms(k.desk.app))),
    row('  app wanted (in sight; in an embed, the pointer on it) -> taken over', ...each((k) => ms(k.desk.wantedToApp))),
    row(`phone-like (${p.latency} ms RTT, ${p.down * 8 / 1e6} Mb/s, CPU ${p.cpu}x), a touch 3 s after the first chart: tap -> feedback`, ...each((k) => ms(k.phone.feedback))),
    row('  tap -> asked view shown', ...each((k) => ms(k.phone.shown))),
    row('  tap -> the app shows it', ...each((k) => ms(k.phone.app))),
    row('phone-like, a touch right after the first chart: tap -> feedback', ...each((k) => ms(k.early.feedback))),
    row('  tap -> asked view shown', ...each((k) => ms(k.early.shown))),
    row('  tap -> the app shows it', ...each((k) => ms(k.early.app))),
    row('  taps lost (never shown)', ...each((k) => `${lost(k.early)}; later ${lost(k.phone)}`)),
  ];
}

function buildRows(s) {
  const rows = [...kindRows(s.kinds), section('bytes, first view (/)', 'raw', 'gzip -9', 'brotli -q 11')];
  if (!s.bytes) return rows.slice(0, -1);
  for (const f of s.bytes.files) {
    const label = f.requests > 1 ? `${f.path} (requested ${f.requests}x)` : f.path;
    rows.push(row(label, int(f.raw), int(f.gzip), int(f.brotli)));
  }
  rows.push(row('total', int(s.bytes.total.raw), int(s.bytes.total.gzip), int(s.bytes.total.brotli)));
  rows.push(section(`bytes, added by opening the other ${TABS.length - 1} views (or prefetched on idle)`, 'raw', 'gzip -9', 'brotli -q 11'));
  for (const f of s.bytes.later.files) rows.push(row(f.path, int(f.raw), int(f.gzip), int(f.brotli)));
  rows.push(row('total', int(s.bytes.later.total.raw), int(s.bytes.later.total.gzip), int(s.bytes.later.total.brotli)));

  rows.push(section(`each view's page: bytes before its first chart paints, and when (ms, median of ${ENTRY_LOADS})`, 'brotli B', 'copy', 'app takes over'));
  for (const e of s.entries) {
    rows.push(row(`${entryPath(e.view, e.lang)} (${e.bytes.files.map((f) => f.path.split('/').pop().split('-')[0]).join(' + ')})`, int(e.bytes.total.brotli), ms(e.copyPainted?.median), ms(e.replaced?.median)));
  }
  rows.push(section('CLS over the take-over, light / dark', ...ENTRY_WIDTHS.map((w) => `${w} px`)));
  const cls = (x) => (typeof x === 'number' ? x.toFixed(4) : 'n/a');
  for (const v of s.shifts) {
    rows.push(row(v.view, ...ENTRY_WIDTHS.map((w) => THEMES.map((t) => cls(v.cls[`${w} ${t}`])).join(' / '))));
  }
  const m = MOBILE.viewport;
  rows.push(section(`phone, ${m.width}×${m.height}, CPU ${MOBILE.cpuSlowdown}× slower, ${MOBILE_LOADS} loads (ms)`, 'median', 'min', 'max'));
  for (const [key, label] of MOBILE_FIGURES) {
    const x = s.mobile[key];
    const f = key === 'lcpOverFcp' ? (v) => (typeof v === 'number' ? v.toFixed(2) : 'n/a') : ms;
    rows.push(row(label, f(x?.median), f(x?.min), f(x?.max)));
  }

  rows.push(section(`start-up, ${LOADS} fresh loads (ms after navigation start)`, 'median', 'min', 'max'));
  for (const [key, label] of STARTUP) {
    const x = s.startup[key];
    rows.push(row(label, ms(x?.median), ms(x?.min), ms(x?.max)));
  }

  rows.push(section('interactions (ms, dispatch -> next frame with the new chart)', 'median', 'p95', 'n'));
  for (const t of s.interactions) rows.push(row(t.label, ms(t.median), ms(t.p95), String(t.n)));

  const n = MEMORY_SWITCHES;
  rows.push(section('memory (each reading after forced GC)', 'after 1 round', `+${n} switches`, `+${2 * n} switches`));
  for (const [key, label] of MEMORY) {
    rows.push(row(label, int(s.memory.before[key]), int(s.memory.after[key]), int(s.memory.again[key])));
  }
  return rows;
}

/** One plain-text table: first column left-aligned, figures right-aligned, a rule between sections. */
function renderTable(rows) {
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((r) => r.cells[i].length)));
  const line = (cells) =>
    [cells[0].padEnd(widths[0]), ...cells.slice(1).map((c, i) => c.padStart(widths[i + 1]))].join('   ').trimEnd();
  const rule = '-'.repeat(widths.reduce((a, b) => a + b, 0) + 3 * 3);
  return rows.flatMap((r, i) => (r.section && i > 0 ? [rule, line(r.cells)] : [line(r.cells)])).join('\n');
}

/** Things worth a reader's attention that the figures alone do not say. */
/** What the page kinds' medians stand on: each reader's figures, and what the host costs alone. */
function kindNotes(s) {
  const out = [];
  out.push(`long tasks before any input, phone-like, the host's article by itself: ${Object.entries(s.kindControls).map(([k, v]) => `${k} ${ms(v.median)} ms (${v.samples.map((x) => ms(x)).join(', ')})`).join('; ')}; with the widget: ${s.kinds.map((k) => `${k.kind} ${k.longTasks.phone.map((p) => ms(p?.total)).join(', ')}`).join('; ')}`);
  for (const k of s.kinds) {
    out.push(`${k.kind}, untouched for ${UNTOUCHED_MS / 1000} s: ${k.untouched.files.map((f) => `${f.path.split('/').pop()} ${int(f.brotli)}${f.requests > 1 ? ` (${f.requests}x)` : ''}`).join(', ')}`);
    const each = (list, key) => list.map((t) => ms(t[key])).join(', ');
    out.push(`${k.kind}, each reader's tap -> asked view shown / -> the app: unthrottled ${each(k.samples.desk, 'shown')} / ${each(k.samples.desk, 'app')}; phone-like ${each(k.samples.phone, 'shown')} / ${each(k.samples.phone, 'app')}; early ${each(k.samples.early, 'shown')} / ${each(k.samples.early, 'app')}`);
  }
  return out;
}

function notes(s, measured) {
  const out = [];
  if (s.startup.explorerStart === null) out.push('the performance marks explorer:start / explorer:mounted are not in this build (n/a).');
  for (const f of s.bytes.files.filter((f) => f.requests > 1)) {
    out.push(`${f.path} was requested ${f.requests} times by one load (the total counts it once).`);
  }
  out.push(...kindNotes(s));
  const { consoleErrors, pageErrors } = measured.bytes;
  if (consoleErrors.length) out.push(`console errors on load: ${consoleErrors.join(' | ')}`);
  if (pageErrors.length) out.push(`page errors on load: ${pageErrors.join(' | ')}`);
  for (const key of ['nodes', 'jsEventListeners', 'wasmMemory']) {
    const d = s.memory.delta[key];
    if (d > 0) out.push(`${key} grew by ${int(d)} over ${MEMORY_SWITCHES} view switches, ending on the view it started on.`);
    const d2 = s.memory.secondDelta[key];
    if (d2 > 0) out.push(`${key} grew by ${int(d2)} over the next ${MEMORY_SWITCHES} view switches.`);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------

async function main() {
  if (!existsSync(join(DIST, 'index.html'))) {
    throw new Error(`${join(DIST, 'index.html')} not found: run \`trunk build --release\` first or set DIST_DIR`);
  }
  const server = await startServer({ root: DIST });
  // The same files with the deploy's caching of hashed files (README, Deploy), for what the idle
  // prefetch is worth; the main server says no-store so every load pays in full.
  const cached = await startServer({ root: DIST, headers: { 'Cache-Control': 'public, max-age=31536000, immutable' } });
  const browser = await launchBrowser();
  try {
    const url = server.url;
    // BENCH_ONLY=kinds: the page kinds alone (issue #23), e.g. to compare two builds.
    if (process.env.BENCH_ONLY === 'kinds') {
      const summary = summarizeKinds(await measurePageKinds(browser));
      const meta = { date: new Date().toISOString(), dist: DIST, chromium: browser.version(), node: process.version };
      console.log(`Rare Earth Explorer benchmark, page kinds only: ${DIST}, Chromium ${meta.chromium}, Node ${meta.node}\n`);
      console.log(renderTable(buildRows(summary)));
      console.log(`\nnotes:\n${kindNotes(summary).map((n) => `- ${n}`).join('\n')}`);
      if (process.env.BENCH_JSON) writeFileSync(process.env.BENCH_JSON, `${JSON.stringify({ ...meta, ...summary }, null, 2)}\n`);
      return;
    }
    const measured = {
      bytes: await measureBytes(browser, url),
      loads: await measureLoads(browser, url),
      entries: await measureEntries(browser, url),
      shifts: await measureShifts(browser, url),
      firstSwitches: await measureFirstSwitches(browser, cached.url),
      mobile: await measureMobile(browser, url),
      switches: await measureViewSwitches(browser, url),
      controls: await measureControls(browser, url),
      memory: await measureMemory(browser, url),
      kinds: await measurePageKinds(browser),
    };
    const meta = { date: new Date().toISOString(), dist: DIST, chromium: browser.version(), node: process.version };
    const summary = summarize(measured);
    const remarks = notes(summary, measured);

    console.log(`Rare Earth Explorer benchmark: ${DIST}, Chromium ${meta.chromium}, Node ${meta.node}\n`);
    console.log(renderTable(buildRows(summary)));
    if (remarks.length) console.log(`\nnotes:\n${remarks.map((n) => `- ${n}`).join('\n')}`);
    if (process.env.BENCH_JSON) {
      writeFileSync(process.env.BENCH_JSON, `${JSON.stringify({ ...meta, ...summary, notes: remarks }, null, 2)}\n`);
      console.log(`\nJSON written to ${process.env.BENCH_JSON}`);
    }
  } finally {
    await browser.close();
    await server.close();
    await cached.close();
  }
}

main().catch((err) => {
  console.error(`bench: ${err.message}`);
  process.exit(1);
});
