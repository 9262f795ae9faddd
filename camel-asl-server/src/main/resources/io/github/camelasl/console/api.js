// The console's HTTP API (C/api/*) and AWS's Step Functions API through C/api/stepfunctions.

/** The console's base path C ("/asl"): from data-base or the <base href> the page is served with. */
export const BASE = (() => {
  const declared = document.documentElement.dataset.base;
  const path = declared !== undefined ? declared : new URL(document.baseURI).pathname;
  return path.replace(/\/+$/, '');
})();

/** An error the server answered in AWS's shape ({"__type", "message"}), or a network failure. */
export class ApiError extends Error {
  constructor(status, type, message) {
    super(message || type || `HTTP ${status}`);
    this.status = status;
    this.type = type || `HTTP ${status}`;
  }

  /** "ExecutionDoesNotExist: Execution ... does not exist" */
  toString() {
    return this.message && this.message !== this.type ? `${this.type}: ${this.message}` : this.type;
  }
}

/** Called when the server says a session is needed (401): the app shows its login form. */
let onUnauthorized = () => {};
export function setUnauthorizedHandler(handler) {
  onUnauthorized = handler;
}

// every C/api request carries it: a cross-site page cannot send it without a preflight the server never grants
const CONSOLE_HEADER = { 'X-Asl-Console': '1' };

async function send(url, init) {
  let response;
  try {
    response = await fetch(url, { credentials: 'same-origin', ...init, headers: { ...CONSOLE_HEADER, ...init.headers } });
  } catch (e) {
    if (e.name === 'AbortError') throw e;
    throw new ApiError(0, 'NetworkError', `The server did not answer: ${e.message}`);
  }
  const text = await response.text();
  let body = null;
  if (text) {
    try {
      body = JSON.parse(text);
    } catch {
      body = null;
    }
  }
  if (!response.ok) {
    // a refused sign-in is answered by the login form itself
    if (response.status === 401 && !url.endsWith('/api/login')) onUnauthorized();
    const type = body && (body.__type || body.code);
    const message = body && (body.message || body.Message);
    throw new ApiError(response.status, type ? String(type).replace(/^.*#/, '') : null,
      message || (body ? null : text.slice(0, 300)));
  }
  return body;
}

function query(params) {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params || {})) {
    if (value !== null && value !== undefined && value !== '') search.set(name, value);
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

/** GET C/api/<path>?params */
export function get(path, params, signal) {
  return send(`${BASE}/api/${path}${query(params)}`, { method: 'GET', signal });
}

/** POST C/api/<path> with a body (text as it is, anything else as JSON). */
export function post(path, body, signal) {
  const text = typeof body === 'string' ? body : JSON.stringify(body ?? {});
  return send(`${BASE}/api/${path}`, {
    method: 'POST', signal, body: text, headers: { 'Content-Type': 'application/json' },
  });
}

/** One Step Functions action: sfn('DescribeExecution', {executionArn}); 'CamelAsl.X' for our own. */
export function sfn(action, request, signal) {
  const target = action.includes('.') ? action : `AWSStepFunctions.${action}`;
  return send(`${BASE}/api/stepfunctions`, {
    method: 'POST', signal, body: JSON.stringify(request ?? {}),
    headers: { 'Content-Type': 'application/x-amz-json-1.0', 'X-Amz-Target': target },
  });
}

/**
 * Reads a server-sent event stream (C/api/live/...) with fetch, so that it carries the console's header (an
 * EventSource cannot send headers). Calls onOpen() once it is open, then onEvent(name, data) for each event until the
 * stream ends or signal aborts; resolves when it ends, rejects when it cannot be opened.
 */
export async function stream(path, params, onEvent, signal, onOpen = () => {}) {
  const response = await fetch(`${BASE}/api/${path}${query(params)}`, {
    credentials: 'same-origin', signal, headers: { ...CONSOLE_HEADER, Accept: 'text/event-stream' },
  });
  if (!response.ok || !response.body) {
    if (response.status === 401) onUnauthorized();
    throw new ApiError(response.status, `HTTP ${response.status}`, 'the live stream could not be opened');
  }
  onOpen();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value.replace(/\r\n?/g, '\n');
    let end;
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      let name = 'message';
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith(':')) continue; // a heartbeat comment
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        const fieldValue = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
        if (field === 'event') name = fieldValue;
        else if (field === 'data') data.push(fieldValue);
      }
      if (data.length === 0 && name === 'message') continue;
      let parsed = null;
      try {
        parsed = data.length ? JSON.parse(data.join('\n')) : null;
      } catch {
        parsed = null;
      }
      onEvent(name, parsed);
    }
    if (buffer.length > 4 * 1024 * 1024) throw new ApiError(0, 'StreamError', 'an event over 4 MB');
  }
}
