// In an article the widget costs the host nothing until a reader reaches for it, and no tap is ever
// lost (issue #23). The build-time copy's tabs are links to the views' pages (they work without
// JavaScript too); with it, a tab tapped before the app runs shows that view's copy at once and the
// app opens on it, and a tap on any other control of the copy is carried out when the app takes
// over. In a frame the app starts on intent only. Nothing is fetched ahead for a reader who has not
// done anything, nor under Save-Data or a 3G connection. Sizes are checked here; timings are printed
// by the benchmark (e2e/bench.mjs), never asserted.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { setTimeout as delay } from 'node:timers/promises';
import { DIST } from './lib/app.mjs';
import { WASM_CHUNK, ROWS_FILE, assertClean, launchBrowser, openPage, settle } from './lib/browser.mjs';
import { KINDS, firstTap, servePageKinds, untouched } from './lib/page-kinds.mjs';
import { article, iframeSnippet, paragraphs } from './lib/host.mjs';
import { SLUGS } from './lib/tabs.mjs';

const TIMEOUT = { timeout: 120_000 };
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const MAIN_WASM = /_bg\.wasm$/;
// The ceilings scripts/size.sh checks on the files, brotli bytes (KB as the README counts them:
// 1,000 B), read from it so that both say the same: an embed's untouched reader (issue #23's 25 KB)
// and the full page's first view with its HTML (README, Performance, says how it stands against
// the issue's 140 KB).
const sizeScript = readFileSync(new URL('../scripts/size.sh', import.meta.url), 'utf8');
const ceiling = (name) => Number(sizeScript.match(new RegExp(`${name}:-(\\d+)`))?.[1]);
const EMBED_UNTOUCHED = ceiling('EMBED_CEILING_BYTES');
const FULL_PAGE_UNTOUCHED = ceiling('FULL_PAGE_CEILING_BYTES');
// The first view's files (scripts/size.sh lists the same): all a full page's untouched reader gets.
const FIRST_VIEW = [/\/index\.html$/, /\/copy-[0-9a-f]+\.js$/, /\/start-[0-9a-f]+\.js$/, /\/rare-earth-explorer-[0-9a-f]+(\.split)?\.js$/,
  /\/rare-earth-explorer-[0-9a-f]+_bg\.wasm$/, /\/main-[0-9a-f]+\.css$/, /\/favicon\.svg$/];

let env;
let browser;
before(async () => {
  env = await servePageKinds(DIST);
  browser = await launchBrowser();
});
after(async () => {
  await browser?.close();
  await env?.close();
});

/** The explorer's page `path` in a fresh context; `hold` patterns are answered only when released. */
async function openExplorer(t, path, { hold = [], viewport = { width: 720, height: 800 }, init, javaScriptEnabled = true } = {}) {
  const context = await browser.newContext({ viewport, javaScriptEnabled });
  t.after(() => context.close());
  if (init) await context.addInitScript(init);
  const releases = hold.map((pattern) => {
    let release;
    const held = new Promise((ok) => (release = ok));
    context.route(pattern, async (route) => {
      await held;
      await route.continue().catch(() => {});
    });
    return release;
  });
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  const opened = await openPage(browser, new URL(path, env.explorer.origin).href, { context });
  return { ...opened, requests, releases };
}

const copyState = (page) => page.evaluate(() => {
  const copy = document.getElementById('copy');
  const panel = copy?.querySelector('.view-panel:not([hidden])');
  return copy && {
    view: copy.dataset.view,
    current: [...copy.querySelectorAll('.tabs a[aria-current=page]')].map((a) => a.textContent),
    busy: panel?.getAttribute('aria-busy') ?? null,
    status: document.getElementById('copy-status')?.textContent ?? null,
    focus: document.activeElement?.textContent ?? null,
    url: location.pathname.split('/').pop() + location.search,
  };
});

// ---------------------------------------------------------------------------
// 1. What an untouched reader downloads.

