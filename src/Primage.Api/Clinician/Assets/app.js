// The clinician page: plain JavaScript, no libraries, no network beyond this service.
// The token lives in sessionStorage (gone when the tab closes) and is sent as a bearer header;
// the event stream is read with fetch streaming so the token never appears in a URL.
'use strict';

const state = { token: null, claims: null, twinId: null, version: 0, observations: -1, stream: null, poll: null, compareDate: null };
const $ = (id) => document.getElementById(id);
const SVG = 'http://www.w3.org/2000/svg';

function decodeClaims(token) {
  try {
    const part = token.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(part + '='.repeat((4 - part.length % 4) % 4)));
  } catch { return null; }
}

async function api(path, options = {}) {
  const response = await fetch(path, { ...options, headers: { ...(options.headers || {}), Authorization: `Bearer ${state.token}` } });
  if (response.status === 401) { signOut('Your token was not accepted (expired or invalid). Paste a new one.'); throw new Error('401'); }
  return response;
}

async function signIn(token) {
  state.token = token.trim();
  state.claims = decodeClaims(state.token);
  const response = await fetch('/api/twins', { headers: { Authorization: `Bearer ${state.token}` } });
  if (!response.ok) {
    $('signin-error').textContent = response.status === 401 ? 'This token was not accepted.' : `Sign-in failed (${response.status}).`;
    state.token = null;
    return;
  }
  sessionStorage.setItem('primage-token', state.token);
  $('signin-error').textContent = '';
  $('signin').hidden = true;
  $('twins').hidden = false;
  const sites = [].concat(state.claims?.site ?? []);
  $('who').textContent = `Signed in as ${state.claims?.sub ?? '?'} (${state.claims?.role ?? '?'}, site ${sites.join(', ') || 'all'})`;
  renderList(await response.json());
}

function signOut(message) {
  stopLive();
  sessionStorage.removeItem('primage-token');
  state.token = null;
  $('signin').hidden = false; $('twins').hidden = true; $('twin').hidden = true;
  $('who').textContent = '';
  $('signin-error').textContent = message || '';
}

function renderList(items) {
  const list = $('twin-list');
  list.replaceChildren();
  if (items.length === 0) { list.append(Object.assign(document.createElement('li'), { textContent: 'No twins at this site yet.' })); }
  for (const item of items) {
    const li = document.createElement('li');
    const button = Object.assign(document.createElement('button'), { type: 'button', className: 'twin-button', textContent: `${item.id} — ${item.diagnosis}, ${item.observations} scans` });
    button.dataset.twin = item.id;
    button.addEventListener('click', () => openTwin(item.id));
    li.append(button);
    list.append(li);
  }
}

async function openTwin(id) {
  stopLive();
  state.twinId = id; state.version = 0; state.observations = -1;
  $('twin').hidden = false;
  $('twin-title').textContent = `Twin ${id}`;
  await refresh();
  startLive(id);
  $('twin-title').setAttribute('tabindex', '-1');
  $('twin-title').focus();
}

async function refresh() {
  const id = state.twinId;
  const twinResponse = await api(`/api/twins/${encodeURIComponent(id)}`);
  if (!twinResponse.ok) { $('twin-summary').textContent = `This twin cannot be shown (${twinResponse.status}).`; return; }
  const twin = await twinResponse.json();
  const page = await api(`/api/twins/${encodeURIComponent(id)}/predictions?take=20`);
  const predictions = page.ok ? (await page.json()).items : [];
  const latest = predictions[0] ?? null;
  state.version = latest?.version ?? 0;
  state.observations = twin.observations.length;
  const p = twin.profile;
  $('twin-summary').textContent = `${p.diagnosis}, diagnosed ${p.diagnosisDate ?? 'date unknown'}; ${plural(twin.observations.length, 'observation')}, ${plural(twin.therapies.length, 'therapy', 'therapies')}.`;
  const v = $('version');
  v.dataset.version = String(state.version);
  v.dataset.observations = String(latest?.observationIds.length ?? 0);
  v.textContent = latest ? `${latest.version} (made ${stamp(latest.createdAt)})` : 'none yet';
  drawChart(twin, latest, predictions.slice(1, 6));
  renderEndpoints(latest);
  renderVersions(predictions);
  await renderScenarios(id, twin);
}

