// The newsroom kit, end to end: the embed snippet in a host page on another
// origin (height follows the content, forged height messages change nothing),
// the app under the strict Content-Security-Policy of dist/_headers, the three
// downloads, Share, Cite, the story a reader without JavaScript gets, and the
// trimmed embed page.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { startServer } from './lib/server.mjs';
import { DIST, useApp } from './lib/app.mjs';
import { SLUGS, TABS } from './lib/tabs.mjs';
import {
  CHART,
  FIGURE,
  WASM_CHUNK,
  assertClean,
  openPage,
  ready as readyWithin,
  settle as settleWithin,
  waitForChart,
} from './lib/browser.mjs';
import { parseCsv } from './lib/data.mjs';

const TIMEOUT = { timeout: 90_000 };
const EXPLORER_FRAME = 'iframe[data-rare-earth-explorer]';

// The policy of dist/_headers minus frame-ancestors (a header of the page, not of its subresources).
const STRICT_CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; " +
  "img-src 'self' data: blob:; connect-src 'self'";

// Origin A (app.server) serves the explorer. Host pages come from another address (127.0.0.2), so the
// explorer frame is cross-origin (and cross-site) to them, as on a newspaper's site.
const app = useApp();
let hostServer;
let hostDir;

before(async () => {
  hostDir = await mkdtemp(join(tmpdir(), 'ree-host-'));
  hostServer = await startServer({ root: hostDir, host: '127.0.0.2' });
});