test('an untouched reader of an embed downloads at most 25 KB brotli from the explorer and no wasm; of the full page, no more than its first view; nothing travels twice', { timeout: 90_000 }, async (t) => {
  for (const { kind } of KINDS) {
    const r = await untouched(browser, env, kind);
    t.diagnostic(`${kind}: ${r.brotli} B brotli in 10 s: ${r.files.map((f) => `${f.path.split('/').pop()} ${f.brotli}`).join(', ')}`);
    const ahead = r.files.filter((f) => WASM_CHUNK.test(f.path) || ROWS_FILE.test(f.path)).map((f) => f.path);
    assert.deepEqual(ahead, [], `${kind}: no other view's code or rows for a reader who did nothing`);
    assert.deepEqual(r.travelledTwice, [], `${kind}: no file over the network twice`);
    if (kind === 'full page') {
      const beyond = r.files.map((f) => new URL(f.path, 'http://x').pathname).filter((p) => p !== '/' && !FIRST_VIEW.some((re) => re.test(p)));
      assert.deepEqual(beyond, [], `${kind}: nothing but the first view's files`);
      assert.ok(r.brotli <= FULL_PAGE_UNTOUCHED, `${kind}: ${r.brotli} B > ${FULL_PAGE_UNTOUCHED}`);
    } else {
      assert.equal(r.wasm, false, `${kind}: no wasm before the reader reaches for the widget`);
      assert.ok(!r.files.some((f) => /\/rare-earth-explorer-[^/]*\.js$/.test(f.path)), `${kind}: nor its JS glue`);
      assert.ok(r.brotli <= EMBED_UNTOUCHED, `${kind}: ${r.brotli} B > ${EMBED_UNTOUCHED}`);
    }
  }
});

// ---------------------------------------------------------------------------
// 2. The early tap, on a phone.

test('on a phone-like load (150 ms, 1.6 Mb/s, CPU 4x) a tap right after the first paint is never lost, in every kind of page', { timeout: 240_000 }, async (t) => {
  for (const k of KINDS) {
    const r = await firstTap(browser, env, k, SLUGS, { phone: true, readMs: 0 });
    t.diagnostic(`${k.kind}, ${JSON.stringify(k.tap)}: feedback ${r.feedback?.toFixed(0)} ms, shown ${r.shown?.toFixed(0)} ms, the app ${r.app?.toFixed(0)} ms after the tap`);
    assert.equal(r.lost, false, `${k.kind}: the tap showed what it asked for`);
    assert.notEqual(r.app, null, `${k.kind}: the app carried it out`);
    assert.notEqual(r.feedback, null, `${k.kind}: the widget showed it had heard the tap`);
  }
});

// ---------------------------------------------------------------------------
// 3. The copy's tabs: links.

test('the copy\'s tabs are links to the views\' pages with the page\'s parameters, the current one marked; without JavaScript they open that view', TIMEOUT, async (t) => {
  const { page, releases } = await openExplorer(t, '/reserves-en.html?embed=1&theme=dark&childId=a1', { hold: [MAIN_WASM] });
  await page.waitForSelector('#copy .tabs a');
  const tabs = await page.$$eval('#copy .tabs', (navs) => navs.map((n) => ({
    tag: n.localName,
    label: n.getAttribute('aria-label'),
    role: n.getAttribute('role'),
    links: [...n.children].map((a) => ({ tag: a.localName, href: a.href, current: a.getAttribute('aria-current'), role: a.getAttribute('role') })),
  })));
  assert.equal(tabs.length, 1);
  assert.deepEqual([tabs[0].tag, tabs[0].label, tabs[0].role], ['nav', 'Views', null], 'a navigation of links, not a tab list');
  assert.deepEqual(tabs[0].links.map((l) => l.tag), SLUGS.map(() => 'a'));
  assert.deepEqual(tabs[0].links.map((l) => l.current), SLUGS.map((s) => (s === 'reserves' ? 'page' : null)), 'the current page marked');
  for (const [i, link] of tabs[0].links.entries()) {
    const u = new URL(link.href);
    assert.equal(u.pathname, `/${SLUGS[i]}-en.html`);
    assert.deepEqual(Object.fromEntries(u.searchParams), { embed: '1', theme: 'dark', childId: 'a1' }, `${link.href} carries the page's parameters`);
  }
  releases.forEach((r) => r());

  // Without JavaScript: a plain link to the view's page, which shows that view's copy.
  const plain = await openExplorer(t, '/reserves-en.html', { javaScriptEnabled: false });
  await plain.page.click('#copy .tabs a:nth-child(3)');
  await plain.page.waitForURL(/\/quotas-en\.html$/);
  const shown = await plain.page.evaluate(() => ({
    view: document.getElementById('copy')?.dataset.view,
    summary: document.querySelector('#copy .view-panel:not([hidden]) .summary')?.textContent,
    controls: [...document.querySelectorAll('#copy .controls, #copy .switch, #copy .actions')].some((e) => e.getClientRects().length),
  }));
  assert.equal(shown.view, 'quotas');
  assert.match(shown.summary ?? '', /quota/i);
  assert.equal(shown.controls, false, 'without JavaScript the controls only the app carries out are not offered');
});