// ---- chart -------------------------------------------------------------------------------

const day = (s) => Date.parse(`${s}T00:00:00Z`) / 86400000;
const fmt = (d) => new Date(d * 86400000).toISOString().slice(0, 10);
// An instant as yyyy-MM-dd HH:mm UTC: the same reading in every locale and time zone.
const stamp = (iso) => `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`;

function therapySpan(t) {
  if (t.kind === 'surgery') return [day(t.date), day(t.date)];
  if (t.kind === 'chemotherapy') return [day(t.start), day(t.start) + (t.cycles ?? 1) * (t.cycleIntervalDays ?? 21)];
  const weeks = Math.ceil((t.fractions ?? 1) / (t.fractionsPerWeek ?? 5));
  return [day(t.start), day(t.start) + weeks * 7];
}

function el(name, attributes, parent) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attributes)) node.setAttribute(k, v);
  parent.append(node);
  return node;
}

function plural(n, one, many = one + 's') { return `${n} ${n === 1 ? one : many}`; }

function drawChart(twin, latest, previous) {
  const svg = $('chart');
  for (const child of [...svg.children]) if (child.tagName !== 'title' && child.tagName !== 'desc') child.remove();
  const W = 800, H = 360, L = 60, R = 20, T = 20, B = 40;
  const trajectory = latest?.trajectory ?? [];
  const xs = [...twin.observations.map((o) => day(o.takenOn)), ...twin.therapies.flatMap(therapySpan), ...trajectory.map((t) => day(t.date))];
  const ys = [...twin.observations.map((o) => o.tumourVolumeMl), ...trajectory.map((t) => t.q95), ...previous.flatMap((p) => p.trajectory.map((t) => t.q50))];
  if (xs.length === 0) { el('text', { x: L, y: H / 2 }, svg).textContent = 'No observations yet.'; return; }
  let x0 = Math.min(...xs), x1 = Math.max(...xs);
  if (x1 - x0 < 30) { x0 -= 15; x1 += 15; }
  // Volumes span orders of magnitude (a shrinking tumour, a wide 90% band): a logarithmic axis keeps
  // the observed course readable next to the forecast's tail.
  const positive = ys.filter((v) => v > 0);
  const yMin = Math.max(1e-3, Math.min(...positive) / 1.5);
  const yMax = Math.max(yMin * 10, Math.max(...positive) * 1.5);
  const [l0, l1] = [Math.log10(yMin), Math.log10(yMax)];
  const X = (d) => L + (d - x0) / (x1 - x0) * (W - L - R);
  const Y = (v) => H - B - (Math.log10(Math.max(v, yMin)) - l0) / (l1 - l0) * (H - T - B);
  const steps = l1 - l0 > 4 ? [1] : l1 - l0 > 2 ? [1, 3] : [1, 2, 5];
  for (let e = Math.floor(l0); e <= Math.ceil(l1); e++) {
    for (const m of steps) {
      const v = m * 10 ** e;
      if (v < yMin || v > yMax) continue;
      el('line', { x1: L, x2: W - R, y1: Y(v), y2: Y(v), class: 'grid' }, svg);
      el('text', { x: L - 6, y: Y(v) + 4, 'text-anchor': 'end' }, svg).textContent = v >= 1 ? String(v) : v.toPrecision(1);
    }
  }
  for (let i = 0; i <= 4; i++) {
    const d = x0 + (x1 - x0) * i / 4;
    // The last date ends at the axis end, so it is not cut off at the chart's edge.
    el('text', { x: X(d), y: H - B + 18, 'text-anchor': i === 4 ? 'end' : 'middle' }, svg).textContent = fmt(d);
  }
  el('line', { x1: L, x2: L, y1: T, y2: H - B, class: 'axis' }, svg);
  el('line', { x1: L, x2: W - R, y1: H - B, y2: H - B, class: 'axis' }, svg);
  el('text', { x: L, y: T - 6, 'text-anchor': 'middle' }, svg).textContent = 'mL (log scale)';
  for (const t of twin.therapies) {
    const [a, b] = therapySpan(t);
    const label = `${t.kind} ${t.regimen ?? ''} from ${t.start ?? t.date}`.replace('  ', ' ');
    const shape = a === b
      ? el('line', { x1: X(a), x2: X(a), y1: T, y2: H - B, class: 'therapy-line' }, svg)
      : el('rect', { x: X(a), y: T, width: Math.max(2, X(b) - X(a)), height: H - T - B, class: 'therapy-band' }, svg);
    el('title', {}, shape).textContent = label;
  }
  if (trajectory.length > 1) {
    const band = (lo, hi, cls) => {
      const top = trajectory.map((t) => `${X(day(t.date))},${Y(t[hi])}`);
      const bottom = trajectory.slice().reverse().map((t) => `${X(day(t.date))},${Y(t[lo])}`);
      el('path', { d: `M${top.join('L')}L${bottom.join('L')}Z`, class: cls }, svg);
    };
    band('q05', 'q95', 'band-90');
    band('q25', 'q75', 'band-50');
  }
  for (const p of previous) {
    if (p.trajectory.length > 1) el('path', { d: 'M' + p.trajectory.map((t) => `${X(day(t.date))},${Y(t.q50)}`).join('L'), class: 'previous', 'data-version': p.version }, svg);
  }
  if (trajectory.length > 1) el('path', { d: 'M' + trajectory.map((t) => `${X(day(t.date))},${Y(t.q50)}`).join('L'), class: 'median' }, svg);
  for (const o of twin.observations) {
    const c = el('circle', { cx: X(day(o.takenOn)), cy: Y(o.tumourVolumeMl), r: 5, class: 'obs-point' }, svg);
    el('title', {}, c).textContent = `${o.takenOn}: ${o.tumourVolumeMl} mL`;
  }
}