after(async () => {
  await hostServer?.close();
  if (hostDir) await rm(hostDir, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------
// Page helpers.

/**
 * Open `url` (a path on origin A or an absolute URL) in a fresh context, closed
 * when the test ends. `init` scripts run in every frame before the page's own
 * scripts; `contextOptions` go to browser.newContext (viewport, permissions,
 * javaScriptEnabled…).
 */
async function open(t, url = '/', { contextOptions = {}, init = [] } = {}) {
  const context = await app.browser.newContext({
    viewport: { width: 1280, height: 800 },
    acceptDownloads: true,
    ...contextOptions,
  });
  t.after(() => context.close());
  for (const script of init) await context.addInitScript(script);
  return openPage(app.browser, app.url(url), { context });
}

// This file gives pages (and explorer frames in host pages) more time than
// lib's defaults: 15 s to boot, and polls for 8 s every 100 ms.
const ready = (page) => readyWithin(page, { timeout: 15_000 });
const settle = (read, ok) => settleWithin(read, ok, { timeout: 8_000, interval: 100 });

const norm = (s) => (s ?? '').replace(/\s+/g, ' ').trim();

/** The view's Share/Embed/Cite/download group (under the figure, inside the view panel). */
const actions = (page) => page.locator('.actions').first();
const actionButton = (page, name) => actions(page).getByRole('button', { name, exact: true });
// Not by role: the stylesheet puts "↓ " before each download button's text, and generated
// content is part of the accessible name ("↓ CSV").
const downloadButton = (page, name) => actions(page).locator('button.download', { hasText: new RegExp(`^\\s*${name}\\s*$`) });
const statusText = async (page) => norm(await actions(page).locator('.status').textContent());

/**
 * The snippet the Embed dialog offers for `path`, optionally with the view lock
 * unchecked and a theme / language picked in the dialog.
 */
async function embedSnippet(t, path, { lockView = true, theme, lang } = {}) {
  const opened = await open(t, path);
  const { page } = opened;
  await ready(page);
  await actionButton(page, 'Embed').click();
  const dialog = page.locator('dialog[aria-labelledby=embed-title]');
  assert.ok(await dialog.evaluate((d) => d.open && d.matches(':modal')), 'Embed opens a modal dialog');
  const lock = dialog.getByRole('checkbox', { name: 'Show only this view (no tabs)' });
  assert.ok(await lock.isChecked(), '"Show only this view" is checked by default');
  if (!lockView) await lock.uncheck();
  assert.deepEqual(
    await page.locator('select#embed-theme option').evaluateAll((os) => os.map((o) => o.value)),
    ['auto', 'light', 'dark'],
    'theme choices',
  );
  assert.deepEqual(
    await page.locator('select#embed-lang option').evaluateAll((os) => os.map((o) => o.value)),
    ['', 'en', 'zh'],
    'language choices',
  );
  if (theme) await page.selectOption('select#embed-theme', theme);
  if (lang !== undefined) await page.selectOption('select#embed-lang', lang);
  const code = await page.locator('textarea#embed-code').inputValue();
  assertClean(opened, 'explorer');
  return code;
}

// ---------------------------------------------------------------------------
// Host pages on the other origin.

const LOREM = [
  'The ministry published the first batch of this year\'s quotas on a Friday evening, without a press release.',
  'Analysts said the figures matter less than the trend: each year since 2017 has set a new record.',
  'Processing, not mining, is where China\'s position is strongest, and export controls now cover the technology too.',
  'Companies outside China have announced new finds, though most are resources, not reserves.',
];

/**
 * Writes an article page for the host origin: paragraphs, `snippet` exactly as
 * given, more paragraphs, then `extra` (markup or a script of the test's own).
 * @returns {string} its URL
 */
async function hostPage(name, snippet, extra = '') {
  const paragraphs = (n) => LOREM.slice(0, n).map((p) => `<p>${p}</p>`).join('\n');
  const html = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>Host article</title>
<style>body { margin: 0 auto; max-width: 44rem; padding: 0 8px; font: 16px/1.5 Georgia, serif; }</style>
</head>
<body>
<h1>Rare earths: what the numbers say</h1>
${paragraphs(2)}
${snippet}
${paragraphs(4)}
${extra}
</body>
</html>
`;
  await writeFile(join(hostDir, name), html);
  return new URL(name, hostServer.origin).href;
}

/** The explorer's Frame in a host page, once it has loaded. */
async function explorerFrame(page) {
  const handle = await page.locator(EXPLORER_FRAME).elementHandle({ timeout: 10_000 });
  let frame = await handle.contentFrame();
  for (let i = 0; !frame?.url().startsWith(app.server.origin) && i < 100; i++) {
    await delay(100);
    frame = await handle.contentFrame();
  }
  assert.ok(frame?.url().startsWith(app.server.origin), `explorer frame loaded from ${app.server.origin}: ${frame?.url()}`);
  await ready(frame);
  return frame;
}

/** Heights on both sides of the frame boundary, read at (nearly) the same moment. */
async function heights(page, frame) {
  const [iframe, inside] = await Promise.all([
    page.locator(EXPLORER_FRAME).evaluate((f) => f.getBoundingClientRect().height),
    frame.evaluate(() => ({
      body: document.body.scrollHeight,
      scrollWidth: document.documentElement.scrollWidth,
      innerWidth: window.innerWidth,
    })),
  ]);
  return { iframe, ...inside };
}

/** The loader the Embed dialog's snippet loads: embed-<hash>.js from the top, with its hash. */
const versionedLoader = () => new RegExp(`<script src="${app.server.origin}/embed-[0-9a-f]{16}\\.js" integrity="sha384-[A-Za-z0-9+/=]{64}" crossorigin="anonymous" async></script>`);

const SLACK = 3; // px: rounding of fractional layout heights
const fits = (h) => Math.abs(h.iframe - h.body) <= SLACK;

/** Waits until the iframe is as tall as the framed page and asserts it. */
async function assertFits(page, frame, when) {
  const h = await settle(() => heights(page, frame), fits);
  assert.ok(fits(h), `${when}: iframe ${h.iframe}px tall, framed body ${h.body}px`);
  return h;
}

async function assertNoHorizontalOverflow(page, label) {
  const { scrollWidth, innerWidth } = await page.evaluate(() => ({
    scrollWidth: document.documentElement.scrollWidth,
    innerWidth: window.innerWidth,
  }));
  assert.ok(scrollWidth <= innerWidth, `${label}: scrollWidth ${scrollWidth} > innerWidth ${innerWidth}`);
}

// ---------------------------------------------------------------------------
// Files.

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from a PNG's IHDR chunk (which must come first). */
function pngSize(bytes) {
  assert.ok(bytes.length > 24, `PNG of ${bytes.length} bytes`);
  assert.deepEqual(bytes.subarray(0, 8), PNG_SIGNATURE, 'PNG signature');
  assert.equal(bytes.toString('latin1', 12, 16), 'IHDR', 'first chunk is IHDR');
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Clicks a download button and returns the file the browser saved. */
async function download(page, name) {
  const [file] = await Promise.all([
    page.waitForEvent('download', { timeout: 15_000 }),
    downloadButton(page, name).click(),
  ]);
  const path = await file.path();
  assert.equal(await file.failure(), null, `${name} download failed`);
  return { name: file.suggestedFilename(), bytes: readFileSync(path) };
}

// ---------------------------------------------------------------------------
// 1. The embed snippet in a host page on another origin.

for (const width of [320, 720]) {
  test(`embed at ${width} px: the iframe is as tall as its content, after load and after Chart → Table`, TIMEOUT, async (t) => {
    const snippet = await embedSnippet(t, '/?view=quotas');
    // What the dialog promises: the locked view, the loader and a link for readers without scripts.
    assert.match(snippet, /<iframe src="[^"]*\?view=quotas&amp;embed=1&amp;tabs=0[^"]*"/, 'iframe src');
    // This data version's frozen copy, the view's own page in the page's language (its copy paints first).
    assert.match(snippet, new RegExp(`<iframe src="${app.server.origin}/v/[0-9a-f]{8}/quotas-en\\.html\\?`), 'iframe points at the pinned page of the view');
    assert.match(snippet, /\sdata-rare-earth-explorer[\s>]/, 'iframe marked for the loader');
    assert.match(snippet, /\stitle="[^"]+"/, 'iframe has a title');
    assert.match(snippet, /\sheight="\d+" /, 'initial height');
    assert.match(snippet, /\sdata-heights="320:\d+ 480:\d+ 720:\d+ 1024:\d+"/, 'measured heights');
    assert.match(snippet, /\sloading="lazy"/, 'lazy loading');
    // The versioned loader with its integrity hash (docs/embedding.md, "Security contract").
    assert.match(snippet, versionedLoader(), 'loader script');
    // In the embed's language too (the dialog names it since the entry pages came, #19).
    assert.match(snippet, /<noscript><a href="[^"]*\?view=quotas(&amp;lang=en)?"/, 'noscript link to the full page');

    const url = await hostPage(`embed-${width}.html`, snippet);
    const host = await open(t, url, { contextOptions: { viewport: { width, height: 700 } } });
    const { page } = host;
    const frame = await explorerFrame(page);

    const loaded = await assertFits(page, frame, 'after load');
    // Proof that embed.js (not luck) set it: it writes an inline px height.
    assert.match(await page.locator(EXPLORER_FRAME).evaluate((f) => f.style.height), /^\d+px$/, 'height set by embed.js');
    assert.equal(await frame.locator('[role=tablist]').count(), 0, 'tabs=0: no tab list in the frame');
    if (width === 320) {
      await assertNoHorizontalOverflow(frame, 'explorer frame at 320 px');
      await assertNoHorizontalOverflow(page, 'host page at 320 px');
    }

    // Chart → Table changes the framed page's height; the iframe must follow.
    const buttons = frame.locator(`${FIGURE} .switch button`);
    assert.deepEqual((await buttons.allTextContents()).map(norm), ['Chart', 'Table']);
    await buttons.nth(1).click();
    await frame.locator(`${FIGURE} .table-wrap table tbody tr`).first().waitFor();
    const table = await settle(() => heights(page, frame), (h) => h.body !== loaded.body && fits(h));
    assert.notEqual(table.body, loaded.body, 'the table view has another height than the chart');
    await assertFits(page, frame, 'after switching to the table');
    if (width === 320) {
      await assertNoHorizontalOverflow(frame, 'explorer frame at 320 px, table');
      await assertNoHorizontalOverflow(page, 'host page at 320 px, table');
    }

    // And back.
    await buttons.nth(0).click();
    await waitForChart(frame);
    await assertFits(page, frame, 'after switching back to the chart');
    assertClean(host, 'host page with the explorer frame');
  });
}

test('embed with tabs (lock unchecked): the iframe follows a tab switch inside the frame', TIMEOUT, async (t) => {
  const snippet = await embedSnippet(t, '/?view=quotas', { lockView: false, theme: 'dark', lang: 'en' });
  const src = snippet.match(/<iframe src="([^"]*)"/)?.[1].replaceAll('&amp;', '&');
  const params = new URL(src).searchParams;
  assert.equal(params.get('embed'), '1', `embed=1 in ${src}`);
  assert.equal(params.get('tabs'), null, `unchecked lock: no tabs=0 in ${src}`);
  assert.equal(params.get('dark'), 'true', `theme from the dialog, as an embed writes it, in ${src}`);
  assert.equal(params.get('lang'), 'en', `language from the dialog in ${src}`);
  const url = await hostPage('embed-tabs.html', snippet);
  const host = await open(t, url, { contextOptions: { viewport: { width: 720, height: 700 } } });
  const { page } = host;
  const frame = await explorerFrame(page);
  const quotas = await assertFits(page, frame, 'Quotas after load');
  assert.equal(await frame.locator('[role=tablist] [role=tab]').count(), TABS.length, 'every tab in the frame');
  assert.equal(await frame.evaluate(() => document.documentElement.dataset.theme), 'dark', 'dark theme in the frame');

  // Exports has two charts: a clearly different height.
  await frame.locator('#tab-exports').click();
  await frame.waitForFunction(() => document.querySelector('[role=tabpanel]:not([hidden])')?.dataset.view === 'exports');
  await waitForChart(frame);
  const exports = await settle(() => heights(page, frame), (h) => h.body !== quotas.body && fits(h));
  assert.notEqual(exports.body, quotas.body, 'Exports is not as tall as Quotas');
  await assertFits(page, frame, 'after switching to Exports');
  assertClean(host, 'host page with the explorer frame');
});

