// The host side of the embedding contract (docs/embedding.md), in an article page on another origin:
// the loader embed.js (heights before load from data-heights, the height handshake, forged messages,
// the host's theme, lazy loading) and the <rare-earth-explorer> element under a strict CSP.
// The loader served is dist/embed.js when the build made it from public/embed.js, else
// public/embed.js with public/embed-heights.json put in (see lib/host.mjs; the first test says which).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants } from 'node:zlib';
import { setTimeout as delay } from 'node:timers/promises';
import { DIST } from './lib/app.mjs';
import { assertClean, settle as settleWithin } from './lib/browser.mjs';
import {
  ELEMENT,
  EXPLORER_FRAME,
  PUBLIC,
  article,
  elementSnippet,
  explorerFrame,
  frameHeights,
  iframeSnippet,
  openHost,
  paragraphs,
  pickHeight,
  splitLoader,
  useHost,
  widgetHeight,
} from './lib/host.mjs';
import { SLUGS } from './lib/tabs.mjs';

const TIMEOUT = { timeout: 60_000 };
const env = useHost();
const K = 'rare-earth-explorer';
// The views as the page lists them (lib/tabs.mjs).
const VIEWS = SLUGS;
const settle = (read, ok, timeout = 10_000) => settleWithin(read, ok, { timeout, interval: 100 });
const FIT = 2; // px: the iframe against the widget's own height

