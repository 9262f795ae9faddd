// One execution (C/executions/<arn>): its graph coloured by what happened, the side panel of the state clicked, the
// event table and the timeline, live while it runs, and the actions (stop, redrive, restart from a state, start).
import { h, clear, append, formatDate, formatDuration, prettyJson, arnName, statusBadge, toDate } from './dom.js';
import { get, sfn, stream } from './api.js';
import { link, executionPath, stateMachinePath, errorBox, loading, actionDialog, replaceQuery, navigate } from './ui.js';
import { renderGraph } from './graph.js';
import { jsonEditor } from './json-editor.js';
import { startExecutionDialog } from './machines.js';

const REFRESH_MILLIS = 500; // a running execution's graph is fetched again at most twice a second
const HISTORY_PAGE = 100;
const MAX_EVENT_ROWS = 5000; // the table stops growing there: a tab does not hold a 100,000-event history
const REDRIVABLE = ['FAILED', 'TIMED_OUT', 'ABORTED'];

function jsonBlock(title, value, open = true) {
  if (value === null || value === undefined || value === '') return null;
  return h('details', { class: 'json-block', open },
    h('summary', {}, title), h('pre', {}, prettyJson(value)));
}

function fact(term, value, attrs = {}) {
  if (value === null || value === undefined || value === '') return null;
  return [h('dt', {}, term), h('dd', attrs, value)];
}

/** The states a restart can start in: those at the top level (not inside a Parallel branch or a Map). */
function topLevelStates(graph) {
  const names = [];
  for (const node of graph.nodes || []) {
    if (node.state && !node.group && node.type !== 'Start' && node.type !== 'End') names.push(node.state);
  }
  for (const group of graph.groups || []) {
    if (group.state && !group.group) names.push(group.state);
  }
  return names;
}

/** The name of the state an event is about, from its ...EventDetails. */
function eventStep(event) {
  for (const [key, value] of Object.entries(event)) {
    if (key.endsWith('EventDetails') && value && typeof value === 'object' && value.name) return value.name;
  }
  return '';
}

function eventDetails(event) {
  const details = Object.entries(event).filter(([key]) => key.endsWith('EventDetails'));
  return details.length ? Object.fromEntries(details) : null;
}

