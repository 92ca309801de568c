// What a reader sees in each view: summaries, charts, readouts, tables and
// sources, checked against the dataset in data/*.csv, plus every control's
// round trip through the URL. The last test measures (does not judge) how
// fast charts redraw after a tab click or a control change.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp } from './lib/app.mjs';
import { SLUGS } from './lib/tabs.mjs';
import { CHART, FIGURE, assertClean, openPage, ready, settle, waitForChart } from './lib/browser.mjs';
import { readCsv } from './lib/data.mjs';

const TIMEOUT = { timeout: 60_000 };

const app = useApp();

// ---------------------------------------------------------------------------
// Dataset: the tests compare the page with the CSV files it was built from
// (readCsv of lib/data.mjs).

/** "35447.5" -> "35,447.5 t": the table format, decimals kept as the source gives them. */
function tonnes(raw) {
  const [int, frac] = raw.split('.');
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}${frac ? `.${frac}` : ''} t`;
}

// ---------------------------------------------------------------------------
// Page helpers.

/** Open a path of the app in a fresh page, closed when the test ends. */
async function open(t, path = '/') {
  const opened = await openPage(app.browser, app.url(path));
  t.after(() => opened.page.close());
  await ready(opened.page);
  return opened;
}

/** Everything a reader can see in figure `index` of the view, read in one round trip. */
function readFigure(page, index = 0) {
  return page.evaluate(
    ({ figure, index }) => {
      const norm = (s) => (s ?? '').replace(/\s+/g, ' ').trim();
      const fig = document.querySelectorAll(figure)[index];
      if (!fig) return null;
      const svg = fig.querySelector('.chart svg');
      const table = fig.querySelector('.table-wrap table');
      return {
        summary: norm(fig.querySelector('.summary')?.textContent),
        switch: [...fig.querySelectorAll('.switch button')].map((b) => ({
          text: norm(b.textContent),
          pressed: b.getAttribute('aria-pressed'),
        })),
        svg: svg?.outerHTML ?? null,
        svgTexts: svg ? [...svg.querySelectorAll('text')].map((t) => norm(t.textContent)) : [],
        circles: svg ? svg.querySelectorAll('circle').length : 0,
        readout: norm(fig.querySelector('.readout')?.textContent),
        caption: norm(table?.querySelector('caption')?.textContent),
        head: table ? [...table.querySelectorAll('thead th')].map((th) => norm(th.textContent)) : [],
        // First cell is the row header (th scope=row), then the data cells.
        rows: table
          ? [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.cells].map((c) => norm(c.textContent)))
          : [],
        rowHeadersOk: table
          ? [...table.querySelectorAll('tbody tr')].every(
              (tr) => tr.cells[0]?.tagName === 'TH' && tr.cells[0].getAttribute('scope') === 'row',
            )
          : null,
        notes: [...fig.querySelectorAll('figcaption.notes ul li')].map((li) => norm(li.textContent)),
        sources: [...fig.querySelectorAll('figcaption.notes .source-list li a')].map((a) => a.href),
      };
    },
    { figure: FIGURE, index },
  );
}

const query = (page) => new URL(page.url()).searchParams;
/** A URL parameter once the app has written it (it does when the browser is idle after a change). */
const param = async (page, key, expected) => (await settle(() => query(page).get(key), (v) => v === expected));

/** Column `col` (0 = row header) of a table, keyed by the row header. */
const column = (rows, col) => Object.fromEntries(rows.map((r) => [r[0], r[col]]));

// ---------------------------------------------------------------------------
// Reserves

test('Reserves MCS 2025: summary gives 44 Mt and 48.9 %, sources link the USGS PDF', TIMEOUT, async (t) => {
  const opened = await open(t, '/?view=reserves&edition=2025');
  const { page } = opened;
  await waitForChart(page);
  assert.equal(await page.locator('select#edition').inputValue(), '2025', 'edition restored from the URL');
  const fig = await readFigure(page);
  for (const part of ['44 Mt', '48.9 %', 'MCS 2025']) assert.ok(fig.summary.includes(part), `summary has "${part}": ${fig.summary}`);
  assert.deepEqual(fig.switch.map((b) => b.pressed), ['true', 'false'], 'Chart pressed, Table not');
  assert.ok(
    fig.sources.includes('https://pubs.usgs.gov/periodicals/mcs2025/mcs2025-rare-earths.pdf'),
    `sources link MCS 2025: ${fig.sources.join(' ')}`,
  );
  assertClean(opened);
});

test('Reserves table for MCS 2025 equals data/reserves.csv', TIMEOUT, async (t) => {
  const opened = await open(t, '/?view=reserves&edition=2025&table=1');
  const fig = await readFigure(opened.page);
  assert.deepEqual(fig.switch.map((b) => b.pressed), ['false', 'true'], 'table=1 restores the Table mode');
  assert.ok(fig.rowHeadersOk, 'each row starts with a th scope=row');
  assert.equal(fig.summary.includes('44 Mt'), true, 'summary stays in table mode');

  const reserves = column(fig.rows, 1);
  assert.equal(reserves.China, '44,000,000 t', 'China row');
  // Every country of the edition, NA where USGS gives no figure; qualifiers (">") as printed.
  const expected = Object.fromEntries(
    readCsv('reserves.csv')
      .filter((r) => r.edition === '2025')
      .map((r) => [r.country, r.reserves_t === '' ? 'NA' : `${r.qualifier}${tonnes(r.reserves_t)}`]),
  );
  assert.deepEqual(reserves, expected);
  assert.equal(fig.rows.length, Object.keys(expected).length, 'one row per country, none repeated');
  assertClean(opened);
});

test('Reserves: choosing MCS 2024 updates the URL and the summary', TIMEOUT, async (t) => {
  const opened = await open(t, '/?view=reserves&edition=2025');
  const { page } = opened;
  const before = await readFigure(page);
  await page.selectOption('select#edition', '2024');
  const after = await settle(
    () => readFigure(page),
    (f) => f.summary !== before.summary && query(page).get('edition') === '2024',
  );
  assert.equal(await param(page, 'edition', '2024'), '2024', 'edition in the URL');
  assert.notEqual(after.summary, before.summary, 'summary changed');
  assert.ok(after.summary.includes('MCS 2024'), `summary names MCS 2024: ${after.summary}`);
  assert.notEqual(after.svg, before.svg, 'chart redrawn');
  assertClean(opened);
});

test('Reserves: the share measure labels China "at most 48.9 %"', TIMEOUT, async (t) => {
  const opened = await open(t, '/?view=reserves&edition=2025');
  const { page } = opened;
  await page.selectOption('select#measure', 'share');
  // The world total is a lower bound (">90 Mt"), so a share is an upper bound.
  const fig = await settle(
    () => readFigure(page),
    (f) => f.svgTexts.includes('at most 48.9 %'),
  );
  assert.ok(fig.svgTexts.includes('at most 48.9 %'), `chart labels: ${fig.svgTexts.join(' | ')}`);
  assert.equal(await param(page, 'measure', 'share'), 'share', 'measure in the URL');
  assertClean(opened);
});

// ---------------------------------------------------------------------------
// Readout: the exact value under the mouse, the finger or the keyboard.

/** Viewport point in the middle of the first bar row (SVG y 8..38), scaled like the SVG. */
async function firstRowPoint(page) {
  return page.locator(CHART).first().evaluate((svg) => {
    const box = svg.getBoundingClientRect();
    const scale = box.height / svg.viewBox.baseVal.height;
    return { x: box.left + box.width / 2, y: box.top + 23 * scale };
  });
}

const readout = (page) => page.locator(`${FIGURE} .readout`).first().textContent().then((s) => s.replace(/\s+/g, ' ').trim());

test('Readout: hovering or tapping the China bar reads its exact reserves', TIMEOUT, async (t) => {
  const opened = await open(t, '/?view=reserves&edition=2025');
  const { page } = opened;
  await waitForChart(page);
  const hint = await readout(page);

  const { x, y } = await firstRowPoint(page);
  await page.mouse.move(x, y);
  let text = await settle(() => readout(page), (s) => s.startsWith('China:'));
  assert.ok(text.startsWith('China: 44,000,000 t REO'), `hover readout: ${text}`);

  // A mouse leaving clears the readout, so the tap below is read on its own.
  await page.mouse.move(1, 1);
  text = await settle(() => readout(page), (s) => s === hint);
  assert.equal(text, hint, 'mouse leaving restores the hint');

  // A finger: pointerdown with pointerType touch where the bar is.
  const { x: tx, y: ty } = await firstRowPoint(page);
  await page.evaluate(({ x, y }) => {
    const target = document.elementFromPoint(x, y);
    const init = { bubbles: true, cancelable: true, composed: true, clientX: x, clientY: y };
    target.dispatchEvent(new PointerEvent('pointerdown', { ...init, pointerId: 2, pointerType: 'touch', isPrimary: true }));
  }, { x: tx, y: ty });
  text = await settle(() => readout(page), (s) => s.startsWith('China:'));
  assert.ok(text.startsWith('China: 44,000,000 t REO'), `touch readout: ${text}`);
  assertClean(opened);
});

test('Readout: ArrowDown twice on the focused chart reads the Liangshan find', TIMEOUT, async (t) => {
  const opened = await open(t, '/?view=reserves&edition=2025');
  const { page } = opened;
  await waitForChart(page);
  await page.locator(`${FIGURE} .chart`).first().focus();
  // First press: China, second: the Liangshan bar drawn under it.
  await page.keyboard.press('ArrowDown');
  const first = await settle(() => readout(page), (s) => s.startsWith('China:'));
  assert.ok(first.startsWith('China: 44,000,000 t REO'), `first ArrowDown: ${first}`);
  await page.keyboard.press('ArrowDown');
  const second = await settle(() => readout(page), (s) => s.includes('Liangshan'));
  assert.ok(second.includes('Liangshan') && second.includes('4,960,000 t'), `second ArrowDown: ${second}`);
  assertClean(opened);
});

// ---------------------------------------------------------------------------
// Discoveries

test('Discoveries: the summary gives Liangshan\'s 4.96 Mt', TIMEOUT, async (t) => {
  const opened = await open(t, '/?view=discoveries');
  const fig = await readFigure(opened.page);
  assert.ok(fig.summary.includes('4.96 Mt'), `summary: ${fig.summary}`);
  assertClean(opened);
});

test('Discoveries: "internal estimate" leaves only Tanbreez in the table', TIMEOUT, async (t) => {
  const opened = await open(t, '/?view=discoveries&table=1');
  const { page } = opened;
  await page.selectOption('select#basis', 'internal-estimate');
  const fig = await settle(() => readFigure(page), (f) => f.rows.length === 1);
  assert.deepEqual(fig.rows.map((r) => r[0]), ['Tanbreez']);
  assert.equal(await param(page, 'basis', 'internal-estimate'), 'internal-estimate', 'basis in the URL');
  assertClean(opened);
});

test('Discoveries: ?country=Sweden draws the three Per Geijer estimates', TIMEOUT, async (t) => {
  const opened = await open(t, '/?view=discoveries&country=Sweden');
  const { page } = opened;
  assert.equal(await page.locator('select#country').inputValue(), 'Sweden', 'country restored from the URL');
  const chart = await readFigure(page);
  // All three are resources (circles); the legend draws one more circle, for "Resource".
  assert.ok(chart.svgTexts.includes('Resource'), `legend: ${chart.svgTexts.join(' | ')}`);
  assert.equal(chart.circles - 1, 3, 'point marks besides the legend');
  // The table says the same in words.
  await page.locator(`${FIGURE} .switch button`).nth(1).click();
  const table = await settle(() => readFigure(page), (f) => f.rows.length > 0);
  assert.equal(table.rows.length, 3, 'three table rows');
  assert.deepEqual(table.rows.map((r) => r[1]), ['Sweden', 'Sweden', 'Sweden'], 'country column');
  assert.equal(await param(page, 'table', '1'), '1', 'URL records the table mode');
  assert.equal(query(page).get('country'), 'Sweden', 'URL keeps country=Sweden');
  assertClean(opened);
});

test('Discoveries: finds sized in ore are listed off the chart (Caldeira)', TIMEOUT, async (t) => {
  const opened = await open(t, '/?view=discoveries');
  const items = (await opened.page.locator('.off-chart li').allTextContents()).map((s) => s.replace(/\s+/g, ' ').trim());
  assert.ok(
    items.some((s) => s.includes('Caldeira') && s.includes('tonnes of ore')),
    `off-chart list: ${items.join(' / ')}`,
  );
  assertClean(opened);
});

// ---------------------------------------------------------------------------
// Quotas

test('Quotas: the summary and the batches chart show the 135,000 t batch', TIMEOUT, async (t) => {
  const opened = await open(t, '/?view=quotas');
  const { page } = opened;
  const fig = await readFigure(page);
  assert.ok(fig.summary.includes('135,000'), `summary: ${fig.summary}`);
  await page.locator('input[name=quota][value=batches]').click();
  const batches = await settle(() => readFigure(page), (f) => f.svgTexts.includes('135,000'));
  assert.ok(batches.svgTexts.includes('135,000'), `batch labels: ${batches.svgTexts.join(' | ')}`);
  assert.equal(await param(page, 'quota', 'batches'), 'batches', 'quota in the URL');
  assert.ok(await page.locator('input[name=quota][value=batches]').isChecked(), 'batches radio checked');
  assertClean(opened);
});

test('Quotas table: the mining column equals data/quotas.csv', TIMEOUT, async (t) => {
  const opened = await open(t, '/?view=quotas&table=1');
  const fig = await readFigure(opened.page);
  assert.ok(fig.rowHeadersOk, 'each row starts with a th scope=row');
  const status = { not_found: 'not found', not_published: 'not published' };
  const expected = Object.fromEntries(
    readCsv('quotas.csv').map((r) => [r.year, r.status === 'published' ? tonnes(r.mining_t) : status[r.status]]),
  );
  assert.deepEqual(column(fig.rows, 1), expected);
  assert.equal(fig.rows.length, Object.keys(expected).length, 'one row per year');
  assertClean(opened);
});

test('Quotas: From 2016 To 2024 updates the URL and leaves nine years', TIMEOUT, async (t) => {
  const opened = await open(t, '/?view=quotas&table=1');
  const { page } = opened;
  await page.selectOption('select#from', '2016');
  await page.selectOption('select#to', '2024');
  const fig = await settle(() => readFigure(page), (f) => f.rows.length === 9);
  assert.deepEqual(fig.rows.map((r) => r[0]), ['2016', '2017', '2018', '2019', '2020', '2021', '2022', '2023', '2024']);
  assert.equal(await param(page, 'from', '2016'), '2016', 'from in the URL');
  assert.equal(await param(page, 'to', '2024'), '2024', 'to in the URL');
  assertClean(opened);
});

// ---------------------------------------------------------------------------
// Exports

test('Exports: the summary gives 38,755 t, +6.4 % and the price fall', TIMEOUT, async (t) => {
  const opened = await open(t, '/?view=exports');
  const fig = await readFigure(opened.page);
  for (const part of ['38,755 t', '+6.4 %', '8,826', '15,985']) {
    assert.ok(fig.summary.includes(part), `summary has "${part}": ${fig.summary}`);
  }
  assertClean(opened);
});

test('Exports annual table: volumes equal data/exports_annual.csv, both 2020 reports shown', TIMEOUT, async (t) => {
  const opened = await open(t, '/?view=exports&table=1');
  const fig = await readFigure(opened.page, 0);
  assert.ok(fig.rowHeadersOk, 'each row starts with a th scope=row');
  // One row per report, partial years included: compare year + volume as multisets.
  const key = (year, volume) => `${year} ${volume}`;
  const shown = fig.rows.map((r) => key(r[0].slice(0, 4), r[1])).sort();
  const expected = readCsv('exports_annual.csv')
    .map((r) => key(r.year, r.volume_t === '' ? '–' : tonnes(r.volume_t)))
    .sort();
  assert.deepEqual(shown, expected);
  const volumes2020 = fig.rows.filter((r) => r[0] === '2020').map((r) => r[1]);
  assert.deepEqual(volumes2020.sort(), ['27,608.3 t', '35,447.5 t'], 'both full-year 2020 reports');
  assertClean(opened);
});

test('Exports: choosing unit value updates the URL and the chart', TIMEOUT, async (t) => {
  const opened = await open(t, '/?view=exports');
  const { page } = opened;
  const before = await readFigure(page, 0);
  await page.locator('input[name=show][value=unit-value]').click();
  const after = await settle(
    () => readFigure(page, 0),
    (f) => f.svg !== before.svg && query(page).get('show') === 'unit-value',
  );
  assert.equal(await param(page, 'show', 'unit-value'), 'unit-value', 'show in the URL');
  assert.ok(await page.locator('input[name=show][value=unit-value]').isChecked(), 'unit value radio checked');
  assert.notEqual(after.svg, before.svg, 'annual chart redrawn');
  assertClean(opened);
});

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
/** "2025-01", "2025-05" -> "January–May 2025", as the page names a span of months. */
function monthSpan(from, to) {
  const [fy, fm] = from.split('-').map(Number);
  const [ty, tm] = to.split('-').map(Number);
  if (from === to) return `${MONTHS[fm - 1]} ${fy}`;
  if (fy === ty) return `${MONTHS[fm - 1]}–${MONTHS[tm - 1]} ${ty}`;
  return `${MONTHS[fm - 1]} ${fy} to ${MONTHS[tm - 1]} ${ty}`;
}

test('Exports: show=magnets draws magnets beside the headline line by month: May 2025 at 1,238 t (−74 %), April a gap the keyboard reads', TIMEOUT, async (t) => {
  const opened = await open(t, '/?view=exports');
  const { page } = opened;
  await page.locator('input[name=show][value=magnets]').click();
  assert.equal(await param(page, 'show', 'magnets'), 'magnets', 'show=magnets in the URL');
  const fig = await settle(() => readFigure(page, 0), (f) => f.summary.includes('magnet'));
  for (const part of ['1,238 t in May 2025', '−74 % on May 2024', '57,392 t', '62,585.2 t', '+12.9 %']) {
    assert.ok(fig.summary.includes(part), `summary has "${part}": ${fig.summary}`);
  }
  // Two customs lines, named as such in the legend, with the gaps labelled.
  for (const label of ['Rare earths (headline customs figure)', 'Magnets (detailed customs data)', 'no figure', '2025', '2026']) {
    assert.ok(fig.svgTexts.includes(label), `chart text "${label}": ${fig.svgTexts.join(' · ')}`);
  }
  assert.ok(fig.notes.some((n) => n.includes('never added together')), `notes: ${fig.notes.join(' | ')}`);
  assert.ok(fig.notes.some((n) => n.includes('magnets in February–April 2025')), `the gaps are listed: ${fig.notes.join(' | ')}`);
  assert.ok(!fig.svgTexts.concat(fig.notes).some((s) => s.includes('2,117')), "Bloomberg's products series is not drawn");

  // The keyboard walks the months, each line in turn: April's magnets are a gap it lands on.
  await page.locator(`${CHART}`).first().evaluate((svg) => svg.closest('.chart').focus());
  const readouts = [];
  for (let i = 0; i < 30; i++) {
    await page.keyboard.press('ArrowRight');
    const r = (await readFigure(page, 0)).readout;
    if (readouts.at(-1) === r) break;
    readouts.push(r);
  }
  assert.ok(readouts.includes('April 2025, magnets: no figure for this month alone was found'), readouts.join('\n'));
  const may = readouts.find((r) => r.startsWith('May 2025, magnets:'));
  assert.ok(may?.startsWith('May 2025, magnets: 1,238 t (−74 % on May 2024, −52.9 % on April 2025) ·'), `May's readout: ${may}`);
  const april = readouts.indexOf('April 2025, magnets: no figure for this month alone was found');
  assert.ok(readouts[april - 1].startsWith('April 2025, rare earths: 4,784.8 t'), 'the headline bar of April comes just before');
  assertClean(opened);
});