// Init script for every page: in the host document, layout shifts, CSP violations and the messages
// the host window receives; in frames, the messages each receives from its parent.
const RECORD = () => {
  if (window === window.top) {
    window.__cls = { value: 0, shifts: [] };
    try {
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          if (e.hadRecentInput) continue;
          window.__cls.value += e.value;
          window.__cls.shifts.push(`${e.value.toFixed(4)} at ${Math.round(e.startTime)} ms: ` +
            e.sources.map((s) => `${s.node?.nodeName ?? '?'} ${s.previousRect.y}→${s.currentRect.y}`).join(', '));
        }
      }).observe({ type: 'layout-shift', buffered: true });
    } catch {
      window.__cls = null;
    }
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__violations.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`);
    });
    // Each height an explorer iframe is given (attribute or style), and when.
    window.__frameHeights = [];
    new MutationObserver((records) => {
      for (const r of records) {
        for (const f of r.type === 'childList' ? r.addedNodes : [r.target]) {
          if (f.localName !== 'iframe' || !f.hasAttribute('data-rare-earth-explorer')) continue;
          const h = f.style.height || f.getAttribute('height');
          if (window.__frameHeights.at(-1)?.h !== h) window.__frameHeights.push({ t: Math.round(performance.now()), h });
        }
      }
    }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['style', 'height'] });
    window.__messages = [];
    addEventListener('message', (e) => {
      let data;
      try {
        data = JSON.parse(JSON.stringify(e.data) ?? 'null');
      } catch {
        data = '(unserialisable)';
      }
      window.__messages.push({ t: performance.now(), origin: e.origin, data });
    });
  } else {
    window.__fromParent = [];
    addEventListener('message', (e) => {
      if (e.source !== window.parent) return;
      try {
        window.__fromParent.push({ origin: e.origin, data: JSON.parse(JSON.stringify(e.data) ?? 'null') });
      } catch {
        window.__fromParent.push({ origin: e.origin, data: '(unserialisable)' });
      }
    });
  }
};

const open = (t, url, options = {}) => openHost(t, env, url, { ...options, init: [RECORD, ...(options.init ?? [])] });
const views = () => VIEWS.filter((v) => env.heights[`${v}-en`]);
const row = (view, lang = 'en') => {
  const r = env.heights[`${view}-${lang}`];
  assert.ok(r, `public/embed-heights.json has ${view}-${lang}`);
  return r;
};
/** A height message of the widget's, in any of the three formats, as the host received it. */
const isHeight = (d) =>
  (typeof d === 'string' && /xPYMxheightxPYMx\d+$/.test(d)) ||
  (d && typeof d === 'object' && (d['datawrapper-height'] || (d.sentinel === 'amp' && d.type === 'embed-size')));
const heightMessages = (page) =>
  page.evaluate((origin) => window.__messages.filter((m) => m.origin === origin), env.explorer.origin).then((ms) => ms.filter((m) => isHeight(m.data)));
const fromParent = (frame) => frame.evaluate(() => window.__fromParent);
/** Adds the loader to the page now (a host that includes it late, or a test that needs it after a frame loaded). */
const injectLoader = (page) =>
  page.evaluate((src) => new Promise((ok, fail) => {
    const s = document.createElement('script');
    s.src = src;
    s.onload = ok;
    s.onerror = () => fail(new Error(`${src} did not load`));
    document.head.append(s);
  }), `${env.explorer.origin}/embed.js`);
/** Requests of the explorer's page, its scripts and its wasm (not the loader, not the static image). */
const widgetRequest = (url) => {
  const u = new URL(url);
  return u.origin === env.explorer.origin && u.pathname !== '/embed.js' && !u.pathname.startsWith('/static/') &&
    (u.pathname === '/' || u.pathname.endsWith('.html') || /\.(js|wasm)$/.test(u.pathname));
};

// ---------------------------------------------------------------------------
// 1. The loader file.

test('embed.js: the table placeholder, nothing a strict CSP forbids, its size', TIMEOUT, (t) => {
  const source = readFileSync(join(PUBLIC, 'embed.js'), 'utf8');
  assert.ok(source.includes('var HEIGHTS = /*HEIGHTS*/{}/*END*/;'), 'public/embed.js keeps the placeholder the build fills');
  for (const [what, re] of [
    ['eval', /\beval\s*\(/], ['new Function', /new\s+Function\b/], ['innerHTML', /innerHTML/],
    ['a style attribute', /setAttribute\(\s*['"]style/], ['document.write', /document\.write/],
  ]) assert.doesNotMatch(source, re, `no ${what} in the loader`);
  const raw = Buffer.byteLength(source);
  const br = brotliCompressSync(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;
  t.diagnostic(`public/embed.js: ${raw} B, ${br} B brotli; served: ${env.loader.from}${env.loader.note ? ` (${env.loader.note})` : ''}`);
});

test('dist/embed.js is public/embed.js with the table of public/embed-heights.json written in', TIMEOUT, () => {
  const built = splitLoader(readFileSync(join(DIST, 'embed.js'), 'utf8'));
  const source = splitLoader(readFileSync(join(PUBLIC, 'embed.js'), 'utf8'));
  assert.notEqual(built.table, null, 'dist/embed.js has the HEIGHTS markers');
  assert.deepEqual(JSON.parse(built.table), env.heights, 'the table in dist/embed.js is public/embed-heights.json');
  assert.equal(built.code, source.code, 'dist/embed.js is public/embed.js outside the table');
});

// ---------------------------------------------------------------------------
// 2. No layout shift: the snippet's frame is sized from data-heights before the widget loads.

// A phone and a small tablet, the widget in the first screen after one paragraph.
const SCREENS = { 320: 640, 720: 960 };
for (const view of VIEWS) {
  for (const width of [320, 720]) {
    test(`CLS ≤ 0.01: the ${view} snippet at ${width} px, widget in view, loading and settling`, TIMEOUT, async (t) => {
      const heights = env.heights[`${view}-en`];
      if (!heights) return t.skip(`no ${view}-en in public/embed-heights.json`);
      const snippet = iframeSnippet(env.explorer.origin, { view, lang: 'en', heights });
      // The frame spans the viewport: exactly the breakpoint's width.
      const url = await env.page(`cls-${view}-${width}.html`, article({ css: 'edge.css', body: `${paragraphs(1)}\n${snippet}\n${paragraphs(4, 1)}` }));
      const expected = pickHeight(heights, width);
      const host = await open(t, url, { viewport: { width, height: SCREENS[width] } });
      const { page } = host;
      const frame = await explorerFrame(env, page);
      const h = await settle(() => frameHeights(page, frame), (h) => Math.abs(h.iframe - h.widget) <= FIT);
      await delay(1_500); // the widget's repeats and any late change
      const final = await frameHeights(page, frame);
      const { cls, history, paint } = await page.evaluate(() => ({
        cls: window.__cls,
        history: window.__frameHeights,
        paint: performance.getEntriesByName('first-paint')[0]?.startTime,
      }));
      assert.ok(cls, 'the Layout Instability API is available');
      t.diagnostic(`${view} at ${width}×${SCREENS[width]}: CLS ${cls.value.toFixed(4)}; table ${expected} px, widget ${final.widget} px, iframe ${final.iframe} px`);
      t.diagnostic(`  frame heights: ${history.map((e) => `${e.h} at ${e.t} ms`).join(' → ')} (first paint at ${Math.round(paint ?? NaN)} ms)`);
      for (const s of cls.shifts) t.diagnostic(`  shift ${s}`);
      assert.ok(Math.abs(h.iframe - h.widget) <= FIT, `the iframe (${h.iframe} px) is the widget's height (${h.widget} px)`);
      assert.ok(cls.value <= 0.01, `CLS ${cls.value.toFixed(4)} > 0.01: ${cls.shifts.join(' | ')}`);
      // The height the frame has when the host first paints (a px style, after the height
      // attribute) is the table's for this width: the loader's, or the widget's own if it spoke
      // first. Before that paint the loader may have sized it for a column the host's stylesheet
      // had not yet laid out (it re-reserves when the frame's width changes); no reader sees that.
      const styled = history.filter((e) => /px$/.test(e.h));
      const atPaint = styled.findLast((e) => e.t <= paint) ?? styled[0];
      const first = parseFloat(atPaint?.h);
      assert.ok(Math.abs(first - expected) <= 4, `the frame's height at the host's first paint, ${first} px, is the table's ${expected} px`);
      assert.ok(Math.abs(final.widget - expected) <= 4,
        `public/embed-heights.json is current: ${view}-en at ${width} px says ${expected}, the widget is ${final.widget} px (run node e2e/heights.mjs)`);
      assertClean(host, 'host page with the explorer frame');
    });
  }
}

