// Dependency-free static file server for the Trunk build (dist/).
// Deliberately no SPA fallback: the app is one index.html and uses query
// parameters, so a 404 here means a broken asset URL, and the tests should see it.
import { createServer } from 'node:http';
import { open, realpath, stat } from 'node:fs/promises';
import { extname, isAbsolute, relative, resolve, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  // WebAssembly.instantiateStreaming refuses any other type.
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json; charset=utf-8',
  '.woff2': 'font/woff2',
};

/**
 * Serve `root` over HTTP. `compress`: answer with brotli (quality 11, as README "Deploy" asks of
 * a host) when the browser accepts it, so a throttled network carries what a reader's would.
 * `served` lists the path of every request that reached the server (what travelled, where the
 * browser's own events also count answers from its cache). `fallback` (a file under root, e.g.
 * 'index.html') answers every unknown path with that file and 200, as hosts configured for
 * single-page apps do (Netlify's `/* /index.html 200`, nginx `try_files $uri /index.html`,
 * Cloudflare Pages without a 404.html). `headersFor(pathname)` adds headers for some paths (what
 * dist/_headers says for them).
 * @param {{root: string, host?: string, port?: number, headers?: Record<string, string>, compress?: boolean, fallback?: string, headersFor?: (pathname: string) => Record<string, string>}} options
 * @returns {Promise<{url: string, origin: string, port: number, served: string[], close: () => Promise<void>}>}
 */
export async function startServer({ root, host = '127.0.0.1', port = 0, headers = {}, compress = false, fallback, headersFor = () => ({}) }) {
  const served = [];
  const base = await realpath(resolve(root));
  if (!(await stat(base)).isDirectory()) throw new Error(`not a directory: ${base}`);

  const server = createServer((req, res) => {
    served.push(req.url.split('?')[0]);
    let own = {};
    try {
      own = headersFor(new URL(req.url, 'http://x').pathname);
    } catch {}
    handle(base, { ...headers, ...own }, req, res, { compress, fallback }).catch((err) => {
      if (!res.headersSent) send(res, 500, headers, `500 ${err.message}\n`);
      else res.destroy(err);
    });
  });
  // Keep-alive sockets from the browser would otherwise hold close() open.
  const sockets = new Set();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  await new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(port, host, () => {
      server.off('error', fail);
      ok();
    });
  });

  const actualPort = server.address().port;
  const origin = `http://${host.includes(':') ? `[${host}]` : host}:${actualPort}`;
  return {
    url: `${origin}/`,
    origin,
    port: actualPort,
    served,
    close: () =>
      new Promise((ok, fail) => {
        server.close((err) => (err ? fail(err) : ok()));
        for (const s of sockets) s.destroy();
      }),
  };
}

// Brotli bodies by file and modification time: compressed once per file.
const brotliCache = new Map();
function brotli(file, mtime, body) {
  const key = `${file}\0${mtime}`;
  if (!brotliCache.has(key)) {
    brotliCache.set(key, brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } }));
  }
  return brotliCache.get(key);
}

async function handle(base, headers, req, res, { compress, fallback }) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    return send(res, 405, { ...headers, Allow: 'GET, HEAD' }, '405 method not allowed\n');
  }

  let pathname;
  try {
    pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
  } catch {
    return send(res, 400, headers, '400 bad request\n');
  }
  if (pathname.includes('\0')) return send(res, 400, headers, '400 bad request\n');
  if (pathname.endsWith('/')) pathname += 'index.html';

  // The URL parser already folds "/../", but percent-encoded separators
  // ("%2e%2e%2f") only become dangerous after decoding, so check the result.
  const file = resolve(base, '.' + pathname);
  if (!inside(base, file)) return send(res, 403, headers, '403 forbidden\n');

  let fh;
  let sent = file;
  try {
    // A symlink in root must not be a way out either.
    if (!inside(base, await realpath(file))) return send(res, 403, headers, '403 forbidden\n');
    fh = await open(file, 'r');
  } catch {
    if (fallback) fh = await open((sent = resolve(base, fallback)), 'r').catch(() => undefined);
    if (!fh) return send(res, 404, headers, '404 not found\n');
  }
  try {
    const info = await fh.stat();
    if (!info.isFile()) return send(res, 404, headers, '404 not found\n');
    let body = await fh.readFile();
    const type = TYPES[extname(sent).toLowerCase()] ?? 'application/octet-stream';
    const encode = compress && /\bbr\b/.test(req.headers['accept-encoding'] ?? '') && !/^image\/png/.test(type);
    if (encode) body = brotli(sent, info.mtimeMs, body);
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': body.length,
      ...(encode ? { 'Content-Encoding': 'br', Vary: 'Accept-Encoding' } : {}),
      // Tests rebuild dist/ between runs; never let the browser reuse a stale asset.
      'Cache-Control': 'no-store',
      // Makes a wrong Content-Type fail in the browser as it would behind a strict host.
      'X-Content-Type-Options': 'nosniff',
      ...headers,
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  } finally {
    await fh.close();
  }
}

function inside(base, file) {
  const rel = relative(base, file);
  return !(rel === '..' || rel.startsWith('..' + sep) || isAbsolute(rel));
}

function send(res, status, headers, text) {
  res.writeHead(status, {
    'Content-Type': 'text/plain; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(res.req.method === 'HEAD' ? undefined : text);
}

// CLI: node e2e/lib/server.mjs <root> [port] [host]
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const [root, port = '8080', host = '127.0.0.1'] = process.argv.slice(2);
  if (!root) {
    console.error('usage: node e2e/lib/server.mjs <root> [port] [host]');
    process.exit(2);
  }
  const { url, close } = await startServer({ root, host, port: Number(port) });
  console.log(`serving ${resolve(root)} at ${url}`);
  const stop = () => close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