test('Exports magnets table: every world magnet month and year to date of data/magnets.csv, and the destinations', TIMEOUT, async (t) => {
  const opened = await open(t, '/?view=exports&show=magnets&table=1');
  const fig = await readFigure(opened.page, 0);
  assert.ok(fig.rowHeadersOk, 'each row starts with a th scope=row');
  const rows = Object.fromEntries(fig.rows.map((r) => [r[0], r]));
  const magnets = readCsv('magnets.csv').filter((r) => r.series === 'magnets');
  for (const r of magnets.filter((r) => r.destination === 'World')) {
    const row = rows[monthSpan(r.from, r.to)];
    assert.ok(row, `a row for ${monthSpan(r.from, r.to)}: ${Object.keys(rows).join(', ')}`);
    assert.equal(row[4], r.volume_t === '' ? '–' : tonnes(r.volume_t), `${row[0]}: magnets`);
  }
  for (const r of magnets.filter((r) => ['United States', 'Germany', 'Japan', 'India'].includes(r.destination) && r.volume_t !== '')) {
    const row = rows[monthSpan(r.from, r.to)];
    assert.ok(row?.[7].includes(`${r.destination} ${tonnes(r.volume_t)}`), `${monthSpan(r.from, r.to)}: ${r.destination} in ${row?.[7]}`);
  }
  // The months neither line gives are rows of dashes, not zeros.
  assert.deepEqual(rows['April 2025'].slice(4, 8), ['–', '–', '–', '–'], 'April 2025 magnets: a gap');
  const products = readCsv('magnets.csv').filter((r) => r.series === 'rare_earth_products').map((r) => tonnes(r.volume_t));
  assert.ok(!fig.rows.flat().some((c) => products.includes(c)), "no figure of Bloomberg's products series");
  assertClean(opened);
});