test('no jumps: every height the widget posts while it loads is its final height (±4 px), at 320 px', TIMEOUT, async (t) => {
  const jumps = [];
  for (const view of views()) {
    const snippet = iframeSnippet(env.explorer.origin, { view, lang: 'en', heights: row(view) });
    const url = await env.page(`jumps-${view}.html`, article({ css: 'edge.css', body: `${paragraphs(1)}\n${snippet}\n${paragraphs(4, 1)}` }));
    const host = await open(t, url, { viewport: { width: 320, height: 640 } });
    const { page } = host;
    const frame = await explorerFrame(env, page);
    await settle(() => frameHeights(page, frame), (h) => Math.abs(h.iframe - h.widget) <= FIT);
    await delay(1_000);
    const final = await widgetHeight(frame);
    const posted = [...new Set((await heightMessages(page)).map((m) => {
      const d = m.data;
      // Datawrapper's key is the widget's own, rare-earth-explorer-<id> (docs/embedding.md).
      const dw = d['datawrapper-height'] && Object.entries(d['datawrapper-height']).find(([k]) => k.startsWith(`${K}-`))?.[1];
      return Number(typeof d === 'string' ? d.split('xPYMx')[3] : dw ?? d.height);
    }))];
    t.diagnostic(`${view}: the widget posted ${posted.join(', ')}; final ${final} px`);
    assert.ok(posted.length > 0 && posted.every((h) => h > 0), `${view}: every height message carries a height: ${posted.join(', ')}`);
    const off = posted.filter((h) => Math.abs(h - final) > 4);
    if (off.length) jumps.push(`${view}: ${off.join(', ')} before ${final}`);
    await page.context().close();
  }
  assert.deepEqual(jumps, [], 'heights the widget posted that are not its final one (the frame jumps)');
});

// ---------------------------------------------------------------------------
// 3. Heights before load.

test('data-heights: before the widget speaks the frame takes the height for its width, and follows its width', TIMEOUT, async (t) => {
  const heights = row('quotas');
  const snippet = iframeSnippet(env.explorer.origin, { view: 'quotas', heights });
  const bare = iframeSnippet(env.explorer.origin, { view: 'quotas', heights: null, height: 333, loader: false });
  // Far below the fold: the lazy frames never load in this test, so only data-heights sizes them.
  const body = `${paragraphs(80)}\n<div id="column" class="c400">\n${snippet}\n</div>\n<div class="c400">${bare}</div>\n${paragraphs(3)}`;
  const url = await env.page('before-load.html', article({ body, css: 'columns.css' }));
  const host = await open(t, url, { viewport: { width: 1200, height: 800 } });
  const { page } = host;
  const frames = page.locator(EXPLORER_FRAME);
  const read = () => frames.evaluateAll((fs) => fs.map((f) => ({ width: f.clientWidth, height: f.clientHeight, attr: f.getAttribute('height') })));
  for (const [cls, width] of [['c400', 400], ['c800', 800], ['c1100', 1100], ['c400', 400]]) {
    await page.evaluate((c) => { document.getElementById('column').className = c; }, cls);
    const want = pickHeight(heights, width);
    const [f] = await settle(read, ([f]) => f.height === want, 3_000);
    assert.equal(f.width, width, `the frame is ${width} px wide`);
    assert.equal(f.height, want, `at ${width} px the frame is ${want} px tall (data-heights "${heights.map((r) => r.join(':')).join(' ')}")`);
    assert.equal(f.attr, String(want), 'its height attribute says the same');
  }
  const [, b] = await read();
  assert.equal(b.height, 333, 'a frame without data-heights keeps its height until its widget speaks');
  assert.deepEqual(host.requests.filter(widgetRequest), [], 'the frames did not load');
  assertClean(host, 'host page');
});

// ---------------------------------------------------------------------------
// 4. Lazy: nothing of the widget is fetched until the reader comes near it.

async function lazyCase(t, name, embed, { width = 720 } = {}) {
  const url = await env.page(name, article({ body: `${paragraphs(92)}\n${embed}\n${paragraphs(6)}` }));
  const host = await open(t, url, { viewport: { width, height: 800 } });
  const { page, requests } = host;
  await page.waitForLoadState('networkidle');
  await delay(1_500);
  const target = page.locator(`${ELEMENT}, ${EXPLORER_FRAME}`).first();
  const top = await target.evaluate((el) => el.getBoundingClientRect().top);
  assert.ok(top > 8_000, `the embed is far below the fold (${top} px)`);
  const before = requests.filter(widgetRequest);
  assert.deepEqual(before, [], 'no request for the widget before the reader comes near it');
  return { host, page, requests, target };
}

