// Accessibility, theme and small-screen checks on the built app: axe-core
// (WCAG 2.2 AA rules) in every view, theme, mode and chart/table state; a
// keyboard-only walk with visible focus; no sideways scrolling on phones and
// chart labels that stay readable (not overprinted, not cut off); contrast of
// the page and the chart in both themes; 24 px targets; language and theme
// switching; and no motion when the reader asks for none.
//
// Where the app fails, the failure message names the rule, the element and
// the state it was found in, so it can be fixed in the app (not in the test).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { useApp } from './lib/app.mjs';
import { CHART, FIGURE, assertClean, openPage, ready, settle } from './lib/browser.mjs';
import { SLUGS, TABS } from './lib/tabs.mjs';

// Resolved from e2e/node_modules, the pinned axe-core of package.json.
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
// The views as the page lists them (lib/tabs.mjs).
const VIEWS = SLUGS;
const TIMEOUT = { timeout: 60_000 };
const LONG = { timeout: 240_000 };

const app = useApp();

// ---------------------------------------------------------------------------
// Page helpers (same shape as views.test.mjs).

/** Open a path of the app in a fresh page, closed when the test ends. */
async function open(t, path = '/', options = {}) {
  const opened = await openPage(app.browser, app.url(path), options);
  t.after(() => opened.page.close());
  await ready(opened.page);
  return opened;
}

/** Load another URL in the same page (a full load, so every state starts from the URL). */
async function go(page, path) {
  await page.goto(app.url(path), { waitUntil: 'load' });
  await ready(page);
}

const query = (page) => new URL(page.url()).searchParams;

/** "/?view=quotas&theme=dark" from parts; undefined and false values are left out. */
function appPath(params) {
  const q = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== false) q.set(key, value);
  return `/?${q}`;
}

// ---------------------------------------------------------------------------
// axe-core

/**
 * Run axe on the whole document with the WCAG 2.0–2.2 A/AA rules. The script
 * tag is gone after each navigation, so it is injected on demand.
 * `incomplete` lists what axe could not decide (needs a person), for the log only.
 * @returns {Promise<{passes: number, incomplete: string[], violations: Array<{id: string, impact: string, help: string, helpUrl: string, nodes: Array<{target: string[], summary: string}>}>}>}
 */
async function audit(page) {
  // Evaluated, not a <script>: the page's own policy <meta> refuses inline scripts.
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) await page.evaluate(readFileSync(AXE, 'utf8'));
  return page.evaluate(async (tags) => {
    const result = await window.axe.run(document, { runOnly: { type: 'tag', values: tags } });
    return {
      passes: result.passes.length,
      incomplete: result.incomplete.map((v) => `${v.id} ×${v.nodes.length}`),
      violations: result.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target.map(String), summary: (n.failureSummary ?? '').replace(/\s+/g, ' ').trim() })),
      })),
    };
  }, AXE_TAGS);
}

/** Audit and log what axe checked; the violations are returned for assertNoViolations. */
async function auditLogged(t, page, where) {
  const { passes, incomplete, violations } = await audit(page);
  // A run that checked nothing (axe not injected, empty page) must not look like a clean one.
  assert.ok(passes > 10, `${where}: axe ran (${passes} rules passed)`);
  t.diagnostic(`axe ${where}: ${passes} rules passed, ${violations.length} violated; needs review: ${incomplete.join(', ') || 'none'}`);
  return { where, violations };
}

/** One violation, readable in a test failure: rule, impact, help, the first few elements and why. */
function describeViolation(where, v) {
  const nodes = v.nodes
    .slice(0, 3)
    .map((n) => `      ${n.target.join(' >> ')}\n        ${n.summary.slice(0, 300)}`)
    .join('\n');
  const more = v.nodes.length > 3 ? `\n      … and ${v.nodes.length - 3} more` : '';
  return `  [${where}] ${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} element(s)\n${nodes}${more}\n      ${v.helpUrl}`;
}

function assertNoViolations(found) {
  const lines = found.flatMap(({ where, violations }) => violations.map((v) => describeViolation(where, v)));
  assert.equal(lines.length, 0, `axe found ${lines.length} violation(s):\n${lines.join('\n')}`);
}

// ---------------------------------------------------------------------------
// Colour and contrast (WCAG 2 relative luminance).

