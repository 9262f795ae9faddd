// Building DOM from data. Every text from a definition or an execution goes in through createTextNode or
// setAttribute, never through innerHTML: a state named "<img onerror=...>" shows as those characters.

const SVG_NS = 'http://www.w3.org/2000/svg';

function build(element, attrs, children) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      for (const [key, v] of Object.entries(value)) {
        if (v !== null && v !== undefined) element.dataset[key] = String(v);
      }
    } else if (name === 'value' && 'value' in element && !(element instanceof SVGElement)) {
      element.value = value;
    } else {
      element.setAttribute(name, value === true ? '' : String(value));
    }
  }
  append(element, children);
  return element;
}

/** Appends children: nodes as they are, anything else (strings, numbers) as text. */
export function append(element, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    element.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** An HTML element: h('a', {href: x}, 'text', otherNode). */
export function h(tag, attrs, ...children) {
  return build(document.createElement(tag), attrs, children);
}

/** An SVG element, as h. */
export function s(tag, attrs, ...children) {
  return build(document.createElementNS(SVG_NS, tag), attrs, children);
}

export function clear(element) {
  while (element.firstChild) element.removeChild(element.firstChild);
  return element;
}

/** An ISO string or AWS's epoch seconds as a local date and time, or '' for none. */
export function formatDate(value) {
  const date = toDate(value);
  if (!date) return '';
  const pad = (n, w = 2) => String(n).padStart(w, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} `
    + `${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}.${pad(date.getMilliseconds(), 3)}`;
}

export function toDate(value) {
  if (value === null || value === undefined || value === '') return null;
  const date = typeof value === 'number' ? new Date(value * 1000) : new Date(value);
  return isNaN(date.getTime()) ? null : date;
}

export function formatDuration(millis) {
  if (millis === null || millis === undefined || isNaN(millis)) return '';
  if (millis < 1000) return `${Math.round(millis)} ms`;
  if (millis < 60000) return `${(millis / 1000).toFixed(millis < 10000 ? 2 : 1)} s`;
  const minutes = Math.floor(millis / 60000);
  if (minutes < 60) return `${minutes} min ${Math.round((millis % 60000) / 1000)} s`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

/** JSON text pretty-printed when it parses, as it is otherwise (a truncated input stays readable). */
export function prettyJson(value) {
  if (value === null || value === undefined) return '';
  if (typeof value !== 'string') return JSON.stringify(value, null, 2);
  try {
    return JSON.stringify(JSON.parse(value), null, 2);
  } catch {
    return value;
  }
}

/** The last segment of an ARN (an execution's or a state machine's name). */
export function arnName(arn) {
  if (!arn) return '';
  const parts = String(arn).split(':');
  return parts[parts.length - 1];
}

/** A status badge: its colour comes from the stylesheet by the status's name. */
export function statusBadge(status, attrs = {}) {
  return h('span', { class: 'status', ...attrs, dataset: { status: status || '' , ...(attrs.dataset || {}) } },
    status || '—');
}
