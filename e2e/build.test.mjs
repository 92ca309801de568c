// What the build writes after Trunk (src/bin/postbuild/; docs/embedding.md, "Heights", "Static and
// print", "Versions"), read from dist/: the static images of every view and language, the link
// preview card, the loader with its heights table, and the frozen copy of the widget under
// v/<version>/, which a pinned embed on another site keeps loading after the root has moved on.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { cp, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { DIST } from './lib/app.mjs';
import { assertClean, launchBrowser, openPage, ready, waitForChart, PANEL, ROWS_FILE, WASM_CHUNK } from './lib/browser.mjs';
import { PUBLIC, article, heightsTable, paragraphs, splitLoader, HOST_CSS } from './lib/host.mjs';
import { startServer } from './lib/server.mjs';
import { TABS } from './lib/tabs.mjs';

const TIMEOUT = { timeout: 90_000 };
const LANGS = ['en', 'zh'];
// The card link previews show (Open Graph's large image, 1.91:1).
const CARD = { width: 1200, height: 630 };
const CJK = /[\u4e00-\u9fff]/;

const read = (...path) => readFileSync(join(DIST, ...path));
const xml = (s) => s.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll("'", '&#39;').replaceAll('"', '&quot;');

/** Width and height from a PNG's IHDR chunk. */
function pngSize(bytes, name) {
  assert.ok(bytes.length > 24, `${name}: ${bytes.length} bytes`);
  assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], `${name}: PNG signature`);
  assert.equal(bytes.toString('latin1', 12, 16), 'IHDR', `${name}: first chunk is IHDR`);
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** The root <svg>'s width and height attributes. */
function svgSize(text, name) {
  const root = text.match(/<svg\b[^>]*>/)?.[0] ?? '';
  const attr = (a) => Number(root.match(new RegExp(`\\s${a}="(\\d+)"`))?.[1]);
  const size = { width: attr('width'), height: attr('height') };
  assert.ok(size.width > 0 && size.height > 0, `${name}: root <svg> with a width and height (${root})`);
  return size;
}

/** Every file under `dir`, as paths relative to it, except under `skip` (a top-level folder). */
function files(dir, skip) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (d === dir && e.name === skip) continue;
      if (e.isDirectory()) walk(p);
      else out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** The one version folder the build wrote, v/<version>/. */
function version() {
  const versions = existsSync(join(DIST, 'v')) ? readdirSync(join(DIST, 'v')) : [];
  assert.equal(versions.length, 1, `dist/v/ holds this build's version only: ${versions.join(', ') || 'nothing'}`);
  assert.match(versions[0], /^[0-9a-f]{8}$/, 'the version is 8 hex digits (a hash of data/)');
  return versions[0];
}

// ---------------------------------------------------------------------------
// 1. Static images.