// ---------------------------------------------------------------------------
// 2. Forged and junk messages.

test('forged height messages from other windows change nothing; junk messages never throw', TIMEOUT, async (t) => {
  const snippet = await embedSnippet(t, '/?view=quotas');
  // The host counts what reaches it, so the test knows the forgeries were delivered.
  const counter = `<script>
window.__received = [];
addEventListener('message', (e) => {
  try {
    const d = e.data;
    window.__received.push(typeof d === 'string' ? d.slice(0, 60) : (d && d.forger) || typeof d);
  } catch {
    window.__received.push('(hostile)'); // the test's own hostile objects, see below
  }
});
</script>`;
  const url = await hostPage('forged.html', snippet, counter);
  const host = await open(t, url, { contextOptions: { viewport: { width: 720, height: 700 } } });
  const { page } = host;
  const frame = await explorerFrame(page);
  const settled = await assertFits(page, frame, 'after load');
  const iframeHeight = () => page.locator(EXPLORER_FRAME).evaluate((f) => f.getBoundingClientRect().height);

  // Two forgers: a srcdoc frame of the host's own origin, and a sandboxed one (opaque origin).
  // Each posts the three height formats, then a marker.
  const forgeries = `
    parent.postMessage({ 'datawrapper-height': { 'rare-earth-explorer': 4321 } }, '*');
    parent.postMessage('pymxPYMxxPYMxheightxPYMx4321', '*');
    parent.postMessage('pymxPYMxre-1xPYMxheightxPYMx4321', '*');
    parent.postMessage({ sentinel: 'amp', type: 'embed-size', height: 4321 }, '*');
    parent.postMessage({ forger: NAME }, '*');`;
  await page.evaluate((code) => {
    for (const [name, sandbox] of [['same-origin', null], ['sandboxed', 'allow-scripts']]) {
      const f = document.createElement('iframe');
      if (sandbox) f.setAttribute('sandbox', sandbox);
      f.srcdoc = `<script>${code.replace('NAME', JSON.stringify(name))}<\/script>`;
      document.body.append(f);
    }
  }, forgeries);
  // The host page itself forges too.
  await page.evaluate(() => {
    window.postMessage({ 'datawrapper-height': { 'rare-earth-explorer': 4321 } }, '*');
    window.postMessage('pymxPYMxxPYMxheightxPYMx4321', '*');
    window.postMessage({ sentinel: 'amp', type: 'embed-size', height: 4321 }, '*');
    window.postMessage({ forger: 'host' }, '*');
  });
  const received = await settle(
    () => page.evaluate(() => window.__received),
    (r) => ['same-origin', 'sandboxed', 'host'].every((n) => r.includes(n)),
  );
  for (const name of ['same-origin', 'sandboxed', 'host']) {
    assert.ok(received.includes(name), `forger ${name} delivered its messages: ${received.join(' | ')}`);
  }

  // Junk through postMessage (structured clone: data only) …
  const postErrors = await page.evaluate(() => {
    const errors = [];
    const junk = [
      null, undefined, 0, -1, NaN, Infinity, 1e308, true, '', 'x'.repeat(2_000_000),
      'pymxPYMx' + 'xPYMx'.repeat(100_000), 'pymxPYMxxPYMxheightxPYMx' + '9'.repeat(10_000),
      'pymxPYMxxPYMxheightxPYMxNaN', [], [1, 2, 3], {}, { 'datawrapper-height': null },
      { 'datawrapper-height': 'rare-earth-explorer' }, { 'datawrapper-height': { 'rare-earth-explorer': 'Infinity' } },
      { sentinel: 'amp', type: 'embed-size' }, { sentinel: 'amp', type: 'embed-size', height: { h: 1 } },
      new Date(), /re/g, new Uint8Array(1_000_000), new Map([[1, 2]]), new Blob(['x']),
      Object.create(null),
    ];
    for (const data of junk) {
      try {
        window.postMessage(data, '*');
      } catch (e) {
        errors.push(String(e));
      }
    }
    return errors;
  });
  assert.deepEqual(postErrors, [], 'postMessage of plain junk throws in the sender');

  // … and, since structured clone runs getters in the sender, hostile objects are handed to
  // the loader's listener directly as synthetic events, also claiming the explorer frame as source.
  await page.evaluate((selector) => {
    const boom = () => {
      throw new Error('getter says no');
    };
    const hostile = [
      Object.defineProperty({}, 'datawrapper-height', { get: boom }),
      { 'datawrapper-height': Object.defineProperty({}, 'rare-earth-explorer', { get: boom }) },
      { 'datawrapper-height': new Proxy({}, { has: boom, get: boom }) },
      Object.defineProperty({}, 'sentinel', { get: boom }),
      { sentinel: 'amp', type: 'embed-size', get height() { return boom(); } },
      { sentinel: 'amp', type: 'embed-size', height: { valueOf: boom } },
      { sentinel: 'amp', type: 'embed-size', height: Symbol('h') },
      new Proxy({}, { get: boom, has: boom, ownKeys: boom, getPrototypeOf: boom }),
      { toString: boom, valueOf: boom },
      Symbol('junk'),
      () => 4321,
    ];
    const source = document.querySelector(selector).contentWindow;
    for (const data of hostile) {
      window.dispatchEvent(new MessageEvent('message', { data }));
      window.dispatchEvent(new MessageEvent('message', { data, source }));
    }
  }, EXPLORER_FRAME);

  await delay(1_000); // time for any (wrong) resize to land
  const after = await iframeHeight();
  assert.notEqual(after, 4321, 'a forged 4321 px was applied');
  assert.equal(after, settled.iframe, `iframe height changed from ${settled.iframe} to ${after}`);
  await assertFits(page, frame, 'after the forgeries');

  // The explorer's own messages still work afterwards.
  await frame.locator(`${FIGURE} .switch button`).nth(1).click();
  const table = await settle(() => heights(page, frame), (h) => h.body !== settled.body && fits(h));
  assert.notEqual(table.body, settled.body, 'the table changed the framed height');
  await assertFits(page, frame, 'after the table, following the forgeries');
  assertClean(host, 'host page');
});

