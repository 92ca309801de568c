// A newspaper's article page on another origin than the explorer, for the embed tests
// (docs/embedding.md). Three origins, as in production:
//   explorer  http://127.0.0.1:<port>  a copy of dist/ with the loader under test as /embed.js;
//   host      http://localhost:<port>  the article pages the tests write (no inline script or style);
//   third     http://127.0.0.2:<port>  anything else on the page (a forger's frame).
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { cp, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { startServer } from './server.mjs';
import { launchBrowser, openPage, ready } from './browser.mjs';
import { DIST } from './app.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
export const PUBLIC = resolve(HERE, '..', '..', 'public');
export const EXPLORER_FRAME = 'iframe[data-rare-earth-explorer]';
export const ELEMENT = 'rare-earth-explorer';

// The placeholder the build fills: `var HEIGHTS = /*HEIGHTS*/{...}/*END*/;`.
const TABLE = /\/\*HEIGHTS\*\/([\s\S]*?)\/\*END\*\//;

/** public/embed-heights.json: {"<view>-<lang>": [[320, h], [480, h], [720, h], [1024, h]], ...}. */
export function heightsTable() {
  return JSON.parse(readFileSync(join(PUBLIC, 'embed-heights.json'), 'utf8'));
}

/** The loader's code outside its table, with the table's text (null without the markers). */
export function splitLoader(text) {
  const m = text.match(TABLE);
  return { code: text.replace(TABLE, '/*HEIGHTS*//*END*/'), table: m ? m[1] : null };
}

/**
 * The loader the tests serve as /embed.js: dist/embed.js when the build made it from
 * public/embed.js (same code outside the table, and a table filled in); otherwise public/embed.js
 * with the table of public/embed-heights.json put in as the build would, and `note` says why.
 */
export function loaderUnderTest(dist = DIST) {
  const source = readFileSync(join(PUBLIC, 'embed.js'), 'utf8');
  const built = existsSync(join(dist, 'embed.js')) ? readFileSync(join(dist, 'embed.js'), 'utf8') : '';
  const b = splitLoader(built);
  const s = splitLoader(source);
  if (b.table && b.table.trim() !== '{}' && b.code === s.code) return { text: built, from: 'dist/embed.js', note: '' };
  const why = !built
    ? 'dist/ has no embed.js'
    : b.table === null
      ? 'dist/embed.js has no HEIGHTS table (an older loader)'
      : b.code !== s.code
        ? 'dist/embed.js is not the current public/embed.js'
        : 'dist/embed.js has an empty HEIGHTS table';
  const table = JSON.stringify(heightsTable());
  return {
    text: source.replace(TABLE, () => `/*HEIGHTS*/${table}/*END*/`),
    from: 'public/embed.js + public/embed-heights.json',
    note: `${why}: serving public/embed.js with the table put in`,
  };
}

// ---------------------------------------------------------------------------
// Host pages.

const LOREM = [
  'The ministry published the first batch of this year\'s mining and smelting quotas on a Friday evening, without a press release, and the figures reached traders only the following Monday, when a provincial bureau reposted the notice with a table attached.',
  'Analysts said the figures matter less than the trend: each year since 2017 has set a new record, and the share given to the two state groups that absorbed the smaller miners has grown with it, leaving almost nothing to independent producers.',
  'Processing, not mining, is where China\'s position is strongest. Separation plants elsewhere are few and small, and export controls now cover the technology to build them as well as several of the metals themselves.',
  'Companies outside China have announced new finds in the past two years, in Sweden, Brazil and the United States, though most of them are resources, not reserves: nobody has yet shown that they can be mined at a profit.',
  'A reserve is the part of a deposit that can be extracted economically with today\'s prices and techniques. Estimates change when prices do, which is why the same mine can be counted twice as large from one edition to the next.',
  'Customs data tell another part of the story: exports of magnets kept rising while exports of the oxides they are made from fell, a sign that more of the value is now added before the goods leave the country.',
];

/** `n` paragraphs of article text (about 100 px each at 720 px, 250 px at 320 px). */
export function paragraphs(n, from = 0) {
  return Array.from({ length: n }, (_, i) => `<p>${LOREM[(from + i) % LOREM.length]}</p>`).join('\n');
}

// Stylesheets of the host (files, so that a strict style-src 'self' allows them).
export const HOST_CSS = {
  'light.css': 'body { margin: 0 auto; max-width: 44rem; padding: 0 8px; font: 16px/1.5 Georgia, serif; background: #fff; color: #111; }\n',
  // Embeds from edge to edge: the frame is exactly as wide as the viewport.
  'edge.css': 'body { margin: 0; font: 16px/1.5 Georgia, serif; background: #fff; color: #111; }\nh1, p { margin: 1em 8px; }\n',
  // A dark article page that says so: the root's color-scheme is only dark.
  'dark.css': ':root { color-scheme: dark; }\n' +
    'body { margin: 0 auto; max-width: 44rem; padding: 0 8px; font: 16px/1.5 Georgia, serif; background: #16181c; color: #e8e6e3; }\n',
  // A light page that allows both schemes: only its background tells (luminance).
  'light-both.css': ':root { color-scheme: light dark; }\n' +
    'body { margin: 0 auto; max-width: 44rem; padding: 0 8px; font: 16px/1.5 Georgia, serif; background: #fbfaf6; color: #111; }\n',
  // Narrow and wide columns for the frame-width test (set by class, as a host's CSS would).
  'columns.css': 'body { margin: 0; padding: 0 8px; font: 16px/1.5 Georgia, serif; }\n' +
    '.c400 { width: 400px; } .c800 { width: 800px; } .c1100 { width: 1100px; }\n',
};

/**
 * An article page: headline, `body` (paragraphs and the embed, as the test composes them), the
 * host's stylesheet `css` and `head` (extra markup, e.g. a script file). No inline script or style.
 */
export function article({ body, css = 'light.css', head = '', title = 'Rare earths: what the numbers say' }) {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="/favicon.ico">
<link rel="stylesheet" href="/${css}">
<title>Host article</title>
${head}
</head>
<body>
<h1>${title}</h1>
${body}
</body>
</html>
`;
}

const esc = (s) => String(s).replaceAll('&', '&amp;').replaceAll('"', '&quot;').replaceAll('<', '&lt;');

/** `data-heights` for a row of the table: "320:h 480:h 720:h 1024:h". */
export const dataHeights = (row) => row.map(([w, h]) => `${w}:${h}`).join(' ');

/**
 * The table's height for a column `width` px wide (the loader's rule, docs/embedding.md): at a
 * breakpoint its entry, between two the straight line between them, outside them the end's.
 */
export function pickHeight(row, width) {
  const next = row.findIndex(([w]) => w > width);
  if (next === 0) return row[0][1];
  if (next === -1) return row.at(-1)[1];
  const [[a, b], [c, d]] = [row[next - 1], row[next]];
  return Math.round(b + ((d - b) * (width - a)) / (c - a));
}

/**
 * The iframe snippet as the Embed dialog writes it (docs/embedding.md, "What an editor pastes"):
 * the iframe, the loader (unless `loader: false`) and the noscript link. `heights`: a row of the
 * table, or null for a snippet without data-heights (then `height` is the height attribute).
 * `tabs`: the snippet with the view not locked (the dialog's lock unchecked: no `tabs=0`).
 */
export function iframeSnippet(origin, { view, lang = 'en', heights, height, dark = 'auto', lazy = true, loader = true, id, tabs = false }) {
  const params = `?view=${view}&embed=1${tabs ? '' : '&tabs=0'}${dark === null ? '' : `&dark=${dark}`}&lang=${lang}`;
  const attrs = [
    // As the Embed dialog writes it: the view's own page in the chosen language (its copy).
    `src="${esc(`${origin}/${view}-${lang}.html${params}`)}"`,
    'title="Rare Earth Explorer"',
    'data-rare-earth-explorer',
    heights ? `data-heights="${dataHeights(heights)}"` : '',
    `height="${height ?? (heights ? pickHeight(heights, 720) : 720)}"`,
    'width="100%"',
    lazy ? 'loading="lazy"' : '',
    id ? `id="${id}"` : '',
  ].filter(Boolean);
  return [
    `<iframe ${attrs.join(' ')}></iframe>`,
    loader ? `<script src="${origin}/embed.js" async></script>` : '',
    `<noscript><a href="${esc(`${origin}/?view=${view}&lang=${lang}`)}">Rare Earth Explorer</a></noscript>`,
  ].filter(Boolean).join('\n');
}

/** The custom element as an editor pastes it, with its fallback link (and the loader unless `loader: false`). */
export function elementSnippet(origin, { view, lang, dark, text = 'Rare Earth Explorer', loader = true, id, attrs = '' }) {
  const a = [
    view !== undefined ? `view="${esc(view)}"` : '',
    lang !== undefined ? `lang="${esc(lang)}"` : '',
    dark !== undefined ? `dark="${esc(dark)}"` : '',
    id ? `id="${id}"` : '',
    attrs,
  ].filter(Boolean);
  const href = `${origin}/?view=${encodeURIComponent(view ?? 'reserves')}&lang=${encodeURIComponent(lang ?? 'en')}`;
  return [
    `<${ELEMENT}${a.length ? ' ' + a.join(' ') : ''}>`,
    `  <a href="${esc(href)}">${esc(text)}</a>`,
    `</${ELEMENT}>`,
    loader ? `<script src="${origin}/embed.js" async></script>` : '',
  ].filter(Boolean).join('\n');
}

// ---------------------------------------------------------------------------
// Servers and browser.

/**
 * Registers the test file's `before`/`after` hooks: checks the build, copies dist/ with the loader
 * under test as /embed.js, starts the explorer, host and third servers and Chromium; closes all of
 * them after the last test. `host.page(name, html)` writes an article and returns its URL;
 * `host.serve(headers)` starts one more host server (same files, another port) for a test.
 */
export function useHost() {
  const env = {
    explorer: undefined,
    host: undefined,
    third: undefined,
    browser: undefined,
    loader: undefined,
    heights: undefined,
    dirs: {},
    async page(name, html) {
      await writeFile(join(env.dirs.host, name), html);
      return new URL(name, env.host.origin).href;
    },
    async thirdPage(name, html) {
      await writeFile(join(env.dirs.third, name), html);
      return new URL(name, env.third.origin).href;
    },
    async serve(headers) {
      const server = await startServer({ root: env.dirs.host, host: 'localhost', headers });
      env.extra.push(server);
      return server;
    },
    extra: [],
  };
  before(async () => {
    assert.ok(
      existsSync(join(DIST, 'index.html')),
      `${join(DIST, 'index.html')} not found: run \`trunk build --release\` first or set DIST_DIR`,
    );
    env.heights = heightsTable();
    env.loader = loaderUnderTest(DIST);
    for (const name of ['explorer', 'host', 'third']) env.dirs[name] = await mkdtemp(join(tmpdir(), `ree-${name}-`));
    await cp(DIST, env.dirs.explorer, { recursive: true });
    await writeFile(join(env.dirs.explorer, 'embed.js'), env.loader.text);
    for (const [name, text] of Object.entries(HOST_CSS)) await writeFile(join(env.dirs.host, name), text);
    // Chromium asks every origin for /favicon.ico; an empty one keeps the console clean.
    await writeFile(join(env.dirs.host, 'favicon.ico'), '');
    await writeFile(join(env.dirs.third, 'favicon.ico'), '');
    env.explorer = await startServer({ root: env.dirs.explorer, host: '127.0.0.1' });
    env.host = await startServer({ root: env.dirs.host, host: 'localhost' });
    env.third = await startServer({ root: env.dirs.third, host: '127.0.0.2' });
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    for (const s of [env.explorer, env.host, env.third, ...env.extra]) await s?.close();
    for (const dir of Object.values(env.dirs)) await rm(dir, { recursive: true, force: true });
  });
  return env;
}

