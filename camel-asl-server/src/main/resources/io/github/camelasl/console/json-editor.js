// A JSON input editor: a textarea checked as the user types, the error shown with its line and column.
import { h } from './dom.js';

/**
 * Where JSON.parse stopped in text: {message, line, column} (1-based), or null when the text is valid JSON.
 * V8 says "at position N" (and newer ones "(line L column C)"); the end of the text otherwise.
 */
export function jsonError(text) {
  try {
    JSON.parse(text);
    return null;
  } catch (e) {
    const message = String(e.message);
    const lineColumn = /line (\d+) column (\d+)/.exec(message);
    if (lineColumn) {
      return { message: cleanMessage(message), line: Number(lineColumn[1]), column: Number(lineColumn[2]) };
    }
    const position = /position (\d+)/.exec(message);
    const offset = position ? Math.min(Number(position[1]), text.length) : text.length;
    const before = text.slice(0, offset).split('\n');
    return { message: cleanMessage(message), line: before.length, column: before[before.length - 1].length + 1 };
  }
}

function cleanMessage(message) {
  return message.replace(/\s*\(line \d+ column \d+\)/, '').replace(/\s*at position \d+/, '').replace(/^JSON\.parse: /, '');
}

/**
 * The editor: { element, value(), valid() }. onChange(valid) after each edit.
 * A blank text counts as invalid unless options.allowEmpty.
 */
export function jsonEditor(initialText, options = {}) {
  const textarea = h('textarea', {
    class: 'json-editor', spellcheck: 'false', rows: options.rows || 10, 'aria-label': options.label || 'JSON input',
    name: options.name || 'input',
  });
  textarea.value = initialText ?? '';
  const status = h('div', { class: 'json-status', role: 'status' });
  let valid = false;
  const check = () => {
    const text = textarea.value;
    if (text.trim() === '') {
      valid = Boolean(options.allowEmpty);
      status.textContent = valid ? 'Empty: none is sent' : 'Empty: write a JSON value, e.g. {}';
      status.className = `json-status ${valid ? 'ok' : 'invalid'}`;
    } else {
      const error = jsonError(text);
      valid = !error;
      status.textContent = error ? `Invalid JSON at line ${error.line}, column ${error.column}: ${error.message}`
        : 'Valid JSON';
      status.className = `json-status ${valid ? 'ok' : 'invalid'}`;
    }
    textarea.setAttribute('aria-invalid', String(!valid));
    if (options.onChange) options.onChange(valid);
  };
  textarea.addEventListener('input', check);
  const format = h('button', {
    type: 'button', class: 'small', onclick: () => {
      if (!jsonError(textarea.value)) {
        textarea.value = JSON.stringify(JSON.parse(textarea.value), null, 2);
        check();
      }
    },
  }, 'Format');
  check();
  return {
    element: h('div', { class: 'json-field' }, textarea, h('div', { class: 'json-bar' }, status, format)),
    value: () => textarea.value,
    valid: () => valid,
    textarea,
  };
}