// ---------------------------------------------------------------------------
// 3. Strict CSP.

// Runs before any page script: records every CSP violation of the document.
const RECORD_VIOLATIONS = () => {
  window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => {
    window.__violations.push(`${e.effectiveDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber} ${e.sample}`);
  });
};

test('dist/index.html has no inline script, so a strict script-src needs no hash', TIMEOUT, () => {
  const html = readFileSync(join(DIST, 'index.html'), 'utf8');
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  assert.ok(scripts.length >= 1, 'at least one script');
  for (const [tag, attrs, body] of scripts) {
    assert.match(attrs, /\ssrc="\.?\/?(start|copy)-[0-9a-f]+\.js"/, `script loads start- or copy-<hash>.js: ${tag.slice(0, 120)}`);
    assert.equal(body.trim(), '', `script has no inline code: ${tag.slice(0, 120)}`);
  }
  assert.ok(!/\son[a-z]+\s*=/i.test(html.replace(/<noscript>[\s\S]*?<\/noscript>/g, '')), 'no inline event handlers');
  const headers = readFileSync(join(DIST, '_headers'), 'utf8');
  assert.ok(headers.includes(`Content-Security-Policy: ${STRICT_CSP}`), 'dist/_headers carries the same policy');
});

test('strict CSP: four views, dialogs, table and downloads cause no violation', { timeout: 120_000 }, async (t) => {
  const csp = await startServer({ root: DIST, headers: { 'Content-Security-Policy': STRICT_CSP } });
  t.after(() => csp.close());
  const opened = await open(t, `${csp.origin}/?view=reserves`, { init: [RECORD_VIOLATIONS] });
  const { page } = opened;
  await ready(page);
  const violations = () => page.evaluate(() => window.__violations);

  for (const view of SLUGS) {
    await page.locator(`#tab-${view}`).click();
    await page.waitForFunction((v) => document.querySelector('[role=tabpanel]:not([hidden])')?.dataset.view === v, view);
    const painted = await waitForChart(page);
    assert.ok(painted >= 3, `${view}: chart painted`);
    // Painted with its stylesheet: an svg laid out by CSS, not the browser's 300×150 default.
    const box = await page.locator(CHART).first().boundingBox();
    assert.ok(box && box.width > 0 && box.height > 0, `${view}: chart has a size`);
  }

  for (const name of ['Embed', 'Cite']) {
    await actionButton(page, name).click();
    const dialog = page.locator(`dialog[aria-labelledby=${name.toLowerCase()}-title]`);
    assert.ok(await dialog.evaluate((d) => d.open), `${name} dialog open`);
    await page.keyboard.press('Escape');
    await settle(() => dialog.evaluate((d) => d.open), (o) => !o);
  }
  const buttons = page.locator(`${FIGURE} .switch button`);
  await buttons.nth(1).click();
  await page.locator(`${FIGURE} .table-wrap table tbody tr`).first().waitFor();
  await buttons.nth(0).click();
  await waitForChart(page);

  // PNG export draws a blob: image onto a canvas: the part a policy is most likely to break.
  for (const name of ['CSV', 'SVG', 'PNG']) {
    const file = await download(page, name);
    assert.ok(file.bytes.length > 0, `${name} not empty`);
  }

  assert.deepEqual(await violations(), [], 'CSP violations');
  assertClean(opened);
});

