// The security contract (docs/embedding.md, "Security contract"), tried as the review of issue #24
// tried it: the loader on host pages of another origin whose markup shadows document and window
// names, frames of a third origin that carry the explorer's mark, Datawrapper's older listener with
// two explorers on a page; ?static on a host that answers unknown paths with index.html; a tampered
// rows file; the policy every page carries; the versioned loader with its integrity hash; and the
// build's supply chain (the toolchain and the locked installs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as delay } from 'node:timers/promises';
import { DIST } from './lib/app.mjs';
import { assertClean, openPage, ready, settle } from './lib/browser.mjs';
import { ELEMENT, article, explorerFrame, frameHeights, openHost, paragraphs, useHost } from './lib/host.mjs';
import { startServer } from './lib/server.mjs';
import { SLUGS } from './lib/tabs.mjs';

const TIMEOUT = { timeout: 90_000 };
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const K = 'rare-earth-explorer';
const FIT = 2; // px: an iframe against its widget's own height
const env = useHost();

/** Sixteen hex digits of the SHA-384 of `bytes`: how the build names a file by its content. */
const contentHash = (bytes) => createHash('sha384').update(bytes).digest('hex').slice(0, 16);
const sri = (bytes) => `sha384-${createHash('sha384').update(bytes).digest('base64')}`;

/** Every page of the build (`*.html`, the versions' copies included), as paths under dist/. */
function pages(dir = DIST) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.html')) out.push(relative(dir, p));
    }
  };
  walk(dir);
  return out.sort();
}

/** The content of `<meta name="…">` in a page's text. */
const meta = (html, name) => html.match(new RegExp(`<meta name="${name}" content="([^"]*)">`))?.[1];

const actionButton = (page, name) => page.locator('.actions').first().getByRole('button', { name, exact: true });

/** A copy of dist/ in a temporary folder, removed when the test ends. */
async function distCopy(t) {
  const dir = await mkdtemp(join(tmpdir(), 'ree-security-'));
  t.after(() => rm(dir, { recursive: true, force: true }));
  await cp(DIST, dir, { recursive: true });
  return dir;
}

async function serve(t, options) {
  const server = await startServer(options);
  t.after(() => server.close());
  return server;
}

// ---------------------------------------------------------------------------
// 1. The loader's own address and guard, against markup on the host page.

test('markup cannot forge the loader\'s address: <img name="currentScript"> on the host, the element still frames the explorer', TIMEOUT, async (t) => {
  await env.thirdPage('forged.svg', '<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>');
  const forged = `<img name="currentScript" src="${env.third.origin}/forged.svg" alt="">`;
  const body = `${forged}\n${paragraphs(1)}\n<${ELEMENT} view="quotas" lang="en"><a href="${env.explorer.origin}/?view=quotas">Rare Earth Explorer</a></${ELEMENT}>\n` +
    `<script src="${env.explorer.origin}/embed.js" async></script>\n${paragraphs(2)}`;
  const url = await env.page('clobber-address.html', article({ body }));
  const host = await openHost(t, env, url);
  const { page, requests } = host;
  const src = await settle(() => page.locator(`${ELEMENT} iframe`).evaluate((f) => f.src).catch(() => ''), (s) => s !== '', { timeout: 10_000 });
  assert.ok(src.startsWith(`${env.explorer.origin}/quotas-en.html?`), `the element frames the explorer's own page: ${src}`);
  const frame = await explorerFrame(env, page, `${ELEMENT} iframe`);
  const h = await settle(() => frameHeights(page, frame, `${ELEMENT} iframe`), (h) => Math.abs(h.iframe - h.widget) <= FIT, { timeout: 10_000 });
  assert.ok(Math.abs(h.iframe - h.widget) <= FIT, `sized to the widget: ${JSON.stringify(h)}`);
  const third = requests.filter((r) => r.startsWith(env.third.origin) && !r.endsWith('/forged.svg') && !r.endsWith('/favicon.ico'));
  assert.deepEqual(third, [], 'nothing but the shadowing image itself was asked of the third origin');
  assertClean(host, 'host page');
});

