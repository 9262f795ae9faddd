// The console's one page: routes location.pathname under the base path C to a view, shows the login form when the
// server asks for one.
import { h, clear, append } from './dom.js';
import { BASE, get, post, setUnauthorizedHandler } from './api.js';
import { setRouter, link, errorBox } from './ui.js';
import { stateMachinesView, stateMachineView } from './machines.js';
import { executionsView } from './executions.js';
import { executionView } from './execution.js';
import { definitionView } from './definition.js';

const main = document.getElementById('view');
let current = null; // the shown view's AbortController: its requests and live streams stop when another is shown

/** The view for a path under C ("executions/arn%3A...", "" for the state machines). */
function show(path, params) {
  if (current) current.abort();
  current = new AbortController();
  const signal = current.signal;
  clear(main);
  for (const dialog of document.querySelectorAll('dialog.action-dialog')) dialog.close();
  const [section, ...rest] = path.split('/');
  // an ARN in the path is URL-encoded by the page's links, but a raw one (with ':' and even '/') works too
  const arn = rest.length ? safeDecode(rest.join('/')) : null;
  markNavigation(section);
  if (section === '' || section === 'state-machines' && !arn) {
    document.title = 'State machines · Camel ASL';
    stateMachinesView(main, params, signal);
  } else if (section === 'state-machines') {
    document.title = `${arn} · Camel ASL`;
    stateMachineView(main, arn, params, signal);
  } else if (section === 'executions' && !arn) {
    document.title = 'Executions · Camel ASL';
    executionsView(main, params, signal);
  } else if (section === 'executions') {
    document.title = `${arn} · Camel ASL`;
    executionView(main, arn, params, signal);
  } else if (section === 'definition') {
    document.title = 'Definition · Camel ASL';
    definitionView(main, params, signal);
  } else {
    document.title = 'Not found · Camel ASL';
    append(main, [h('h1', {}, 'Not found'), h('p', {}, 'No view at ', h('code', {}, location.pathname), '. '),
      link('', {}, 'State machines')]);
  }
}

function safeDecode(text) {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function markNavigation(section) {
  for (const a of document.querySelectorAll('nav.top a')) {
    a.classList.toggle('current', a.dataset.section === (section || 'state-machines'));
  }
}

/** The path under C of the current location, without C and the leading slash. */
function currentPath() {
  const path = location.pathname;
  const under = path === BASE || path.startsWith(`${BASE}/`) ? path.slice(BASE.length) : path;
  return under.replace(/^\/+/, '').replace(/\/+$/, '');
}

function route() {
  show(currentPath(), new URLSearchParams(location.search));
}

function navigate(pathAndQuery) {
  history.pushState(null, '', `${BASE}/${pathAndQuery}`);
  route();
}

function loginForm(message) {
  if (current) current.abort();
  current = new AbortController();
  clear(main);
  const keyId = h('input', { type: 'text', name: 'accessKeyId', autocomplete: 'username', required: true });
  const secret = h('input', { type: 'password', name: 'secretAccessKey', autocomplete: 'current-password', required: true });
  const failure = h('div', { class: 'login-error', role: 'alert' });
  const form = h('form', { class: 'login', id: 'login' },
    h('h1', {}, 'Sign in'),
    h('p', {}, 'This server has access keys: sign in with one (its access key ID and secret access key).'),
    message ? h('p', { class: 'muted' }, message) : null,
    h('label', {}, 'Access key ID ', keyId), h('label', {}, 'Secret access key ', secret), failure,
    h('button', { type: 'submit', class: 'primary' }, 'Sign in'));
  form.addEventListener('submit', async event => {
    event.preventDefault();
    clear(failure);
    try {
      await post('login', { accessKeyId: keyId.value, secretAccessKey: secret.value });
      document.body.classList.add('logged-in');
      route();
    } catch (e) {
      failure.textContent = e.status === 401 || e.status === 403 ? 'Those keys are not accepted.' : String(e);
    }
  });
  main.appendChild(form);
  keyId.focus();
}

async function logout() {
  try {
    await post('logout', {});
  } finally {
    start();
  }
}

async function start() {
  let session;
  try {
    session = await get('session');
  } catch (e) {
    clear(main).appendChild(errorBox(e));
    return;
  }
  document.body.classList.toggle('login-required', Boolean(session.loginRequired));
  if (session.loginRequired && !session.loggedIn) {
    loginForm();
  } else {
    route();
  }
}

setRouter(navigate);
setUnauthorizedHandler(() => loginForm('Your session has ended.'));
window.addEventListener('popstate', route);
document.getElementById('logout').addEventListener('click', logout);
for (const a of document.querySelectorAll('nav.top a')) {
  a.setAttribute('href', `${BASE}/${a.dataset.path}`);
  a.addEventListener('click', event => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    navigate(a.dataset.path);
  });
}
start();
