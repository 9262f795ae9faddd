// The executions list (C/executions): filters, sort, pages, the grouped failures and the running executions, live.
import { h, clear, append, formatDate, arnName, statusBadge, toDate } from './dom.js';
import { get, stream } from './api.js';
import { link, executionPath, stateMachinePath, errorBox, loading, replaceQuery, PERIODS } from './ui.js';

const STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'];
const SORTS = [['-startDate', 'Newest first'], ['startDate', 'Oldest first'], ['-stopDate', 'Stopped last first'],
  ['stopDate', 'Stopped first first'], ['name', 'Name']];
const FILTERS = ['stateMachineArn', 'status', 'period', 'from', 'to', 'search', 'error', 'failedState', 'sort',
  'maxResults'];
const PAGE_SIZE = 50; // maxResults in the address sets another (1..1000, as the server takes)

/** The list's time range: custom from/to when given, else the period (none: all time). */
function range(filters) {
  const iso = value => {
    const date = toDate(value);
    return date ? date.toISOString() : null;
  };
  if (filters.from || filters.to) return { from: iso(filters.from), to: iso(filters.to) };
  const period = PERIODS.find(p => p[0] === filters.period);
  if (!period) return { from: null, to: null };
  return { from: new Date(Date.now() - period[2]).toISOString(), to: null };
}

function pageSize(filters) {
  const n = Number(filters.maxResults);
  return Number.isInteger(n) && n >= 1 && n <= 1000 ? n : PAGE_SIZE;
}

/** A row of the list; on a state machine's own page (oneMachine) without the state machine's column. */
function summaryRow(e, oneMachine) {
  return h('tr', { dataset: { executionArn: e.executionArn, status: e.status } },
    h('td', {}, link(executionPath(e.executionArn), { class: 'execution-link' }, e.name || arnName(e.executionArn))),
    h('td', {}, statusBadge(e.status)),
    oneMachine ? null : h('td', {}, link(stateMachinePath(e.stateMachineArn), {}, arnName(e.stateMachineArn))),
    h('td', {}, formatDate(e.startDate)),
    h('td', {}, formatDate(e.stopDate)),
    h('td', { class: 'error-cell' }, e.error || ''),
    h('td', {}, e.failedState || ''),
    h('td', { class: 'num' }, e.redriveCount ? String(e.redriveCount) : ''));
}

function summaryTable(executions, id, oneMachine = false) {
  return h('table', { class: 'data executions', id },
    h('thead', {}, h('tr', {}, ['Name', 'Status', oneMachine ? null : 'State machine', 'Started', 'Stopped', 'Error',
      'Failed state', 'Redrives'].filter(Boolean).map(t => h('th', {}, t)))),
    h('tbody', {}, executions.map(e => summaryRow(e, oneMachine))));
}

/**
 * A filtered, paged table of executions in container. fixed: filters the user does not change (a state machine's
 * page); options.title; options.syncUrl keeps the filters in the address; options.compact hides the failures.
 */
