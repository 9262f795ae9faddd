// Draws the graph JSON of the contract (nodes, groups, edges laid out by the server) as SVG, with pan and zoom.
import { h, s } from './dom.js';

/** The contract's colours, the same as the server's SVG renderer. */
export const STATUS_COLOURS = {
  SUCCEEDED: '#2e7d32',
  FAILED: '#c62828',
  CAUGHT: '#ef6c00',
  RUNNING: '#1565c0',
  RETRIED: '#f9a825',
  CANCELLED: '#6d4c41',
  NOT_REACHED: '#9e9e9e',
};
const NEUTRAL = '#546e7a';
const MAX_ZOOM = 4;
const MIN_ZOOM = 0.1;

function colour(status) {
  return STATUS_COLOURS[status] || NEUTRAL;
}

function number(value) {
  const n = Number(value);
  return Number.isFinite(n) ? n : 0;
}

/** The point half way along a polyline, where its label goes. */
function midpoint(points) {
  const segments = [];
  let total = 0;
  for (let i = 1; i < points.length; i++) {
    const length = Math.hypot(points[i][0] - points[i - 1][0], points[i][1] - points[i - 1][1]);
    segments.push(length);
    total += length;
  }
  let remaining = total / 2;
  for (let i = 1; i < points.length; i++) {
    if (remaining <= segments[i - 1] || i === points.length - 1) {
      const t = segments[i - 1] ? remaining / segments[i - 1] : 0;
      return [points[i - 1][0] + t * (points[i][0] - points[i - 1][0]),
        points[i - 1][1] + t * (points[i][1] - points[i - 1][1])];
    }
    remaining -= segments[i - 1];
  }
  return points[0];
}

/** Groups ordered parents first, so that a nested group is drawn over its parent. */
function parentsFirst(groups) {
  const byId = new Map(groups.map(g => [g.id, g]));
  const depth = g => {
    let d = 0;
    for (let p = g.group; p && byId.has(p) && d < 100; p = byId.get(p).group) d++;
    return d;
  };
  return [...groups].sort((a, b) => depth(a) - depth(b));
}

/**
 * The graph as an element: an SVG that pans (drag) and zooms (wheel, buttons), and a legend.
 * options.onSelect(stateName, kind) when a state or a Parallel/Map group is clicked;
 * options.diagnostics: [{state, message}] marks those states; options.selected: the state to highlight.
 */