// ---------------------------------------------------------------------------
// 4. A tab before the app: at once chosen and busy, then its copy, then the app on it.

test('a tab chosen by keyboard before the app runs is marked at once and busy (announced), shows its view\'s copy, and the app opens on it with the focus on its tab', TIMEOUT, async (t) => {
  const opened = await openExplorer(t, '/reserves-en.html', { hold: [MAIN_WASM, /\/quotas-en\.html$/] });
  const { page, releases: [wasm, quotasPage] } = opened;
  await page.waitForSelector('#copy .tabs a');
  await page.focus('#copy .tabs a:nth-child(3)');
  await page.keyboard.press('Enter');
  const busy = await settle(() => copyState(page), (s) => s?.busy === 'true');
  assert.deepEqual({ view: busy.view, current: busy.current, busy: busy.busy, status: busy.status, focus: busy.focus }, {
    view: 'reserves', current: ['Quotas'], busy: 'true', status: 'Loading…', focus: 'Quotas',
  }, 'chosen and busy before anything arrived');
  assert.match(busy.url, /^quotas-en\.html$/, 'the address says the view asked for');
  // The busy state is accessible as it is.
  // Evaluated, not a <script>: the page's own policy <meta> refuses inline scripts.
  await page.evaluate(readFileSync(AXE, 'utf8'));
  const violations = await page.evaluate(async () => (await window.axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })).violations.map((v) => v.id));
  assert.deepEqual(violations, [], 'axe, busy copy');

  quotasPage();
  const swapped = await settle(() => copyState(page), (s) => s?.view === 'quotas');
  assert.deepEqual({ view: swapped.view, current: swapped.current, focus: swapped.focus, busy: swapped.busy }, { view: 'quotas', current: ['Quotas'], focus: 'Quotas', busy: null },
    'the view\'s own copy, before the app, the focus still on its tab');
  assert.equal(await page.title(), 'Rare Earth Explorer: Quotas');

  wasm();
  await page.waitForFunction(() => !document.getElementById('copy'), null, { timeout: 20_000 });
  const app = await settle(() => page.evaluate(() => ({
    view: document.querySelector('[role=tabpanel]:not([hidden])')?.dataset.view,
    focus: document.activeElement?.id,
    url: new URL(location.href).searchParams.get('view'),
  })), (a) => a.view === 'quotas' && a.focus === 'tab-quotas');
  assert.deepEqual(app, { view: 'quotas', focus: 'tab-quotas', url: 'quotas' });
  assertClean(opened);
});

test('a tab tapped while the app is mounted but its view still loading is carried out by the app', TIMEOUT, async (t) => {
  // The Quotas view's code is held: the app is behind the copy, waiting for it.
  const opened = await openExplorer(t, '/quotas-en.html', { hold: [/split_quotas_view\.wasm$/] });
  const { page, releases: [quotasCode] } = opened;
  await page.waitForFunction(() => performance.getEntriesByName('explorer:mounted', 'mark').length > 0, null, { timeout: 20_000 });
  await page.click('#copy .tabs a:nth-child(5)');
  await page.waitForFunction(() => !document.getElementById('copy'), null, { timeout: 20_000 });
  assert.equal(await page.evaluate(() => document.querySelector('[role=tabpanel]:not([hidden])')?.dataset.view), 'prices');
  quotasCode();
  assertClean(opened);
});

// ---------------------------------------------------------------------------
// 5. The copy's other controls: kept, then carried out.

