// Walking skeleton: the built app boots, its four views are reachable by tab
// and by URL, and hostile URLs fall back to the default view without breaking.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp } from './lib/app.mjs';
import { CHART, PANEL, ROWS_FILE, WASM_CHUNK, assertClean, openPage, settle, waitForChart } from './lib/browser.mjs';
import { TABS } from './lib/tabs.mjs';

// The tabs as the page lists them (lib/tabs.mjs); the first is the default view.
const VIEWS = TABS.map((t) => t.name);
const FIRST = VIEWS[0];
const TIMEOUT = { timeout: 60_000 };

const app = useApp();

/** Open a path of the app in a fresh page, closed when the test ends. */
async function open(t, path = '/') {
  const opened = await openPage(app.browser, app.url(path));
  t.after(() => opened.page.close());
  return opened;
}

/**
 * Booted means the chart is painted and late requests (e.g. favicon) are done.
 * Stricter than lib's ready() (chart or table): every page here opens on a chart.
 */
async function ready(page) {
  await waitForChart(page);
  await page.waitForLoadState('networkidle');
}

/** Everything the tab tests look at, read in one round trip. */
function readState(page) {
  return page.evaluate((chart) => {
    const lists = document.querySelectorAll('[role=tablist]');
    // One panel per tab; the ones not selected are hidden (kept built, so switching back is instant).
    const panels = document.querySelectorAll('[role=tabpanel]:not([hidden])');
    return {
      tablists: lists.length,
      tabs: [...(lists[0]?.querySelectorAll('[role=tab]') ?? [])].map((tab) => ({
        id: tab.id,
        text: tab.textContent.replace(/\s+/g, ' ').trim(),
        selected: tab.getAttribute('aria-selected'),
        controls: tab.getAttribute('aria-controls'),
        panelLabelledBy: document.getElementById(tab.getAttribute('aria-controls'))?.getAttribute('aria-labelledby'),
      })),
      panels: [...panels].map((panel) => ({
        id: panel.id,
        labelledBy: panel.getAttribute('aria-labelledby'),
        view: panel.getAttribute('data-view'),
      })),
      chart: document.querySelector(chart)?.outerHTML ?? null,
      marker: window.__marker,
    };
  }, CHART);
}

const selectedTexts = (state) => state.tabs.filter((t) => t.selected === 'true').map((t) => t.text);

function assertView(state, name) {
  assert.deepEqual(selectedTexts(state), [name], 'exactly the expected tab is selected');
  assert.equal(state.panels.length, 1, 'one visible tabpanel');
  assert.equal(state.panels[0].view, TABS.find((t) => t.name === name)?.slug, 'panel data-view');
}

test('loads without errors, with a title and a Rare Earth heading', TIMEOUT, async (t) => {
  const opened = await open(t);
  const { page } = opened;
  await ready(page);
  assertClean(opened);
  assert.notEqual((await page.title()).trim(), '', 'document title');
  const h1 = page.locator('h1');
  assert.equal(await h1.count(), 1, 'one h1');
  assert.match(await h1.textContent(), /Rare Earth/);
});

test('tabs follow the ARIA tabs pattern', TIMEOUT, async (t) => {
  const { page } = await open(t);
  await ready(page);
  const state = await readState(page);
  assert.equal(state.tablists, 1, 'one tablist');
  assert.deepEqual(state.tabs.map((tab) => tab.text), VIEWS);
  const selected = state.tabs.filter((tab) => tab.selected === 'true');
  assert.equal(selected.length, 1, 'one selected tab');
  assert.notEqual(selected[0].id, '', 'selected tab has an id');
  assert.equal(state.panels.length, 1, 'one visible tabpanel');
  assert.equal(state.panels[0].labelledBy, selected[0].id, 'panel is labelled by the selected tab');
  assert.equal(selected[0].controls, state.panels[0].id, 'the selected tab controls the visible panel');
  for (const tab of state.tabs) {
    assert.equal(tab.panelLabelledBy, tab.id, `${tab.id} controls a panel labelled by it`);
  }
});

test('clicking each tab switches view, URL and chart without reloading', TIMEOUT, async (t) => {
  const opened = await open(t);
  const { page } = opened;
  await ready(page);
  // A full page load would wipe this; client-side navigation keeps it.
  await page.evaluate(() => {
    window.__marker = 1;
  });

  let previousChart = null;
  for (const [index, name] of VIEWS.entries()) {
    const view = TABS[index].slug;
    const tab = page.locator('[role=tablist] [role=tab]').nth(index);
    assert.equal((await tab.textContent()).trim(), name);
    await tab.click();

    const state = await settle(
      () => readState(page),
      (s) =>
        s.panels[0]?.view === view &&
        selectedTexts(s).join() === name &&
        new URL(page.url()).searchParams.get('view') === view &&
        (previousChart === null || s.chart !== previousChart),
    );
    assertView(state, name);
    assert.deepEqual(
      state.tabs.map((tab) => tab.selected),
      VIEWS.map((v) => (v === name ? 'true' : 'false')),
      'aria-selected on every tab',
    );
    assert.equal(state.panels[0].labelledBy, state.tabs[index].id, 'panel labelled by the new tab');
    assert.equal(new URL(page.url()).searchParams.get('view'), view, 'view query parameter');
    assert.equal(state.marker, 1, 'window.__marker survives: no full page reload');

    await waitForChart(page);
    // Exports has two charts (years and months): compare the first.
    const chart = await page.locator(CHART).first().evaluate((svg) => svg.outerHTML);
    if (previousChart !== null) assert.notEqual(chart, previousChart, `${name} chart differs from the previous one`);
    previousChart = chart;
  }
  assertClean(opened);
});