test('markup cannot switch the loader off or blind it: the guard\'s and the document\'s names shadowed on the host', TIMEOUT, async (t) => {
  // Each a name the loader used to read from window or document, where named elements shadow it.
  const shadows = ['__rareEarthExplorerEmbed', 'querySelectorAll', 'createElement', 'documentElement', 'body']
    .map((n) => `<img name="${n}" src="/favicon.ico" alt="">`).join('\n');
  const body = `${shadows}\n${paragraphs(1)}\n<${ELEMENT} view="prices" lang="zh"><a href="${env.explorer.origin}/?view=prices&amp;lang=zh">Rare Earth Explorer</a></${ELEMENT}>\n` +
    `<script src="${env.explorer.origin}/embed.js" async></script>\n${paragraphs(2)}`;
  const url = await env.page('clobber-guard.html', article({ body }));
  const host = await openHost(t, env, url);
  const { page } = host;
  const frame = await explorerFrame(env, page, `${ELEMENT} iframe`);
  assert.ok(frame.url().startsWith(`${env.explorer.origin}/prices-zh.html?`), frame.url());
  const h = await settle(() => frameHeights(page, frame, `${ELEMENT} iframe`), (h) => Math.abs(h.iframe - h.widget) <= FIT, { timeout: 10_000 });
  assert.ok(Math.abs(h.iframe - h.widget) <= FIT, `sized to the widget: ${JSON.stringify(h)}`);
  assertClean(host, 'host page');
});

// ---------------------------------------------------------------------------
// 3. Datawrapper's older listener: each explorer has its own key.

// The listener older Datawrapper embeds put on article pages (still on many sites): for each key
// of the message, the first iframe whose id is datawrapper-chart-<key> or whose address contains
// the key gets the height, whichever frame sent it. This copy records what it did.
const OLD_DATAWRAPPER = `window.__dw = [];
window.addEventListener('message', function (e) {
  if (!e.data || e.data['datawrapper-height'] === undefined) return;
  var frames = Array.prototype.slice.call(document.querySelectorAll('iframe'));
  for (var key in e.data['datawrapper-height']) {
    var f = document.getElementById('datawrapper-chart-' + key) || document.querySelector("iframe[src*='" + key + "']");
    if (!f) continue;
    window.__dw.push({ target: frames.indexOf(f), sender: frames.findIndex(function (g) { return g.contentWindow === e.source; }), key: key });
    f.style.height = e.data['datawrapper-height'][key] + 'px';
  }
});
`;

test('two explorers and Datawrapper\'s older listener: neither frame is ever given the other\'s height', TIMEOUT, async (t) => {
  await writeFile(join(env.dirs.host, 'datawrapper-old.js'), OLD_DATAWRAPPER);
  // Pym's child ids, named after the widget as hosts name their containers: both addresses then
  // contain "rare-earth-explorer", the key every widget used to share.
  const frame = (view, id) => `<iframe src="${env.explorer.origin}/${view}-en.html?view=${view}&amp;embed=1&amp;tabs=0&amp;lang=en&amp;childId=${id}" ` +
    `title="Rare Earth Explorer" data-rare-earth-explorer width="100%" height="600" id="${id}"></iframe>`;
  const body = `${paragraphs(1)}\n${frame('reserves', 'rare-earth-explorer-a')}\n${paragraphs(1, 1)}\n${frame('prices', 'rare-earth-explorer-b')}\n` +
    `<script src="${env.explorer.origin}/embed.js" async></script>`;
  const url = await env.page('two-explorers.html', article({ body, head: '<script src="/datawrapper-old.js"></script>' }));
  const host = await openHost(t, env, url, { viewport: { width: 720, height: 4000 } });
  const { page } = host;
  const frames = [];
  for (const id of ['rare-earth-explorer-a', 'rare-earth-explorer-b']) frames.push(await explorerFrame(env, page, `#${id}`));
  const heights = () => Promise.all(frames.map((f, i) => frameHeights(page, f, `#rare-earth-explorer-${'ab'[i]}`)));
  const settled = await settle(heights, (hs) => hs.every((h) => Math.abs(h.iframe - h.widget) <= FIT), { timeout: 15_000 });
  await delay(1_500); // the widgets' repeats
  const [a, b] = await heights();
  assert.ok(Math.abs(a.widget - b.widget) > 50, `two widgets of different heights (${a.widget}, ${b.widget} px)`);
  const wrong = (await page.evaluate(() => window.__dw)).filter((r) => r.target !== r.sender);
  assert.deepEqual(wrong, [], 'the old listener gave a frame another frame\'s height');
  assert.ok(Math.abs(a.iframe - a.widget) <= FIT && Math.abs(b.iframe - b.widget) <= FIT, `each frame is its own widget's height: ${JSON.stringify({ a, b, settled })}`);
  assertClean(host, 'host page');
});