// ---------------------------------------------------------------------------
// 4. Downloads.

test('when the download and dialog code cannot be fetched, the status line says so and the next click works', TIMEOUT, async (t) => {
  // The release build fetches what the buttons make (files, dialogs) on first use: the wasm chunks
  // next to the main `_bg.wasm`. Refused here, as for a reader who went offline after loading.
  const { page } = await open(t, '/?view=reserves');
  await ready(page);
  let refused = 0;
  await page.context().route(WASM_CHUNK, (route) => {
    refused += 1;
    return route.abort('internetdisconnected');
  });

  await downloadButton(page, 'CSV').click();
  await settle(() => statusText(page), (s) => /could not be loaded/.test(s));
  await actionButton(page, 'Embed').click();
  await settle(() => statusText(page), (s) => /could not be loaded/.test(s));
  assert.ok(refused > 0, 'the code was requested and refused');
  assert.equal(await page.locator('dialog[open]').count(), 0, 'no dialog without its code');

  await page.context().unroute(WASM_CHUNK);
  const { name } = await download(page, 'CSV');
  assert.match(name, /\.csv$/, 'the next click downloads');
  await actionButton(page, 'Embed').click();
  await page.locator('dialog[open] #embed-code').waitFor({ timeout: 10_000 });
  assert.match(await page.locator('#embed-code').inputValue(), /<iframe/, 'the dialog opens with the snippet');
});