test('lazy: the iframe snippet far below the fold loads nothing until scrolled to, then loads', TIMEOUT, async (t) => {
  const heights = row('exports');
  const { host, page, requests } = await lazyCase(t, 'lazy-snippet.html', iframeSnippet(env.explorer.origin, { view: 'exports', heights }));
  const iframe = page.locator(EXPLORER_FRAME);
  // The loader wrote the host's (light) theme into the frame that had not started loading.
  const src = new URL(await iframe.getAttribute('src'));
  assert.equal(src.searchParams.get('dark'), 'false', `dark=auto became dark=false in ${src.search}`);
  assert.equal(src.searchParams.get('view'), 'exports', 'the rest of the URL is kept');
  assert.equal(await iframe.evaluate((f) => f.style.colorScheme), 'light', 'the frame has the host\'s color-scheme');
  assert.equal(await iframe.evaluate((f) => f.clientHeight), pickHeight(heights, await iframe.evaluate((f) => f.clientWidth)), 'sized from data-heights');

  await iframe.scrollIntoViewIfNeeded();
  const frame = await explorerFrame(env, page);
  assert.ok(requests.some(widgetRequest), 'the widget was fetched once near');
  assert.ok(requests.some((u) => u.endsWith('.wasm')), 'its wasm too');
  const h = await settle(() => frameHeights(page, frame), (h) => Math.abs(h.iframe - h.widget) <= FIT);
  assert.ok(Math.abs(h.iframe - h.widget) <= FIT, `iframe ${h.iframe} px, widget ${h.widget} px`);
  assertClean(host, 'host page with the explorer frame');
});

test('lazy: the element far below the fold reserves its height and makes no frame until scrolled to', TIMEOUT, async (t) => {
  const heights = row('quotas', 'zh');
  const text = 'Rare Earth Explorer: China\'s rare earth quotas';
  const { host, page, requests, target } = await lazyCase(t, 'lazy-element.html',
    elementSnippet(env.explorer.origin, { view: 'quotas', lang: 'zh', dark: 'auto', text }));
  const el = target;
  const width = await el.evaluate((e) => e.getBoundingClientRect().width);
  const reserved = pickHeight(heights, width);
  const state = () => el.evaluate((e) => ({
    height: e.getBoundingClientRect().height,
    frames: e.querySelectorAll('iframe').length,
    link: e.querySelector('a')?.textContent ?? null,
    img: e.querySelector('img') && { src: e.querySelector('img').src, alt: e.querySelector('img').alt, loading: e.querySelector('img').loading },
  }));
  const placeholder = await state();
  assert.equal(placeholder.height, reserved, `reserves the table's ${reserved} px at ${width} px`);
  assert.equal(placeholder.frames, 0, 'no iframe yet');
  assert.equal(placeholder.link, text, 'keeps its fallback link');
  assert.deepEqual(placeholder.img, { src: `${env.explorer.origin}/static/quotas-zh.svg`, alt: text, loading: 'lazy' }, 'the static image, lazy');
  assert.deepEqual(requests.filter((u) => u.includes('/static/')), [], 'the static image is not fetched this far away either');

  await el.scrollIntoViewIfNeeded();
  const iframe = el.locator('iframe');
  await iframe.waitFor({ state: 'attached', timeout: 5_000 });
  const src = await iframe.getAttribute('src');
  assert.equal(src, `${env.explorer.origin}/quotas-zh.html?view=quotas&lang=zh&embed=1&tabs=0&dark=false`, 'the iframe URL');
  assert.deepEqual(await iframe.evaluate((f) => [f.title, f.hasAttribute('data-rare-earth-explorer'), f.getAttribute('width')]),
    [text, true, '100%'], 'title, marker and width of the iframe');
  const frame = await explorerFrame(env, page, `${ELEMENT} iframe`);
  assert.ok(requests.some(widgetRequest), 'the widget was fetched once near');
  const done = await settle(state, (s) => !s.link && !s.img, 5_000);
  assert.deepEqual([done.link, done.img, done.frames], [null, null, 1], 'the placeholder is gone once the frame has loaded');
  const h = await settle(() => frameHeights(page, frame, `${ELEMENT} iframe`), (h) => Math.abs(h.iframe - h.widget) <= FIT);
  assert.ok(Math.abs(h.iframe - h.widget) <= FIT, `iframe ${h.iframe} px, widget ${h.widget} px`);
  assert.ok(Math.abs((await state()).height - h.iframe) <= 1, 'the element is as tall as its frame');
  assertClean(host, 'host page with the explorer frame');
});

// ---------------------------------------------------------------------------
// 5. The handshake: a loader that comes late still gets the height.

