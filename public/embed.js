/* Rare Earth Explorer loader (docs/embedding.md): sizes the explorer's iframes of its own origin, tells them
 * the host's theme, defines <rare-earth-explorer view lang dark>. Never throws into the page. It trusts
 * nothing on the host page it did not create (docs/embedding.md, "Security contract"). */
(() => {
  // Its guard is a symbol: markup names window properties (<img name="x">), never symbols.
  let G = Symbol.for('rare-earth-explorer');
  if (window[G]) return;
  window[G] = 1;
  var HEIGHTS = /*HEIGHTS*/{}/*END*/;
  // The document is read through the DOM's own getters: markup shadows document.currentScript,
  // .body, .querySelectorAll... (<img name="currentScript" src="https://elsewhere/">).
  let K = 'rare-earth-explorer', S = `iframe[data-${K}]`, D = document,
    dom = (k, p = Object.getOwnPropertyDescriptor(Document.prototype, k)) => p.get ? p.get.call(D) : p.value.bind(D),
    R = dom('documentElement'), all = dom('querySelectorAll'), make = dom('createElement'), me = dom('currentScript'),
    // Its own address from its own <script> only; the explorer's frames are those of that origin.
    base = me instanceof HTMLScriptElement && /^https?:/.test(me.src) ? me.src : '', origin = base && new URL(base).origin,
    ours = (f) => { try { return !!origin && new URL(f.src).origin == origin } catch { return false } },
    seen = new WeakSet, own = new WeakSet, css = getComputedStyle,
    safe = (fn) => (...a) => { try { return fn(...a) } catch {} },
    clamp = (h) => Math.round(Math.min(5e3, Math.max(150, h))),
    size = (f, h) => f.style.height = (f.height = clamp(h)) + 'px',
    // [[width, height]...] ascending: the height at width w, on the line between the breakpoints
    // around it (text wraps less as the column widens), the first or last outside them
    pick = (r, w, i = r.findIndex(([a]) => a > w), [a, b] = r[i - 1] || r[0], [c, d] = r[i] || r.at(-1)) =>
      Math.round(i < 1 ? (i ? d : b) : b + (d - b) * (w - a) / (c - a)),
    pre = (f, r) => own.has(f) || !(r = (f.dataset.heights || '').split(/\s+/).map((p) => p.split(':').map(Number))
      .filter(([a, b]) => b > 0))[0] || size(f, pick(r, f.clientWidth)),
    // The host is dark: its root's color-scheme if only one, else its background's luminance < .2
    dark = (s = css(R).colorScheme.match(/dark|light/g) || [], c) => {
      if (s.length == 1) return s[0] == 'dark';
      for (let e of [dom('body'), R]) if (e && /^rgb/.test(c = css(e).backgroundColor) && (c = c.match(/[\d.]+/g))[3] != 0)
        return c.slice(0, 3).reduce((s, v, i) => s + [.2126, .7152, .0722][i] * (v / 255) ** 2.2, 0) < .2;
      return !!s[0] && matchMedia('(prefers-color-scheme:dark)').matches;
    },
    // deferred a frame: resizing an observed element in its own callback would loop
    ro = new ResizeObserver((es) => requestAnimationFrame(safe(() => es.map((e) => pre(e.target))))),
    add = safe((f) => {
      if (seen.has(f) || !ours(f)) return;
      seen.add(f);
      f.title ||= 'Rare Earth Explorer';
      f.getAttribute('loading') || (f.loading = 'lazy');
      pre(f);
      ro.observe(f);
      let m, d, u, q,
        // on each load (and now, in case it has loaded): ask its height; tell a dark=auto widget the host's theme
        // (to the loader's origin only: a frame navigated elsewhere is told nothing)
        ask = safe((w = f.contentWindow) => {
          w.postMessage({ [K]: 'height-request' }, origin);
          m || w.postMessage({ [K]: 'host-theme', dark: dark() }, origin);
        });
      f.addEventListener('load', () => ask());
      q = (u = new URL(f.src)).searchParams;
      // dark=true|false, else theme=dark|light (unless dark=auto), else auto
      if (!/^(true|false)$/.test(m = q.get('dark'))) m = m != 'auto' && { dark: 'true', light: 'false' }[q.get('theme')];
      f.style.colorScheme = (d = m ? m == 'true' : dark()) ? 'dark' : 'light';
      // not started (the initial about:blank: lazy and off-screen): load it in the host's theme
      if (!m && f.contentDocument?.URL == 'about:blank') q.set('dark', m = '' + d), f.src = u;
      ask();
    }),
    scan = safe(() => all(S).forEach(add));

  // Heights (Pym, Datawrapper, AMP) and theme requests: only from the window of an explorer frame
  // of the loader's origin, with that origin. Datawrapper's key is the widget's per instance
  // (`rare-earth-explorer-<id>`; `rare-earth-explorer` from widgets built before it was).
  addEventListener('message', safe((e) => {
    let w = e.source, d = e.data, f = w && e.origin == origin && [...all(S)].find((f) => f.contentWindow == w && ours(f)),
      say = (m) => w.postMessage(m, origin), h, dw;
    if (!f) return;
    if (d?.[K] == 'theme-request') say({ [K]: 'host-theme', dark: dark() });
    h = +(typeof d == 'string' ? d.match(/xPYMxheightxPYMx(\d+)$/)?.[1]
      : (dw = d?.['datawrapper-height']) ? Object.keys(dw).filter((k) => k == K || k.startsWith(K + '-')).map((k) => dw[k])[0]
      : d?.sentinel == 'amp' && d.type == 'embed-size' ? d.height : h);
    if (h > 0 && h < 1 / 0) own.add(f), size(f, h), say({ [K]: 'height-ack', height: h });
  }));

  // A mouse nearing an explorer frame is the reader reaching for it: the widget, which starts its
  // app only on intent (docs/embedding.md, "Lazy loading"), is told (checked once a frame at most;
  // frames of the loader's origin only, told with that origin).
  let px, py, moved;
  addEventListener('pointermove', (e) => {
    if (e.pointerType != 'mouse') return;
    px = e.clientX, py = e.clientY;
    moved ||= requestAnimationFrame(safe(() => {
      moved = 0;
      all(S).forEach((f, r) => ours(f) && (r = f.getBoundingClientRect(), px > r.left - 96 && px < r.right + 96 &&
        py > r.top - 96 && py < r.bottom + 96) && f.contentWindow?.postMessage({ [K]: 'intent' }, origin));
    }));
  }, { passive: true });

  // <rare-earth-explorer>: reserves its height over its fallback and static image; makes its iframe
  // within 800 px of the viewport, under the placeholder until the frame has loaded.
  let io = new IntersectionObserver(safe((es) => es.map(({ target: el, isIntersecting }) => {
    if (!isIntersecting || el.f) return;
    io.unobserve(el);
    // the view's own page: it paints its build-time copy before the widget's wasm arrives
    let f = el.f = make('iframe'), p = el.p, u = new URL(`./${el.V}${el.v}-${el.l}.html`, base);
    u.search = new URLSearchParams({ view: el.v, lang: el.l, embed: 1, tabs: 0, dark: el.d == 'auto' ? dark() : el.d });
    f.src = u;
    f.title = el.t;
    f.width = '100%';
    f.loading = 'eager';
    f.setAttribute('data-' + K, '');
    f.dataset.heights = (HEIGHTS[el.v + '-' + el.l] || []).join(' ').replace(/,/g, ':');
    f.style.cssText = 'display:block;border:0;height:' + p.style.height;
    f.onload = () => p.remove();
    p.prepend(...[...el.childNodes].filter((n) => n != p));
    p.style.cssText = 'position:absolute;inset:0;overflow:hidden';
    el.append(f);
    add(f);
  })), { rootMargin: '800px' });
  base && !customElements.get(K) && customElements.define(K, class extends HTMLElement {
    connectedCallback() {
      safe((el) => {
        if (el.p) return el.f || io.observe(el);
        let a = (n, ok, v) => ok.includes(n = el.getAttribute(n)) ? n : v, r,
          p = el.p = make('div'), i = make('img');
        el.v = a('view', ['reserves', 'discoveries', 'quotas', 'exports', 'prices'], 'reserves');
        el.l = a('lang', ['en', 'zh'], 'en');
        el.d = a('dark', ['true', 'false'], 'auto');
        // version="<8 hex digits>": the frozen copy of that data version (docs/embedding.md)
        el.V = /^[0-9a-f]{8}$/.test(el.getAttribute('version')) ? `v/${el.getAttribute('version')}/` : '';
        el.t = el.querySelector('a')?.textContent.trim() || 'Rare Earth Explorer';
        el.style.display = 'block';
        el.style.position = 'relative';
        i.alt = el.t;
        i.loading = 'lazy';
        i.src = new URL(`static/${el.v}-${el.l}.svg`, base);
        i.style.cssText = 'display:block;width:100%';
        p.style.cssText = 'overflow:hidden;height:' + ((r = HEIGHTS[el.v + '-' + el.l]) ? pick(r, el.offsetWidth) : 720) + 'px';
        p.append(...el.childNodes, i);
        el.append(p);
        io.observe(el);
      })(this);
    }
    disconnectedCallback() {
      io.unobserve(this);
    }
  });

  scan();
  safe(() => new MutationObserver(scan).observe(R, { childList: true, subtree: true }))();
})();