test('CSV download: BOM, comment line, header, China 44000000, valid CSV, a telling name', TIMEOUT, async (t) => {
  const opened = await open(t, '/?view=reserves&edition=2025');
  const { page } = opened;
  await ready(page);
  const texts = await actions(page).locator('button.download').allTextContents();
  assert.deepEqual(texts.map(norm), ['CSV', 'PNG', 'SVG'], 'download buttons, in order');
  const { name, bytes } = await download(page, 'CSV');
  assert.equal(name, 'rare-earth-reserves-usgs-mcs2025-tonnes.csv', 'file name');
  assert.deepEqual([...bytes.subarray(0, 3)], [0xef, 0xbb, 0xbf], 'UTF-8 byte-order mark');
  const text = bytes.toString('utf8').slice(1);

  const rows = parseCsv(text);
  const [comment, header, ...records] = rows;
  assert.ok(comment.join(',').startsWith('# Rare Earth Explorer'), `comment record: ${comment.join(',').slice(0, 80)}`);
  assert.ok(comment.join(',').includes('view=reserves'), 'comment line links to the view');
  for (const column of ['country', 'reserves_t_reo', 'source_url']) {
    assert.ok(header.includes(column), `header has ${column}: ${header.join(',')}`);
  }
  assert.ok(records.length >= 10, `${records.length} records`);
  records.forEach((r, i) => assert.equal(r.length, header.length, `record ${i + 1} has ${r.length} fields, header ${header.length}`));
  const byCountry = Object.fromEntries(records.map((r) => [r[header.indexOf('country')], r]));
  const china = byCountry.China;
  assert.ok(china, `a China row: ${Object.keys(byCountry).join(', ')}`);
  assert.equal(china[header.indexOf('reserves_t_reo')], '44000000', 'China reserves_t_reo');
  assert.match(china[header.indexOf('source_url')], /^https?:\/\//, 'China source_url');
  assert.equal(await statusText(page), 'Download started.', 'status');
  assertClean(opened);

  // Last, so the checks above still report: the raw first line must itself start with "#".
  // Tools that skip comment lines (pandas comment='#', R comment.char='#') look at the raw
  // line; a comment wrapped in CSV quotes is a one-field record to them, not a comment.
  const firstLine = text.split(/\r?\n/, 1)[0];
  assert.ok(
    firstLine.startsWith('# Rare Earth Explorer'),
    `raw first line starts with "# Rare Earth Explorer": ${JSON.stringify(firstLine.slice(0, 80))}`,
  );
});

test('PNG download: a PNG at least 2 × 760 px wide', TIMEOUT, async (t) => {
  const opened = await open(t, '/?view=reserves&edition=2025');
  const { page } = opened;
  await ready(page);
  const { name, bytes } = await download(page, 'PNG');
  assert.match(name, /^rare-earth-reserves-usgs-mcs2025-tonnes\.png$/, 'file name');
  const { width, height } = pngSize(bytes);
  assert.ok(width >= 2 * 760, `PNG width ${width}`);
  assert.ok(height >= 2 * 100, `PNG height ${height}`);
  assert.equal(await settle(() => statusText(page), (s) => s !== ''), 'Download started.', 'status');
  assertClean(opened);
});

test('SVG download: well-formed XML with the title and the summary', TIMEOUT, async (t) => {
  const opened = await open(t, '/?view=reserves&edition=2025');
  const { page } = opened;
  await ready(page);
  const summary = norm(await page.locator(`${FIGURE} .summary`).first().textContent());
  assert.notEqual(summary, '', 'the view has a summary');
  const { name, bytes } = await download(page, 'SVG');
  assert.match(name, /\.svg$/, 'file name');
  const parsed = await page.evaluate((xml) => {
    const doc = new DOMParser().parseFromString(xml, 'image/svg+xml');
    return {
      error: doc.querySelector('parsererror')?.textContent ?? null,
      root: doc.documentElement.localName,
      ns: doc.documentElement.namespaceURI,
      texts: [...doc.querySelectorAll('text')].map((t) => t.textContent.replace(/\s+/g, ' ').trim()),
    };
  }, bytes.toString('utf8'));
  assert.equal(parsed.error, null, 'XML parses');
  assert.equal(parsed.root, 'svg', 'root element');
  assert.equal(parsed.ns, 'http://www.w3.org/2000/svg', 'SVG namespace');
  assert.ok(parsed.texts.includes('Rare Earth Explorer'), `title text: ${parsed.texts.slice(0, 3).join(' | ')}`);
  assert.ok(parsed.texts.includes(summary), `summary text "${summary}" in ${parsed.texts.slice(0, 3).join(' | ')}`);
  assert.equal(await statusText(page), 'Download started.', 'status');
  assertClean(opened);
});

// ---------------------------------------------------------------------------
// 5. Share.

// Headless Chromium may or may not have the Web Share API; where it does, record the call.
const STUB_SHARE = () => {
  window.__shared = [];
  if ('share' in navigator) {
    Navigator.prototype.share = function share(data) {
      window.__shared.push({ url: data?.url, title: data?.title });
      return Promise.resolve();
    };
  }
};

test('Share puts the link to this view on the clipboard (or hands it to navigator.share)', TIMEOUT, async (t) => {
  const opened = await open(t, '/?view=exports&show=value', { init: [STUB_SHARE] });
  const { page } = opened;
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.server.origin });
  await ready(page);
  const hasShare = await page.evaluate(() => 'share' in navigator);
  await actionButton(page, 'Share').click();

  let shared;
  if (hasShare) {
    const calls = await settle(() => page.evaluate(() => window.__shared), (c) => c.length > 0);
    assert.equal(calls.length, 1, 'navigator.share called once');
    shared = calls[0].url;
  } else {
    const status = await settle(() => statusText(page), (s) => s !== '');
    assert.equal(status, 'Link to this view copied.', 'status');
    shared = await page.evaluate(() => navigator.clipboard.readText());
  }
  const url = new URL(shared);
  assert.equal(url.origin, app.server.origin, `shared URL ${shared}`);
  assert.equal(url.searchParams.get('view'), 'exports', 'view= in the shared URL');
  assert.equal(url.searchParams.get('show'), 'value', 'the state travels with it');
  assert.equal(url.searchParams.get('embed'), null, 'no embed=1 in a link for readers');

  // Copy code in the Embed dialog copies the snippet as shown.
  await actionButton(page, 'Embed').click();
  const code = await page.locator('textarea#embed-code').inputValue();
  await page.locator('dialog[aria-labelledby=embed-title]').getByRole('button', { name: 'Copy code' }).click();
  const copied = await settle(() => page.evaluate(() => navigator.clipboard.readText()), (c) => c === code);
  assert.equal(copied, code, 'clipboard holds the snippet');
  assertClean(opened);
});

// Removes the clipboard and share APIs before the app starts (as on an insecure origin).
const NO_CLIPBOARD = () => {
  delete Navigator.prototype.clipboard;
  delete Navigator.prototype.share;
  delete Navigator.prototype.canShare;
};

test('Share without a clipboard API says it could not copy, and nothing throws', TIMEOUT, async (t) => {
  const opened = await open(t, '/?view=reserves', { init: [NO_CLIPBOARD] });
  const { page } = opened;
  await ready(page);
  assert.deepEqual(
    await page.evaluate(() => ({ clipboard: 'clipboard' in navigator, share: 'share' in navigator })),
    { clipboard: false, share: false },
    'APIs removed',
  );
  await actionButton(page, 'Share').click();
  const status = await settle(() => statusText(page), (s) => s !== '');
  assert.match(status, /^Could not copy/, 'status after Share');

  // The dialogs' copy buttons take the same path. All status lines show one message, so
  // reload (init script kept) for an empty status before each.
  for (const [dialog, button] of [['embed', 'Copy code'], ['cite', 'Copy citation']]) {
    await page.reload();
    await ready(page);
    await actionButton(page, dialog === 'embed' ? 'Embed' : 'Cite').click();
    const d = page.locator(`dialog[aria-labelledby=${dialog}-title]`);
    assert.equal(norm(await d.locator('.status').textContent()), '', 'status empty before copying');
    await d.getByRole('button', { name: button }).click();
    const inDialog = await settle(async () => norm(await d.locator('.status').textContent()), (s) => s !== '');
    assert.match(inDialog, /^Could not copy/, `status after ${button}`);
    await d.getByRole('button', { name: 'Close' }).click();
  }
  assertClean(opened);
});