for (const [label, wait] of [['3 s', 'first'], ['after the widget stopped repeating', 'quiet']]) {
  test(`late loader (${label}): the iframe still ends up at the widget's height`, TIMEOUT, async (t) => {
    // No data-heights and a cut-off height attribute: only the widget's answer can size the frame.
    const snippet = iframeSnippet(env.explorer.origin, { view: 'quotas', heights: null, height: 300, lazy: false, loader: false });
    const url = await env.page(`late-${wait}.html`, article({ body: `${paragraphs(1)}\n${snippet}\n${paragraphs(3)}` }));
    const host = await open(t, url, { viewport: { width: 720, height: 800 } });
    const { page } = host;
    const frame = await explorerFrame(env, page);
    const first = await settle(() => heightMessages(page), (ms) => ms.length > 0);
    assert.ok(first.length > 0, 'the widget posted its height before the loader came');
    if (wait === 'first') await delay(3_000);
    else {
      // Until no height message for 9 s: the widget repeats for 8 s at most.
      const end = Date.now() + 25_000;
      for (;;) {
        const ms = await heightMessages(page);
        const quiet = (await page.evaluate(() => performance.now())) - ms.at(-1).t;
        if (quiet > 9_000 || Date.now() > end) break;
        await delay(Math.max(200, 9_100 - quiet));
      }
    }
    const cut = await frameHeights(page, frame);
    assert.equal(cut.iframe, 300, 'the frame is cut off before the loader');
    const before = (await heightMessages(page)).length;
    await injectLoader(page);
    const h = await settle(() => frameHeights(page, frame), (h) => Math.abs(h.iframe - h.widget) <= FIT);
    t.diagnostic(`widget ${h.widget} px, iframe ${h.iframe} px; height messages from the widget: ${before} before the loader, ${(await heightMessages(page)).length - before} after`);
    assert.ok(Math.abs(h.iframe - h.widget) <= FIT, `the iframe (${h.iframe} px) is the widget's height (${h.widget} px), not cut off`);
    assertClean(host, 'host page with the explorer frame');
  });
}

// ---------------------------------------------------------------------------
// 6. The loader's side of the protocol, spoken from inside the frame.

test('protocol: the loader asks a loaded frame for its height, applies and acknowledges each format, answers theme requests', TIMEOUT, async (t) => {
  const snippet = iframeSnippet(env.explorer.origin, { view: 'reserves', heights: row('reserves'), lazy: false });
  const url = await env.page('protocol.html', article({ body: `${paragraphs(1)}\n${snippet}\n${paragraphs(3)}` }));
  const host = await open(t, url, { viewport: { width: 720, height: 800 } });
  const { page } = host;
  const frame = await explorerFrame(env, page);
  const requests = await settle(() => fromParent(frame), (ms) => ms.some((m) => m.data?.[K] === 'height-request'));
  assert.ok(requests.some((m) => m.data?.[K] === 'height-request' && m.origin === env.host.origin), 'a height request came from the host once the frame loaded');
  assert.equal(await page.locator(EXPLORER_FRAME).evaluate((f) => f.style.colorScheme), 'light', 'color-scheme set on the frame');

  // Every height the loader gives the frame (the widget may post its own in between).
  await page.locator(EXPLORER_FRAME).evaluate((f) => {
    window.__applied = [];
    new MutationObserver(() => window.__applied.push(f.style.height)).observe(f, { attributes: true, attributeFilter: ['style'] });
  });
  const cases = [
    ['Datawrapper', { 'datawrapper-height': { [K]: 2777 } }, 2777, 2777],
    ['Pym', 'pymxPYMxxPYMxheightxPYMx2888', 2888, 2888],
    ['AMP', { sentinel: 'amp', type: 'embed-size', height: 2999 }, 2999, 2999],
    ['too large', { sentinel: 'amp', type: 'embed-size', height: 99_999 }, 5000, 99_999],
    ['too small', { 'datawrapper-height': { [K]: 20 } }, 150, 20],
  ];
  for (const [name, message, applied, acked] of cases) {
    await frame.evaluate((m) => parent.postMessage(m, '*'), message);
    const got = await settle(() => page.evaluate(() => window.__applied), (a) => a.includes(`${applied}px`), 3_000);
    assert.ok(got.includes(`${applied}px`), `${name}: the frame was made ${applied} px (${got.join(', ')})`);
    const ack = (ms) => ms.filter((m) => m.data?.[K] === 'height-ack' && m.data.height === acked);
    const acks = await settle(() => fromParent(frame), (ms) => ack(ms).length > 0, 3_000);
    assert.deepEqual(ack(acks).map((m) => m.data), [{ [K]: 'height-ack', height: acked }], `${name}: one acknowledgement, to the frame`);
  }
  await frame.evaluate(() => { window.__fromParent.length = 0; });
  await frame.evaluate(() => parent.postMessage({ 'rare-earth-explorer': 'theme-request' }, '*'));
  const theme = await settle(() => fromParent(frame), (ms) => ms.some((m) => m.data?.[K] === 'host-theme'), 3_000);
  assert.deepEqual(theme.filter((m) => m.data?.[K] === 'host-theme').map((m) => m.data), [{ [K]: 'host-theme', dark: false }], 'the light host answers dark: false');

  // Back to the widget's own height, as its next message would.
  const own = await widgetHeight(frame);
  await frame.evaluate((h) => parent.postMessage({ 'datawrapper-height': { 'rare-earth-explorer': h } }, '*'), own);
  const iframeHeight = () => page.locator(EXPLORER_FRAME).first().evaluate((f) => f.clientHeight);
  assert.equal(await settle(iframeHeight, (h) => h === own, 3_000), own, 'the widget\'s height applies again');

  // A frame the host adds later (MutationObserver) gets the same: a request once it has loaded.
  await page.evaluate((src) => {
    const f = document.createElement('iframe');
    f.id = 'later';
    f.src = src;
    f.setAttribute('data-rare-earth-explorer', '');
    document.querySelector('h1').after(f);
  }, `${env.explorer.origin}/?view=exports&embed=1&tabs=0&dark=true&lang=en`);
  await page.evaluate(() => scrollTo(0, 0));
  const later = await explorerFrame(env, page, '#later');
  const asked = await settle(() => fromParent(later), (ms) => ms.some((m) => m.data?.[K] === 'height-request'), 5_000);
  assert.ok(asked.some((m) => m.data?.[K] === 'height-request'), 'the frame added later was asked for its height');
  assert.deepEqual(await page.locator('#later').evaluate((f) => [f.title, f.getAttribute('loading'), f.style.colorScheme]),
    ['Rare Earth Explorer', 'lazy', 'dark'], 'the frame added later got a title, lazy loading and its color-scheme (dark=true)');
  assertClean(host, 'host page with the explorer frames');
});

