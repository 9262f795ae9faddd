// The state machines (C/) and one state machine (C/state-machines/<arn>).
import { h, clear, append, formatDate, arnName, statusBadge } from './dom.js';
import { get, post, sfn } from './api.js';
import { link, executionPath, stateMachinePath, errorBox, loading, periodSelect, periodRange, replaceQuery,
  actionDialog } from './ui.js';
import { renderGraph } from './graph.js';
import { jsonEditor } from './json-editor.js';
import { executionsTable } from './executions.js';

const COUNTED = ['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE'];

function percent(rate) {
  const n = Number(rate);
  return Number.isFinite(n) ? `${(n * 100).toFixed(n > 0 && n < 0.01 ? 2 : 1)} %` : '';
}

function lastRuns(executions) {
  return h('span', { class: 'last-runs' }, (executions || []).map(e =>
    link(executionPath(e.executionArn), { class: 'run-dot', title: `${e.name}: ${e.status} ${formatDate(e.startDate)}`,
      dataset: { status: e.status } })));
}

export async function stateMachinesView(view, params, signal) {
  let period = params.get('period') || '24h';
  const table = h('div', { class: 'table-holder' }, loading());
  append(view, [
    h('div', { class: 'view-head' }, h('h1', {}, 'State machines'),
      h('label', {}, 'Period ', periodSelect(period, value => {
        period = value;
        replaceQuery({ period });
        load();
      }))),
    table,
  ]);
  async function load() {
    try {
      const answer = await get('state-machines', periodRange(period), signal);
      const machines = answer.stateMachines || [];
      clear(table).appendChild(machines.length === 0
        ? h('p', { class: 'empty' }, 'No state machines yet. Create one with the API (CreateStateMachine) or an asl: route.')
        : h('table', { class: 'data', id: 'state-machines' },
          h('thead', {}, h('tr', {}, h('th', {}, 'Name'), h('th', {}, 'Type'),
            COUNTED.map(s => h('th', { class: 'num' }, s.replace('_', ' ').toLowerCase())),
            h('th', { class: 'num' }, 'Total'), h('th', { class: 'num' }, 'Failure rate'), h('th', {}, 'Last runs'))),
          h('tbody', {}, machines.map(m => h('tr', { dataset: { stateMachineArn: m.stateMachineArn } },
            h('td', {}, link(stateMachinePath(m.stateMachineArn), {}, m.name || arnName(m.stateMachineArn))),
            h('td', {}, m.type || ''),
            COUNTED.map(s => h('td', { class: 'num' }, (m.counts && m.counts[s]) ? link(
              `executions?stateMachineArn=${encodeURIComponent(m.stateMachineArn)}&status=${s}&period=${period}`,
              { dataset: { status: s }, class: 'count' }, String(m.counts[s])) : '0')),
            h('td', { class: 'num' }, String(m.total ?? 0)),
            h('td', { class: `num${Number(m.failureRate) > 0 ? ' failing' : ''}` }, percent(m.failureRate)),
            h('td', {}, lastRuns(m.lastExecutions)))))));
    } catch (e) {
      if (e.name !== 'AbortError') clear(table).appendChild(errorBox(e));
    }
  }
  await load();
}

/** Asks for an input and starts an execution of the state machine; shows the new execution's link. */
export function startExecutionDialog(stateMachineArn) {
  let dialog = null;
  const editor = jsonEditor('{}', { onChange: () => dialog && dialog.refresh(), label: 'Execution input' });
  const name = h('input', { type: 'text', name: 'name', placeholder: 'generated when empty', maxlength: 80 });
  dialog = actionDialog({
    title: `Start an execution of ${arnName(stateMachineArn)}`,
    body: [h('label', {}, 'Name ', name), h('div', { class: 'field-label' }, 'Input'), editor.element],
    confirmLabel: 'Start execution',
    canConfirm: () => editor.valid(),
    action: async () => {
      const answer = await sfn('StartExecution', { stateMachineArn, input: editor.value(), name: name.value || undefined });
      return [h('span', {}, 'Started '), link(executionPath(answer.executionArn), {
        class: 'new-execution', onclick: () => dialog.dialog.close(),
      }, arnName(answer.executionArn))];
    },
  });
}

export async function stateMachineView(view, arn, params, signal) {
  const head = h('div', { class: 'view-head' }, h('h1', {}, arnName(arn)));
  const info = h('div', { class: 'machine-info' }, loading());
  const graphHolder = h('div', { class: 'graph-holder' });
  const list = h('div', { class: 'machine-executions' });
  append(view, [head, info, h('div', { class: 'machine-layout' }, graphHolder, list)]);
  head.appendChild(h('button', { type: 'button', class: 'primary', id: 'start-execution',
    onclick: () => startExecutionDialog(arn) }, 'Start execution'));
  head.appendChild(link(`definition?stateMachineArn=${encodeURIComponent(arn)}`, { class: 'button' }, 'Edit as a definition'));

  executionsTable(list, { stateMachineArn: arn }, signal, { title: 'Executions', compact: true });
  let machine = null;
  try {
    machine = await sfn('DescribeStateMachine', { stateMachineArn: arn }, signal);
  } catch (e) {
    if (e.name === 'AbortError') return;
    // a Camel app's asl: route has executions in the store but no state machine the API describes
    clear(info).appendChild(errorBox(e));
    return;
  }
  let counts = null;
  try {
    const answer = await get('state-machines', periodRange('24h'), signal);
    counts = (answer.stateMachines || []).find(m => m.stateMachineArn === arn);
  } catch (e) {
    if (e.name === 'AbortError') return;
  }
  clear(info).appendChild(h('dl', { class: 'facts' },
    h('dt', {}, 'ARN'), h('dd', { class: 'arn' }, arn),
    h('dt', {}, 'Type'), h('dd', {}, machine.type || ''),
    h('dt', {}, 'Status'), h('dd', {}, machine.status || ''),
    h('dt', {}, 'Created'), h('dd', {}, formatDate(machine.creationDate)),
    counts ? [h('dt', {}, 'Last 24 h'), h('dd', {}, COUNTED.filter(s => counts.counts && counts.counts[s])
      .map(s => h('span', { class: 'count-chip' }, statusBadge(s), ` ${counts.counts[s]}`)),
    ` failure rate ${percent(counts.failureRate)}`)] : null));
  try {
    const answer = await post('graph', machine.definition || '', signal);
    clear(graphHolder).appendChild(renderGraph(answer.graph, { diagnostics: answer.diagnostics }).element);
  } catch (e) {
    if (e.name !== 'AbortError') clear(graphHolder).appendChild(errorBox(e));
  }
}