export function renderGraph(graph, options = {}) {
  const width = Math.max(number(graph.width), 1);
  const height = Math.max(number(graph.height), 1);
  const diagnosed = new Map();
  for (const d of options.diagnostics || []) {
    if (d.state) diagnosed.set(d.state, [...(diagnosed.get(d.state) || []), d.message]);
  }
  const coloured = [...(graph.nodes || []), ...(graph.groups || [])].some(x => x.status);

  const marker = id => s('marker', {
    id, viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse',
  }, s('path', { d: 'M0,0 L10,5 L0,10 z', class: `arrowhead ${id}` }));
  const viewport = s('g', { class: 'viewport' });
  const svg = s('svg', {
    class: 'graph', xmlns: 'http://www.w3.org/2000/svg', role: 'img', 'aria-label': 'state machine graph',
  }, s('defs', {}, marker('arrow'), marker('arrow-catch')), viewport);

  const selectable = (element, state, kind) => {
    if (!state) return element;
    element.classList.add('selectable');
    element.setAttribute('tabindex', '0');
    element.setAttribute('role', 'button');
    element.addEventListener('click', event => {
      event.stopPropagation();
      if (options.onSelect) options.onSelect(state, kind);
    });
    element.addEventListener('keydown', event => {
      if (event.key !== 'Enter' && event.key !== ' ') return;
      event.preventDefault();
      event.stopPropagation();
      if (options.onSelect) options.onSelect(state, kind);
    });
    return element;
  };
  const diagnosticMark = (state, x, y) => {
    const messages = diagnosed.get(state);
    if (!messages) return null;
    return s('g', { class: 'diagnostic-mark' },
      s('title', {}, messages.join('\n')),
      s('circle', { cx: x, cy: y, r: 9 }),
      s('text', { x, y: y + 4, 'text-anchor': 'middle' }, '!'));
  };
  const badge = (item, x, y) => {
    const retries = number(item.retries);
    if (retries <= 0) return null;
    return s('g', { class: 'retry-badge' },
      s('title', {}, `${retries} ${retries === 1 ? 'retry' : 'retries'}`),
      s('rect', { x: x - 30, y: y - 9, width: 30, height: 18, rx: 9 }),
      s('text', { x: x - 15, y: y + 4, 'text-anchor': 'middle' }, `↻${retries}`));
  };

  for (const group of parentsFirst(graph.groups || [])) {
    const x = number(group.x), y = number(group.y), w = number(group.width), gh = number(group.height);
    const element = s('g', {
      class: `group group-${String(group.kind || '').toLowerCase()}${diagnosed.has(group.state) ? ' diagnosed' : ''}`,
      'data-group': group.id,
      'data-state': group.state || null,
      'data-status': group.status || null,
    },
    s('title', {}, [group.kind, group.state || group.label].filter(Boolean).join(': ')),
    s('rect', {
      x, y, width: w, height: gh, rx: 8, stroke: colour(group.status),
      fill: group.status ? colour(group.status) : 'none', 'fill-opacity': group.kind === 'Branch' ? 0.03 : 0.06,
    }),
    s('text', { x: x + 10, y: y + 16, class: 'group-label' }, group.label || group.state || group.kind || ''),
    badge(group, x + w - 6, y + 12),
    diagnosticMark(group.state, x + w - 4, y + gh - 4));
    viewport.appendChild(group.kind === 'Branch' ? element : selectable(element, group.state, group.kind));
  }

  for (const edge of graph.edges || []) {
    const points = (edge.points || []).filter(p => Array.isArray(p) && p.length >= 2).map(p => [number(p[0]), number(p[1])]);
    if (points.length < 2) continue;
    const catchEdge = edge.kind === 'catch';
    const element = s('g', { class: `edge edge-${edge.kind || 'next'}`, 'data-edge': edge.id },
      s('polyline', {
        points: points.map(p => p.join(',')).join(' '),
        'marker-end': `url(#${catchEdge ? 'arrow-catch' : 'arrow'})`,
      }));
    if (edge.label) {
      const label = String(edge.label);
      const shown = label.length > 60 ? `${label.slice(0, 59)}…` : label;
      // where the layout put the label (its box's top left, about 6.2 px a character), or half way along the edge
      const at = Array.isArray(edge.labelPosition) && edge.labelPosition.length >= 2
        ? [number(edge.labelPosition[0]) + (Math.ceil(label.length * 6.2) + 8) / 2, number(edge.labelPosition[1]) + 8]
        : null;
      const [mx, my] = at || midpoint(points);
      element.appendChild(s('g', { class: 'edge-label' },
        s('title', {}, label),
        s('rect', { x: mx - shown.length * 3.3 - 4, y: my - 9, width: shown.length * 6.6 + 8, height: 16, rx: 3 }),
        s('text', { x: mx, y: my + 3, 'text-anchor': 'middle' }, shown)));
    }
    viewport.appendChild(element);
  }

  for (const node of graph.nodes || []) {
    const x = number(node.x), y = number(node.y), w = number(node.width), nh = number(node.height);
    if (node.type === 'Start' || node.type === 'End') {
      viewport.appendChild(s('g', { class: `terminal terminal-${node.type.toLowerCase()}`, 'data-node': node.id },
        s('ellipse', { cx: x + w / 2, cy: y + nh / 2, rx: w / 2, ry: nh / 2 }),
        s('text', { x: x + w / 2, y: y + nh / 2 + 4, 'text-anchor': 'middle' }, node.label || node.type)));
      continue;
    }
    const element = s('g', {
      class: `node${diagnosed.has(node.state) ? ' diagnosed' : ''}`,
      'data-node': node.id,
      'data-state': node.state,
      'data-status': node.status || null,
      'data-type': node.type,
    },
    s('title', {}, [`${node.state} (${node.type})`, node.detail, node.status,
      node.runs > 1 ? `${node.runs} runs` : null].filter(Boolean).join('\n')),
    s('rect', {
      x, y, width: w, height: nh, rx: 6, stroke: colour(node.status),
      fill: node.status ? colour(node.status) : '#ffffff', 'fill-opacity': node.status ? 0.16 : 1,
      'stroke-width': node.status === 'FAILED' ? 3 : 2,
    }),
    s('text', { x: x + w / 2, y: y + nh / 2 + (node.type ? -1 : 4), 'text-anchor': 'middle', class: 'node-label' },
      node.label || node.state),
    s('text', { x: x + w / 2, y: y + nh / 2 + 12, 'text-anchor': 'middle', class: 'node-type' }, node.type || ''),
    badge(node, x + w + 12, y),
    diagnosticMark(node.state, x + w, y + nh));
    viewport.appendChild(selectable(element, node.state, node.type));
  }

  // pan and zoom: a transform on the viewport; the view starts fitted into the frame
  let scale = 1, tx = 0, ty = 0;
  const kept = options.initialView;
  const apply = () => viewport.setAttribute('transform', `translate(${tx},${ty}) scale(${scale})`);
  const frame = h('div', { class: 'graph-frame' }, svg);
  const fit = () => {
    const box = frame.getBoundingClientRect();
    const fw = box.width || 800, fh = box.height || 600;
    scale = Math.min(1.2, Math.max(MIN_ZOOM, Math.min((fw - 20) / width, (fh - 20) / height)));
    tx = (fw - width * scale) / 2;
    ty = Math.max(10, (fh - height * scale) / 2);
    apply();
  };
  const zoomAt = (factor, cx, cy) => {
    const next = Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, scale * factor));
    tx = cx - (cx - tx) * (next / scale);
    ty = cy - (cy - ty) * (next / scale);
    scale = next;
    apply();
  };
  svg.addEventListener('wheel', event => {
    event.preventDefault();
    const box = svg.getBoundingClientRect();
    zoomAt(event.deltaY < 0 ? 1.15 : 1 / 1.15, event.clientX - box.left, event.clientY - box.top);
  }, { passive: false });
  let drag = null;
  svg.addEventListener('pointerdown', event => {
    if (event.button !== 0 || event.target.closest('.selectable')) return;
    drag = { x: event.clientX - tx, y: event.clientY - ty };
    svg.setPointerCapture(event.pointerId);
    svg.classList.add('dragging');
  });
  svg.addEventListener('pointermove', event => {
    if (!drag) return;
    tx = event.clientX - drag.x;
    ty = event.clientY - drag.y;
    apply();
  });
  const endDrag = () => {
    drag = null;
    svg.classList.remove('dragging');
  };
  svg.addEventListener('pointerup', endDrag);
  svg.addEventListener('pointercancel', endDrag);

  const centre = () => {
    const box = frame.getBoundingClientRect();
    return [box.width / 2, box.height / 2];
  };
  const controls = h('div', { class: 'graph-controls' },
    h('button', { type: 'button', title: 'Zoom in', onclick: () => zoomAt(1.25, ...centre()) }, '+'),
    h('button', { type: 'button', title: 'Zoom out', onclick: () => zoomAt(0.8, ...centre()) }, '−'),
    h('button', { type: 'button', title: 'Fit the graph', onclick: fit }, 'Fit'));
  const legend = coloured ? h('ul', { class: 'legend' }, Object.entries(STATUS_COLOURS).map(([status, c]) =>
    h('li', {}, h('span', { class: 'swatch', style: `background:${c}` }), status.replace('_', ' ').toLowerCase())))
    : null;
  const container = h('div', { class: 'graph-view' }, frame, controls, legend);

  const select = state => {
    for (const element of viewport.querySelectorAll('.selected')) element.classList.remove('selected');
    if (!state) return;
    for (const element of viewport.querySelectorAll('[data-state]')) {
      if (element.getAttribute('data-state') === state) element.classList.add('selected');
    }
  };
  // fitted once it is in the document and has a size
  // fitted once it is in the document and has a size (a redrawn graph keeps the pan and zoom it had)
  if (kept) {
    ({ scale, tx, ty } = kept);
    select(options.selected);
  } else {
    requestAnimationFrame(() => {
      fit();
      select(options.selected);
    });
  }
  apply();
  return { element: container, select, fit, view: () => ({ scale, tx, ty }) };
}

/** The colour legend's statuses in order, for views that list them. */
export const STATUSES = Object.keys(STATUS_COLOURS);