// ---------------------------------------------------------------------------
// 7. Forged messages.

const FORGER = (name) => `
  const report = [];
  addEventListener('message', (e) => { if (e.source === parent) report.push(JSON.stringify(e.data)); });
  parent.postMessage({ 'datawrapper-height': { 'rare-earth-explorer': 4321 } }, '*');
  parent.postMessage('pymxPYMxxPYMxheightxPYMx4321', '*');
  parent.postMessage({ sentinel: 'amp', type: 'embed-size', height: 4321 }, '*');
  parent.postMessage({ 'rare-earth-explorer': 'theme-request' }, '*');
  setTimeout(() => parent.postMessage({ forger: ${JSON.stringify(name)}, received: report }, '*'), 1500);`;

test('forged height messages from a third-origin frame, a srcdoc frame and the host change nothing and get no answer', TIMEOUT, async (t) => {
  const snippet = iframeSnippet(env.explorer.origin, { view: 'quotas', heights: row('quotas'), lazy: false });
  const forgerUrl = await env.thirdPage('forger.html', `<!DOCTYPE html><meta charset="utf-8"><script src="forger.js"></script>`);
  await env.thirdPage('forger.js', FORGER('third-origin'));
  const url = await env.page('forged.html', article({ body: `${paragraphs(1)}\n${snippet}\n${paragraphs(3)}` }));
  const host = await open(t, url, { viewport: { width: 720, height: 800 } });
  const { page } = host;
  const frame = await explorerFrame(env, page);
  const settled = await settle(() => frameHeights(page, frame), (h) => Math.abs(h.iframe - h.widget) <= FIT);
  assert.ok(Math.abs(settled.iframe - settled.widget) <= FIT, 'settled before the forgeries');

  await page.evaluate(({ forgerUrl, code }) => {
    const third = document.createElement('iframe');
    third.src = forgerUrl;
    const srcdoc = document.createElement('iframe');
    srcdoc.srcdoc = `<script>${code}<\/script>`;
    const sandboxed = document.createElement('iframe');
    sandboxed.setAttribute('sandbox', 'allow-scripts');
    sandboxed.srcdoc = `<script>${code.replace('"srcdoc"', '"sandboxed"')}<\/script>`;
    document.body.append(third, srcdoc, sandboxed);
    window.postMessage({ 'datawrapper-height': { 'rare-earth-explorer': 4321 } }, '*');
    window.postMessage('pymxPYMxxPYMxheightxPYMx4321', '*');
    window.postMessage({ sentinel: 'amp', type: 'embed-size', height: 4321 }, '*');
  }, { forgerUrl, code: FORGER('srcdoc') });
  // Hostile data claiming the explorer frame as its source, straight to the listeners: must not throw.
  await page.evaluate((selector) => {
    const boom = () => { throw new Error('getter says no'); };
    const source = document.querySelector(selector).contentWindow;
    for (const data of [
      Object.defineProperty({}, 'datawrapper-height', { get: boom }),
      { 'datawrapper-height': new Proxy({}, { has: boom, get: boom }) },
      { sentinel: 'amp', type: 'embed-size', height: { valueOf: boom } },
      Object.defineProperty({}, 'rare-earth-explorer', { get: boom }),
      new Proxy({}, { get: boom, has: boom }),
      Symbol('junk'),
      'pymxPYMx' + 'xPYMx'.repeat(100_000),
    ]) window.dispatchEvent(new MessageEvent('message', { data, source }));
  }, EXPLORER_FRAME);

  const reports = await settle(
    () => page.evaluate(() => window.__messages.map((m) => m.data).filter((d) => d && d.forger)),
    (r) => r.length === 3,
  );
  assert.deepEqual(reports.map((r) => r.forger).sort(), ['sandboxed', 'srcdoc', 'third-origin'], 'every forger delivered its messages');
  for (const r of reports) assert.deepEqual(r.received, [], `${r.forger} got no answer from the loader`);
  const after = await frameHeights(page, frame);
  assert.equal(after.iframe, settled.iframe, `the iframe stayed ${settled.iframe} px (now ${after.iframe} px)`);
  assert.equal(await page.locator('iframe:not([data-rare-earth-explorer])').evaluateAll((fs) => fs.map((f) => f.style.height).join('')), '',
    'no forger frame was sized');
  assertClean(host, 'host page with the explorer frame');
});

