// Events on the charts (issue #22): the export controls, their widening and pause and the quota
// notices marked where they happened, as a reader meets them: on the page's chart with a label
// (numbers alone on a phone, the numbered list under the chart), reached by the keyboard, in the
// text alternative, in the build-time copy before any wasm, and in the static images. What they say
// comes from data/events.csv.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DIST, useApp } from './lib/app.mjs';
import { assertClean, openPage, ready } from './lib/browser.mjs';
import { readCsv } from './lib/data.mjs';

const TIMEOUT = { timeout: 60_000 };
const app = useApp();
const norm = (s) => (s ?? '').replace(/\s+/g, ' ').trim();
const EVENTS = readCsv('events.csv');
const APRIL = EVENTS.find((e) => e.date === '2025-04-04' && e.kind === 'control');
const WIDENED = EVENTS.find((e) => e.date === '2025-10-09' && e.kind === 'control');

async function open(t, path, width = 1024) {
  const opened = await openPage(app.browser, app.url(path), { viewport: { width, height: 900 } });
  t.after(() => opened.page.close());
  await ready(opened.page);
  return opened;
}

/** The figure `index` of the shown view: its chart's texts, its list of events, its alt text. */
function figure(page, index) {
  return page.evaluate((index) => {
    const norm = (s) => (s ?? '').replace(/\s+/g, ' ').trim();
    const fig = document.querySelectorAll('[role=tabpanel]:not([hidden]) figure.figure')[index];
    const list = fig.querySelector('ol.chart-events');
    return {
      texts: [...fig.querySelectorAll('.chart svg text')].map((e) => norm(e.textContent)),
      list: list && !list.hidden ? [...list.querySelectorAll('li')].map((li) => norm(li.textContent)) : [],
      listLabel: list?.getAttribute('aria-label'),
      alt: fig.querySelector('.chart')?.getAttribute('aria-label') ?? '',
      readout: norm(fig.querySelector('.readout')?.textContent),
    };
  }, index);
}

test('Exports: the yearly columns mark the 2025 controls with their labels, and list them under the chart', TIMEOUT, async (t) => {
  const opened = await open(t, '/?view=exports');
  const f = await figure(opened.page, 0);
  assert.ok(f.texts.includes(`1 ${APRIL.label_en}`), `the label on the chart: ${f.texts.join(' · ')}`);
  assert.ok(f.texts.includes(`2 ${WIDENED.label_en}`), `the label on the chart: ${f.texts.join(' · ')}`);
  assert.equal(f.listLabel, 'Marked on the chart');
  assert.deepEqual(f.list, [`4 April 2025: ${APRIL.text_en}`, `9 October 2025: ${WIDENED.text_en}`]);
  assert.ok(f.alt.includes(`Marked 1 on the chart, 4 April 2025: ${APRIL.text_en}`), f.alt);
  // Labels never overlap each other.
  const overlaps = await opened.page.evaluate(() => {
    const labels = [...document.querySelectorAll('[role=tabpanel]:not([hidden]) figure.figure .chart svg text')]
      .filter((e) => /^\d+( \d+)*( |$)/.test(e.textContent.trim()) && e.getClientRects().length)
      .map((e) => e.getBoundingClientRect());
    const hits = [];
    labels.forEach((a, i) => labels.slice(i + 1).forEach((b) => {
      if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1) hits.push([a.x, a.y, b.x, b.y]);
    }));
    return hits;
  });
  assert.deepEqual(overlaps, [], 'event labels overlap');
  assertClean(opened);
});