// ---------------------------------------------------------------------------
// 4. Frames of another origin that carry the explorer's mark.

// A page on the third origin in a frame marked data-rare-earth-explorer: it records what its
// parent sends it and asks, in every format, to be made tall.
const MARKED_FORGER = `window.__got = [];
addEventListener('message', function (e) { if (e.source === parent) window.__got.push(JSON.stringify(e.data)); });
var n = 0, id = setInterval(function () {
  parent.postMessage({ 'datawrapper-height': { 'rare-earth-explorer': 3210, 'rare-earth-explorer-x': 3210 } }, '*');
  parent.postMessage('pymxPYMxxPYMxheightxPYMx3210', '*');
  parent.postMessage({ sentinel: 'amp', type: 'embed-size', height: 3210 }, '*');
  parent.postMessage({ 'rare-earth-explorer': 'theme-request' }, '*');
  if (++n === 10) clearInterval(id);
}, 200);
`;

test('a third-origin frame marked data-rare-earth-explorer is neither sized, asked, acknowledged nor told the host\'s theme', TIMEOUT, async (t) => {
  await env.thirdPage('marked.js', MARKED_FORGER);
  const forger = await env.thirdPage('marked.html', '<!DOCTYPE html><meta charset="utf-8"><title>forger</title><script src="marked.js"></script>');
  const body = `${paragraphs(1)}\n<iframe src="${forger}?view=quotas&amp;dark=auto" title="Other" data-rare-earth-explorer data-heights="320:2500 1024:2500" height="300" width="100%" id="marked"></iframe>\n` +
    `<iframe src="${env.explorer.origin}/quotas-en.html?view=quotas&amp;embed=1&amp;tabs=0&amp;lang=en" title="Rare Earth Explorer" data-rare-earth-explorer width="100%" height="600" id="real"></iframe>\n` +
    `<script src="${env.explorer.origin}/embed.js" async></script>`;
  const url = await env.page('marked-third.html', article({ body }));
  const host = await openHost(t, env, url, { viewport: { width: 720, height: 3000 } });
  const { page } = host;
  // The loader is at work: the explorer's own frame is sized.
  const real = await explorerFrame(env, page, '#real');
  const h = await settle(() => frameHeights(page, real, '#real'), (h) => Math.abs(h.iframe - h.widget) <= FIT, { timeout: 10_000 });
  assert.ok(Math.abs(h.iframe - h.widget) <= FIT, `the explorer's frame is sized: ${JSON.stringify(h)}`);
  await delay(2_500); // every forgery sent
  const marked = page.frames().find((f) => f.url().startsWith(forger));
  assert.ok(marked, 'the forger\'s frame loaded');
  assert.deepEqual(await marked.evaluate(() => window.__got), [], 'the loader sent the third-origin frame nothing (no height request, ack or host theme)');
  const attrs = await page.locator('#marked').evaluate((f) => ({ style: f.style.height, height: f.getAttribute('height'), scheme: f.style.colorScheme }));
  assert.deepEqual(attrs, { style: '', height: '300', scheme: '' }, 'the third-origin frame is untouched');
  assertClean(host, 'host page');
});

// ---------------------------------------------------------------------------
// 2. ?static on a host that answers unknown paths with index.html.

