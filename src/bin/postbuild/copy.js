/* Rare Earth Explorer: before the first paint, decides whether this page's build-time copy
   (src/copy.rs) shows what the URL asks for. Sets on <html>: data-js (the copy's controls can be
   kept, see below), data-theme (the URL's theme), data-embed / data-no-tabs (the embed's frame),
   data-static (?static: the copy, no app), or data-no-copy (another state, language or view: the
   app alone, as without a copy); data-no-prefetch under Save-Data or a 2G/3G connection.
   Then no tap on the copy is lost (docs/architecture.md, "First paint"): a tab or a view link
   shows that view's own copy at once (its page, fetched and swapped in) and tells the app; a tap
   on any other control shows as busy and is carried out by the app when it takes over. */
(() => {
  const h = document.documentElement, q = new URLSearchParams(location.search), d = document;
  const view = h.dataset.copyView, lang = h.dataset.copyLang;
  const dark = q.get('dark'), theme = q.get('theme');
  const t = { true: 'dark', false: 'light' }[dark] || (dark ? '' : { dark: 'dark', light: 'light' }[theme]);
  h.dataset.js = '';
  if (t) h.dataset.theme = t;
  if (q.get('embed') === '1') h.dataset.embed = '';
  if (q.get('embed') === '1' && q.get('tabs') === '0') h.dataset.noTabs = '';
  // A view's own page (data-entry) is that view in that language unless the URL says otherwise;
  // index.html is the first view in the reader's language.
  const entry = h.hasAttribute('data-entry');
  const wanted = {
    view: q.get('view') || (entry ? view : 'reserves'),
    lang: q.get('lang') || (entry ? lang : /^zh/i.test(navigator.language) ? 'zh' : 'en'),
  };
  // Parameters of the page, which the copy can show as it is; any other (an edition, a table)
  // is another state.
  const page = ['lang', 'embed', 'tabs', 'dark', 'theme', 'childId'];
  const other = [...q.keys()].some((k) => !page.includes(k) && k !== 'view' && k !== 'static');
  const here = wanted.view === view && wanted.lang === lang;
  // The build's views (postbuild/copies.rs): the only pages this script ever goes to or fetches.
  const views = (h.dataset.copyViews || '').split(' ');
  if (q.has('static')) {
    // A static page is always a copy: this view's, in this language.
    // Only to a page of the build, never to this address (a host serving index.html would loop).
    const target = `${wanted.view}-${wanted.lang}.html`;
    if (!here && views.includes(wanted.view) && /^(en|zh)$/.test(wanted.lang) && !location.pathname.endsWith(`/${target}`)) {
      location.replace(target + location.search);
    }
    h.dataset.static = '';
  } else if (!here || other) {
    h.dataset.noCopy = '';
  }
  const net = navigator.connection;
  if (net?.saveData || /^(slow-2g|2g|3g)$/.test(net?.effectiveType)) h.dataset.noPrefetch = '';

  // Engaged: the reader has done something with the widget (not only pointed at it or tabbed
  // through it). Only then does the app fetch the other views ahead (shell.rs).
  const engage = (e) => {
    if (e.key === 'Tab' || 'engaged' in h.dataset) return;
    h.dataset.engaged = '';
    d.dispatchEvent(new Event('explorer:engaged'));
  };
  for (const type of ['pointerdown', 'keydown', 'change']) addEventListener(type, engage, true);

  const copy = () => d.getElementById('copy');
  // A link of the copy to a view's page of this build, on this origin (a tab, a view link), not
  // one that opens a new tab: the only links it follows itself (fetched, put in the address bar).
  const viewOf = (a) => {
    if (a?.localName !== 'a' || a.target || a.origin !== location.origin) return;
    const v = /(?:^|\/)([a-z]+)-(?:en|zh)\.html$/.exec(a.pathname)?.[1];
    return views.includes(v) ? v : undefined;
  };
  // The views' pages, each fetched once, whether for a tap or ahead of one.
  const pages = new Map();
  const fetchPage = (href) => {
    const u = new URL(href, location.href);
    u.search = u.hash = '';
    if (!pages.has(u.href)) {
      const text = fetch(u).then((r) => (r.ok ? r.text() : Promise.reject()));
      text.catch(() => pages.delete(u.href));
      pages.set(u.href, text);
    }
    return pages.get(u.href);
  };
  // The page's own parameters go with every link to another view (an embed stays an embed).
  const carried = (a) => {
    const u = new URL(a.href);
    for (const k of page) q.has(k) && u.searchParams.set(k, q.get(k));
    return u.href;
  };
  const carry = (root) => {
    for (const a of root.querySelectorAll('a[href$=".html"]')) if (viewOf(a)) a.href = carried(a);
  };
  d.addEventListener('DOMContentLoaded', () => copy() && carry(copy()));

  const say = () => {
    const s = d.getElementById('copy-status');
    if (s) s.textContent = s.dataset.busy;
  };
  const busy = (el, on = true) => el?.setAttribute('aria-busy', on);
  let app = false, asked, focusTo;
  const kept = [];

  // A tab or a view link: the view shows as chosen at once, its page's copy replaces this one
  // when it arrives, the URL says it, and the app shows it (now if it is mounted, else when it is).
  const show = (v, href) => {
    const c = copy();
    asked = v;
    for (const a of c.querySelectorAll('.tabs a')) viewOf(a) === v ? a.setAttribute('aria-current', 'page') : a.removeAttribute('aria-current');
    history.replaceState(history.state, '', href);
    h.dataset.copyView = v;
    h.dataset.entry = '';
    if (app) d.getElementById(`tab-${v}`)?.click();
    const panel = c.querySelector('.view-panel:not([hidden])');
    if (c.dataset.view === v) return busy(panel, kept.some((k) => panel.contains(k)));
    busy(panel);
    say();
    fetchPage(href).then((text) => {
      const next = new DOMParser().parseFromString(text, 'text/html');
      const fresh = next.getElementById('copy');
      const was = copy();
      if (asked !== v || !fresh || !was) return;
      const focused = was.contains(d.activeElement) && viewOf(d.activeElement);
      // The settings are the page's, not the view's: they stay as the reader set them.
      const theme = fresh.querySelector('#copy-theme');
      if (theme) theme.value = was.querySelector('#copy-theme')?.value ?? theme.value;
      was.replaceWith(d.adoptNode(fresh));
      carry(fresh);
      d.title = next.title;
      if (focused) [...fresh.querySelectorAll('.tabs a')].find((a) => viewOf(a) === focused)?.focus();
    }, () => {});
  };

  // The app's control that does what `el` of a copy does (src/copy.rs keeps the app's ids and
  // names behind a `copy-` prefix, and the groups and their buttons in the app's order). `el` may
  // belong to a copy already swapped out: its taps are the reader's all the same.
  const twin = (el) => {
    const a = d.getElementById('app'), v = viewOf(el), panel = el.closest('.view-panel');
    if (!a) return null;
    if (v) return el.closest('.tabs') ? d.getElementById(`tab-${v}`) : null;
    if (el.id.startsWith('copy-')) return d.getElementById(el.id.slice(5));
    const scope = panel ? a.querySelector(`[role=tabpanel][data-view="${panel.dataset.view}"]`) : a;
    if (el.name?.startsWith('copy-')) return scope?.querySelector(`input[name="${el.name.slice(5)}"][value="${CSS.escape(el.value)}"]`);
    const group = el.closest('.switch, .actions, .settings, .revisions, .sources');
    if (group) {
      const kind = `.${group.classList[0]}`, tag = el.localName;
      const same = [...(panel || el.closest('#copy')).querySelectorAll(kind)].indexOf(group);
      const there = scope?.querySelectorAll(kind)[same];
      return there?.querySelectorAll(tag)[[...group.querySelectorAll(tag)].indexOf(el)] ?? null;
    }
    return el.localName === 'a' ? a.querySelector(`a[href="${CSS.escape(el.getAttribute('href'))}"]`) : null;
  };

  addEventListener('click', (e) => {
    const c = copy(), el = e.target.closest?.('a, button, summary');
    if (!c?.contains(el) || 'static' in h.dataset) return;
    const v = viewOf(el);
    if (v) {
      if (e.button || e.ctrlKey || e.metaKey || e.shiftKey || e.altKey) return;
      e.preventDefault();
      return show(v, carried(el));
    }
    if (el.localName === 'a') return;
    kept.push(el);
    // What the app will do shows now: the pressed button, the opened disclosure.
    if (el.hasAttribute('aria-pressed')) for (const b of el.parentNode.children) b.setAttribute('aria-pressed', b === el);
    if (el.hasAttribute('aria-expanded')) el.setAttribute('aria-expanded', el.getAttribute('aria-expanded') !== 'true');
    if (!el.closest('.sources')) busy(el.closest('.view-panel, .actions, .settings, .claims')), say();
  }, true);
  addEventListener('change', (e) => {
    const el = e.target;
    if (!copy()?.contains(el)) return;
    kept.push(el);
    if (el.id === 'copy-theme') el.value === 'auto' ? delete h.dataset.theme : (h.dataset.theme = el.value);
    else busy(el.closest('.view-panel')), say();
  }, true);
  // Pointing at a tab or a view link (or reaching it by keyboard): its page comes ahead of the tap.
  for (const type of ['pointerover', 'focusin']) {
    addEventListener(type, (e) => {
      const a = e.target.closest?.('a');
      if (viewOf(a) && copy()?.contains(a) && !('noPrefetch' in h.dataset)) fetchPage(a.href).catch(() => {});
    }, { capture: true, passive: true });
  }

  // The app (lib.rs, take_over) mounts behind the copy: it shows the view asked for; once that
  // view is up the kept taps are carried out, in order, on the app's controls, the copy goes, and
  // the focus moves to the app's twin of what had it.
  d.addEventListener('explorer:app-mounted', () => {
    app = true;
    if (asked) d.getElementById(`tab-${asked}`)?.click();
  });
  d.addEventListener('explorer:take-over', () => {
    focusTo = copy()?.contains(d.activeElement) ? twin(d.activeElement) : null;
    for (const el of kept.splice(0)) {
      const t = twin(el);
      if (!t) continue;
      if (el.localName === 'select') {
        t.value = el.value;
        t.dispatchEvent(new Event('change', { bubbles: true }));
      } else if (el.type !== 'radio' || el.checked) t.click();
    }
  });
  d.addEventListener('explorer:copy-replaced', () => focusTo?.focus());
})();