test('taps on the copy\'s other controls before the app runs show as busy and are carried out when it takes over', TIMEOUT, async (t) => {
  const opened = await openExplorer(t, '/reserves-en.html', { hold: [MAIN_WASM] });
  const { page, releases: [wasm] } = opened;
  await page.waitForSelector('#copy select#copy-measure');
  await page.selectOption('#copy select#copy-measure', 'share');
  await page.click('#copy .view-panel:not([hidden]) .switch button:nth-child(2)');
  await page.selectOption('#copy select#copy-theme', 'dark');
  const kept = await page.evaluate(() => ({
    busy: document.querySelector('#copy .view-panel:not([hidden])').getAttribute('aria-busy'),
    pressed: [...document.querySelectorAll('#copy .view-panel:not([hidden]) .switch button')].map((b) => b.getAttribute('aria-pressed')),
    theme: document.documentElement.dataset.theme,
    status: document.getElementById('copy-status').textContent,
  }));
  assert.deepEqual(kept, { busy: 'true', pressed: ['false', 'true'], theme: 'dark', status: 'Loading…' }, 'heard: busy, the pressed button, the theme at once');
  wasm();
  await page.waitForFunction(() => !document.getElementById('copy'), null, { timeout: 20_000 });
  const app = await settle(() => page.evaluate(() => ({
    measure: document.querySelector('select#measure')?.value,
    table: !!document.querySelector('[role=tabpanel]:not([hidden]) .table-wrap table'),
    theme: document.querySelector('select#theme')?.value,
    dark: document.documentElement.dataset.theme,
    url: Object.fromEntries(new URL(location.href).searchParams),
  })), (a) => a.table && a.url.measure === 'share' && a.url.theme === 'dark');
  assert.deepEqual({ measure: app.measure, table: app.table, theme: app.theme, dark: app.dark }, { measure: 'share', table: true, theme: 'dark', dark: 'dark' });
  assert.equal(app.url.measure, 'share');
  assert.equal(app.url.table, '1');
  assertClean(opened);
});

// ---------------------------------------------------------------------------
// 6. Intent.

test('in a frame nothing of the app comes until the reader reaches for the widget: the loader tells it when the pointer nears it, and a key or focus in it starts it too', TIMEOUT, async (t) => {
  const context = await browser.newContext({ viewport: { width: 720, height: 800 } });
  t.after(() => context.close());
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  await page.goto(env.url('iframe embed'));
  const frame = await settle(() => page.frames().find((f) => f.url().startsWith(env.explorer.origin)), (f) => !!f, 10_000);
  await frame.waitForSelector('#copy .chart', { state: 'visible' });
  await page.mouse.move(5, 5);
  await delay(2_000);
  assert.deepEqual(requests.filter((u) => MAIN_WASM.test(u)), [], 'no wasm in sight, the pointer elsewhere');
  // Above the frame, outside it: only the loader (embed.js) sees this pointer.
  const box = await page.locator('iframe[data-rare-earth-explorer]').boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y - 40, { steps: 3 });
  await settle(() => requests.filter((u) => MAIN_WASM.test(u)).length, (n) => n > 0, 10_000);
  assert.equal(requests.filter((u) => MAIN_WASM.test(u)).length, 1, 'the wasm once the pointer nears the widget');

  // A keyboard reader: the focus moving into the frame is enough.
  const keyboard = await browser.newContext({ viewport: { width: 720, height: 800 } });
  t.after(() => keyboard.close());
  const asked = [];
  keyboard.on('request', (r) => asked.push(r.url()));
  const other = await keyboard.newPage();
  await other.goto(env.url('iframe embed'));
  const inside = await settle(() => other.frames().find((f) => f.url().startsWith(env.explorer.origin)), (f) => !!f, 10_000);
  await inside.waitForSelector('#copy .tabs a', { state: 'visible' });
  await delay(1_000);
  assert.deepEqual(asked.filter((u) => MAIN_WASM.test(u)), [], 'no wasm before the focus comes');
  for (let i = 0; i < 4 && !asked.some((u) => MAIN_WASM.test(u)); i += 1) {
    await other.keyboard.press('Tab');
    await delay(300);
  }
  await settle(() => asked.filter((u) => MAIN_WASM.test(u)).length, (n) => n > 0, 10_000);
  assert.equal(asked.filter((u) => MAIN_WASM.test(u)).length, 1, 'the wasm once the focus is in the widget');
});