test('?static&view=<any word> on a host that falls back to index.html: no reload loop; a known view redirects once; dist/404.html', TIMEOUT, async (t) => {
  const server = await serve(t, { root: DIST, fallback: 'index.html' });
  const context = await env.browser.newContext({ viewport: { width: 720, height: 800 } });
  t.after(() => context.close());
  for (const [path, pagesSeen, view] of [
    ['/?static&view=nonsense', 1, 'reserves'],
    ['/reserves-en.html?static&view=x&lang=zh', 1, 'reserves'],
    ['/nothing-here.html?static&view=nothing&lang=en', 1, 'reserves'],
    ['/index.html?static&view=quotas', 2, 'quotas'],
    ['/?static&view=prices&lang=zh', 2, 'prices'],
  ]) {
    const page = await context.newPage();
    const navigations = [];
    page.on('framenavigated', (f) => f === page.mainFrame() && navigations.push(f.url()));
    // Not until 'load': a page that reloads for ever never gets there.
    await page.goto(`${server.origin}${path}`, { waitUntil: 'commit' });
    await delay(2_000);
    assert.equal(navigations.length, pagesSeen, `${path}: ${navigations.length} navigations in 2 s: ${navigations.slice(0, 5).join(' → ')}`);
    await page.waitForLoadState('load');
    assert.equal(await page.evaluate(() => document.documentElement.dataset.copyView), view, `${path}: the copy shown`);
    await page.close();
  }
  const notFound = readFileSync(join(DIST, '404.html'), 'utf8');
  assert.match(notFound, /<meta http-equiv="Content-Security-Policy" content="[^"]*default-src/, '404.html carries the policy');
  assert.match(notFound, /<meta name="robots" content="noindex">/, '404.html is not indexed');
  assert.ok(notFound.includes('Page not found') && notFound.includes('找不到此页面'), '404.html says so in both languages');
  assert.doesNotMatch(notFound, /<script|<link|style=/, '404.html loads nothing');
});

// ---------------------------------------------------------------------------
// 5. The rows file: named by its bytes; a tampered one never makes a link of a non-web address.

test('the rows file is named by the hash of its bytes, and every page names it', TIMEOUT, () => {
  const rows = readdirSync(DIST).filter((f) => /^rare-earth-explorer-rows-[0-9a-f]+\.txt$/.test(f));
  assert.equal(rows.length, 1, `one rows file: ${rows.join(', ')}`);
  assert.equal(rows[0], `rare-earth-explorer-rows-${contentHash(readFileSync(join(DIST, rows[0])))}.txt`, 'its name is the hash of its bytes');
  for (const p of pages()) {
    const html = readFileSync(join(DIST, p), 'utf8');
    // The 404 page and the list of what changed run no script: they read no rows.
    if (p.endsWith('404.html') || !html.includes('<script')) continue;
    assert.equal(meta(html, 'rare-earth-explorer-rows'), rows[0], `${p} names the rows file`);
  }
});