for (const { slug: view, name } of TABS) {
  test(`deep link /?view=${view} opens ${name}`, TIMEOUT, async (t) => {
    const opened = await open(t, `/?view=${view}`);
    await ready(opened.page);
    assertView(await readState(opened.page), name);
    assertClean(opened);
  });
}

const HOSTILE = [
  '/?view=',
  '/?view=nonsense',
  '/?view=%3Cscript%3Ealert(1)%3C%2Fscript%3E',
  '/?view=quotas&view=exports',
  '/?view=' + 'x'.repeat(5000),
  // View names are lowercase; anything else is unknown, not a synonym.
  '/?foo=bar&view=EXPORTS',
  // U+202E RIGHT-TO-LEFT OVERRIDE
  '/?view=%E2%80%AE',
];

for (const path of HOSTILE) {
  const label = path.length > 60 ? `${path.slice(0, 40)}… (${path.length} chars)` : path;
  test(`hostile URL ${label} falls back to the first view`, TIMEOUT, async (t) => {
    const opened = await open(t, path);
    const { page } = opened;
    await ready(page);
    assertView(await readState(page), FIRST);
    assertClean(opened);
    assert.ok(await page.locator('#panic-message').isHidden(), '#panic-message absent or hidden');
  });
}

test('switching views rebuilds nothing: the page keeps the same elements over many switches', TIMEOUT, async (t) => {
  const opened = await open(t);
  const { page } = opened;
  await ready(page);
  const tabs = page.locator('[role=tablist] [role=tab]');
  const round = async () => {
    for (let i = 1; i <= VIEWS.length; i += 1) {
      await tabs.nth(i % VIEWS.length).click();
      await waitForChart(page);
    }
  };
  const count = () =>
    page.evaluate(() => ({
      elements: document.getElementsByTagName('*').length,
      figures: document.querySelectorAll('[role=tabpanel] figure.figure').length,
      visible: document.querySelectorAll('[role=tabpanel]:not([hidden])').length,
    }));
  await round(); // every view built once
  const first = await count();
  for (let i = 0; i < 5; i += 1) await round();
  const later = await count();
  // Exports has two figures (years and months); every other view one.
  assert.equal(first.figures, VIEWS.length + 1, 'every view built, each once');
  assert.deepEqual(later, first, 'same elements after five more rounds');
  assert.equal(later.visible, 1, 'one panel visible');
  assertClean(opened);
});

test('a view shown again after the window changed size draws at the new width', TIMEOUT, async (t) => {
  const { page } = await open(t);
  await ready(page);
  const tab = (name) => page.locator(`#tab-${name}`);
  await tab('quotas').click();
  await waitForChart(page);
  await tab('reserves').click();
  await waitForChart(page);
  // Quotas is built and hidden while the window shrinks to a phone's width.
  await page.setViewportSize({ width: 360, height: 740 });
  await tab('quotas').click();
  await waitForChart(page);
  const width = await settle(
    () => page.locator(CHART).first().evaluate((svg) => svg.getBoundingClientRect().width),
    (w) => w <= 360,
  );
  assert.ok(width <= 360, `the chart fits the narrow window (${width} px)`);
  const drawnFor = await page.locator(CHART).first().evaluate((svg) => Number(svg.getAttribute('width')));
  assert.ok(drawnFor <= 360, `and is drawn for it, not scaled down from the wide layout (${drawnFor})`);
});

test('a language switch keeps every choice the reader made', TIMEOUT, async (t) => {
  const { page } = await open(t, '/?view=reserves&edition=2025&measure=share');
  await ready(page);
  const choices = () =>
    page.evaluate(() =>
      ['edition', 'measure'].map((id) => {
        const select = document.getElementById(id);
        return { id, value: select.value, shown: select.options[select.selectedIndex]?.text };
      }),
    );
  assert.deepEqual(await choices(), [
    { id: 'edition', value: '2025', shown: 'MCS 2025' },
    { id: 'measure', value: 'share', shown: 'Share of world' },
  ]);
  await page.locator('.lang-switch').click();
  const zh = await settle(choices, (c) => c[1].shown !== 'Share of world');
  assert.deepEqual(zh.map((c) => c.value), ['2025', 'share'], 'same values in Chinese');
  assert.notEqual(zh[1].shown, 'Share of world', 'the labels are translated');
  await page.selectOption('#edition', '2024');
  await page.locator('.lang-switch').click();
  const back = await settle(choices, (c) => c[1].shown === 'Share of world');
  assert.deepEqual(back, [
    { id: 'edition', value: '2024', shown: 'MCS 2024 (partial)' },
    { id: 'measure', value: 'share', shown: 'Share of world' },
  ]);
});

