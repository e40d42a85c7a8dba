/*
 * notes.js - "About this map": a button at the bottom left opens a panel (layout.js panel())
 * of plain-text notes (textContent only), with a close button; Escape closes it too.
 */
function notes(map, opts) {
  const title = opts.title || t('notes.title');
  const about = panel(map, { className: 'sahel-notes', title: title });
  const list = el('ul', 'sahel-notes-list', about.body);
  for (const line of opts.lines || []) el('li', null, list, line);
  const ctl = textButtonControl(map, 'sahel-about', title, opts.position || 'bottomleft');
  ctl.button.setAttribute('aria-haspopup', 'dialog');
  ctl.button.addEventListener('click', () => about.toggle(ctl.button));
  ctl.panel = about;
  return ctl;
}