// ---------------------------------------------------------------------------
// 8. The host's theme.

for (const [name, css, dark, system] of [['dark', 'dark.css', true, 'light'], ['light', 'light-both.css', false, 'dark']]) {
  test(`a ${name} host page: dark=auto frames follow it, not the reader's ${system} system`, TIMEOUT, async (t) => {
    // A: in view and loaded before the loader comes (only a message can tell it the host's theme).
    // B: lazy far below when the loader comes (its URL can say it).
    const a = iframeSnippet(env.explorer.origin, { view: 'quotas', heights: row('quotas'), lazy: false, loader: false, id: 'a' });
    const b = iframeSnippet(env.explorer.origin, { view: 'reserves', heights: row('reserves'), loader: false, id: 'b' });
    const url = await env.page(`theme-${name}.html`, article({ css, body: `${paragraphs(1)}\n${a}\n${paragraphs(80, 1)}\n${b}\n${paragraphs(2)}` }));
    const host = await open(t, url, { viewport: { width: 720, height: 800 }, colorScheme: system });
    const { page } = host;
    const frameA = await explorerFrame(env, page, '#a');
    await injectLoader(page);
    const want = dark ? 'dark' : 'light';
    assert.equal(new URL(await page.locator('#b').getAttribute('src')).searchParams.get('dark'), String(dark), 'B (not started) loads with the host\'s theme in its URL');
    assert.equal(new URL(await page.locator('#a').getAttribute('src')).searchParams.get('dark'), 'auto', 'A (loaded) is not reloaded');
    assert.deepEqual(await page.locator(EXPLORER_FRAME).evaluateAll((fs) => fs.map((f) => f.style.colorScheme)), [want, want], 'color-scheme on both frames');
    const themeOf = (frame) => frame.evaluate(() => document.documentElement.dataset.theme);
    const themeA = await settle(() => themeOf(frameA), (v) => v === want, 5_000);
    await page.locator('#b').scrollIntoViewIfNeeded();
    const frameB = await explorerFrame(env, page, '#b');
    const themeB = await settle(() => themeOf(frameB), (v) => v === want, 5_000);
    assert.deepEqual({ A: themeA, B: themeB }, { A: want, B: want },
      `both widgets follow the ${name} host: A (loaded before the loader, told by message) and B (told by its URL)`);
    assertClean(host, 'host page with the explorer frames');
  });
}

// ---------------------------------------------------------------------------
// 9. Custom elements under a strict host CSP.

test('two elements under a strict host CSP: both reserve, both load when scrolled to, each its own view and language', TIMEOUT, async (t) => {
  const origin = env.explorer.origin;
  const csp = `default-src 'self'; script-src 'self' ${origin}; frame-src ${origin}; img-src 'self' ${origin}; style-src 'self'`;
  const server = await env.serve({ 'Content-Security-Policy': csp });
  const one = elementSnippet(origin, { view: 'quotas', lang: 'zh', dark: 'auto', text: 'Rare Earth Explorer: China\'s rare earth quotas', id: 'one', loader: false });
  const two = elementSnippet(origin, { view: 'exports', lang: 'en', text: 'Rare Earth Explorer: exports', id: 'two', loader: false });
  const body = `${paragraphs(30)}\n${one}\n${paragraphs(60, 3)}\n${two}\n${paragraphs(4)}\n<script src="${origin}/embed.js" async></script>`;
  await env.page('csp.html', article({ body }));
  const host = await open(t, `${server.origin}/csp.html`, { viewport: { width: 720, height: 800 } });
  const { page, requests } = host;
  await page.waitForLoadState('networkidle');
  await delay(1_000);
  const state = (id) => page.locator(`#${id}`).evaluate((e) => ({
    width: e.getBoundingClientRect().width,
    height: e.getBoundingClientRect().height,
    frames: e.querySelectorAll('iframe').length,
  }));
  for (const [id, key] of [['one', 'quotas-zh'], ['two', 'exports-en']]) {
    const s = await state(id);
    assert.equal(s.height, pickHeight(row(...key.split('-')), s.width), `#${id} reserves the ${key} height at ${s.width} px`);
    assert.equal(s.frames, 0, `#${id} has no iframe yet`);
  }
  assert.deepEqual(requests.filter(widgetRequest), [], 'nothing of the widget fetched before scrolling');

  for (const [id, view, lang] of [['one', 'quotas', 'zh'], ['two', 'exports', 'en']]) {
    await page.locator(`#${id}`).scrollIntoViewIfNeeded();
    const frame = await explorerFrame(env, page, `#${id} iframe`);
    const inside = await frame.evaluate(() => ({
      view: document.querySelector('[role=tabpanel]:not([hidden])')?.dataset.view,
      lang: document.documentElement.lang,
    }));
    assert.equal(inside.view, view, `#${id} shows ${view}`);
    assert.match(inside.lang, new RegExp(`^${lang}(-|$)`), `#${id} is in ${lang}: <html lang="${inside.lang}">`);
    const h = await settle(() => frameHeights(page, frame, `#${id} iframe`), (h) => Math.abs(h.iframe - h.widget) <= FIT);
    assert.ok(Math.abs(h.iframe - h.widget) <= FIT, `#${id}: iframe ${h.iframe} px, widget ${h.widget} px`);
  }
  assert.equal(await page.locator(`${ELEMENT} iframe`).count(), 2, 'one iframe per element');
  assert.deepEqual(await page.evaluate(() => window.__violations), [], 'no CSP violation on the host');
  assertClean(host, 'host page with two explorer frames');
});

