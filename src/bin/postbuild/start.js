/* When the app starts (docs/architecture.md, "First paint"): the page already shows its copy,
   so the wasm is fetched when it is wanted: at once when the page is in sight, else when it
   nears the viewport (an embed far down an article) or at the first touch or focus in it; never
   for ?static. In a frame, the copy's height goes to the host at once. Once the app runs, the
   other views' code and rows are fetched when the page is idle, so a first switch is quick. */
const root = document.documentElement;
const copy = document.getElementById('copy') && !root.hasAttribute('data-no-copy');
if (copy && window.parent !== window) {
  const id = (new URLSearchParams(location.search).get('childId') || '').replace(/[^\w-]/g, '').slice(0, 64);
  // This instance's Datawrapper key (src/shell/host.rs, datawrapper_key).
  const key = `rare-earth-explorer-${id || Math.floor(Math.random() * 2 ** 32)}`;
  const post = () => {
    const h = Math.min(5000, Math.max(150, Math.max(document.body.scrollHeight, document.body.offsetHeight)));
    parent.postMessage(`pymxPYMx${id}xPYMxheightxPYMx${h}`, '*');
    parent.postMessage({ 'datawrapper-height': { [key]: h } }, '*');
    parent.postMessage({ sentinel: 'amp', type: 'embed-size', height: h }, '*');
  };
  const asked = (e) => {
    if (e.source !== parent) return;
    const d = e.data;
    if (d?.['rare-earth-explorer'] === 'height-request' || (typeof d === 'string' && /^pymxPYMx.*xPYMxwidthxPYMx\d+$/.test(d))) post();
  };
  // Again when the copy's height changes (its fonts arrive), until the app speaks for itself.
  let last = 0;
  const watch = new ResizeObserver(() => {
    const h = document.body.scrollHeight;
    if (h !== last) (last = h), post();
  });
  watch.observe(document.body);
  addEventListener('message', asked);
  addEventListener('TrunkApplicationStarted', () => {
    removeEventListener('message', asked);
    watch.disconnect();
  }, { once: true });
}
if (!root.hasAttribute('data-static')) {
  let started = false;
  const go = () => {
    if (started) return;
    started = true;
    seen.disconnect();
    run();
  };
  const seen = new IntersectionObserver((es) => es.some((e) => e.isIntersecting) && go(), { rootMargin: '800px' });
  seen.observe(document.body);
  for (const type of ['pointerdown', 'focusin', 'keydown']) addEventListener(type, go, { once: true, capture: true });
  const tabs = !(root.hasAttribute('data-no-tabs'));
  addEventListener('TrunkApplicationStarted', () => {
    // Not for an embed locked to its view, nor for a reader who asked to save data.
    if (!tabs || !PARTS.length || navigator.connection?.saveData) return;
    const fetchParts = () => {
      for (const href of PARTS) {
        const link = document.createElement('link');
        link.rel = 'prefetch';
        link.href = href;
        document.head.append(link);
      }
    };
    'requestIdleCallback' in window ? requestIdleCallback(fetchParts, { timeout: 4000 }) : setTimeout(fetchParts, 2000);
  }, { once: true });
}
