/*
 * embed.js - the map inside another page:
 *   - in an iframe, the mouse wheel scrolls the page until the reader clicks the map (a hint
 *     says so), as Datawrapper and Google Maps embeds do; leaving the map disarms it again;
 *     on a touch screen one finger scrolls the page until the reader taps the map;
 *   - a Share button (top left) opens a panel with "Copy link" (this view, hash.js) and
 *     "Copy embed code" (an <iframe> snippet).  file:// pages and iframes may refuse the
 *     clipboard, so the text is also shown, selected, in a read-only field.
 */
const EMBED_HEIGHT_PX = 600;

function inFrame() {
  try {
    return global.self !== global.top;
  } catch (e) {
    return true; // a cross-origin parent: framed
  }
}

/**
 * Wheel zoom only after a click on the map; until then the wheel scrolls the page.  On a
 * touch screen (coarse pointer) one finger scrolls the page until the reader taps the map
 * (Leaflet's CSS lets the browser pan the page while map dragging is off); two fingers still
 * pinch-zoom and move the map.
 */
function wheelGate(map) {
  const c = map.getContainer();
  const wheel = map.scrollWheelZoom;
  if (!wheel) return null;
  const touch = !!(global.matchMedia && global.matchMedia('(pointer: coarse)').matches && map.dragging);
  wheel.disable();
  if (touch) map.dragging.disable();
  const hint = el('div', 'sahel-wheel-hint', c);
  hint.hidden = true;
  let timer = 0;
  const show = (text) => {
    hint.textContent = text;
    hint.hidden = false;
    clearTimeout(timer);
    timer = setTimeout(() => (hint.hidden = true), 1500);
  };
  c.addEventListener(
    'wheel',
    () => {
      if (!wheel.enabled()) show(t('embed.click_to_zoom'));
    },
    { passive: true }
  );
  if (touch) {
    c.addEventListener(
      'touchmove',
      (e) => {
        if (!map.dragging.enabled() && e.touches.length === 1) show(t('embed.tap_to_move'));
      },
      { passive: true }
    );
  }
  const arm = () => {
    wheel.enable();
    if (touch) map.dragging.enable();
    hint.hidden = true;
  };
  map.on('click', arm);
  c.addEventListener('mouseleave', () => wheel.disable());
  return { hint: hint, arm: arm, armed: () => wheel.enabled(), touch: touch };
}

function attrText(s) {
  return str(s).replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** The <iframe> snippet for `url`: full width, EMBED_HEIGHT_PX high, titled, lazy. */
function embedCode(url, title, height) {
  return (
    '<iframe src="' + attrText(url) + '" width="100%" height="' + (height || EMBED_HEIGHT_PX) + '" title="' +
    attrText(title) + '" loading="lazy" style="border:0" allowfullscreen></iframe>'
  );
}

/** Put text on the clipboard; where that is refused, leave it selected in `field`. */
function copyText(text, field, status) {
  field.value = text;
  field.hidden = false;
  const selectIt = () => {
    field.focus();
    field.select();
  };
  const fallback = () => {
    selectIt();
    let ok = false;
    try {
      ok = document.execCommand('copy');
    } catch (e) {
      ok = false;
    }
    status.textContent = ok ? t('embed.copied') : t('embed.copy_manual');
  };
  status.textContent = '';
  if (navigator.clipboard && navigator.clipboard.writeText && global.isSecureContext) {
    navigator.clipboard.writeText(text).then(() => {
      selectIt();
      status.textContent = t('embed.copied');
    }, fallback);
  } else {
    fallback();
  }
}

function shareIcon(parent) {
  const svg = document.createElementNS(SVG_NS, 'svg');
  svg.setAttribute('viewBox', '0 0 16 16');
  svg.setAttribute('width', '16');
  svg.setAttribute('height', '16');
  svg.setAttribute('aria-hidden', 'true');
  svg.classList.add('sahel-share-icon');
  const path = document.createElementNS(SVG_NS, 'path');
  path.setAttribute('d', 'M12 2.5a2 2 0 1 0 0 .01M4 8a2 2 0 1 0 0 .01M12 13.5a2 2 0 1 0 0 .01M5.8 7 10.2 4M5.8 9l4.4 3');
  svg.appendChild(path);
  parent.appendChild(svg);
}

/** The Share button and its panel; title names the map in the embed code, publicUrl (the
 * build's --public-url) is the address links and embed code give. */
function shareControl(map, title, publicUrl) {
  const bar = el('div', 'leaflet-control leaflet-bar sahel-share');
  const b = el('button', 'sahel-btn sahel-share-btn', bar);
  b.type = 'button';
  b.title = t('embed.share');
  b.setAttribute('aria-label', t('embed.share'));
  b.setAttribute('aria-haspopup', 'dialog');
  shareIcon(b);
  const sheet = panel(map, { className: 'sahel-share-panel', title: t('embed.share') });
  el('p', 'sahel-share-note', sheet.body, t('embed.share_note'));
  // opened from a file with no public address: the reader must publish it first
  const address = () => shareAddress(global.location.href, publicUrl, viewHashText());
  const unpublished = el('p', 'sahel-share-note sahel-share-unpublished', sheet.body, t('embed.unpublished'));
  unpublished.hidden = address() !== null;
  const row = el('div', 'sahel-share-buttons', sheet.body);
  const copyLink = el('button', 'sahel-share-copy sahel-share-link', row, t('embed.copy_link'));
  const copyEmbed = el('button', 'sahel-share-copy sahel-share-embed', row, t('embed.copy_embed'));
  copyLink.type = copyEmbed.type = 'button';
  const field = el('textarea', 'sahel-share-text', sheet.body);
  field.readOnly = true;
  field.rows = 3;
  field.hidden = true;
  field.setAttribute('aria-label', t('embed.link_label'));
  const status = el('p', 'sahel-share-status', sheet.body);
  status.setAttribute('role', 'status');
  const frameTitle = t('embed.embed_title', { title: title || t('page.title') });
  const links = {
    link: () => address() || viewUrl(),
    embed: () => embedCode(address() || t('embed.placeholder_url') + viewHashText(), frameTitle, EMBED_HEIGHT_PX),
  };
  copyLink.addEventListener('click', () => {
    field.setAttribute('aria-label', t('embed.link_label'));
    copyText(links.link(), field, status);
  });
  copyEmbed.addEventListener('click', () => {
    field.setAttribute('aria-label', t('embed.embed_label'));
    copyText(links.embed(), field, status);
  });
  b.addEventListener('click', () => {
    field.hidden = true;
    status.textContent = '';
    sheet.toggle(b);
  });
  const ctl = new ElementControl(bar, { position: 'topleft' }).addTo(map);
  ctl.panel = sheet;
  ctl.link = links.link;
  ctl.embedCode = links.embed;
  return ctl;
}

/** Embedding behaviour of a page's map: the wheel gate when framed, the Share button. */
function embed(map, opts) {
  opts = opts || {};
  const out = { framed: inFrame() };
  if (out.framed && opts.wheelGate !== false) out.wheel = wheelGate(map);
  if (opts.share !== false) out.share = shareControl(map, opts.title, opts.publicUrl);
  return out;
}