test('Exports magnets in Chinese: 1238吨, 下降74%, the month readouts and full-width punctuation', TIMEOUT, async (t) => {
  const opened = await open(t, '/?view=exports&show=magnets&lang=zh');
  const fig = await readFigure(opened.page, 0);
  for (const part of ['2025年5月降至1238吨', '较2024年5月下降74%', '57392吨', '62585.2吨']) {
    assert.ok(fig.summary.includes(part), `summary has "${part}": ${fig.summary}`);
  }
  assert.ok(!/[(:,]/.test(fig.summary), `full-width punctuation: ${fig.summary}`);
  assert.ok(fig.svgTexts.includes('稀土永磁体（海关详细数据）'), fig.svgTexts.join(' · '));
  assertClean(opened);
});

// ---------------------------------------------------------------------------
// Prices

/** "1346" -> "US$1,346/kg", the way the page prints a price. */
const usdPerKg = (raw) => `US$${raw.replace(/\B(?=(\d{3})+(?!\d))/g, ',')}/kg`;

test('Prices: the summary gives NdPr oxide at US$55/kg in 2024, against US$75/kg in 2023', TIMEOUT, async (t) => {
  const opened = await open(t, '/?view=prices');
  const fig = await readFigure(opened.page);
  for (const part of ['NdPr oxide', 'US$55/kg in 2024', 'US$75/kg in 2023', 'US$124/kg']) {
    assert.ok(fig.summary.includes(part), `summary has "${part}": ${fig.summary}`);
  }
  assert.ok(fig.sources.some((href) => href.startsWith('https://pubs.usgs.gov/')), 'links the USGS publication');
  assertClean(opened);
});

test('Prices table: each oxide\'s prices equal data/prices.csv, estimates marked', TIMEOUT, async (t) => {
  const opened = await open(t, '/?view=prices&oxide=tb&table=1');
  const fig = await readFigure(opened.page);
  const rows = readCsv('prices.csv').filter((r) => r.product === 'tb_oxide');
  assert.deepEqual(column(fig.rows, 1), Object.fromEntries(rows.map((r) => [r.year, usdPerKg(r.usd_per_kg)])));
  const estimated = fig.rows.filter((r) => r[2] !== '–').map((r) => r[0]);
  assert.deepEqual(estimated, rows.filter((r) => r.estimated === 'yes').map((r) => r.year));
  assertClean(opened);
});

test('Prices: choosing Dy oxide updates the URL and the summary', TIMEOUT, async (t) => {
  const opened = await open(t, '/?view=prices');
  const { page } = opened;
  await page.locator('select#oxide').selectOption('dy');
  const fig = await settle(() => readFigure(page), (f) => f.summary.startsWith('Dy oxide'));
  assert.equal(await param(page, 'oxide', 'dy'), 'dy', 'oxide in the URL');
  assert.ok(fig.summary.includes('US$330/kg in 2023'), fig.summary);
  assertClean(opened);
});

test('Exports leads to Prices and back, by link, focus following', TIMEOUT, async (t) => {
  const opened = await open(t, '/?view=exports&lang=zh');
  const { page } = opened;
  await page.locator('#panel-exports .view-link a').click();
  assert.equal(await param(page, 'view', 'prices'), 'prices');
  await settle(() => readFigure(page), (f) => f?.summary.includes('氧化镨钕'));
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'tab-prices', 'focus on the Prices tab');
  assert.equal(await page.getAttribute('#tab-prices', 'aria-selected'), 'true');
  assert.equal(query(page).get('lang'), 'zh', 'the language stays');
  await page.locator('#panel-prices .view-link a').click();
  assert.equal(await param(page, 'view', 'exports'), 'exports');
  assertClean(opened);
});

