// Shared pieces of the views: the action dialog, error boxes, the navigation link, the period selector.
import { h, clear, append } from './dom.js';
import { BASE } from './api.js';

let router = () => {};
/** The app gives its router: navigate(path) pushes a history entry and shows that view. */
export function setRouter(navigateTo) {
  router = navigateTo;
}

/** A link inside the console: a real href (it opens in a new tab too), followed without reloading. */
export function link(path, attrs, ...children) {
  return h('a', {
    href: `${BASE}/${path}`, ...attrs,
    onclick: event => {
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      event.preventDefault();
      if (attrs && attrs.onclick) attrs.onclick(event);
      navigate(path);
    },
  }, ...children);
}

export function navigate(path) {
  router(path);
}

export function executionPath(arn) {
  return `executions/${encodeURIComponent(arn)}`;
}

export function stateMachinePath(arn) {
  return `state-machines/${encodeURIComponent(arn)}`;
}

export function errorBox(error) {
  return h('div', { class: 'error-box', role: 'alert' }, String(error));
}

export function loading(text = 'Loading…') {
  return h('div', { class: 'loading' }, text);
}

/**
 * A dialog that asks before it acts and then shows what came of it.
 * action() resolves to the nodes that show its result, or throws (the error is shown, the dialog stays).
 * Returns { refresh } to re-check canConfirm() (e.g. after an edit of the JSON input).
 */
export function actionDialog({ title, body, confirmLabel, canConfirm = () => true, action, danger = false }) {
  const result = h('div', { class: 'dialog-result', role: 'status' });
  const confirm = h('button', { type: 'button', class: danger ? 'danger confirm' : 'primary confirm' }, confirmLabel);
  const cancel = h('button', { type: 'button', class: 'cancel' }, 'Cancel');
  const dialog = h('dialog', { class: 'action-dialog' },
    h('h2', {}, title), h('div', { class: 'dialog-body' }, body), result,
    h('div', { class: 'dialog-buttons' }, cancel, confirm));
  const refresh = () => {
    confirm.disabled = !canConfirm();
  };
  cancel.addEventListener('click', () => dialog.close());
  dialog.addEventListener('close', () => dialog.remove());
  confirm.addEventListener('click', async () => {
    if (!canConfirm()) return;
    confirm.disabled = true;
    clear(result).className = 'dialog-result';
    append(result, ['Sending…']);
    try {
      const nodes = await action();
      clear(result).className = 'dialog-result ok';
      append(result, [nodes]);
      confirm.remove();
      cancel.textContent = 'Close';
    } catch (e) {
      clear(result).className = 'dialog-result failed';
      append(result, [String(e)]);
      refresh();
    }
  });
  document.body.appendChild(dialog);
  refresh();
  dialog.showModal();
  return { refresh, dialog };
}

/** The periods the state machines' counts and the failures are over. */
export const PERIODS = [
  ['1h', 'Last hour', 3600e3], ['24h', 'Last 24 hours', 86400e3], ['7d', 'Last 7 days', 7 * 86400e3],
  ['30d', 'Last 30 days', 30 * 86400e3],
];

/** {from, to} as ISO strings for a period key ('24h' when unknown). */
export function periodRange(key) {
  const period = PERIODS.find(p => p[0] === key) || PERIODS[1];
  const to = new Date();
  return { from: new Date(to.getTime() - period[2]).toISOString(), to: to.toISOString() };
}

export function periodSelect(selected, onChange) {
  const select = h('select', { name: 'period', 'aria-label': 'Period', onchange: () => onChange(select.value) },
    PERIODS.map(([key, label]) => h('option', { value: key, selected: key === selected }, label)));
  return select;
}

/** Sets the URL's query (replacing this history entry) without showing the view again. */
export function replaceQuery(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== null && value !== undefined && value !== '') search.set(name, value);
  }
  const text = search.toString();
  history.replaceState(null, '', `${location.pathname}${text ? `?${text}` : ''}`);
}