test('a tampered rows file with javascript: source addresses: the sources are named, never linked, and nothing runs', TIMEOUT, async (t) => {
  const dir = await distCopy(t);
  const name = meta(await readFile(join(dir, 'index.html'), 'utf8'), 'rare-earth-explorer-rows') ??
    readdirSync(dir).find((f) => /^rare-earth-explorer-rows-[0-9a-f]+\.txt$/.test(f));
  const text = await readFile(join(dir, name), 'utf8');
  const tampered = text.replaceAll('https://', 'javascript:alert(document.domain)//').replaceAll('http://', 'JavaScript:alert(1)//');
  assert.notEqual(tampered, text, 'the rows file has addresses to tamper with');
  await writeFile(join(dir, name), tampered);
  const server = await serve(t, { root: dir });
  const opened = await openPage(env.browser, `${server.origin}/?view=quotas`, { viewport: { width: 1024, height: 900 } });
  t.after(() => opened.page.close());
  const { page } = opened;
  await ready(page, { timeout: 20_000 });
  const sources = page.locator('[role=tabpanel]:not([hidden]) .source-list li');
  await sources.first().waitFor({ state: 'attached', timeout: 10_000 });
  const items = await sources.evaluateAll((lis) => lis.map((li) => ({ text: li.textContent, links: [...li.querySelectorAll('a')].map((a) => a.getAttribute('href')) })));
  assert.ok(items.length > 0, 'the view lists its sources');
  for (const item of items) assert.ok(item.links.every((h) => /^https?:\/\//.test(h)), `only web addresses are links: ${JSON.stringify(item)}`);
  assert.ok(items.some((i) => i.links.length === 0), 'the tampered sources are named without a link');
  assert.equal(await page.locator('a[href^="javascript:" i]').count(), 0, 'no javascript: link anywhere on the page');
  assertClean(opened, 'explorer with a tampered rows file');
});

// ---------------------------------------------------------------------------
// 6. The policy in every page, for hosts that do not read _headers.

const headerPolicy = () => {
  const line = readFileSync(join(DIST, '_headers'), 'utf8').split('\n').find((l) => l.trim().startsWith('Content-Security-Policy:'));
  assert.ok(line, '_headers has a Content-Security-Policy');
  return line.trim().slice('Content-Security-Policy:'.length).trim();
};

test('every page carries the policy as a <meta>, first in its head: _headers\' less frame-ancestors, with base-uri, object-src and form-action', TIMEOUT, () => {
  const header = headerPolicy();
  for (const d of ["base-uri 'none'", "object-src 'none'", "form-action 'none'", 'frame-ancestors *']) {
    assert.ok(header.split(';').map((s) => s.trim()).includes(d), `_headers: ${d}`);
  }
  const expected = header.split(';').map((s) => s.trim()).filter((d) => !d.startsWith('frame-ancestors')).join('; ');
  const all = pages();
  assert.ok(all.includes('index.html') && all.includes('404.html') && all.some((p) => p.startsWith('v/')), `pages: ${all.join(', ')}`);
  for (const p of all) {
    const html = readFileSync(join(DIST, p), 'utf8');
    const tag = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/);
    assert.ok(tag, `${p} has the policy <meta>`);
    assert.equal(tag[1].replaceAll('&#39;', "'"), expected, `${p}: the header's policy less frame-ancestors`);
    const head = html.slice(0, html.indexOf('</head>'));
    assert.ok(head.indexOf(tag[0]) < Math.min(...['<script', '<link', '<style'].map((s) => head.indexOf(s)).filter((i) => i >= 0)),
      `${p}: the policy comes before any script, stylesheet or link`);
  }
});

test('under the <meta> policy alone (no header), every view, the dialogs and the table run with no violation and no console error', { timeout: 120_000 }, async (t) => {
  const server = await serve(t, { root: DIST });
  const context = await env.browser.newContext({ viewport: { width: 1024, height: 900 } });
  t.after(() => context.close());
  await context.addInitScript(() => {
    window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
  for (const view of SLUGS) {
    const opened = await openPage(env.browser, `${server.origin}/${view}-en.html`, { context });
    const { page } = opened;
    await ready(page, { timeout: 20_000 });
    assert.ok(await page.evaluate(() => !!document.querySelector('meta[http-equiv="Content-Security-Policy"]')), `${view}: the page has its policy`);
    if (view === SLUGS[0]) {
      for (const name of ['Embed', 'Cite']) {
        await actionButton(page, name).click();
        await page.locator(`dialog[aria-labelledby=${name.toLowerCase()}-title][open]`).waitFor({ timeout: 10_000 });
        await page.keyboard.press('Escape');
      }
      await page.locator('[role=tabpanel]:not([hidden]) figure.figure .switch button').nth(1).click();
      await page.locator('[role=tabpanel]:not([hidden]) .table-wrap table tbody tr').first().waitFor();
    }
    assert.deepEqual(await page.evaluate(() => window.__violations), [], `${view}: no CSP violation`);
    assertClean(opened, view);
    await page.close();
  }
});

// ---------------------------------------------------------------------------
// 10. The versioned loader, with its integrity hash.

test('embed-<hash>.js: the loader named by its content; the Embed dialog\'s snippet loads it with its SRI hash and crossorigin, and it works from another origin', { timeout: 120_000 }, async (t) => {
  const plain = readFileSync(join(DIST, 'embed.js'));
  const versioned = readdirSync(DIST).filter((f) => /^embed-[0-9a-f]+\.js$/.test(f));
  assert.deepEqual(versioned, [`embed-${contentHash(plain)}.js`], 'one versioned loader, named by its content');
  assert.ok(readFileSync(join(DIST, versioned[0])).equals(plain), 'the same bytes as embed.js');
  assert.equal(meta(readFileSync(join(DIST, 'index.html'), 'utf8'), 'rare-earth-explorer-loader'), `${versioned[0]} ${sri(plain)}`, 'the pages name it and its hash');
  const headers = readFileSync(join(DIST, '_headers'), 'utf8');
  assert.match(headers, /\/embed-\*\n(\s+[^\n]+\n)*\s+Access-Control-Allow-Origin: \*/, '_headers lets other origins read it (SRI needs CORS)');

  // The explorer as a host with that header serves it, and the snippet the dialog writes.
  const explorer = await serve(t, { root: DIST, headers: { 'Access-Control-Allow-Origin': '*' } });
  const opened = await openPage(env.browser, `${explorer.origin}/quotas-en.html`, { viewport: { width: 1024, height: 900 } });
  t.after(() => opened.page.close());
  await ready(opened.page, { timeout: 20_000 });
  await actionButton(opened.page, 'Embed').click();
  const code = await settle(() => opened.page.locator('#embed-code').inputValue().catch(() => ''), (c) => c.includes('<script'), { timeout: 10_000 });
  const script = code.match(/<script [^>]*><\/script>/)?.[0] ?? '';
  assert.equal(script, `<script src="${explorer.origin}/${versioned[0]}" integrity="${sri(plain)}" crossorigin="anonymous" async></script>`, code);

  const url = await env.page('sri.html', article({ body: `${paragraphs(1)}\n${code}\n${paragraphs(2)}` }));
  const host = await openHost(t, env, url);
  const real = await settle(() => host.page.frames().find((f) => f.url().startsWith(`${explorer.origin}/v/`)), Boolean, { timeout: 10_000 });
  assert.ok(real, 'the frame loaded this version from the explorer');
  await ready(real, { timeout: 20_000 });
  const sized = await settle(() => frameHeights(host.page, real), (h) => Math.abs(h.iframe - h.widget) <= FIT, { timeout: 10_000 });
  assert.ok(Math.abs(sized.iframe - sized.widget) <= FIT, `the loader ran and sized the frame: ${JSON.stringify(sized)}`);
  assertClean(host, 'host page with the versioned loader');

  // One byte changed on the way: the browser refuses it, and the loader never runs.
  const dir = await distCopy(t);
  await writeFile(join(dir, versioned[0]), Buffer.concat([plain, Buffer.from('\n// changed\n')]));
  const tampered = await serve(t, { root: dir, headers: { 'Access-Control-Allow-Origin': '*' } });
  const bad = await env.page('sri-tampered.html', article({ body: `${paragraphs(1)}\n${code.replaceAll(explorer.origin, tampered.origin)}` }));
  const refused = await openHost(t, env, bad);
  await delay(1_500);
  assert.equal(await refused.page.evaluate(() => !!window[Symbol.for('rare-earth-explorer')]), false, 'a loader whose bytes changed does not run');
  assert.ok(refused.consoleErrors.some((e) => /integrity/i.test(e)), `the browser says why: ${refused.consoleErrors.join(' | ')}`);
});

// ---------------------------------------------------------------------------
// 9. The build's supply chain.

test('supply chain: rust-toolchain.toml pins 1.95.0 with what it has installed; Trunk\'s and the hook\'s cargo are --locked; wasm-bindgen-cli installs --locked', TIMEOUT, () => {
  const toolchain = readFileSync(join(ROOT, 'rust-toolchain.toml'), 'utf8');
  assert.match(toolchain, /^channel = "1\.95\.0"$/m, 'the release build\'s toolchain');
  assert.match(toolchain, /^components = \[[^\]]*"rust-src"/m, 'with the standard library\'s source (build-std)');
  assert.match(toolchain, /^targets = \["wasm32-unknown-unknown"\]$/m, 'and the wasm target');
  // rustup picks it from the file and has nothing to download (only crates.io is reachable).
  const active = execFileSync('rustup', ['show', 'active-toolchain'], { cwd: ROOT, encoding: 'utf8', timeout: 30_000 });
  assert.match(active, /^1\.95\.0-/, active);
  const trunk = readFileSync(join(ROOT, 'Trunk.toml'), 'utf8');
  assert.match(trunk, /^\[build\][^[]*^locked = true$/m, 'Trunk runs cargo build --locked');
  const hook = trunk.match(/^command_arguments = (\[.*\])$/m);
  assert.ok(hook && JSON.parse(hook[1]).includes('--locked'), 'the post-build hook runs cargo --locked');
  const setup = readFileSync(join(ROOT, 'scripts', 'setup.sh'), 'utf8');
  const installs = setup.split('\n').filter((l) => /^\s*cargo install /.test(l));
  assert.ok(installs.length >= 4, installs.join('\n'));
  for (const line of installs) assert.match(line, /--locked/, `every cargo install is --locked: ${line.trim()}`);
  const lock = readFileSync(join(ROOT, 'Cargo.lock'), 'utf8');
  const wbg = lock.match(/name = "wasm-bindgen"\nversion = "([^"]+)"/)?.[1];
  assert.ok(existsSync(join(ROOT, 'tools', `wasm-bindgen-cli-${wbg}.Cargo.lock`)), `tools/wasm-bindgen-cli-${wbg}.Cargo.lock pins the CLI's dependencies`);
});
