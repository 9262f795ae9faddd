// A definition alone (C/definition): paste or open one, see its graph and the validator's diagnostics.
import { h, clear, append } from './dom.js';
import { post, sfn } from './api.js';
import { errorBox } from './ui.js';
import { renderGraph } from './graph.js';

const MAX_DEFINITION_BYTES = 1024 * 1024; // the graph refuses larger definitions too
const REDRAW_AFTER_MILLIS = 800;

const EXAMPLE = JSON.stringify({
  Comment: 'An example: edit it, or paste or open your own definition',
  StartAt: 'Check',
  States: {
    Check: { Type: 'Choice', Choices: [{ Variable: '$.ok', BooleanEquals: true, Next: 'Done' }], Default: 'Fail' },
    Done: { Type: 'Succeed' },
    Fail: { Type: 'Fail', Error: 'NotOk', Cause: 'ok was not true' },
  },
}, null, 2);

export function definitionView(view, params, signal) {
  const text = h('textarea', { class: 'definition-text', id: 'definition-text', spellcheck: 'false', rows: 30,
    'aria-label': 'Definition (Amazon States Language JSON)' });
  text.value = EXAMPLE;
  const file = h('input', { type: 'file', accept: '.json,.asl,.asl.json,application/json', id: 'definition-file' });
  const problems = h('section', { class: 'diagnostics', id: 'diagnostics' });
  const graphHolder = h('div', { class: 'graph-holder' });
  const draw = h('button', { type: 'button', class: 'primary', id: 'draw-definition', onclick: () => redraw() }, 'Draw');
  append(view, [
    h('div', { class: 'view-head' }, h('h1', {}, 'A definition'),
      h('label', { class: 'button' }, 'Open a file… ', file), draw),
    h('div', { class: 'definition-layout' }, h('div', { class: 'definition-editor' }, text, problems), graphHolder),
  ]);

  let drawn = null;
  let request = 0;
  async function redraw() {
    const current = ++request;
    if (new Blob([text.value]).size > MAX_DEFINITION_BYTES) {
      clear(problems).appendChild(errorBox(`The definition is over ${MAX_DEFINITION_BYTES} bytes: it is not drawn.`));
      return;
    }
    let answer;
    try {
      answer = await post('graph', text.value, signal);
    } catch (e) {
      if (e.name !== 'AbortError' && current === request) clear(problems).appendChild(errorBox(e));
      return;
    }
    if (current !== request) return;
    const diagnostics = answer.diagnostics || (answer.graph && answer.graph.diagnostics) || [];
    drawn = renderGraph(answer.graph || {}, { diagnostics, onSelect: state => drawn.select(state) });
    clear(graphHolder).appendChild(drawn.element);
    clear(problems);
    append(problems, [h('h2', {}, diagnostics.length ? `${diagnostics.length} problem${diagnostics.length > 1 ? 's' : ''}`
      : 'No problems'),
    h('ul', { class: 'diagnostic-list' }, diagnostics.map(d => h('li', { class: 'diagnostic', dataset: { state: d.state } },
      d.state ? h('button', { type: 'button', class: 'link', onclick: () => drawn.select(d.state) }, d.state) : null,
      d.pointer ? h('code', { class: 'pointer' }, d.pointer) : null,
      h('span', { class: 'message' }, d.message || ''))))]);
  }

  let timer = null;
  text.addEventListener('input', () => {
    clearTimeout(timer);
    timer = setTimeout(redraw, REDRAW_AFTER_MILLIS);
  });
  signal.addEventListener('abort', () => clearTimeout(timer));
  file.addEventListener('change', () => {
    const chosen = file.files && file.files[0];
    if (!chosen) return;
    if (chosen.size > MAX_DEFINITION_BYTES) {
      clear(problems).appendChild(errorBox(`${chosen.name} is over ${MAX_DEFINITION_BYTES} bytes.`));
      return;
    }
    chosen.text().then(content => {
      text.value = content;
      redraw();
    });
  });

  const machine = params.get('stateMachineArn');
  if (machine) {
    sfn('DescribeStateMachine', { stateMachineArn: machine }, signal).then(answer => {
      text.value = answer.definition || '';
      redraw();
    }).catch(e => {
      if (e.name !== 'AbortError') clear(problems).appendChild(errorBox(e));
    });
  } else {
    redraw();
  }
}