test('before the reader reaches for it, the copy in a frame follows a dark host page (dark=auto), as the app will', TIMEOUT, async (t) => {
  await env.page('dark.css', ':root { color-scheme: dark; }\nbody { background: #16181c; color: #e8e6e3; }\n');
  const snippet = iframeSnippet(env.explorer.origin, { view: 'prices', lang: 'zh', dark: 'auto', lazy: false, loader: false });
  // The loader comes after the frame has loaded: only a message can tell the widget.
  const url = await env.page('dark-late.html', article({ css: 'dark.css', body: `${paragraphs(1)}\n${snippet}\n${paragraphs(2)}` }));
  const context = await browser.newContext({ viewport: { width: 720, height: 800 }, colorScheme: 'light' });
  t.after(() => context.close());
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  const page = await context.newPage();
  await page.goto(url);
  const frame = await settle(() => page.frames().find((f) => f.url().startsWith(env.explorer.origin)), (f) => !!f, 10_000);
  await frame.waitForSelector('#copy .chart', { state: 'visible' });
  assert.notEqual(await frame.evaluate(() => document.documentElement.dataset.theme), 'dark', 'light before the host says');
  await page.addScriptTag({ url: `${env.explorer.origin}/embed.js` });
  const theme = await settle(() => frame.evaluate(() => document.documentElement.dataset.theme), (v) => v === 'dark', 5_000);
  assert.equal(theme, 'dark', 'the copy is dark, as the host');
  assert.deepEqual(requests.filter((u) => MAIN_WASM.test(u)), [], 'and the app never came');
});

// ---------------------------------------------------------------------------
// 7. Fetching ahead.

const parts = (paths) => paths.filter((p) => WASM_CHUNK.test(p) || ROWS_FILE.test(p));
const viewCode = (paths, view) => paths.some((p) => p.includes(`split_${view}_view`));

test('a reader who points at a tab gets that view\'s code; one who has done something gets the others when idle, each file once; under Save-Data or on 3G nothing ahead', { timeout: 180_000 }, async (t) => {
  const others = SLUGS.slice(1);
  const cases = [
    { name: 'a reader on a fast connection', init: null, ahead: true },
    { name: 'Save-Data', init: () => Object.defineProperty(navigator, 'connection', { value: { saveData: true, effectiveType: '4g' } }), ahead: false },
    { name: 'a 3G connection', init: () => Object.defineProperty(navigator, 'connection', { value: { saveData: false, effectiveType: '3g' } }), ahead: false },
  ];
  for (const c of cases) {
    const from = env.explorer.served.length;
    const served = () => env.explorer.served.slice(from);
    const { page } = await openExplorer(t, '/', { init: c.init });
    await page.waitForFunction(() => !document.getElementById('copy'), null, { timeout: 20_000 });
    await delay(2_000);
    assert.deepEqual(parts(served()), [], `${c.name}: nothing ahead before the reader does anything`);
    const target = others.at(-1);
    await page.hover(`#tab-${target}`);
    await delay(2_000);
    const hovered = parts(served());
    if (c.ahead) {
      assert.ok(viewCode(hovered, target), `${c.name}: the pointed-at tab's code (${hovered.join(', ')})`);
      assert.deepEqual(others.filter((v) => v !== target && viewCode(hovered, v)), [], `${c.name}: only that view's`);
    } else {
      assert.deepEqual(hovered, [], `${c.name}: not even for a pointed-at tab`);
    }
    // Engaged: a control of the first view changed.
    await page.selectOption('select#measure', 'share');
    if (c.ahead) {
      const all = await settle(() => parts(served()), (p) => others.every((v) => viewCode(p, v)), 15_000);
      assert.deepEqual(others.filter((v) => !viewCode(all, v)), [], `${c.name}: every other view's code once engaged`);
      await delay(1_000);
      const twice = served().filter((p, i, a) => a.indexOf(p) !== i);
      assert.deepEqual(twice, [], `${c.name}: each file over the network once`);
    } else {
      await delay(4_000);
      assert.deepEqual(parts(served()), [], `${c.name}: nothing ahead once engaged either`);
      // What the reader asks for still comes.
      await page.click(`#tab-${others[0]}`);
      await page.waitForFunction((v) => document.querySelector('[role=tabpanel]:not([hidden])')?.dataset.view === v &&
        !document.querySelector('[role=tabpanel]:not([hidden]) [aria-busy=true]'), others[0], { timeout: 15_000 });
    }
  }
});