// ---------------------------------------------------------------------------
// Claims

test('Claims: the toggle opens every claim of data/claims.csv, one not supported', TIMEOUT, async (t) => {
  const opened = await open(t, '/');
  const { page } = opened;
  const toggle = page.locator('#claims-toggle');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'false', 'closed at first');
  await toggle.click();
  await settle(() => toggle.getAttribute('aria-expanded'), (v) => v === 'true');
  assert.equal(await toggle.getAttribute('aria-expanded'), 'true', 'aria-expanded after the click');
  const claims = page.locator('#claims-list .claim');
  // In the release build the list's code and rows come on demand (usually before the click).
  await claims.first().waitFor({ timeout: 10_000 });
  assert.equal(await claims.count(), readCsv('claims.csv').length, 'one .claim per claims.csv row');
  const verdicts = (await page.locator('#claims-list .claim .verdict').allTextContents()).map((s) => s.trim());
  assert.ok(verdicts.includes('Not supported'), `verdicts: ${verdicts.join(', ')}`);
  assert.ok(
    verdicts.every((v) => ['Confirmed', 'Needs context', 'Not supported'].includes(v)),
    `only the three verdicts: ${verdicts.join(', ')}`,
  );
  assertClean(opened);
});

test('Claims: reaching for the toggle fetches the list, built hidden until the click', TIMEOUT, async (t) => {
  const opened = await open(t, '/');
  const { page } = opened;
  const list = page.locator('#claims-list');
  assert.equal(await list.isHidden(), true, 'hidden at first');
  await page.locator('#claims-toggle').hover();
  await page.locator('#claims-list .claim').first().waitFor({ state: 'attached', timeout: 10_000 });
  assert.equal(await list.isHidden(), true, 'built, still hidden, before the click');
  await page.locator('#claims-toggle').click();
  await settle(() => list.isVisible(), (v) => v);
  assert.equal(await list.isVisible(), true, 'shown at the click');
  assert.equal(await page.locator('#claims-list .claim').count(), readCsv('claims.csv').length);
  assertClean(opened);
});