// ---- endpoints, confidence, versions, scenarios ------------------------------------------

// Dated probabilities in the endpoints JSON: byDay rows {date, probabilityOfResponse, probabilityOfProgression}.
function probabilities(node, out) {
  if (Array.isArray(node)) { node.forEach((v) => probabilities(v, out)); return out; }
  if (node && typeof node === 'object') {
    if (typeof node.date === 'string') {
      const row = { date: node.date };
      for (const [k, v] of Object.entries(node)) if (k.startsWith('probabilityOf') && typeof v === 'number') row[k.slice(13).toLowerCase()] = v;
      if (Object.keys(row).length > 1) out.push(row);
    }
    for (const v of Object.values(node)) if (v && typeof v === 'object') probabilities(v, out);
  }
  return out;
}

function renderEndpoints(latest) {
  const box = $('endpoints');
  box.replaceChildren();
  if (!latest) { box.textContent = 'No forecast yet: it appears here once the twin has been calibrated.'; $('confidence').textContent = ''; return; }
  const all = probabilities(latest.endpoints, []);
  if (all.length === 0) { box.textContent = 'This forecast states no endpoint probabilities.'; }
  else {
    const step = Math.max(1, Math.ceil(all.length / 6));
    const rows = all.filter((_, i) => i % step === 0 || i === all.length - 1);
    const names = [...new Set(rows.flatMap((r) => Object.keys(r).filter((k) => k !== 'date')))];
    const table = document.createElement('table');
    const head = document.createElement('tr');
    for (const text of ['By', ...names.map((n) => `Probability of ${n}`)]) head.append(Object.assign(document.createElement('th'), { scope: 'col', textContent: text }));
    table.append(Object.assign(document.createElement('thead'), {}));
    table.tHead.append(head);
    const body = document.createElement('tbody');
    for (const r of rows) {
      const tr = document.createElement('tr');
      for (const text of [r.date, ...names.map((n) => (typeof r[n] === 'number' ? `${Math.round(r[n] * 100)}%` : '—'))]) tr.append(Object.assign(document.createElement('td'), { textContent: text }));
      body.append(tr);
    }
    table.append(body);
    box.append(table);
  }
  const score = latest.confidence?.score;
  $('confidence').textContent = typeof score === 'number' ? `Confidence ${score.toFixed(2)}: ${confidenceWords(score)}` : 'No confidence score was given.';
}

