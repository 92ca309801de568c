// The app under test: the static build in DIST_DIR (default ../dist next to
// e2e/), served on 127.0.0.1 and opened in one Chromium per test file.
import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer } from './server.mjs';
import { launchBrowser } from './browser.mjs';

const HERE = dirname(fileURLToPath(import.meta.url));
export const DIST = resolve(process.env.DIST_DIR || join(HERE, '..', '..', 'dist'));

/**
 * What dist/_headers says for the versioned loader `embed-<hash>.js`: other origins may read it,
 * which the browser requires to check the integrity hash the Embed dialog's snippet gives it.
 */
export const loaderHeaders = (pathname) => (/\/embed-[0-9a-f]+\.js$/.test(pathname) ? { 'Access-Control-Allow-Origin': '*' } : {});

/**
 * Registers the test file's `before` and `after` hooks: before the first test,
 * fail at once if there is no build, then serve DIST and launch Chromium; after
 * the last, close both. The returned object's `server` and `browser` are set
 * once `before` has run; `url(path)` is a path (or absolute URL) on the server.
 * @returns {{server: Awaited<ReturnType<typeof startServer>>, browser: import('playwright-core').Browser, url: (path: string) => string}}
 */
export function useApp() {
  const app = {
    server: undefined,
    browser: undefined,
    url: (path) => new URL(path, app.server.origin).href,
  };
  before(async () => {
    assert.ok(
      existsSync(join(DIST, 'index.html')),
      `${join(DIST, 'index.html')} not found: run \`trunk build --release\` first or set DIST_DIR`,
    );
    app.server = await startServer({ root: DIST, headersFor: loaderHeaders });
    app.browser = await launchBrowser();
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  return app;
}