/**
 * Opens `url` in a fresh context (closed when the test ends). `init` scripts run before the
 * page's own, in every frame (guard with `window === top` for the host only). Besides openPage()'s
 * record, `requests` lists the URL of every request of the page and its frames from the start.
 */
export async function openHost(t, env, url, { viewport = { width: 720, height: 800 }, colorScheme = 'light', init = [], contextOptions = {} } = {}) {
  const context = await env.browser.newContext({ viewport, colorScheme, ...contextOptions });
  t.after(() => context.close());
  for (const script of init) await context.addInitScript(script);
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  return { ...(await openPage(env.browser, url, { context })), requests };
}

/** The Frame of the explorer iframe `selector` (or its handle) once loaded from the explorer and ready. */
export async function explorerFrame(env, page, selector = EXPLORER_FRAME, { timeout = 20_000 } = {}) {
  const handle = typeof selector === 'string' ? await page.locator(selector).elementHandle({ timeout }) : selector;
  const end = Date.now() + timeout;
  let frame = await handle.contentFrame();
  while (!frame?.url().startsWith(env.explorer.origin) && Date.now() < end) {
    await delay(100);
    frame = await handle.contentFrame();
  }
  assert.ok(frame?.url().startsWith(env.explorer.origin), `explorer frame loaded from ${env.explorer.origin}: ${frame?.url()}`);
  await ready(frame, { timeout: Math.max(1_000, end - Date.now()) });
  return frame;
}

/** What the widget reports as its height (src/shell/host.rs): the larger of body scroll and offset height. */
export const widgetHeight = (frame) => frame.evaluate(() => Math.max(document.body.scrollHeight, document.body.offsetHeight));

/**
 * The iframe's inner height (its viewport for the widget: without the 2 px border an iframe has
 * unless the host's CSS removes it) and the widget's own height, read together.
 */
export async function frameHeights(page, frame, selector = EXPLORER_FRAME) {
  const [iframe, widget] = await Promise.all([
    page.locator(selector).evaluate((f) => f.clientHeight),
    widgetHeight(frame),
  ]);
  return { iframe, widget };
}