// ---------------------------------------------------------------------------
// 6. Cite.

test('Cite: two citations, USGS in the long one; Escape closes and focus returns to Cite', TIMEOUT, async (t) => {
  const opened = await open(t, '/?view=reserves');
  const { page } = opened;
  await ready(page);
  const cite = actionButton(page, 'Cite');
  await cite.click();
  const dialog = page.locator('dialog[aria-labelledby=cite-title]');
  assert.ok(await dialog.evaluate((d) => d.open && d.matches(':modal')), 'modal dialog open');
  assert.equal(norm(await page.locator('#cite-title').textContent()) !== '', true, 'dialog has a title');
  const citations = (await dialog.locator('.citation').allTextContents()).map(norm);
  assert.equal(citations.length, 2, 'two citations');
  assert.ok(citations.every((c) => c.includes('Rare Earth Explorer') && c.includes('view=reserves')), citations.join(' / '));
  assert.ok(citations[1].length > citations[0].length, 'the second is the long one');
  assert.ok(citations[1].includes('U.S. Geological Survey'), `long citation: ${citations[1]}`);
  assert.match(citations[0], /accessed \d{4}-\d{2}-\d{2}/, 'access date');
  for (const name of ['Copy citation', 'Close']) {
    assert.equal(await dialog.getByRole('button', { name }).count(), 1, `${name} button`);
  }

  await page.keyboard.press('Escape');
  const isOpen = await settle(() => dialog.evaluate((d) => d.open), (o) => !o);
  assert.equal(isOpen, false, 'Escape closes the dialog');
  assert.ok(await cite.evaluate((b) => document.activeElement === b), 'focus is back on Cite');

  // The Embed dialog behaves the same.
  const embed = actionButton(page, 'Embed');
  await embed.click();
  const embedDialog = page.locator('dialog[aria-labelledby=embed-title]');
  assert.ok(await embedDialog.evaluate((d) => d.open), 'Embed dialog open');
  await page.keyboard.press('Escape');
  assert.equal(await settle(() => embedDialog.evaluate((d) => d.open), (o) => !o), false, 'Escape closes Embed');
  assert.ok(await embed.evaluate((b) => document.activeElement === b), 'focus is back on Embed');
  assertClean(opened);
});

// ---------------------------------------------------------------------------
// 7. Without JavaScript.

test('without JavaScript: the static story, its chart images and sources, the link preview card', TIMEOUT, async (t) => {
  const opened = await open(t, '/', { contextOptions: { javaScriptEnabled: false } });
  const { page } = opened;
  await page.waitForLoadState('networkidle');
  const text = norm(await page.locator('body').innerText());
  for (const part of ['44 Mt', '4.96 Mt', '135,000 t', '+6.4 %']) {
    assert.ok(text.includes(part), `page shows "${part}"`);
  }
  const images = await page.locator('.static-story img').evaluateAll((imgs) =>
    imgs.map((img) => ({ src: img.getAttribute('src'), width: img.naturalWidth, alt: img.alt })),
  );
  assert.ok(images.length >= 1, 'at least one chart image');
  for (const img of images) {
    assert.match(img.src, /^static\/[a-z]+-en\.svg$/, 'static/<view>-en.svg, the build-time image');
    assert.ok(img.width > 0, `${img.src} loaded (naturalWidth ${img.width})`);
    assert.notEqual(img.alt.trim(), '', `${img.src} has alt text`);
  }
  const sources = await page.locator('ol li a[href^="http"]').count();
  assert.ok(sources >= 3, `sources list with links: ${sources}`);

  // The link preview is the first view's card (e2e/build.test.mjs checks every page's).
  const og = await page.locator('meta[property="og:image"]').getAttribute('content');
  assert.match(og, /^static\/[a-z]+-en-social\.png$/, `og:image ${og}`);
  const res = await fetch(new URL(og, app.server.url));
  assert.equal(res.status, 200, `${og} served`);
  assert.equal(res.headers.get('content-type'), 'image/png');
  const { width, height } = pngSize(Buffer.from(await res.arrayBuffer()));
  assert.deepEqual({ width, height }, { width: 1200, height: 630 }, `${og} is 1200×630`);
  assertClean(opened);
});

// ---------------------------------------------------------------------------
// 8. The embed page itself.