function confidenceWords(score) {
  if (score >= 0.7) return 'high — the follow-up scans agree with the model and narrow the forecast well.';
  if (score >= 0.4) return 'moderate — the scans inform the forecast, but its bands are still wide; another follow-up will sharpen it.';
  return 'low — the forecast rests mostly on what is typical for this disease, not yet on this patient; read it with care.';
}

function renderVersions(predictions) {
  const body = $('versions').querySelector('tbody');
  body.replaceChildren();
  for (const p of predictions) {
    const tr = document.createElement('tr');
    const last = p.trajectory[p.trajectory.length - 1];
    for (const text of [String(p.version), stamp(p.createdAt), String(p.observationIds.length), last ? last.q50.toFixed(1) : '—', typeof p.confidence?.score === 'number' ? p.confidence.score.toFixed(2) : '—']) {
      tr.append(Object.assign(document.createElement('td'), { textContent: text }));
    }
    body.append(tr);
  }
}

async function renderScenarios(id, twin) {
  const box = $('scenarios');
  let response;
  try { response = await api(`/api/twins/${encodeURIComponent(id)}/scenarios`); } catch { return; }
  if (!response.ok) { box.innerHTML = '<p class="muted">No scenarios.</p>'; return; }
  const data = await response.json();
  const items = Array.isArray(data) ? data : (data.items ?? []);
  box.replaceChildren();
  if (items.length === 0) { box.innerHTML = '<p class="muted">No scenarios.</p>'; return; }
  box.append(table(['Scenario', 'Status', 'Median at last forecast date (mL)'], items.map((s) => {
    const trajectory = s.prediction?.trajectory ?? [];
    const end = trajectory[trajectory.length - 1];
    return [s.name ?? s.scenarioId, s.status, end ? `${end.q50.toFixed(1)} on ${end.date}` : '—'];
  })));
  const done = items.filter((s) => s.status === 'completed' && (s.prediction?.trajectory?.length ?? 0) > 0).slice(0, 10);
  if (done.length < 2) return;

  // Compare on a date: by default 12 weeks after the last scan, within every scenario's forecast.
  const lastDay = Math.min(...done.map((s) => day(s.prediction.trajectory[s.prediction.trajectory.length - 1].date)));
  const firstDay = Math.max(...done.map((s) => day(s.prediction.trajectory[0].date)));
  const label = Object.assign(document.createElement('label'), { textContent: 'Compare the plans on ', htmlFor: 'compare-date' });
  const input = Object.assign(document.createElement('input'), { type: 'date', id: 'compare-date', min: fmt(firstDay), max: fmt(lastDay) });
  const lastScan = Math.max(firstDay, ...twin.observations.map((o) => day(o.takenOn)));
  input.value = state.compareDate && state.compareDate >= input.min && state.compareDate <= input.max
    ? state.compareDate : fmt(Math.min(lastDay, lastScan + 84));
  const result = Object.assign(document.createElement('div'), { id: 'scenario-compare' });
  const field = document.createElement('p');
  field.append(label, input);
  box.append(field, result);
  const compare = async () => {
    state.compareDate = input.value;
    const ids = done.map((s) => encodeURIComponent(s.scenarioId)).join(',');
    const r = await api(`/api/twins/${encodeURIComponent(id)}/scenarios/compare?ids=${ids}&date=${input.value}`);
    if (!r.ok) { result.textContent = `The comparison is not available (${r.status}).`; return; }
    renderComparison(result, await r.json());
  };
  input.addEventListener('change', compare);
  await compare();
}