test('static/: for every view and language an SVG, the same as a PNG at 2×, and a 1200×630 card', TIMEOUT, (t) => {
  assert.ok(TABS.length > 0, 'the page lists its views');
  for (const { slug, name } of TABS) {
    for (const lang of LANGS) {
      const stem = `static/${slug}-${lang}`;
      assert.ok(existsSync(join(DIST, `${stem}.svg`)), `${stem}.svg exists`);
      const svg = read(`${stem}.svg`).toString('utf8');
      const size = svgSize(svg, `${stem}.svg`);
      const png = pngSize(read(`${stem}.png`), `${stem}.png`);
      assert.deepEqual(png, { width: 2 * size.width, height: 2 * size.height }, `${stem}.png is ${stem}.svg at 2×`);
      const card = pngSize(read(`${stem}-social.png`), `${stem}-social.png`);
      assert.deepEqual(card, CARD, `${stem}-social.png is 1200×630`);
      const words = [...svg.matchAll(/<text\b[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]).join(' ');
      if (lang === 'zh') {
        assert.match(words, CJK, `${stem}.svg says its words in Chinese`);
      } else {
        assert.ok(words.includes(xml(name)), `${stem}.svg is titled with the tab's name "${name}"`);
      }
      t.diagnostic(`${slug}-${lang}: svg ${svg.length} B, png ${read(`${stem}.png`).length} B, card ${read(`${stem}-social.png`).length} B`);
    }
  }
});

/** The link preview's tags of a page of the build. */
function linkPreview(page) {
  const html = read(page).toString('utf8');
  const meta = (key) => html.match(new RegExp(`<meta (?:property|name)="${key}" content="([^"]*)"`))?.[1];
  const tags = [...html.matchAll(/<meta property="og:image"/g)].length;
  return { tags, image: meta('og:image'), width: meta('og:image:width'), height: meta('og:image:height'), alt: meta('og:image:alt'), card: meta('twitter:card') };
}

test('link preview: every entry page names its own view\'s card in its language, 1200×630, with its size, alt text and large-image card; index.html the first view\'s English one', TIMEOUT, () => {
  const pages = [['index.html', TABS[0].slug, 'en', TABS[0].name]];
  for (const { slug, name } of TABS) for (const lang of LANGS) pages.push([`${slug}-${lang}.html`, slug, lang, name]);
  for (const [page, slug, lang, name] of pages) {
    const p = linkPreview(page);
    assert.equal(p.tags, 1, `${page}: one og:image`);
    assert.equal(p.image, `static/${slug}-${lang}-social.png`, `${page}: og:image is its view's card in its language (relative, like every URL of the build)`);
    assert.ok(existsSync(join(DIST, p.image)), `${page}: ${p.image} exists`);
    assert.deepEqual(pngSize(read(p.image), p.image), CARD, `${p.image} is 1200×630`);
    assert.deepEqual([p.width, p.height], ['1200', '630'], `${page}: og:image:width and og:image:height`);
    if (lang === 'en') assert.ok((p.alt ?? '').includes(xml(name)), `${page}: og:image:alt names the view: ${p.alt}`);
    else assert.match(p.alt ?? '', CJK, `${page}: og:image:alt in Chinese: ${p.alt}`);
    assert.equal(p.card, 'summary_large_image', `${page}: twitter:card`);
  }
  // The cards replace the single preview image of earlier builds, and the story's images are the
  // static ones.
  assert.ok(!existsSync(join(DIST, 'preview.png')), 'no preview.png left over');
  assert.deepEqual(readdirSync(DIST).filter((f) => /^preview-.*\.svg$/.test(f)), [], 'no preview-<view>.svg left over');
});

// ---------------------------------------------------------------------------
// 2. The loader.

test('dist/embed.js: public/embed.js with public/embed-heights.json written into its placeholder', TIMEOUT, () => {
  const built = splitLoader(read('embed.js').toString('utf8'));
  const source = splitLoader(readFileSync(join(PUBLIC, 'embed.js'), 'utf8'));
  assert.notEqual(built.table, null, 'dist/embed.js keeps the /*HEIGHTS*/…/*END*/ markers');
  assert.deepEqual(JSON.parse(built.table), heightsTable(), 'the table is public/embed-heights.json');
  assert.equal(built.code, source.code, 'the rest is public/embed.js');
});

// ---------------------------------------------------------------------------
// 3. Versions.

test('v/<version>/ is a copy of every file of the build but the site\'s data-version.json', TIMEOUT, () => {
  const v = version();
  // data-version.json says which data is current: the site's, read by the frozen copies at ../../.
  assert.ok(existsSync(join(DIST, 'data-version.json')), 'the build writes data-version.json at its top');
  const root = files(DIST, 'v').filter((f) => f !== 'data-version.json');
  const copy = files(join(DIST, 'v', v));
  assert.deepEqual(copy, root, `v/${v}/ holds the same files as the build's root`);
  for (const f of root) assert.ok(read(f).equals(read('v', v, f)), `v/${v}/${f} is the root's ${f}`);
});

// A copy of dist/ in which the root has moved on: its rows file is gone and its wasm files are
// garbage, as after a deploy of newer data that renamed them. Served on 127.0.0.1; the host
// article on localhost.
const servers = [];
const dirs = [];
let browser;
after(async () => {
  await browser?.close();
  for (const s of servers) await s.close();
  for (const d of dirs) await rm(d, { recursive: true, force: true });
});

test('a pinned version keeps working while the root has newer data: a foreign page embeds v/<version>/quotas-en.html, the reader switches views, every request stays in v/<version>/', TIMEOUT, async (t) => {
  const v = version();
  const explorerDir = await mkdtemp(join(tmpdir(), 'ree-pinned-'));
  const hostDir = await mkdtemp(join(tmpdir(), 'ree-pinned-host-'));
  dirs.push(explorerDir, hostDir);
  await cp(DIST, explorerDir, { recursive: true });
  const top = await readdir(explorerDir);
  const rows = top.filter((f) => /^rare-earth-explorer-rows-.*\.txt$/.test(f));
  const wasm = top.filter((f) => f.endsWith('.wasm'));
  assert.equal(rows.length, 1, `one rows file at the root: ${rows.join(', ')}`);
  assert.ok(wasm.some((f) => f.endsWith('_bg.wasm')), 'the root has its main wasm');
  await rm(join(explorerDir, rows[0]));
  for (const f of wasm) await writeFile(join(explorerDir, f), 'not wasm: the root has moved on');
  // The new deploy says which data is current: the pinned copy reads it and says so.
  const current = JSON.parse(await readFile(join(DIST, 'data-version.json'), 'utf8'));
  assert.equal(current.version, v, 'data-version.json names this build\'s version');
  await writeFile(join(explorerDir, 'data-version.json'), JSON.stringify({ version: '0badcafe', as_of: '2027-01', corrections: 2 }));

  const explorer = await startServer({ root: explorerDir, host: '127.0.0.1' });
  servers.push(explorer);
  await writeFile(join(hostDir, 'light.css'), HOST_CSS['light.css']);
  await writeFile(join(hostDir, 'favicon.ico'), '');
  // An entry page of a view loaded on demand: its code and rows must come from the copy at once.
  const src = `${explorer.origin}/v/${v}/quotas-en.html?embed=1`;
  await writeFile(join(hostDir, 'pinned.html'), article({
    body: `${paragraphs(1)}\n<iframe src="${src}" title="Rare Earth Explorer" data-rare-earth-explorer width="100%" height="1500"></iframe>\n${paragraphs(1, 1)}`,
  }));
  const host = await startServer({ root: hostDir, host: 'localhost' });
  servers.push(host);

  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 720, height: 900 } });
  t.after(() => context.close());
  const requests = [];
  context.on('request', (r) => requests.push(r.url()));
  const opened = await openPage(browser, `${host.origin}/pinned.html`, { context });
  const frame = await (await opened.page.locator('iframe').elementHandle()).contentFrame();
  await ready(frame, { timeout: 20_000 });
  await waitForChart(frame, { timeout: 20_000 });
  assert.equal(await frame.evaluate((panel) => document.querySelector(panel)?.dataset.view, PANEL), 'quotas', 'the frame opens on Quotas');

  await frame.locator('#tab-discoveries').click();
  await waitForChart(frame, { timeout: 20_000 });
  assert.equal(await frame.evaluate((panel) => document.querySelector(panel)?.dataset.view, PANEL), 'discoveries', 'Discoveries is shown');
  await frame.waitForLoadState('networkidle');
  // One line says that newer data exists, with its date and that it corrects published figures,
  // and links the current version of this view as the full explorer, in a new tab.
  const newer = frame.locator('.newer-data');
  await newer.locator('a').waitFor({ timeout: 10_000 });
  const line = (await newer.innerText()).replace(/\s+/g, ' ').trim();
  assert.equal(line, 'Newer data is available (as of January 2027), with corrections to published figures: see the current version.');
  const link = newer.locator('a');
  assert.equal(await link.getAttribute('target'), '_blank');
  const href = new URL(await link.getAttribute('href'), src);
  assert.match(href.pathname, /^\/[a-z]+-en\.html$/, `the current (top) page, not the pinned copy: ${href}`);
  assert.equal(href.origin, explorer.origin);
  assert.ok(!href.searchParams.has('embed'), `the full explorer, not the embed: ${href}`);

  const ours = requests.map((u) => new URL(u)).filter((u) => u.origin === explorer.origin);
  // All but one: the site's data-version.json, which says newer data exists.
  const outside = ours.filter((u) => !u.pathname.startsWith(`/v/${v}/`)).map((u) => u.pathname);
  assert.deepEqual(outside, ['/data-version.json'], `every request of the frame is under /v/${v}/ but the current data's version`);
  assert.ok(ours.some((u) => ROWS_FILE.test(u.pathname)), 'the views loaded on demand fetched their rows (from the pinned copy)');
  assert.ok(ours.some((u) => WASM_CHUNK.test(u.pathname)), 'the views loaded on demand fetched their code (from the pinned copy)');
  t.diagnostic(`${ours.length} requests, all under /v/${v}/`);
  assertClean(opened, 'host page with the pinned frame');
});