/** "#rgb", "#rrggbb", "rgb(r, g, b)", "rgba(r, g, b, a)" or "rgb(r g b / a)" -> {r, g, b, a}; null for none/transparent. */
function parseColor(text) {
  const s = String(text ?? '').trim().toLowerCase();
  if (s === '' || s === 'none' || s === 'transparent') return null;
  let m = s.match(/^#([0-9a-f]{3}|[0-9a-f]{6})$/);
  if (m) {
    const hex = m[1].length === 3 ? [...m[1]].map((c) => c + c).join('') : m[1];
    return { r: parseInt(hex.slice(0, 2), 16), g: parseInt(hex.slice(2, 4), 16), b: parseInt(hex.slice(4, 6), 16), a: 1 };
  }
  m = s.match(/^rgba?\(\s*([\d.]+)[\s,]+([\d.]+)[\s,]+([\d.]+)(?:\s*[,/]\s*([\d.]+%?))?\s*\)$/);
  if (m) {
    let a = m[4] === undefined ? 1 : parseFloat(m[4]);
    if (m[4]?.endsWith('%')) a /= 100;
    return a === 0 ? null : { r: +m[1], g: +m[2], b: +m[3], a };
  }
  throw new Error(`unparsed colour: ${text}`);
}

/** A translucent colour as seen over an opaque background. */
const over = (fg, bg) => ({
  r: fg.r * fg.a + bg.r * (1 - fg.a),
  g: fg.g * fg.a + bg.g * (1 - fg.a),
  b: fg.b * fg.a + bg.b * (1 - fg.a),
  a: 1,
});

function luminance({ r, g, b }) {
  const lin = (c) => {
    const v = c / 255;
    return v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function contrast(fgText, bgText) {
  const bg = parseColor(bgText);
  const fg = over(parseColor(fgText), bg);
  const [hi, lo] = [luminance(fg), luminance(bg)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

// ---------------------------------------------------------------------------
// Focus: where it is and whether a sighted keyboard user can see it.

/**
 * The focused element, described, with its focus indicator and whether it is
 * covered. A visually hidden radio shows its ring on the `span` after it, so
 * that span is what is measured there.
 */
function readFocus(page) {
  return page.evaluate(() => {
    const describe = (el) => {
      if (!el || el === document.body) return 'body';
      const id = el.id ? `#${el.id}` : '';
      const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      const text = (el.getAttribute('aria-label') || el.textContent || '').replace(/\s+/g, ' ').trim().slice(0, 40);
      return `${el.tagName.toLowerCase()}${id}${cls}${text ? ` "${text}"` : ''}`;
    };
    const el = document.activeElement;
    if (!el || el === document.body) return { desc: 'body', id: '', tag: 'body' };
    const shown = el.matches('.segment input') ? el.nextElementSibling : el;
    const style = getComputedStyle(shown);
    // The first line box: a link that wraps has an empty gap at its bounding box's centre.
    const box = shown.getClientRects()[0] ?? shown.getBoundingClientRect();
    const x = box.left + box.width / 2;
    const y = box.top + box.height / 2;
    const hit = document.elementFromPoint(x, y);
    return {
      desc: describe(el),
      id: el.id,
      tag: el.tagName.toLowerCase(),
      role: el.getAttribute('role'),
      inDialog: !!el.closest('dialog[open]'),
      outlineStyle: style.outlineStyle,
      outlineWidth: parseFloat(style.outlineWidth) || 0,
      outlineColor: style.outlineColor,
      boxShadow: style.boxShadow,
      size: { width: box.width, height: box.height },
      inViewport: x >= 0 && y >= 0 && x <= innerWidth && y <= innerHeight,
      covered: !(hit && (hit === shown || shown.contains(hit) || el.contains(hit))),
      coveredBy: hit && !(hit === shown || shown.contains(hit) || el.contains(hit)) ? describe(hit) : null,
    };
  });
}

/** Problems with the focus indicator of one focused element, as sentences (empty: fine). */
function focusProblems(f) {
  const problems = [];
  const ring = f.outlineStyle !== 'none' && f.outlineWidth >= 2;
  const shadow = f.boxShadow && f.boxShadow !== 'none';
  if (!ring && !shadow) {
    problems.push(`${f.desc}: no visible focus indicator (outline ${f.outlineStyle} ${f.outlineWidth}px, box-shadow ${f.boxShadow})`);
  }
  if (f.size.width === 0 || f.size.height === 0) problems.push(`${f.desc}: focused but has no size`);
  else if (!f.inViewport) problems.push(`${f.desc}: focused but its centre is outside the viewport`);
  else if (f.covered) problems.push(`${f.desc}: hidden behind ${f.coveredBy}`);
  return problems;
}

/**
 * Press Tab until the focused element matches `selector` (or `max` presses),
 * checking the focus indicator at every stop on the way.
 * @returns {Promise<{focus: object, stops: string[], problems: string[]}>}
 */
async function tabTo(page, selector, { max = 60, shift = false } = {}) {
  const stops = [];
  const problems = [];
  for (let i = 0; i < max; i++) {
    await page.keyboard.press(shift ? 'Shift+Tab' : 'Tab');
    const focus = await readFocus(page);
    stops.push(focus.desc);
    problems.push(...focusProblems(focus));
    if (await page.evaluate((sel) => document.activeElement?.matches(sel) ?? false, selector)) {
      return { focus, stops, problems };
    }
  }
  assert.fail(`Tab never reached ${selector} in ${max} presses; focus went: ${stops.join(' → ')}`);
}

// ---------------------------------------------------------------------------
// 1. axe: every view × theme × mode × chart/table, then dialogs, claims and Chinese.

for (const theme of ['light', 'dark']) {
  for (const embed of [false, true]) {
    for (const table of [false, true]) {
      const label = `${theme}, ${embed ? 'embed' : 'page'}, ${table ? 'table' : 'chart'}`;
      // One page per combination; views are switched by URL, which is the fastest full reset.
      test(`axe: no WCAG 2.2 AA violations in every view (${label})`, LONG, async (t) => {
        const found = [];
        let opened;
        for (const view of VIEWS) {
          const path = appPath({ view, theme, embed: embed && '1', table: table && '1' });
          if (!opened) opened = await open(t, path);
          else await go(opened.page, path);
          const { page } = opened;
          assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), theme, `${path}: data-theme`);
          found.push(await auditLogged(t, page, `${view}, ${label}`));
        }
        assertNoViolations(found);
        assertClean(opened);
      });
    }
  }
}

/** Open a dialog by its action button and wait until it is modal and open. */
async function openDialog(page, buttonName) {
  await page.locator('.actions button', { hasText: buttonName }).first().click();
  await page.waitForSelector('dialog[open]', { timeout: 5_000 });
}

for (const name of ['Embed', 'Cite']) {
  test(`axe: no violations with the ${name} dialog open`, TIMEOUT, async (t) => {
    const opened = await open(t, '/?view=reserves');
    await openDialog(opened.page, name);
    assertNoViolations([await auditLogged(t, opened.page, `reserves, ${name} dialog open`)]);
    assertClean(opened);
  });
}

test('axe: no violations with the claims panel open', TIMEOUT, async (t) => {
  const opened = await open(t, '/?view=reserves');
  const { page } = opened;
  await page.locator('#claims-toggle').click();
  await page.waitForSelector('#claims-list .claim');
  assertNoViolations([await auditLogged(t, page, 'reserves, claims open')]);
  assertClean(opened);
});

test('axe: no violations in Chinese (lang=zh)', TIMEOUT, async (t) => {
  const opened = await open(t, '/?lang=zh');
  assertNoViolations([await auditLogged(t, opened.page, 'reserves, lang=zh')]);
  assertClean(opened);
});

// ---------------------------------------------------------------------------
// 2. Keyboard only, from the top of the page to the Embed dialog and back.

const readout = (page) =>
  page.locator(`${FIGURE} .readout`).first().textContent().then((s) => s.replace(/\s+/g, ' ').trim());

test('keyboard walk: tabs, controls, chart readout and the Embed dialog, with visible focus', { timeout: 90_000 }, async (t) => {
  const opened = await open(t, '/');
  const { page } = opened;
  const problems = [];
  const walk = [];
  const check = (focus) => {
    walk.push(focus.desc);
    problems.push(...focusProblems(focus));
  };

  // Tab from the top: theme, language, then the selected tab (the others have tabindex=-1).
  let step = await tabTo(page, '[role=tab]');
  walk.push(...step.stops);
  problems.push(...step.problems);
  assert.equal(step.focus.id, 'tab-reserves', `first tab stop in the tablist: ${step.stops.join(' → ')}`);

  // Arrow keys move focus and selection together (automatic activation).
  const tabState = () =>
    page.evaluate(() => ({
      focused: document.activeElement?.id,
      selected: [...document.querySelectorAll('[role=tab][aria-selected=true]')].map((tab) => tab.id),
      tabbable: [...document.querySelectorAll('[role=tab]')].filter((tab) => tab.tabIndex === 0).map((tab) => tab.id),
      view: new URL(location.href).searchParams.get('view'),
    }));
  for (const [key, view] of [['ArrowRight', SLUGS[1]], ['End', SLUGS.at(-1)], ['Home', SLUGS[0]]]) {
    await page.keyboard.press(key);
    const s = await settle(tabState, (s) => s.focused === `tab-${view}` && s.view === view && s.selected[0] === `tab-${view}`);
    assert.equal(s.focused, `tab-${view}`, `${key}: focus`);
    assert.deepEqual(s.selected, [`tab-${view}`], `${key}: aria-selected`);
    assert.deepEqual(s.tabbable, [`tab-${view}`], `${key}: only the selected tab has tabindex=0`);
    assert.equal(s.view, view, `${key}: URL view=`);
    check(await readFocus(page));
  }
  await ready(page);

  // Into the panel: the edition select comes first, the chart after the Chart/Table switch.
  step = await tabTo(page, 'select#edition', { max: 1 });
  walk.push(...step.stops);
  problems.push(...step.problems);
  step = await tabTo(page, `${FIGURE} .chart`, { max: 10 });
  walk.push(...step.stops);
  problems.push(...step.problems);

  await page.keyboard.press('ArrowDown');
  const text = await settle(() => readout(page), (s) => s.startsWith('China:'));
  assert.ok(text.startsWith('China: 44,000,000 t REO'), `ArrowDown on the chart: readout "${text}"`);
  check(await readFocus(page)); // the chart keeps focus (and its ring) while stepping

  // On through the notes' source links to the Embed button.
  step = await tabTo(page, '.actions button:nth-of-type(2)', { max: 60 });
  walk.push(...step.stops);
  problems.push(...step.problems);
  assert.match(step.focus.desc, /"Embed"/, 'second action is Embed');

  await page.keyboard.press('Enter');
  await page.waitForSelector('dialog[open]', { timeout: 5_000 });
  const inDialog = await settle(() => readFocus(page), (f) => f.inDialog);
  assert.ok(inDialog.inDialog, `focus moves into the open dialog, not ${inDialog.desc}`);
  check(inDialog);

  await page.keyboard.press('Escape');
  const closed = await settle(
    () => page.evaluate(() => ({ open: document.querySelectorAll('dialog[open]').length, focus: document.activeElement?.textContent.trim() })),
    (s) => s.open === 0 && s.focus === 'Embed',
  );
  assert.equal(closed.open, 0, 'Escape closes the dialog');
  assert.equal(closed.focus, 'Embed', 'focus returns to the Embed button');
  check(await readFocus(page));

  t.diagnostic(`focus walk: ${walk.join(' → ')}`);
  assert.deepEqual([...new Set(problems)], [], 'focus indicator problems along the walk');
  assertClean(opened);
});

// ---------------------------------------------------------------------------
// 3. Small screens: no sideways page scroll (a table may scroll inside .table-wrap).

/**
 * The page's overflow and, if any, the innermost elements that reach past the
 * right edge: by their box, or by content spilling out of a box that does not
 * clip it (a long unbreakable line in a paragraph of the right width).
 */
function readOverflow(page) {
  return page.evaluate(() => {
    const width = window.innerWidth;
    const sticksOut = (el) => {
      if (el.closest('.table-wrap, .visually-hidden, dialog:not([open])')) return false;
      const box = el.getBoundingClientRect();
      if (box.width === 0) return false;
      if (box.right > width + 0.5) return true;
      // scrollWidth means nothing inside an svg (it is scaled as a whole), only for HTML boxes.
      if (!(el instanceof HTMLElement)) return false;
      return getComputedStyle(el).overflowX === 'visible' && box.left + el.scrollWidth > width + 0.5;
    };
    const culprits = [...document.body.querySelectorAll('*')]
      .filter((el) => sticksOut(el) && ![...el.children].some(sticksOut))
      .slice(0, 5)
      .map((el) => {
        const cls = typeof el.className === 'string' && el.className ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
        const box = el.getBoundingClientRect();
        const text = el.textContent.replace(/\s+/g, ' ').trim().slice(0, 40);
        return `${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls} "${text}" (box ${Math.round(box.left)}–${Math.round(box.right)}, content to ${Math.round(box.left + el.scrollWidth)})`;
      });
    return { scrollWidth: document.documentElement.scrollWidth, innerWidth: width, culprits };
  });
}

for (const width of [320, 375, 768, 1280]) {
  test(`no sideways scrolling at ${width} px in any view, chart or table`, LONG, async (t) => {
    const failures = [];
    let opened;
    for (const view of VIEWS) {
      for (const table of [false, true]) {
        const path = appPath({ view, table: table && '1' });
        if (!opened) opened = await open(t, path, { viewport: { width, height: 800 } });
        else await go(opened.page, path);
        const { page } = opened;
        const o = await readOverflow(page);
        if (o.scrollWidth > o.innerWidth) {
          failures.push(`${path}: scrollWidth ${o.scrollWidth} > innerWidth ${o.innerWidth}; sticking out: ${o.culprits.join(', ') || '?'}`);
        }
        // Kept outside the repository, for a person to look at.
        if (width === 320 && !table) await page.screenshot({ path: `/tmp/a11y-320-${view}.png`, fullPage: true });
      }
    }
    assert.deepEqual(failures, [], `sideways scrolling at ${width} px`);
    assertClean(opened);
  });
}

/**
 * Chart labels that collide with each other or run off the chart's edge (the
 * svg clips them), in screen pixels. Text boxes include the line's leading, so
 * they are shrunk by 2 px across the line before comparing: labels of adjacent
 * rows that merely share leading do not count, labels that touch along the
 * line ("40 Mt60 Mt") do.
 */
function readLabelClashes(page) {
  return page.evaluate((chart) =>
    [...document.querySelectorAll(chart)].flatMap((svg, i) => {
      const edge = svg.getBoundingClientRect();
      const labels = [...svg.querySelectorAll('text')].map((el) => {
        const r = el.getBoundingClientRect();
        // Vertical labels ("not found", "n/r") carry their leading left and right.
        const upright = !/rotate\(\s*-?(90|270)\b/.test(el.getAttribute('transform') ?? '');
        const [dx, dy] = upright ? [0, 2] : [2, 0];
        return { text: el.textContent.trim(), box: r, inner: { left: r.left + dx, right: r.right - dx, top: r.top + dy, bottom: r.bottom - dy } };
      });
      const out = [];
      for (let a = 0; a < labels.length; a++) {
        for (let b = a + 1; b < labels.length; b++) {
          const [A, B] = [labels[a].inner, labels[b].inner];
          const w = Math.min(A.right, B.right) - Math.max(A.left, B.left);
          const h = Math.min(A.bottom, B.bottom) - Math.max(A.top, B.top);
          if (w > 0 && h > 0) out.push(`chart ${i + 1}: "${labels[a].text}" overlaps "${labels[b].text}" (${w.toFixed(1)} × ${h.toFixed(1)} px)`);
        }
      }
      for (const { text, box } of labels) {
        const cut = Math.max(edge.left - box.left, box.right - edge.right);
        if (cut > 1) out.push(`chart ${i + 1}: "${text}" runs ${cut.toFixed(0)} px off the ${box.left < edge.left ? 'left' : 'right'} edge`);
      }
      return out;
    }),
  CHART);
}

// Every view, and the control states that draw other series, labels or colours.
const CHART_STATES = [
  'reserves',
  'reserves&measure=share',
  'reserves&measure=years',
  'discoveries',
  'quotas',
  'quotas&quota=split',
  'quotas&quota=batches',
  'exports',
  'exports&show=value',
  'exports&show=unit-value',
  'prices',
  'prices&oxide=tb',
];

// What the screenshots showed at 320 px, made checkable: an overprinted or cut
// label is unreadable however large the page.
for (const width of [320, 375, 768, 1280]) {
  test(`chart labels neither overlap nor run off the chart at ${width} px`, LONG, async (t) => {
    const failures = [];
    let opened;
    for (const state of CHART_STATES) {
      const path = `/?view=${state}`;
      if (!opened) opened = await open(t, path, { viewport: { width, height: 800 } });
      else await go(opened.page, path);
      for (const clash of await readLabelClashes(opened.page)) failures.push(`${path}: ${clash}`);
    }
    assert.deepEqual(failures, [], `chart labels at ${width} px`);
    assertClean(opened);
  });
}

// ---------------------------------------------------------------------------
// 4. Contrast of the page, the chart and the focus ring, in both themes.

/**
 * Every mark colour (filled shape, or outline of a hollow bar) and every text
 * colour of the view's charts, with the chart background. axe leaves SVG text
 * undecided ("overlapped by another element"), so this is the check for it.
 * A label drawn on top of a filled shape is measured against that shape.
 */
function readChartColours(page) {
  return page.evaluate((chart) =>
    [...document.querySelectorAll(chart)].map((svg, index) => {
      // plotters paints the background as the first full-size rect.
      const bg = svg.querySelector('rect')?.getAttribute('fill');
      const same = (a, b) => (a ?? '').toLowerCase() === (b ?? '').toLowerCase();
      const filled = (el) => {
        const fill = el.getAttribute('fill');
        return fill && !same(fill, 'none') && !same(fill, bg);
      };
      const marks = new Set();
      const shapes = [];
      for (const el of svg.querySelectorAll('rect, circle, polygon')) {
        const stroke = el.getAttribute('stroke');
        if (filled(el)) {
          marks.add(`${el.tagName} fill ${el.getAttribute('fill')}`);
          shapes.push(el);
        } else if (same(el.getAttribute('fill') ?? 'none', 'none') && stroke && !same(stroke, 'none')) {
          marks.add(`${el.tagName} stroke ${stroke}`);
        }
      }
      const texts = new Map();
      for (const text of svg.querySelectorAll('text')) {
        const fill = text.getAttribute('fill') || getComputedStyle(text).fill;
        const b = text.getBBox();
        const [cx, cy] = [b.x + b.width / 2, b.y + b.height / 2];
        // The last filled shape painted before the text under its centre, if any.
        const under = shapes
          .filter((el) => el.compareDocumentPosition(text) & Node.DOCUMENT_POSITION_FOLLOWING)
          .filter((el) => {
            const r = el.getBBox();
            return cx >= r.x && cx <= r.x + r.width && cy >= r.y && cy <= r.y + r.height;
          })
          .pop();
        const on = under ? under.getAttribute('fill') : bg;
        const key = `${fill} on ${on}`;
        if (!texts.has(key)) texts.set(key, { fill, on, example: text.textContent.trim().slice(0, 30) });
      }
      return { index, bg, marks: [...marks], texts: [...texts.values()] };
    }),
  CHART);
}

for (const theme of ['light', 'dark']) {
  test(`${theme} theme: text, chart marks, chart labels and the focus ring have enough contrast`, LONG, async (t) => {
    const failures = [];
    // The lowest ratio seen per kind, logged so a near miss is visible before it fails.
    const lowest = {};
    const note = (kind, ratio, what) => {
      if (!lowest[kind] || ratio < lowest[kind].ratio) lowest[kind] = { ratio, what };
    };
    const opened = await open(t, `/?theme=${theme}`);
    const { page } = opened;

    const body = await page.evaluate(() => {
      const s = getComputedStyle(document.body);
      return { bg: s.backgroundColor, ink: s.color };
    });
    const bodyRatio = contrast(body.ink, body.bg);
    note('body text', bodyRatio, `${body.ink} on ${body.bg}`);
    if (bodyRatio < 4.5) failures.push(`body text ${body.ink} on ${body.bg}: ${bodyRatio.toFixed(2)}:1 < 4.5:1`);

    // The focus ring is drawn outside the element (outline-offset), so it sits on the page background.
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('Tab');
      const f = await readFocus(page);
      const ratio = contrast(f.outlineColor, body.bg);
      note('focus ring', ratio, `${f.desc} ${f.outlineColor}`);
      if (ratio < 3) failures.push(`focus ring of ${f.desc}: ${f.outlineColor} on ${body.bg}: ${ratio.toFixed(2)}:1 < 3:1`);
    }

    for (const view of CHART_STATES) {
      await go(page, `/?view=${view}&theme=${theme}`);
      for (const c of await readChartColours(page)) {
        const where = `${view} chart ${c.index + 1} (background ${c.bg})`;
        assert.ok(parseColor(c.bg), `${where}: a background rect with a fill`);
        assert.ok(c.marks.length > 0, `${where}: marks found`);
        for (const mark of c.marks) {
          const colour = mark.split(' ').pop();
          const ratio = contrast(colour, c.bg);
          note('chart mark', ratio, `${view}: ${mark} on ${c.bg}`);
          if (ratio < 3) failures.push(`${where}: ${mark}: ${ratio.toFixed(2)}:1 < 3:1`);
        }
        for (const { fill, on, example } of c.texts) {
          const ratio = contrast(fill, on);
          note('chart text', ratio, `${view}: ${fill} on ${on}, e.g. "${example}"`);
          if (ratio < 4.5) failures.push(`${where}: text ${fill} on ${on} (e.g. "${example}"): ${ratio.toFixed(2)}:1 < 4.5:1`);
        }
      }
    }
    for (const [kind, { ratio, what }] of Object.entries(lowest)) t.diagnostic(`${theme} lowest ${kind}: ${ratio.toFixed(2)}:1 (${what})`);
    assert.deepEqual(failures, [], `${theme} theme contrast`);
    assertClean(opened);
  });
}

// ---------------------------------------------------------------------------
// 5. Targets of at least 24 × 24 CSS px (WCAG 2.2, 2.5.8).

const TARGETS = ['.actions', '.switch', '.tabs', '.controls', '.settings']
  .flatMap((box) => ['button', 'select', '.segment span', 'a'].map((el) => `${box} ${el}`))
  .join(', ');
// In the open Embed dialog; a checkbox's target is its whole label, as a radio's is its span.
const DIALOG_TARGETS = 'dialog[open] button, dialog[open] select, dialog[open] label.check, dialog[open] a';

/** Size of every rendered element matching `selector`; a closed dialog's controls are not targets. */
function readTargets(page, selector) {
  return page.evaluate(
    (selector) =>
      [...document.querySelectorAll(selector)]
        .filter((el) => el.getClientRects().length > 0)
        .map((el) => {
          const box = el.getBoundingClientRect();
          const group = el.closest('dialog, .actions, .switch, .tabs, .controls, .settings');
          const name = group.tagName === 'DIALOG' ? 'dialog' : group.className.split(' ')[0];
          const text = (el.textContent || el.getAttribute('aria-label') || el.id).replace(/\s+/g, ' ').trim().slice(0, 30);
          return { what: `${name} ${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''} "${text}"`, width: box.width, height: box.height };
        }),
    selector,
  );
}

for (const width of [1280, 320]) {
  test(`targets in actions, switch, tabs, controls, settings and the Embed dialog are at least 24 × 24 px at ${width} px`, LONG, async (t) => {
    const measured = [];
    let opened;
    for (const view of VIEWS) {
      const path = `/?view=${view}`;
      if (!opened) opened = await open(t, path, { viewport: { width, height: 800 } });
      else await go(opened.page, path);
      for (const target of await readTargets(opened.page, TARGETS)) measured.push({ ...target, view });
    }
    await openDialog(opened.page, 'Embed');
    const inDialog = await readTargets(opened.page, DIALOG_TARGETS);
    assert.ok(inDialog.length >= 4, `Embed dialog targets found (${inDialog.length})`);
    for (const target of inDialog) measured.push({ ...target, view: 'exports, Embed dialog' });

    const failures = measured
      .filter((tg) => tg.width < 24 || tg.height < 24)
      .map((tg) => `${tg.view}: ${tg.what} is ${tg.width.toFixed(1)} × ${tg.height.toFixed(1)} px`);
    const smallest = measured.reduce((a, b) => (Math.min(b.width, b.height) < Math.min(a.width, a.height) ? b : a));
    t.diagnostic(`${measured.length} targets; smallest: ${smallest.view}: ${smallest.what} ${smallest.width.toFixed(1)} × ${smallest.height.toFixed(1)} px`);
    assert.ok(measured.length > 40, `found the targets (${measured.length})`);
    assert.deepEqual(failures, [], 'targets smaller than 24 × 24 px');
    assertClean(opened);
  });
}

// ---------------------------------------------------------------------------
// 6. Language.

const readLang = (page) =>
  page.evaluate((figure) => ({
    lang: document.documentElement.getAttribute('lang'),
    tabs: [...document.querySelectorAll('[role=tab]')].map((tab) => tab.textContent.trim()),
    summary: document.querySelector(`${figure} .summary`)?.textContent.replace(/\s+/g, ' ').trim(),
    marker: window.__marker,
  }), FIGURE);

test('?lang=zh shows Chinese; the language button switches to English without a reload', TIMEOUT, async (t) => {
  const opened = await open(t, '/?lang=zh');
  const { page } = opened;
  const zh = await readLang(page);
  assert.equal(zh.lang, 'zh-Hans', '<html lang>');
  assert.equal(zh.tabs.length, TABS.length, 'every tab');
  assert.equal(zh.tabs[0], '储量', 'the first tab in Chinese');
  assert.ok(zh.tabs.every((name) => /[\u4e00-\u9fff]/.test(name)), `tab names in Chinese: ${zh.tabs}`);
  assert.ok(zh.summary.includes('4400万吨'), `Reserves summary: ${zh.summary}`);

  await page.evaluate(() => {
    window.__marker = 1; // a reload would wipe this
  });
  await page.locator('.lang-switch').click();
  const en = await settle(() => readLang(page), (s) => s.lang === 'en' && s.tabs[0] === 'Reserves');
  assert.equal(en.lang, 'en', '<html lang> after the switch');
  assert.deepEqual(en.tabs, TABS.map((t) => t.name), 'tab names after the switch');
  assert.ok(en.summary.includes('44 Mt'), `English summary: ${en.summary}`);
  assert.equal(en.marker, 1, 'no reload');
  assertClean(opened);
});

// ---------------------------------------------------------------------------
// 7. Theme.

const readTheme = (page) =>
  page.evaluate((chart) => ({
    theme: document.documentElement.dataset.theme,
    body: getComputedStyle(document.body).backgroundColor,
    chartBg: document.querySelector(chart)?.querySelector('rect')?.getAttribute('fill'),
  }), CHART);

const isDark = (colour) => luminance(parseColor(colour)) < 0.05;

test('the theme select switches to dark and the chart redraws dark', TIMEOUT, async (t) => {
  const opened = await open(t, '/?theme=light');
  const { page } = opened;
  const light = await readTheme(page);
  assert.equal(light.theme, 'light');
  assert.ok(!isDark(light.chartBg), `light chart background ${light.chartBg}`);

  await page.selectOption('select#theme', 'dark');
  const dark = await settle(() => readTheme(page), (s) => s.theme === 'dark' && isDark(s.chartBg ?? '#fff'));
  assert.equal(dark.theme, 'dark', 'data-theme');
  assert.ok(isDark(dark.body), `page background ${dark.body}`);
  assert.ok(isDark(dark.chartBg), `chart background rect ${dark.chartBg}`);
  assert.ok(contrast(dark.chartBg, dark.body) < 1.1, `chart background ${dark.chartBg} matches the page ${dark.body}`);
  assertClean(opened);
});

test('theme auto follows prefers-color-scheme, live and at load; an explicit theme wins', TIMEOUT, async (t) => {
  const opened = await open(t, '/');
  const { page } = opened;
  await page.emulateMedia({ colorScheme: 'light' });
  assert.equal((await settle(() => readTheme(page), (s) => s.theme === 'light')).theme, 'light', 'auto, system light');

  await page.emulateMedia({ colorScheme: 'dark' });
  let s = await settle(() => readTheme(page), (s) => s.theme === 'dark' && isDark(s.chartBg ?? '#fff'));
  assert.equal(s.theme, 'dark', 'auto follows the system turning dark, without a reload');
  assert.ok(isDark(s.chartBg), `chart redrawn dark: ${s.chartBg}`);

  await page.reload();
  await ready(page);
  s = await readTheme(page);
  assert.equal(s.theme, 'dark', 'auto, system dark, at load');
  assert.ok(isDark(s.chartBg), `chart dark at load: ${s.chartBg}`);

  await go(page, '/?theme=light');
  assert.equal((await readTheme(page)).theme, 'light', 'theme=light beats a dark system');
  assertClean(opened);
});

// ---------------------------------------------------------------------------
// 8. Reduced motion: nothing animates or transitions.

test('prefers-reduced-motion: no animation or transition runs', TIMEOUT, async (t) => {
  const opened = await open(t, '/');
  const { page } = opened;
  await page.emulateMedia({ reducedMotion: 'reduce' });
  // Record every CSS animation/transition start from the first byte of the next load.
  await page.addInitScript(() => {
    window.__motion = [];
    for (const type of ['transitionrun', 'animationstart']) {
      document.addEventListener(type, (e) => window.__motion.push(`${type} ${e.propertyName ?? e.animationName} on ${e.target.tagName}`), true);
    }
  });
  await page.reload();
  await ready(page);
  assert.equal(await page.evaluate(() => matchMedia('(prefers-reduced-motion: reduce)').matches), true, 'media emulated');

  const running = [];
  const look = async (after) => {
    const list = await page.evaluate(() =>
      document.getAnimations().map((a) => `${a.constructor.name} ${a.animationName ?? a.transitionProperty ?? ''} on ${a.effect?.target?.tagName}`),
    );
    if (list.length) running.push(`${after}: ${list.join(', ')}`);
  };
  await look('load');
  await page.locator('#tab-discoveries').click();
  await ready(page);
  await look('tab click');
  await page.locator(`${FIGURE} .switch button`).nth(1).click();
  await look('table switch');
  await page.locator(`${FIGURE} .switch button`).nth(0).click();
  await ready(page);
  await look('chart switch');
  await page.locator(`${FIGURE} .chart`).first().focus();
  await page.keyboard.press('ArrowRight');
  await look('chart arrow key');
  await page.locator(`${FIGURE} .chart`).first().hover();
  await look('chart hover');
  await openDialog(page, 'Embed');
  await look('dialog open');
  await page.keyboard.press('Escape');
  await look('dialog close');
  await page.locator('#claims-toggle').click();
  await look('claims open');
  await page.selectOption('select#theme', 'dark');
  await look('theme change');

  assert.deepEqual(running, [], 'document.getAnimations() after interactions');
  assert.deepEqual(await page.evaluate(() => window.__motion), [], 'transition/animation events');
  assertClean(opened);
});