test('Exports at 320 px: the months chart numbers its events and lists them below; the keyboard lands on each', TIMEOUT, async (t) => {
  const opened = await open(t, '/?view=exports', 320);
  const { page } = opened;
  const f = await figure(page, 1);
  const exportsEvents = EVENTS.filter((e) => e.topics.split(' ').includes('exports'));
  assert.ok(f.list.length >= 5, `the list under the months: ${f.list.join(' | ')}`);
  assert.equal(f.list[0], `4 April 2025: ${APRIL.text_en}`);
  for (const item of f.list) assert.ok(exportsEvents.some((e) => item.endsWith(e.text_en)), `from events.csv: ${item}`);
  assert.ok(!f.texts.some((s) => s.includes(APRIL.label_en)), 'no labels on a phone, numbers only');
  // Every number is on the chart, alone or in a range ("2–6") where they would touch.
  const shown = new Set();
  for (const text of f.texts) {
    const m = /^(\d+)(?:–(\d+))?$/.exec(text);
    if (m) for (let n = Number(m[1]); n <= Number(m[2] ?? m[1]); n++) shown.add(n);
  }
  for (let n = 1; n <= f.list.length; n++) assert.ok(shown.has(n), `number ${n} on the chart: ${f.texts.join(' · ')}`);
  // Arrow keys walk the chart: the event is one of the stops, read out in full.
  await page.locator('[role=tabpanel]:not([hidden]) figure.figure .chart').nth(1).focus();
  const heard = [];
  for (let i = 0; i < 60; i++) {
    await page.keyboard.press('ArrowRight');
    const r = (await figure(page, 1)).readout;
    if (heard.at(-1) === r) break;
    heard.push(r);
  }
  assert.ok(heard.includes(`Marked 1 on the chart, 4 April 2025: ${APRIL.text_en}`), heard.join('\n'));
  const at = heard.indexOf(`Marked 1 on the chart, 4 April 2025: ${APRIL.text_en}`);
  // In its place in time: after April 2025's bar, before May's.
  assert.ok(heard[at - 1]?.startsWith('April 2025') && heard[at + 1]?.startsWith('May 2025'), `in its place in time: ${heard.slice(at - 1, at + 2).join(' / ')}`);
  assertClean(opened);
});

test('Chinese: the labels, the list and the readouts in Chinese', TIMEOUT, async (t) => {
  const opened = await open(t, '/?view=exports&lang=zh');
  const f = await figure(opened.page, 0);
  assert.ok(f.texts.includes(`1 ${APRIL.label_zh}`), f.texts.join(' · '));
  assert.equal(f.listLabel, '图中标注');
  assert.equal(f.list[0], `2025年4月4日：${APRIL.text_zh}`);
  assert.ok(f.alt.includes(`图中标注1，2025年4月4日：${APRIL.text_zh}`), f.alt);
  assertClean(opened);
});

test('Quotas: the notices and batches are marked on their years', TIMEOUT, async (t) => {
  const opened = await open(t, '/?view=quotas');
  const f = await figure(opened.page, 0);
  const quotas = EVENTS.filter((e) => e.topics.split(' ').includes('quotas'));
  assert.equal(f.list.length, quotas.length, f.list.join(' | '));
  assert.ok(f.list.some((i) => i.startsWith('20 August 2024: ')), 'the second 2024 batch');
  assertClean(opened);
});

test('before any wasm and without JavaScript: the copy and the static image carry the events', TIMEOUT, async (t) => {
  for (const [lang, label, item] of [['en', APRIL.label_en, `4 April 2025: ${APRIL.text_en}`], ['zh', APRIL.label_zh, `2025年4月4日：${APRIL.text_zh}`]]) {
    const html = readFileSync(join(DIST, `exports-${lang}.html`), 'utf8');
    const copy = html.slice(html.indexOf('id="copy"'));
    assert.ok(new RegExp(`>\\s*1 ${label}\\s*<`).test(copy), `exports-${lang}.html: the label in the copy's chart`);
    const escaped = item.replaceAll('&', '&amp;').replaceAll("'", '&#39;').replaceAll('"', '&quot;');
    assert.ok(copy.includes(`class="chart-events"`) && (copy.includes(item) || copy.includes(escaped)), `exports-${lang}.html: the list in the copy`);
    const svg = readFileSync(join(DIST, 'static', `exports-${lang}.svg`), 'utf8');
    assert.ok(svg.includes(`1 ${label}`), `static/exports-${lang}.svg marks the controls`);
  }
  // The copy as a reader without the wasm sees it.
  const context = await app.browser.newContext({ viewport: { width: 1024, height: 900 } });
  t.after(() => context.close());
  await context.route(/\.wasm$/, (route) => route.abort());
  const page = await context.newPage();
  await page.goto(app.url('/exports-en.html'));
  const list = await page.locator('#copy ol.chart-events li').allTextContents();
  assert.equal(norm(list[0]), `4 April 2025: ${APRIL.text_en}`);
});