function renderComparison(box, c) {
  const names = Object.fromEntries(c.scenarios.map((s) => [s.scenarioId, s.name]));
  const interval = (d, digits = 1) => d ? `${d.q50.toFixed(digits)} (${d.q05.toFixed(digits)} to ${d.q95.toFixed(digits)})` : '—';
  const percent = (p) => `${Math.round(100 * p)}%`;
  const rows = c.differences.map((d) => [
    `${names[d.a]} vs ${names[d.b]}`,
    percent(d.probabilityALower),
    d.differenceMl ? interval(d.differenceMl) : d.medianDifferenceMl.toFixed(1),
    d.nadir ? `${percent(d.nadir.probabilityALower)}; ${interval(d.nadir.differenceMl)} mL` : '—',
  ]);
  const note = c.method === 'paired-draws'
    ? 'Each plan was forecast on the same draws of this patient\'s calibrated model, so the differences come from the plans, not from sampling noise. Intervals are 90% (5% to 95%).'
    : 'These scenarios were forecast without paired draws: the probabilities are approximated from the forecast bands.';
  box.replaceChildren(
    table([`Plan A vs plan B on ${c.date}`, 'Chance A leaves a smaller tumour', 'Volume difference A − B (mL)', 'Lowest volume: chance A lower; difference'], rows),
    Object.assign(document.createElement('p'), { className: 'muted', textContent: note }));
}

function table(headers, rows) {
  const t = document.createElement('table');
  const head = t.createTHead().insertRow();
  for (const h of headers) head.append(Object.assign(document.createElement('th'), { scope: 'col', textContent: h }));
  const body = t.createTBody();
  for (const row of rows) {
    const tr = body.insertRow();
    for (const cell of row) tr.insertCell().textContent = String(cell);
  }
  return t;
}

// ---- live updates ------------------------------------------------------------------------

function stopLive() {
  state.stream?.abort(); state.stream = null;
  clearInterval(state.poll); state.poll = null;
}

function startLive(id) {
  const controller = new AbortController();
  state.stream = controller;
  readEvents(id, controller.signal).catch(() => { $('live').textContent = '(live updates paused; checking every few seconds)'; });
  // Observations posted elsewhere show up too, and this keeps working if the stream drops.
  state.poll = setInterval(async () => {
    if (state.twinId !== id) return;
    const r = await api(`/api/twins/${encodeURIComponent(id)}`);
    if (!r.ok) return;
    const twin = await r.json();
    if (twin.observations.length !== state.observations || (twin.prediction?.version ?? 0) !== state.version) await refresh();
  }, 3000);
}

async function readEvents(id, signal) {
  const response = await api(`/api/twins/${encodeURIComponent(id)}/events`, { signal, headers: { Accept: 'text/event-stream' } });
  if (!response.ok || !response.body) throw new Error(String(response.status));
  $('live').textContent = '(live)';
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) throw new Error('stream ended');
    buffer += value;
    let cut;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut); buffer = buffer.slice(cut + 2);
      const event = /^event: ?(.*)$/m.exec(block)?.[1];
      const data = /^data: ?(.*)$/m.exec(block)?.[1];
      if (event === 'prediction' && data) {
        const version = JSON.parse(data).version;
        if (version > state.version && state.twinId === id) await refresh();
      }
    }
  }
}

// ---- start -------------------------------------------------------------------------------

$('signin-form').addEventListener('submit', (e) => { e.preventDefault(); signIn($('token').value); });
$('signout').addEventListener('click', () => signOut());
const saved = sessionStorage.getItem('primage-token');
if (saved) signIn(saved);
