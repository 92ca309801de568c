/* When the app starts (docs/architecture.md, "First paint"): the page already shows its copy, so
   the wasm is fetched when it is wanted. On a page of its own, where the reader came for the
   explorer, at once when it is in sight (or nears it). In a frame (an embed in someone's article)
   only when the reader reaches for the widget: a pointer over it, a touch, focus or a key in it,
   or the loader saying the pointer nears it (embed.js); until then the copy is the widget and the
   article's page pays for nothing more. Never for ?static. In a frame, the copy also tells the
   host its height and follows the host's theme, as the app will. */
const root = document.documentElement;
const copy = document.getElementById('copy') && !root.hasAttribute('data-no-copy');
const framed = window.parent !== window;
const KEY = 'rare-earth-explorer';
if (copy && framed) {
  const q = new URLSearchParams(location.search);
  const id = (q.get('childId') || '').replace(/[^\w-]/g, '').slice(0, 64);
  // This instance's Datawrapper key (src/shell/host.rs, datawrapper_key).
  const key = `${KEY}-${id || Math.floor(Math.random() * 2 ** 32)}`;
  const post = () => {
    const h = Math.min(5000, Math.max(150, Math.max(document.body.scrollHeight, document.body.offsetHeight)));
    parent.postMessage(`pymxPYMx${id}xPYMxheightxPYMx${h}`, '*');
    parent.postMessage({ 'datawrapper-height': { [key]: h } }, '*');
    parent.postMessage({ sentinel: 'amp', type: 'embed-size', height: h }, '*');
  };
  // dark=auto follows the host page (docs/embedding.md, "Theme"), the copy as the app.
  const auto = q.get('dark') === 'auto';
  const heard = (e) => {
    if (e.source !== parent) return;
    const d = e.data;
    if (d?.[KEY] === 'height-request' || (typeof d === 'string' && /^pymxPYMx.*xPYMxwidthxPYMx\d+$/.test(d))) post();
    if (auto && d?.[KEY] === 'host-theme' && typeof d.dark === 'boolean') root.dataset.theme = d.dark ? 'dark' : 'light';
  };
  // Again when the copy's height changes (its fonts arrive), until the app speaks for itself.
  let last = 0;
  const watch = new ResizeObserver(() => {
    const h = document.body.scrollHeight;
    if (h !== last) (last = h), post();
  });
  watch.observe(document.body);
  addEventListener('message', heard);
  if (auto) parent.postMessage({ [KEY]: 'theme-request' }, '*');
  addEventListener('TrunkApplicationStarted', () => {
    removeEventListener('message', heard);
    watch.disconnect();
  }, { once: true });
}
if (!root.hasAttribute('data-static')) {
  let started = false, seen;
  const intent = ['pointerover', 'pointerdown', 'touchstart', 'focusin', 'keydown'];
  const near = (e) => e.source === parent && e.data?.[KEY] === 'intent' && go();
  const go = () => {
    if (started) return;
    started = true;
    seen?.disconnect();
    for (const type of intent) removeEventListener(type, go, true);
    removeEventListener('message', near);
    performance.mark('explorer:wanted');
    run();
  };
  for (const type of intent) addEventListener(type, go, { capture: true, passive: true });
  if (copy && framed) addEventListener('message', near);
  else (seen = new IntersectionObserver((es) => es.some((e) => e.isIntersecting) && go(), { rootMargin: '800px' })).observe(document.body);
}