test('element attributes: unknown or hostile values fall back to the defaults and never reach a URL raw', TIMEOUT, async (t) => {
  const origin = env.explorer.origin;
  const cases = [
    ['none', {}],
    ['view with a query', { view: 'quotas&lang=zh', lang: 'en' }],
    ['markup', { view: '"><img src=x onerror=alert(1)>', lang: 'zh"><b>' }],
    ['path and scheme', { view: '../../etc', lang: 'javascript:alert(1)', dark: 'javascript:alert(1)' }],
    ['case', { view: 'Quotas', lang: 'EN', dark: 'TRUE' }],
  ];
  const body = cases.map(([, attrs], i) => elementSnippet(origin, { ...attrs, id: `e${i}`, loader: false })).join(`\n${paragraphs(1)}\n`);
  const url = await env.page('attrs.html', article({ body: `${body}\n${paragraphs(2)}\n<script src="${origin}/embed.js" async></script>` }));
  const host = await open(t, url, { viewport: { width: 720, height: 800 } });
  const { page } = host;
  for (let i = 0; i < cases.length; i++) {
    const el = page.locator(`#e${i}`);
    await el.scrollIntoViewIfNeeded();
    const iframe = el.locator('iframe');
    await iframe.waitFor({ state: 'attached', timeout: 5_000 });
    const got = await el.evaluate((e) => ({ src: e.querySelector('iframe').getAttribute('src'), img: e.querySelector('img')?.getAttribute('src') }));
    assert.equal(got.src, `${origin}/reserves-en.html?view=reserves&lang=en&embed=1&tabs=0&dark=false`, `${cases[i][0]}: the default iframe URL`);
    if (got.img) assert.equal(got.img, `${origin}/static/reserves-en.svg`, `${cases[i][0]}: the default image`);
  }
  assert.deepEqual(host.dialogs, [], 'no dialog opened');
  assert.deepEqual(host.pageErrors, [], 'no page error');
});

// ---------------------------------------------------------------------------
// 10. The widget's static image (build-time, dist/static/).

test('element placeholder: the static image static/<view>-<lang>.svg exists for every view and language', TIMEOUT, async (t) => {
  for (const key of Object.keys(env.heights)) {
    const res = await fetch(`${env.explorer.origin}/static/${key}.svg`);
    assert.equal(res.status, 200, `static/${key}.svg`);
    assert.match(res.headers.get('content-type') ?? '', /^image\/svg\+xml/, `static/${key}.svg is an SVG`);
  }
  // And shown in the placeholder, before the element comes near the viewport.
  const text = 'Rare Earth Explorer: China\'s rare earth reserves';
  const url = await env.page('static.html', article({
    body: `${paragraphs(40)}\n${elementSnippet(env.explorer.origin, { view: 'reserves', lang: 'en', text, id: 'el' })}\n${paragraphs(60)}`,
  }));
  const host = await open(t, url, { viewport: { width: 720, height: 800 } });
  const { page } = host;
  // 1,000 px below the viewport: past the element's 800 px, within the browser's distance for lazy images.
  await page.evaluate(() => scrollTo(0, document.getElementById('el').getBoundingClientRect().top + scrollY - innerHeight - 1_000));
  const img = page.locator('#el img');
  const shown = await settle(() => img.evaluate((i) => i.complete && i.naturalWidth > 0).catch(() => false), Boolean, 10_000);
  assert.ok(shown, 'the placeholder image loaded');
  assertClean(host, 'host page');
});