export function executionsTable(container, fixed, signal, options = {}) {
  const initial = options.initial || {};
  const filters = { sort: '-startDate', period: '', ...initial, ...fixed };
  const input = (name, attrs = {}) => h('input', { name, value: filters[name] || '', ...attrs });
  const machineSelect = h('select', { name: 'stateMachineArn', 'aria-label': 'State machine' },
    h('option', { value: '' }, 'All state machines'));
  if (filters.stateMachineArn) {
    machineSelect.appendChild(h('option', { value: filters.stateMachineArn, selected: true }, arnName(filters.stateMachineArn)));
  }
  const form = h('form', { class: 'filters', id: 'execution-filters' },
    fixed.stateMachineArn ? null : h('label', {}, 'State machine ', machineSelect),
    h('label', {}, 'Status ', h('select', { name: 'status' }, h('option', { value: '' }, 'Any'),
      STATUSES.map(s => h('option', { value: s, selected: filters.status === s }, s)))),
    h('label', {}, 'Period ', h('select', { name: 'period' }, h('option', { value: '' }, 'All time'),
      PERIODS.map(([key, label]) => h('option', { value: key, selected: filters.period === key }, label)))),
    h('label', {}, 'From ', input('from', { type: 'datetime-local', step: 1 })),
    h('label', {}, 'To ', input('to', { type: 'datetime-local', step: 1 })),
    h('label', {}, 'Search ', input('search', { type: 'search', placeholder: 'name or ARN' })),
    h('label', {}, 'Error ', input('error', { type: 'search', placeholder: 'e.g. States.Timeout' })),
    h('label', {}, 'Failed state ', input('failedState', { type: 'search' })),
    h('label', {}, 'Sort ', h('select', { name: 'sort' },
      SORTS.map(([key, label]) => h('option', { value: key, selected: filters.sort === key }, label)))),
    h('button', { type: 'submit', class: 'primary' }, 'Apply'),
    h('button', { type: 'button', class: 'clear', onclick: () => {
      for (const name of FILTERS) if (!(name in fixed)) filters[name] = name === 'sort' ? '-startDate' : '';
      for (const element of form.elements) if (element.name && !(element.name in fixed)) {
        element.value = element.name === 'sort' ? '-startDate' : '';
      }
      reload();
    } }, 'Clear'));
  const failures = h('section', { class: 'failures', id: 'failures' });
  const table = h('div', { class: 'table-holder' }, loading());
  const pager = h('div', { class: 'pager' });
  append(container, [
    options.title ? h('h2', {}, options.title) : null, form, options.compact ? null : failures, table, pager]);

  if (!fixed.stateMachineArn) {
    get('state-machines', {}, signal).then(answer => {
      for (const m of answer.stateMachines || []) {
        if (m.stateMachineArn === filters.stateMachineArn) continue;
        machineSelect.appendChild(h('option', { value: m.stateMachineArn }, m.name || arnName(m.stateMachineArn)));
      }
    }).catch(() => {});
  }

  // the tokens of the pages before this one, so that "Previous" can go back
  let tokens = [];
  let token = null;
  form.addEventListener('submit', event => {
    event.preventDefault();
    for (const element of form.elements) if (element.name && !(element.name in fixed)) filters[element.name] = element.value;
    reload();
  });

  function reload() {
    tokens = [];
    token = null;
    if (options.syncUrl) {
      replaceQuery(Object.fromEntries(FILTERS.filter(n => !(n in fixed)).map(n => [n, filters[n]])));
    }
    loadPage();
    if (!options.compact) loadFailures();
  }

  async function loadPage() {
    const { from, to } = range(filters);
    try {
      const answer = await get('executions', {
        stateMachineArn: filters.stateMachineArn, status: filters.status, from, to, search: filters.search,
        error: filters.error, failedState: filters.failedState, sort: filters.sort, maxResults: pageSize(filters),
        nextToken: token,
      }, signal);
      const executions = answer.executions || [];
      clear(table).appendChild(executions.length
        ? summaryTable(executions, 'executions', Boolean(fixed.stateMachineArn))
        : h('p', { class: 'empty', id: 'no-executions' }, 'No executions match.'));
      clear(pager);
      if (tokens.length) {
        pager.appendChild(h('button', { type: 'button', class: 'previous', onclick: () => {
          token = tokens.pop();
          loadPage();
        } }, '‹ Previous'));
      }
      pager.appendChild(h('span', { class: 'page-number' }, `Page ${tokens.length + 1}`));
      if (answer.nextToken) {
        pager.appendChild(h('button', { type: 'button', class: 'next', onclick: () => {
          tokens.push(token);
          token = answer.nextToken;
          loadPage();
        } }, 'Next ›'));
      }
    } catch (e) {
      if (e.name !== 'AbortError') clear(table).appendChild(errorBox(e));
    }
  }

  async function loadFailures() {
    const { from, to } = range(filters);
    try {
      const answer = await get('failures', { from, to, stateMachineArn: filters.stateMachineArn }, signal);
      const groups = answer.groups || [];
      clear(failures);
      if (!groups.length) return;
      // without a range the server groups the last 24 hours' failures
      const over = from || to ? 'in the period chosen' : 'in the last 24 hours';
      append(failures, [h('h2', {}, `Failures ${over}`), h('ul', { class: 'failure-groups' }, groups.map(g =>
        h('li', { class: 'failure-group', dataset: { failedState: g.failedState, error: g.error } },
          h('strong', { class: 'count' }, String(g.count)), ' failed at ',
          h('code', { class: 'state-name' }, g.failedState || '(unknown state)'), ' with ',
          h('code', { class: 'error-name' }, g.error || '(no error)'),
          ' in ', link(stateMachinePath(g.stateMachineArn), {}, arnName(g.stateMachineArn)),
          h('span', { class: 'muted' }, ` · last ${formatDate(g.lastStopDate)} · `),
          link(executionPath(g.executionArn), { class: 'newest' }, 'newest'), ' · ',
          h('button', { type: 'button', class: 'small show-group', onclick: () => {
            Object.assign(filters, { stateMachineArn: g.stateMachineArn, failedState: g.failedState || '',
              error: g.error || '', status: '' });
            for (const element of form.elements) if (element.name in filters && !(element.name in fixed)) {
              if (element.name === 'stateMachineArn' && ![...element.options].some(o => o.value === g.stateMachineArn)) {
                element.appendChild(h('option', { value: g.stateMachineArn }, arnName(g.stateMachineArn)));
              }
              element.value = filters[element.name] || '';
            }
            reload();
          } }, 'Show them'))))]);
    } catch (e) {
      if (e.name !== 'AbortError') clear(failures).appendChild(errorBox(e));
    }
  }

  reload();
}

/** The running executions and the newest finished, kept up to date by C/api/live/executions. */
function runningPanel(panel, signal) {
  const show = data => {
    clear(panel);
    const running = data.running || [];
    append(panel, [h('h2', {}, `Running now (${running.length}${running.length >= 100 ? '+' : ''})`),
      running.length ? summaryTable(running, 'running-executions') : h('p', { class: 'empty' }, 'Nothing is running.')]);
    if ((data.recent || []).length) {
      append(panel, [h('details', {}, h('summary', {}, 'Recently finished'), summaryTable(data.recent, 'recent-executions'))]);
    }
  };
  (async () => {
    for (let attempt = 0; !signal.aborted && attempt < 100; attempt++) {
      try {
        await stream('live/executions', {}, (name, data) => {
          if (name === 'executions' && data) show(data);
        }, signal, () => {
          panel.dataset.live = 'stream';
        });
      } catch (e) {
        if (signal.aborted) return;
        panel.dataset.live = 'polling';
        // the stream is not there (or broke): poll the running ones instead, every 2 s
        try {
          const answer = await get('executions', { status: 'RUNNING', maxResults: 100 }, signal);
          show({ running: answer.executions || [] });
        } catch {
          if (signal.aborted) return;
        }
      }
      await new Promise(resolve => setTimeout(resolve, 2000));
    }
  })();
}

export function executionsView(view, params, signal) {
  const initial = Object.fromEntries(FILTERS.filter(n => params.get(n)).map(n => [n, params.get(n)]));
  const running = h('section', { class: 'running', id: 'running' });
  append(view, [h('div', { class: 'view-head' }, h('h1', {}, 'Executions')), running]);
  const list = h('section', { class: 'list' });
  view.appendChild(list);
  executionsTable(list, {}, signal, { initial, syncUrl: true });
  runningPanel(running, signal);
}