test('?embed=1&tabs=0&view=exports&theme=dark: no masthead, footer or tabs; embed footer; dark', TIMEOUT, async (t) => {
  const opened = await open(t, '/?embed=1&tabs=0&view=exports&theme=dark');
  const { page } = opened;
  await ready(page);
  const state = await page.evaluate(() => ({
    masthead: document.querySelectorAll('header.masthead').length,
    siteFooter: document.querySelectorAll('footer.site-footer').length,
    tablists: document.querySelectorAll('[role=tablist]').length,
    embedFooters: document.querySelectorAll('footer.embed-footer').length,
    footerText: document.querySelector('footer.embed-footer')?.textContent ?? '',
    links: [...document.querySelectorAll('footer.embed-footer a')].map((a) => ({ text: a.textContent, href: a.href })),
    theme: document.documentElement.dataset.theme,
    view: document.querySelector('[role=tabpanel]:not([hidden])')?.dataset.view,
  }));
  assert.equal(state.masthead, 0, 'no header.masthead');
  assert.equal(state.siteFooter, 0, 'no footer.site-footer');
  assert.equal(state.tablists, 0, 'no tablist');
  assert.equal(state.embedFooters, 1, 'one footer.embed-footer');
  assert.equal(state.view, 'exports', 'Exports shown');
  assert.equal(state.theme, 'dark', 'data-theme on the root element');
  const full = state.links.find((a) => norm(a.text) === 'Open the full explorer ↗');
  assert.ok(full, `"Open the full explorer ↗" link: ${JSON.stringify(state.links)}`);
  const href = new URL(full.href);
  assert.equal(href.origin, app.server.origin, `link to the explorer: ${full.href}`);
  assert.equal(href.searchParams.get('embed'), null, `no embed=1 in ${full.href}`);
  assert.equal(href.searchParams.get('view'), 'exports', `view kept in ${full.href}`);
  assert.match(norm(state.footerText), /USGS|Customs/i, `source names in the embed footer: ${norm(state.footerText)}`);
  assertClean(opened);
});

// ---------------------------------------------------------------------------
// 8. Which data, and on paper.

// The newest publication the data cites, as precise as its date: a month, or a day.
const AS_OF = /^Data as of (?:\d{1,2} )?[A-Z][a-z]+ \d{4} · version ([0-9a-f]{8})$/;

test('the footer says which data ("Data as of <date> · version <hash>"), and the citation names the version', TIMEOUT, async (t) => {
  const opened = await open(t, '/?view=reserves');
  const { page } = opened;
  await ready(page);
  const line = norm(await page.locator('footer.site-footer .data-as-of').textContent());
  const version = line.match(AS_OF)?.[1];
  assert.ok(version, `footer: ${line}`);
  await actionButton(page, 'Cite').click();
  const citations = (await page.locator('dialog[aria-labelledby=cite-title] .citation').allTextContents()).map(norm);
  assert.ok(citations.every((c) => c.includes(`data version ${version}`)), citations.join(' / '));
  assertClean(opened);

  const zh = await open(t, '/?view=quotas&lang=zh&embed=1&tabs=0');
  await ready(zh.page);
  const zhLine = norm(await zh.page.locator('footer.embed-footer .data-as-of').textContent());
  assert.match(zhLine, new RegExp(`^数据截至\\d{4}年\\d{1,2}月(?:\\d{1,2}日)? · 版本${version}$`), zhLine);
  assertClean(zh);
});

test('Embed pins this data version by default; "Always the latest" embeds the top, the loader always from the top', TIMEOUT, async (t) => {
  const opened = await open(t, '/?view=quotas');
  const { page } = opened;
  await ready(page);
  const version = norm(await page.locator('.data-as-of').textContent()).match(AS_OF)?.[1];
  await actionButton(page, 'Embed').click();
  const code = () => page.locator('textarea#embed-code').inputValue();
  const src = (c) => new URL(c.match(/<iframe src="([^"]+)"/)[1].replaceAll('&amp;', '&'));
  const pinnedCode = await code();
  const pinned = src(pinnedCode);
  assert.equal(pinned.pathname, `/v/${version}/quotas-en.html`, `pinned: ${pinned}`);
  assert.equal(pinned.searchParams.get('view'), 'quotas');
  await page.selectOption('select#embed-version', 'latest');
  const latest = await settle(code, (c) => !c.includes('/v/'));
  assert.equal(src(latest).pathname, '/quotas-en.html', `latest: ${src(latest)}`);
  for (const c of [pinnedCode, latest]) assert.match(c, versionedLoader(), c);
  assert.match(latest, /data-heights="320:\d+ 480:\d+ 720:\d+ 1024:\d+"/, 'the measured heights, for the loader');
  assertClean(opened);
});

test('print: the figure, its notes and sources on white, nothing to click, charts in the light palette', TIMEOUT, async (t) => {
  const opened = await open(t, '/?view=quotas&theme=dark');
  const { page } = opened;
  await ready(page);
  await page.emulateMedia({ media: 'print' });
  await page.evaluate(() => dispatchEvent(new Event('beforeprint')));
  const state = () =>
    page.evaluate(() => {
      const shown = (sel) => [...document.querySelectorAll(sel)].some((e) => e.getClientRects().length > 0);
      return {
        theme: document.documentElement.dataset.theme,
        background: getComputedStyle(document.body).backgroundColor,
        tabs: shown('[role=tablist]'),
        controls: shown('[role=tabpanel]:not([hidden]) .controls'),
        actions: shown('.actions'),
        chart: shown('[role=tabpanel]:not([hidden]) .chart svg'),
        summary: shown('[role=tabpanel]:not([hidden]) .summary'),
        sources: shown('[role=tabpanel]:not([hidden]) .source-list a'),
      };
    });
  const printed = await settle(state, (s) => s.theme === 'light');
  assert.deepEqual(printed, {
    theme: 'light',
    background: 'rgb(255, 255, 255)',
    tabs: false,
    controls: false,
    actions: false,
    chart: true,
    summary: true,
    sources: true,
  });
  await page.evaluate(() => dispatchEvent(new Event('afterprint')));
  assert.equal((await settle(state, (s) => s.theme === 'dark')).theme, 'dark', 'the reader\'s theme after printing');
  assertClean(opened);
});