test('a trap in the wasm shows the "stopped working" line instead of a frozen page', TIMEOUT, async (t) => {
  const { page } = await open(t);
  await ready(page);
  assert.ok(await page.locator('#panic-message').isHidden(), 'hidden while the explorer runs');
  // The release build compiles a Rust panic to a bare trap; this is how it reaches the page.
  await page.evaluate(() => {
    const error = new WebAssembly.RuntimeError('unreachable');
    dispatchEvent(new ErrorEvent('error', { error, message: error.message }));
  });
  assert.ok(await page.locator('#panic-message').isVisible(), 'the message is shown');
  assert.match(await page.locator('#panic-message').innerText(), /stopped working/);
});

test('a view whose code cannot be fetched says so, and "Try again" loads it', TIMEOUT, async (t) => {
  // The release build fetches the code of Discoveries, Quotas and Exports on demand (the wasm
  // chunks next to the main `_bg.wasm`): a reader who went offline after the first view loaded
  // gets a clear line and a button instead of an empty panel.
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
  t.after(() => context.close());
  const fetched = [];
  await context.route(WASM_CHUNK, (route) => {
    fetched.push(route.request().url());
    return route.abort('internetdisconnected');
  });
  const { page } = await openPage(app.browser, app.url('/'), { context });
  await ready(page);

  await page.getByRole('tab', { name: 'Quotas' }).click();
  const alert = page.locator(`${PANEL} [role=alert]`);
  await alert.waitFor({ timeout: 10_000 });
  assert.match(await alert.innerText(), /could not be loaded/);
  assert.ok(fetched.length > 0, 'the code of the view was requested and refused');
  assert.equal(await page.locator(CHART).count(), 0, 'no chart without its code');

  await context.unroute(WASM_CHUNK);
  await alert.getByRole('button', { name: 'Try again' }).click();
  await waitForChart(page);
  assert.equal(await page.locator(`${PANEL} [role=alert]`).count(), 0, 'the line goes once the view is there');
  assert.match(await page.locator(`${PANEL} .summary`).first().innerText(), /quota/i);
});

test('the other views\' rows come with the first of them, and a damaged copy is refused', TIMEOUT, async (t) => {
  // The first view's rows are in the wasm; the others are a text file fetched with the first other
  // view a reader opens. Cut short in transit, it must give the "could not be loaded" line, never
  // a chart drawn from half the rows.
  const context = await app.browser.newContext({ viewport: { width: 1280, height: 800 } });
  t.after(() => context.close());
  // A reader who asked to save data: no fetching on idle (copy.test.mjs tests that), so the file
  // comes only when a view needs it.
  await context.addInitScript(() => Object.defineProperty(navigator, 'connection', { value: { saveData: true } }));
  const requested = [];
  await context.route(ROWS_FILE, async (route) => {
    requested.push(route.request().url());
    const response = await route.fetch();
    const body = await response.text();
    return route.fulfill({ response, body: body.slice(0, body.length - 3) });
  });
  const { page } = await openPage(app.browser, app.url('/'), { context });
  await ready(page);
  await page.waitForTimeout(500);
  assert.equal(requested.length, 0, 'the first view does not fetch the other rows');

  await page.getByRole('tab', { name: 'Finds and resources' }).click();
  const alert = page.locator(`${PANEL} [role=alert]`);
  await alert.waitFor({ timeout: 10_000 });
  assert.match(await alert.innerText(), /could not be loaded/);
  assert.equal(requested.length, 1, 'the rows were requested once');
  assert.equal(await page.locator(CHART).count(), 0, 'no chart from a damaged file');

  await context.unroute(ROWS_FILE);
  await alert.getByRole('button', { name: 'Try again' }).click();
  await waitForChart(page);
  assert.equal(await page.locator(`${PANEL} [role=alert]`).count(), 0, 'the line goes once the view is there');
  assert.match(await page.locator(`${PANEL} .summary`).first().innerText(), /4\.96/);
  // Quotas and Exports read the rows already here.
  for (const name of ['Quotas', 'Exports']) {
    await page.getByRole('tab', { name }).click();
    await waitForChart(page);
  }
  assert.match(await page.locator(`${PANEL} .summary`).first().innerText(), /6\.4/);
});

test('footer links to the sources and credits USGS', TIMEOUT, async (t) => {
  const { page } = await open(t);
  await ready(page);
  // Only the page footer counts: a <footer> inside a figure or section is a caption, not the credits.
  const footers = await page.evaluate(() =>
    [...document.querySelectorAll('footer')]
      .filter((f) => !f.parentElement.closest('article, aside, main, nav, section'))
      .map((f) => ({ links: f.querySelectorAll('a[href^="http"]').length, text: f.textContent })),
  );
  assert.equal(footers.length, 1, 'one page footer');
  assert.ok(footers[0].links >= 3, `at least three external links, found ${footers[0].links}`);
  assert.match(footers[0].text, /USGS/);
});
