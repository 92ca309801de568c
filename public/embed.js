/* Rare Earth Explorer embed loader. Include once on a page that embeds the explorer:
 *   <script src=".../embed.js" async></script>
 * It keeps each explorer iframe (marked data-rare-earth-explorer) as tall as its content. Heights
 * are taken only from the iframe's own window, clamped to a sane range, and anything else that
 * arrives by postMessage is ignored without error. No dependencies, no globals besides one flag. */
(function () {
  'use strict';
  if (window.__rareEarthExplorerEmbed) return;
  window.__rareEarthExplorerEmbed = true;

  var MIN = 150;
  var MAX = 5000;
  var KEY = 'rare-earth-explorer';

  function frames() {
    return Array.prototype.slice.call(document.querySelectorAll('iframe[data-' + KEY + ']'));
  }

  // Sensible defaults an editor may have lost while pasting.
  function prepare(frame) {
    if (!frame.getAttribute('title')) frame.setAttribute('title', 'Rare Earth Explorer');
    if (!frame.getAttribute('loading')) frame.setAttribute('loading', 'lazy');
  }

  // The height in any of the formats the explorer sends, or NaN.
  function heightOf(data) {
    if (typeof data === 'string') {
      var pym = data.split('xPYMx');
      if (pym.length === 4 && pym[2] === 'height') return Number(pym[3]);
      return NaN;
    }
    if (!data || typeof data !== 'object') return NaN;
    var dw = data['datawrapper-height'];
    if (dw && typeof dw === 'object' && KEY in dw) return Number(dw[KEY]);
    if (data.sentinel === 'amp' && data.type === 'embed-size') return Number(data.height);
    return NaN;
  }

  window.addEventListener('message', function (event) {
    try {
      var height = heightOf(event.data);
      if (!isFinite(height)) return;
      var list = frames();
      for (var i = 0; i < list.length; i++) {
        // Only the frame's own window may size it: a message from anywhere else changes nothing.
        if (list[i].contentWindow === event.source) {
          var h = Math.round(Math.min(MAX, Math.max(MIN, height)));
          list[i].style.height = h + 'px';
          list[i].setAttribute('height', String(h));
          return;
        }
      }
    } catch (e) {
      /* A foreign message must never break the host page. */
    }
  });

  function init() {
    frames().forEach(prepare);
  }
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', init);
  else init();
})();
