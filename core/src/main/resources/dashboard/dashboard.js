// The dashboard's live view: one JSON snapshot per server-sent event, rendered in place.
'use strict';

const $ = (id) => document.getElementById(id);
const dash = '–';

function fixed(value, digits) {
  return value === null || value === undefined ? dash : Number(value).toFixed(digits);
}

function percent(value) {
  return value === null || value === undefined ? dash : (value * 100).toFixed(1) + ' %';
}

function ms(value) {
  return value === null || value === undefined ? dash : Number(value).toFixed(1) + ' ms';
}

function duration(seconds) {
  if (seconds < 60) return seconds + ' s';
  if (seconds < 3600) return Math.floor(seconds / 60) + ' min ' + (seconds % 60) + ' s';
  if (seconds < 86400) return Math.floor(seconds / 3600) + ' h ' + Math.floor((seconds % 3600) / 60) + ' min';
  return Math.floor(seconds / 86400) + ' d ' + Math.floor((seconds % 86400) / 3600) + ' h';
}

function cell(row, label, content, className) {
  const td = document.createElement('td');
  td.dataset.label = label;
  if (className) td.className = className;
  if (content instanceof Node) td.appendChild(content); else td.textContent = content;
  row.appendChild(td);
  return td;
}

function button(text, onClick, className) {
  const b = document.createElement('button');
  b.type = 'button';
  b.textContent = text;
  if (className) b.className = className;
  b.addEventListener('click', onClick);
  return b;
}

async function act(id, action, method, body) {
  const result = $('action-result');
  try {
    const response = await fetch('/dashboard/api/backends/' + encodeURIComponent(id) + '/' + action, {
      method: method,
      credentials: 'same-origin',
      headers: body ? { 'Content-Type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
    const text = await response.text();
    result.textContent = response.ok ? action + ' ' + id + ': done' : action + ' ' + id + ': ' + response.status + ' ' + text;
  } catch (e) {
    result.textContent = action + ' ' + id + ': ' + e;
  }
}

function actions(backend) {
  const box = document.createElement('div');
  box.className = 'actions';
  if (backend.state !== 'DRAINING') {
    if (backend.disabled) {
      box.appendChild(button('Enable', () => act(backend.id, 'enable', 'POST')));
    } else {
      box.appendChild(button('Disable', () => act(backend.id, 'disable', 'POST')));
    }
    box.appendChild(button('Drain', () => {
      if (confirm('Drain ' + backend.id + '? It finishes its requests, then leaves the proxy.')) {
        act(backend.id, 'drain', 'POST');
      }
    }, 'danger'));
    const weight = document.createElement('input');
    weight.type = 'number';
    weight.min = '1';
    weight.max = '1000';
    weight.value = backend.weight;
    weight.setAttribute('aria-label', 'weight of ' + backend.id);
    box.appendChild(weight);
    const set = button('Set', () => act(backend.id, 'weight', 'PUT', { weight: Number(weight.value) }));
    set.title = 'set the weight (1 to 1000)';
    set.setAttribute('aria-label', 'set the weight of ' + backend.id);
    box.appendChild(set);
  }
  return box;
}

function renderBackends(backends) {
  const body = document.querySelector('#backends tbody');
  // keep a row whose weight field has the focus, so that a live update does not take away what one types
  const editing = document.activeElement && document.activeElement.tagName === 'INPUT';
  const focused = editing ? document.activeElement.closest('tr') : null;
  const focusedId = focused ? focused.dataset.backendId : null;
  const rows = [];
  for (const b of backends) {
    if (b.id === focusedId) { rows.push(focused); continue; }
    const row = document.createElement('tr');
    row.dataset.backendId = b.id;
    row.dataset.state = b.state;
    cell(row, 'id', b.id, 'id');
    cell(row, 'url', b.url, 'url');
    cell(row, 'routes', b.routes.join(' '), 'routes');
    const state = document.createElement('span');
    state.className = 'state ' + b.state;
    state.textContent = b.state + (b.disabled ? ' (admin)' : '');
    cell(row, 'state', state, 'state-cell');
    cell(row, 'weight', String(b.weight));
    // an open WebSocket tunnel is one of the requests in flight
    cell(row, 'in flight', String(b.inFlight) + (b.tunnels ? ' (' + b.tunnels + ' WebSocket)' : ''));
    cell(row, 'req/s (1 min)', fixed(b.requestsPerSecond, 1));
    cell(row, 'errors (1 min)', percent(b.errorRate));
    cell(row, 'p50 (1 min)', ms(b.p50Ms));
    cell(row, 'p99 (1 min)', ms(b.p99Ms));
    cell(row, 'ping', ms(b.lastPingRttMs));
    cell(row, 'up', duration(b.uptimeSeconds));
    cell(row, 'actions', actions(b));
    rows.push(row);
  }
  body.replaceChildren(...rows);
  $('empty').hidden = backends.length > 0;
  $('backends').hidden = backends.length === 0;
}

function renderChart(history) {
  // the last minute at least, up to the 5 minutes the proxy keeps: a young proxy's chart is not a dot in a corner
  const window = Math.max(60, history.length);
  const max = Math.max(1, ...history);
  const step = 300 / (window - 1);
  const offset = window - history.length;
  const points = history.map((v, i) => ((offset + i) * step).toFixed(1) + ',' + (58 - (v / max) * 54).toFixed(1));
  $('chart-line').setAttribute('points', points.join(' '));
  $('chart-max').textContent = 'max ' + max + '/s';
  $('chart-start').textContent = window >= 120 ? '−' + Math.round(window / 60) + ' min' : '−' + window + ' s';
}

function render(snapshot) {
  const t = snapshot.totals;
  $('total-backends').textContent = t.backends;
  $('total-active').textContent = t.active;
  $('total-rps').textContent = fixed(t.requestsPerSecond, 1);
  $('total-inflight').textContent = t.inFlight;
  $('total-errors').textContent = percent(t.errorRate);
  $('total-requests').textContent = t.requests;
  renderChart(snapshot.history);
  renderBackends(snapshot.backends);
  document.body.dataset.updated = snapshot.at;
}

function connect() {
  const status = $('connection');
  const events = new EventSource('/dashboard/events');
  events.onopen = () => { status.textContent = 'live'; status.className = 'pill live'; };
  events.onmessage = (e) => render(JSON.parse(e.data));
  events.onerror = () => {
    status.textContent = 'reconnecting…';
    status.className = 'pill down';
    // EventSource retries by itself; a 401 (session over) closes it for good
    if (events.readyState === EventSource.CLOSED) {
      events.close();
      setTimeout(() => location.reload(), 2000);
    }
  };
}

connect();