// ---------------------------------------------------------------------------
// Redraw speed: a measurement printed for people, not a pass/fail threshold
// (the machine is shared and slow). It fails only if a chart never redraws.

const REPS = 20;

test('Redraw speed after tab clicks and control changes (measured, printed)', { timeout: 180_000 }, async (t) => {
  const opened = await open(t, '/?view=reserves');
  const { page } = opened;
  // Runs in the page so that no Node <-> browser round trip is in the timing.
  const samples = await page.evaluate(
    async ({ reps, chart }) => {
      const svgNow = () => document.querySelector(chart)?.outerHTML ?? null;
      const nextFrame = () => new Promise((ok) => requestAnimationFrame(() => ok()));
      // Resolves once the (first) chart's svg differs from `before`.
      const redrawn = (before) =>
        new Promise((ok, fail) => {
          const check = () => {
            const now = svgNow();
            if (now !== null && now !== before) {
              observer.disconnect();
              clearTimeout(timer);
              ok();
            }
          };
          const observer = new MutationObserver(check);
          observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
          const timer = setTimeout(() => {
            observer.disconnect();
            fail(new Error('chart did not redraw within 5 s'));
          }, 5_000);
          check(); // the update may already have happened synchronously
        });
      // From the action to the first frame painted after the new svg is in the DOM.
      const time = async (action) => {
        const before = svgNow();
        const t0 = performance.now();
        action();
        await redrawn(before);
        await nextFrame();
        return performance.now() - t0;
      };
      const pick = (id, a, b) => () => {
        const select = document.getElementById(id);
        select.value = select.value === a ? b : a;
        select.dispatchEvent(new Event('input', { bubbles: true }));
        select.dispatchEvent(new Event('change', { bubbles: true }));
      };
      const radio = (name, a, b) => () => {
        const checked = document.querySelector(`input[name=${name}]:checked`)?.value;
        document.querySelector(`input[name=${name}][value=${checked === a ? b : a}]`).click();
      };
      const tab = (view) => () => document.getElementById(`tab-${view}`).click();

      const out = {};
      const record = async (name, action) => (out[name] ??= []).push(await time(action));

      // Tabs, round and round: each click switches to the next view.
      const views = [...document.querySelectorAll('[role=tablist] [role=tab]')].map((t) => t.id.replace(/^tab-/, ''));
      for (let i = 0; i < reps * views.length; i++) {
        const view = views[(i + 1) % views.length];
        await record(`tab ${view}`, tab(view));
      }
      // One control per view, toggled between two values.
      const controls = [
        ['reserves', 'edition', pick('edition', '2024', '2025')],
        ['discoveries', 'basis', pick('basis', 'resource', '')],
        ['quotas', 'quota', radio('quota', 'batches', 'total')],
        ['exports', 'show', radio('show', 'value', 'volume')],
      ];
      for (const [view, name, action] of controls) {
        if (document.querySelector('[role=tabpanel]:not([hidden])')?.dataset.view !== view) await time(tab(view));
        for (let i = 0; i < reps; i++) await record(`${name} (${view})`, action);
      }
      return out;
    },
    { reps: REPS, chart: CHART },
  );

  const stat = (xs) => {
    const s = [...xs].sort((a, b) => a - b);
    const median = s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    const p95 = s[Math.ceil(0.95 * s.length) - 1]; // nearest rank
    return { median, p95 };
  };
  console.log(`redraw: ${'action'.padEnd(22)} ${'n'.padStart(3)} ${'median ms'.padStart(10)} ${'p95 ms'.padStart(8)}`);
  for (const [name, xs] of Object.entries(samples)) {
    const { median, p95 } = stat(xs);
    console.log(
      `redraw: ${name.padEnd(22)} ${String(xs.length).padStart(3)} ${median.toFixed(1).padStart(10)} ${p95.toFixed(1).padStart(8)}`,
    );
  }

  assert.equal(Object.keys(samples).length, SLUGS.length + 4, 'every tab and four controls measured');
  for (const [name, xs] of Object.entries(samples)) {
    assert.equal(xs.length, REPS, `${name}: ${REPS} redraws`);
    assert.ok(xs.every((x) => Number.isFinite(x) && x >= 0), `${name}: finite times`);
  }
  assertClean(opened);
});

