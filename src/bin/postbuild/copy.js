/* Rare Earth Explorer: before the first paint, decides whether this page's build-time copy
   (src/copy.rs) shows what the URL asks for. Sets on <html>: data-theme (the URL's theme),
   data-embed / data-no-tabs (the embed's frame), data-static (?static: the copy, no app), or
   data-no-copy (another state, language or view: the app alone, as without a copy). */
(() => {
  const h = document.documentElement, q = new URLSearchParams(location.search);
  const view = h.dataset.copyView, lang = h.dataset.copyLang;
  const dark = q.get('dark'), theme = q.get('theme');
  const t = { true: 'dark', false: 'light' }[dark] || (dark ? '' : { dark: 'dark', light: 'light' }[theme]);
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
  // Parameters the copy can show as it is; any other (an edition, a table) is another state.
  const known = ['view', 'lang', 'embed', 'tabs', 'dark', 'theme', 'childId', 'static'];
  const other = [...q.keys()].some((k) => !known.includes(k));
  const here = wanted.view === view && wanted.lang === lang;
  if (q.has('static')) {
    // A static page is always a copy: this view's, in this language.
    // Only to a page of the build, never to this address (a host serving index.html would loop).
    const page = `${wanted.view}-${wanted.lang}.html`;
    if (!here && (h.dataset.copyViews || '').split(' ').includes(wanted.view) && /^(en|zh)$/.test(wanted.lang) && !location.pathname.endsWith(`/${page}`)) {
      location.replace(page + location.search);
    }
    h.dataset.static = '';
  } else if (!here || other) {
    h.dataset.noCopy = '';
  }
})();