export function executionView(view, arn, params, signal) {
  const mapState = params.get('mapState');
  const iteration = params.get('iteration');
  let selected = params.get('state');
  let execution = null;
  let graph = null;
  let drawn = null;
  let lastEventId = 0;

  const head = h('header', { class: 'execution-head' }, loading());
  const graphHolder = h('div', { class: 'graph-holder' });
  const side = h('aside', { class: 'side-panel', id: 'side-panel' },
    h('p', { class: 'muted' }, 'Click a state to see its input, output, error and events.'));
  const events = h('section', { class: 'events', id: 'events' });
  const timeline = h('section', { class: 'timeline', id: 'timeline' });
  append(view, [head, h('div', { class: 'execution-layout' }, graphHolder, side),
    h('div', { class: 'below' }, events, timeline)]);

  const iterationParams = mapState !== null && iteration !== null ? { mapState, iteration } : {};

  // what was drawn last: an update that changes nothing redraws nothing (a pan or a click in progress goes on)
  let drawnExecution = null;
  let drawnGraph = null;
  async function refresh() {
    const answer = await get('execution-graph', { executionArn: arn, ...iterationParams }, signal);
    execution = answer.execution || {};
    graph = answer.graph || {};
    lastEventId = Math.max(lastEventId, Number(answer.lastEventId) || 0);
    const executionText = JSON.stringify(execution);
    if (executionText !== drawnExecution) {
      drawnExecution = executionText;
      showHead();
    }
    const graphText = JSON.stringify(graph);
    if (graphText !== drawnGraph) {
      drawnGraph = graphText;
      drawn = renderGraph(graph, {
        onSelect: state => selectState(state), selected, initialView: drawn ? drawn.view() : null,
      });
      clear(graphHolder).appendChild(drawn.element);
      if (selected) showDetail(selected);
    }
  }

  /** Which of an element's <details> are open, by their summary, so that a redraw keeps them as the user left them. */
  function openDetails(element) {
    return new Map([...element.querySelectorAll('details')].map(d => [d.querySelector('summary')?.textContent, d.open]));
  }
  function reopen(element, wasOpen) {
    for (const details of element.querySelectorAll('details')) {
      const open = wasOpen.get(details.querySelector('summary')?.textContent);
      if (open !== undefined) details.open = open;
    }
  }

  function showHead() {
    const status = execution.status || '';
    const wasOpen = openDetails(head);
    clear(head);
    const actions = h('div', { class: 'actions' });
    if (status === 'RUNNING') {
      actions.appendChild(h('button', { type: 'button', class: 'danger', id: 'stop-execution', onclick: stopDialog }, 'Stop'));
    }
    if (REDRIVABLE.includes(status)) {
      actions.appendChild(h('button', { type: 'button', id: 'redrive-execution', onclick: redriveDialog }, 'Redrive'));
    }
    actions.appendChild(h('button', { type: 'button', id: 'restart-execution', onclick: () => restartDialog(selected) },
      'Restart from a state…'));
    if (execution.stateMachineArn) {
      actions.appendChild(h('button', { type: 'button', id: 'new-execution',
        onclick: () => startExecutionDialog(execution.stateMachineArn) }, 'New execution'));
    }
    append(head, [
      h('div', { class: 'view-head' },
        h('h1', {}, execution.name || arnName(arn)),
        statusBadge(status, { id: 'execution-status', 'data-execution-status': status }),
        actions),
      mapState !== null ? h('p', { class: 'iteration-banner' }, `Iteration ${iteration} of the Map state `,
        h('code', {}, mapState), ' · ', link(executionPath(arn), {}, 'back to the whole execution')) : null,
      h('dl', { class: 'facts' },
        fact('State machine', execution.stateMachineArn
          ? link(stateMachinePath(execution.stateMachineArn), {}, arnName(execution.stateMachineArn)) : null),
        fact('ARN', arn, { class: 'arn' }),
        fact('Started', formatDate(execution.startDate)),
        fact('Stopped', formatDate(execution.stopDate)),
        fact('Duration', execution.startDate ? formatDuration(((toDate(execution.stopDate) || new Date())
          - toDate(execution.startDate))) : null),
        fact('Redrives', execution.redriveCount ? String(execution.redriveCount) : null),
        fact('Error', execution.error, { class: 'error-text' }),
        fact('Cause', execution.cause, { class: 'cause-text' })),
      h('div', { class: 'execution-data' }, jsonBlock('Input', execution.input, false),
        jsonBlock('Output', execution.output, false)),
    ]);
    reopen(head, wasOpen);
  }

  function selectState(state) {
    selected = state;
    replaceQuery({ ...iterationParams, state });
    if (drawn) drawn.select(state);
    showDetail(state);
  }

  let detailRequest = 0;
  async function showDetail(state) {
    const request = ++detailRequest;
    const group = (graph.groups || []).find(g => g.state === state);
    const node = (graph.nodes || []).find(n => n.state === state);
    let detail;
    try {
      detail = await get('state-detail', { executionArn: arn, state,
        iteration: mapState !== null ? iteration : null }, signal);
    } catch (e) {
      if (e.name === 'AbortError' || request !== detailRequest) return;
      clear(side).appendChild(h('div', {}, h('h2', {}, state), errorBox(e)));
      return;
    }
    if (request !== detailRequest) return;
    const topLevel = topLevelStates(graph).includes(state) && mapState === null;
    const mapRun = group && group.kind === 'Map' && graph.mapRuns ? graph.mapRuns[state] : null;
    const wasOpen = side.dataset.state === state ? openDetails(side) : new Map();
    side.dataset.state = state;
    clear(side);
    append(side, [
      h('div', { class: 'side-head' }, h('h2', { class: 'side-state' }, state),
        statusBadge(detail.status, { class: 'status side-status' })),
      h('dl', { class: 'facts' },
        fact('Type', node ? node.type : group ? group.kind : null),
        fact('Resource', node && node.detail ? node.detail : null, { class: 'arn' }),
        fact('Started', formatDate(detail.startDate)),
        fact('Stopped', formatDate(detail.stopDate)),
        fact('Duration', detail.durationMillis !== null && detail.durationMillis !== undefined
          ? formatDuration(detail.durationMillis) : null),
        fact('Retries', detail.retries ? String(detail.retries) : null),
        fact('Runs', node && node.runs > 1 ? String(node.runs) : group && group.runs > 1 ? String(group.runs) : null),
        fact('Error', detail.error, { class: 'error-text', id: 'side-error' }),
        fact('Cause', detail.cause, { class: 'cause-text', id: 'side-cause' }),
        fact('Task token', detail.taskToken, { class: 'token' }),
        fact('Events', (detail.eventIds || []).length ? (detail.eventIds || []).slice(0, 50).join(', ')
          + (detail.eventIds.length > 50 ? ` … (${detail.eventIds.length})` : '') : null)),
      mapRun ? mapRunPanel(state, mapRun) : null,
      jsonBlock('Input', detail.input),
      jsonBlock('Effective input', detail.effectiveInput, false),
      jsonBlock('Output', detail.output),
      topLevel ? h('button', { type: 'button', class: 'restart-here', onclick: () => restartDialog(state, detail.input) },
        `Restart from ${state}…`) : null,
    ]);
    reopen(side, wasOpen);
  }

  function mapRunPanel(state, run) {
    const number = h('input', { type: 'number', min: 0, max: Math.max(0, (run.total || 1) - 1), value: 0,
      name: 'iteration', 'aria-label': 'Iteration number' });
    return h('div', { class: 'map-run' },
      h('h3', {}, 'Map run'),
      h('table', { class: 'data map-counts' }, h('tbody', {}, ['total', 'succeeded', 'failed', 'running', 'aborted']
        .map(key => h('tr', {}, h('th', {}, key), h('td', { class: 'num', dataset: { count: key } }, String(run[key] ?? 0)))))),
      h('form', { class: 'open-iteration', onsubmit: event => {
        event.preventDefault();
        const index = Number(number.value);
        if (!Number.isInteger(index) || index < 0) return;
        navigate(`${executionPath(arn)}?mapState=${encodeURIComponent(state)}&iteration=${index}`);
      } }, h('label', {}, 'Iteration ', number), h('button', { type: 'submit' }, 'Open its graph')));
  }

  // --- actions ---

  function after(action) {
    return async () => {
      const result = await action();
      refresh().then(() => watch()).catch(() => {});
      return result;
    };
  }

  function stopDialog() {
    const error = h('input', { type: 'text', name: 'error', maxlength: 256 });
    const cause = h('input', { type: 'text', name: 'cause', maxlength: 32768 });
    actionDialog({
      title: `Stop ${execution.name}?`, danger: true, confirmLabel: 'Stop execution',
      body: [h('p', {}, 'The execution ends ABORTED; the state running now is cancelled.'),
        h('label', {}, 'Error (optional) ', error), h('label', {}, 'Cause (optional) ', cause)],
      action: after(async () => {
        const answer = await sfn('StopExecution', { executionArn: arn, error: error.value || undefined,
          cause: cause.value || undefined });
        return `Stopped at ${formatDate(answer.stopDate)}.`;
      }),
    });
  }

  function redriveDialog() {
    actionDialog({
      title: `Redrive ${execution.name}?`, confirmLabel: 'Redrive',
      body: h('p', {}, 'The execution goes on from the states that did not succeed, with the same input.'),
      action: after(async () => {
        const answer = await sfn('RedriveExecution', { executionArn: arn });
        return `Redriven at ${formatDate(answer.redriveDate)}.`;
      }),
    });
  }

  function restartDialog(state, knownInput) {
    const states = topLevelStates(graph || {});
    let dialog = null;
    const stateSelect = h('select', { name: 'stateName', 'aria-label': 'State to restart from' },
      states.map(name => h('option', { value: name, selected: name === state }, name)));
    const editor = jsonEditor(knownInput !== undefined && knownInput !== null ? prettyJson(knownInput) : '',
      { onChange: () => dialog && dialog.refresh(), allowEmpty: true, label: 'Input of the state', rows: 12 });
    const name = h('input', { type: 'text', name: 'name', placeholder: 'generated when empty', maxlength: 80 });
    // the input the chosen state had in this execution, when the editor was not given one
    let prefills = 0;
    const prefill = async () => {
      const request = ++prefills;
      try {
        const detail = await get('state-detail', { executionArn: arn, state: stateSelect.value }, signal);
        if (request !== prefills) return; // another state was chosen meanwhile
        editor.textarea.value = detail.input ? prettyJson(detail.input) : '';
        editor.textarea.dispatchEvent(new Event('input'));
      } catch {
        // it stays empty: the server then uses the input the state had, or says to give one
      }
    };
    stateSelect.addEventListener('change', prefill);
    if (knownInput === undefined && stateSelect.value) prefill();
    dialog = actionDialog({
      title: `Restart ${execution.name} from a state`, confirmLabel: 'Restart',
      body: [h('p', {}, 'A new execution of the state machine, on its current definition, starts in the state chosen with '
        + 'the input below (empty: the input that state had in this execution).'),
      h('label', {}, 'State ', stateSelect), h('label', {}, 'Name ', name),
      h('div', { class: 'field-label' }, 'Input'), editor.element],
      canConfirm: () => editor.valid() && Boolean(stateSelect.value),
      action: async () => {
        const text = editor.value().trim();
        const answer = await sfn('CamelAsl.RestartExecution', { executionArn: arn, stateName: stateSelect.value,
          input: text === '' ? undefined : text, name: name.value || undefined });
        return [h('span', {}, 'Started '), link(executionPath(answer.executionArn), {
          class: 'new-execution', onclick: () => dialog.dialog.close(),
        }, arnName(answer.executionArn))];
      },
    });
  }

  // --- the event table ---

  let historyToken = null;
  let historyComplete = false;
  const typeFilter = h('input', { type: 'search', name: 'eventType', placeholder: 'Filter by type, e.g. Failed',
    list: 'event-types', 'aria-label': 'Event type filter' });
  const typeList = h('datalist', { id: 'event-types' });
  const eventRows = h('tbody', {});
  const moreButton = h('button', { type: 'button', class: 'more-events', onclick: () => loadEvents() }, 'Load more');
  const fullNote = h('p', { class: 'muted full-note', hidden: true },
    `The table shows the first ${MAX_EVENT_ROWS} events; the command line and GetExecutionHistory have them all.`);
  append(events, [h('div', { class: 'section-head' }, h('h2', {}, 'Events'), typeFilter, typeList),
    h('table', { class: 'data event-table', id: 'event-table' },
      h('thead', {}, h('tr', {}, ['ID', 'Type', 'Step', 'Time', 'Details'].map(t => h('th', {}, t)))), eventRows),
    moreButton, fullNote]);
  const knownTypes = new Set();
  const shownEvents = new Set(); // the ids in the table: a live batch may repeat the last page's
  const applyFilter = () => {
    const text = typeFilter.value.trim().toLowerCase();
    for (const row of eventRows.children) {
      row.hidden = Boolean(text) && !row.dataset.type.toLowerCase().includes(text);
    }
  };
  typeFilter.addEventListener('input', applyFilter);
  function addEvents(list) {
    for (const event of list) {
      if (shownEvents.size >= MAX_EVENT_ROWS) {
        fullNote.hidden = false;
        moreButton.hidden = true;
        break;
      }
      if (shownEvents.has(Number(event.id))) continue;
      shownEvents.add(Number(event.id));
      const details = eventDetails(event);
      eventRows.appendChild(h('tr', { dataset: { eventId: Number(event.id), type: event.type || '' },
        class: /Failed|TimedOut|Aborted/.test(event.type || '') ? 'bad-event' : null },
      h('td', { class: 'num' }, String(event.id ?? '')), h('td', {}, event.type || ''), h('td', {}, eventStep(event)),
      h('td', {}, formatDate(event.timestamp)),
      h('td', {}, details ? h('details', {}, h('summary', {}, 'details'), h('pre', {}, prettyJson(details))) : '')));
      if (event.type && !knownTypes.has(event.type)) {
        knownTypes.add(event.type);
        typeList.appendChild(h('option', { value: event.type }));
      }
    }
    applyFilter();
  }
  async function loadEvents() {
    if (historyComplete || shownEvents.size >= MAX_EVENT_ROWS) return;
    moreButton.disabled = true;
    try {
      const answer = await sfn('GetExecutionHistory', { executionArn: arn, maxResults: HISTORY_PAGE,
        nextToken: historyToken || undefined, includeExecutionData: true }, signal);
      addEvents(answer.events || []);
      historyToken = answer.nextToken || null;
      historyComplete = !historyToken;
      moreButton.hidden = historyComplete || shownEvents.size >= MAX_EVENT_ROWS;
    } catch (e) {
      if (e.name !== 'AbortError') events.appendChild(errorBox(e));
    } finally {
      moreButton.disabled = false;
    }
  }

  // --- the timeline ---

  async function loadTimeline() {
    let answer;
    try {
      answer = await get('timeline', { executionArn: arn }, signal);
    } catch (e) {
      if (e.name !== 'AbortError') clear(timeline).append(h('h2', {}, 'Timeline'), errorBox(e));
      return;
    }
    const items = (answer.items || []).filter(item => toDate(item.start));
    const start = Math.min(...items.map(i => toDate(i.start).getTime()));
    const now = Date.now();
    const end = Math.max(start + 1, ...items.map(i => (toDate(i.stop) || new Date(now)).getTime()));
    const span = end - start;
    clear(timeline);
    append(timeline, [h('h2', {}, 'Timeline'),
      items.length ? h('div', { class: 'timeline-rows' }, items.map(item => {
        const from = toDate(item.start).getTime();
        const to = (toDate(item.stop) || new Date(now)).getTime();
        const label = item.iteration === null || item.iteration === undefined ? item.state
          : `${item.state} [${item.iteration}]`;
        return h('div', { class: 'timeline-row', dataset: { state: item.state, status: item.status },
          title: `${label}: ${item.status}, ${formatDuration(to - from)}`,
          onclick: () => selectState(item.state) },
        h('span', { class: 'timeline-label' }, label),
        h('span', { class: 'timeline-track' }, h('span', { class: 'timeline-bar', dataset: { status: item.status },
          style: `left:${((from - start) / span * 100).toFixed(3)}%;width:${Math.max(0.4, (to - from) / span * 100).toFixed(3)}%` })),
        h('span', { class: 'timeline-duration' }, formatDuration(to - from)));
      })) : h('p', { class: 'empty' }, 'No states ran yet.'),
      answer.truncated ? h('p', { class: 'muted' }, `The first ${items.length} items only.`) : null]);
  }

  // --- live ---

  let refreshPending = false;
  let lastRefresh = 0;
  function scheduleRefresh() {
    if (refreshPending || signal.aborted) return;
    refreshPending = true;
    setTimeout(async () => {
      refreshPending = false;
      lastRefresh = Date.now();
      try {
        await refresh();
        await loadTimeline();
      } catch {
        // the next event (or the end) fetches it again
      }
    }, Math.max(0, REFRESH_MILLIS - (Date.now() - lastRefresh)));
  }

  let watching = false;
  async function watch() {
    if (watching || signal.aborted || !execution || execution.status !== 'RUNNING') return;
    watching = true;
    try {
      await stream('live/execution', { executionArn: arn, after: lastEventId }, (name, data) => {
        if (name === 'history' && data) {
          lastEventId = Math.max(lastEventId, Number(data.lastEventId) || 0);
          if (historyComplete) addEvents(data.events || []);
          if (data.status) {
            const badge = head.querySelector('[data-execution-status]');
            if (badge) {
              badge.textContent = data.status;
              badge.setAttribute('data-execution-status', data.status);
              badge.dataset.status = data.status;
            }
          }
          scheduleRefresh();
        } else if (name === 'end') {
          scheduleRefresh();
        }
      }, signal, () => {
        view.dataset.live = 'stream';
      });
    } catch (e) {
      if (signal.aborted) return;
      view.dataset.live = 'polling';
      // no live stream (or it broke): poll until the execution ends
      while (!signal.aborted && execution.status === 'RUNNING') {
        await new Promise(resolve => setTimeout(resolve, 1000));
        try {
          await refresh();
          await loadTimeline();
        } catch {
          // tried again in a second
        }
      }
    } finally {
      watching = false;
      delete view.dataset.live;
    }
    if (!signal.aborted) {
      // the stream ended: show the end, and the last events
      await refresh().catch(() => {});
      if (historyComplete) {
        historyComplete = false;
        await loadEvents();
      }
      loadTimeline();
      if (execution.status === 'RUNNING') {
        await new Promise(resolve => setTimeout(resolve, 1000));
        watch();
      }
    }
  }

  (async () => {
    try {
      await refresh();
    } catch (e) {
      if (e.name !== 'AbortError') clear(head).appendChild(errorBox(e));
      return;
    }
    loadEvents();
    loadTimeline();
    watch();
  })();
}