// ---------------------------------------------------------------------------
// What changed: the footer's corrections

/** The corrections of the latest date in data/corrections.csv: what the footer counts and lists. */
function latestCorrections() {
  const rows = readCsv('corrections.csv');
  const latest = rows.map((r) => r.changed).sort().at(-1);
  return rows.filter((r) => r.changed === latest);
}

test('Footer: "What changed (n)" leads to the latest corrections: what each figure was, is, and why', TIMEOUT, async (t) => {
  const latest = latestCorrections();
  const opened = await open(t, '/');
  const { page } = opened;
  const link = page.locator('.site-footer a.what-changed');
  assert.equal((await link.textContent()).trim(), `What changed (${latest.length})`);
  assert.equal(await link.getAttribute('href'), 'what-changed.en.html');
  await link.click();
  await page.waitForURL(/what-changed\.en\.html$/);
  const items = page.locator('.correction');
  assert.equal(await items.count(), latest.length, 'one item per correction of the latest date');
  const text = (await page.locator('main').innerText()).replace(/\s+/g, ' ');
  for (const part of ['Was: 21 Mt. Now: 11 Mt.', 'Was: US$260/kg. Now: US$257/kg.', 'Was: 3,926 ppm TREO. Now: 3,292 ppm TREO.']) {
    assert.ok(text.includes(part), `the list says "${part}": ${text}`);
  }
  for (const r of latest) assert.ok(text.includes(r.why_en.slice(0, 40)), `why for ${r.key}: ${text}`);
  assert.equal(await page.locator('script').count(), 0, 'the page runs no script');
  // And back to the explorer.
  await page.locator('main > p:last-child a').click();
  await ready(page);
  assertClean(opened);
});

test('Footer in Chinese: 数据更正（n） leads to the list in Chinese (原为/现为); in an embed it opens beside the article', TIMEOUT, async (t) => {
  const latest = latestCorrections();
  const opened = await open(t, '/?lang=zh');
  const { page } = opened;
  const link = page.locator('.site-footer a.what-changed');
  assert.equal((await link.textContent()).trim(), `数据更正（${latest.length}）`);
  assert.equal(await link.getAttribute('href'), 'what-changed.zh.html');
  const res = await fetch(app.url('/what-changed.zh.html'));
  assert.equal(res.status, 200);
  const html = await res.text();
  assert.ok(html.includes('原为：2100万吨；现为：1100万吨。'), 'the Chinese list');
  assert.ok(html.includes('<html lang="zh-Hans">'));
  assertClean(opened);

  const embed = await open(t, '/?view=exports&embed=1');
  const inFrame = embed.page.locator('.embed-footer a.what-changed');
  assert.equal(await inFrame.getAttribute('target'), '_blank', 'an embed opens the list beside the article');
  assert.equal((await inFrame.textContent()).trim(), `What changed (${latest.length})`);
  assertClean(embed);
});
