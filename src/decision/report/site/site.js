// The decision log site: renders the export document embedded in the page (script
// #decision-log) and the site context (#site-context: generation date, guardrail results).
// Everything from the repository goes into the page through textContent and setAttribute,
// never innerHTML, so markup in a title stays text. Nothing is fetched.
//
// Routes (location.hash, so the page works from file:// and can be driven from a URL):
//   #list?q=recall&status=accepted   the decisions, searched and filtered (also #q=...)
//   #timeline  #graph  #models  #guardrails
//   #DEC-0042                         one decision
'use strict';

(function () {
  function readJson(id) {
    const node = document.getElementById(id);
    if (!node) return null;
    try {
      return JSON.parse(node.textContent);
    } catch (e) {
      return null;
    }
  }

  const log = readJson('decision-log') || {};
  const site = readJson('site-context') || {};
  const records = Array.isArray(log.records) ? log.records.filter(isObject) : [];
  const commits = Array.isArray(log.links) ? log.links.filter(isObject) : [];
  const guard = isObject(site.guardrails) ? site.guardrails : null;
  // "Review overdue" is judged against the day the page was generated, so a saved page or
  // CI artifact keeps saying what was true when it was made.
  const today = typeof site.generated === 'string' ? site.generated : '';

  function isObject(v) {
    return v !== null && typeof v === 'object' && !Array.isArray(v);
  }
  function str(v) {
    return v === null || v === undefined ? '' : String(v);
  }
  function list(v) {
    return Array.isArray(v) ? v : [];
  }

  // ---- derived indexes ------------------------------------------------------------------
  const byId = new Map();
  for (const r of records) byId.set(str(r.id), r);

  const supersededBy = new Map();
  for (const r of records) {
    for (const old of list(r.supersedes)) {
      if (!supersededBy.has(old)) supersededBy.set(old, []);
      supersededBy.get(old).push(str(r.id));
    }
  }

  // A commit's decisions and models come as objects or plain strings; both are read.
  function commitDecisionIds(c) {
    return list(c.decisions).map((d) => (isObject(d) ? str(d.id) : str(d))).filter(Boolean);
  }
  function commitModels(c) {
    return list(c.models)
      .map((m) => (isObject(m) ? { name: str(m.name), version: str(m.version) } : splitModel(str(m))))
      .filter((m) => m.name);
  }
  function splitModel(text) {
    const at = text.lastIndexOf('@');
    return at > 0 ? { name: text.slice(0, at), version: text.slice(at + 1) } : { name: text, version: '' };
  }
  function person(p) {
    if (!isObject(p)) return str(p);
    const name = str(p.name);
    const email = str(p.email);
    return name && email ? name + ' <' + email + '>' : name || email;
  }

  // An approval's approver and roles, whichever way the log spells them: {"by": "email",
  // "name"} or {"by": {"name", "email"}}, and "role" or "roles".
  function approver(a) {
    if (isObject(a.by)) return person(a.by);
    return a.name && a.by ? str(a.name) + ' <' + str(a.by) + '>' : str(a.name || a.by);
  }
  function approvalRoles(a) {
    return str(a.role) || list(a.roles).map(str).join(', ');
  }
  // How a commit links a decision ("trailer" or "note"), from its entry for that decision.
  function via(c, id) {
    for (const d of list(c.decisions)) if (isObject(d) && str(d.id) === id) return str(d.via);
    return str(c.via || c.kind);
  }

  const commitsOf = new Map();
  for (const c of commits) {
    for (const id of commitDecisionIds(c)) {
      if (!commitsOf.has(id)) commitsOf.set(id, []);
      commitsOf.get(id).push(c);
    }
  }

  const guardOf = new Map();
  if (guard) for (const d of list(guard.decisions)) if (isObject(d)) guardOf.set(str(d.id), d);

  function recordModels(r) {
    const names = new Set(list(r.scope && r.scope.models).map(str));
    for (const m of list(r.models)) if (isObject(m) && m.name) names.add(str(m.name));
    return [...names].filter(Boolean);
  }
  // "name@version" for each [[models]] entry, and the scope's names no entry has.
  function modelVersions(r) {
    const out = [];
    const named = new Set();
    for (const m of list(r.models))
      if (isObject(m) && m.name) {
        out.push(str(m.name) + (m.version ? '@' + str(m.version) : ''));
        named.add(str(m.name));
      }
    for (const name of list(r.scope && r.scope.models).map(str)) if (name && !named.has(name)) out.push(name);
    return out;
  }
  function isOverdue(r) {
    const open = r.status === 'proposed' || r.status === 'accepted';
    return open && today !== '' && typeof r.review_date === 'string' && r.review_date !== '' &&
      r.review_date < today;
  }

  // Every string a record holds, lower-cased once, for full-text search.
  const haystack = new Map();
  function collect(v, out) {
    if (typeof v === 'string') out.push(v);
    else if (typeof v === 'number') out.push(String(v));
    else if (Array.isArray(v)) for (const x of v) collect(x, out);
    else if (isObject(v)) for (const k of Object.keys(v)) collect(v[k], out);
  }
  for (const r of records) {
    const out = [];
    collect(r, out);
    for (const c of commitsOf.get(str(r.id)) || []) out.push(str(c.title), str(c.commit));
    haystack.set(r, out.join('\n').toLowerCase());
  }

  // ---- DOM helpers ----------------------------------------------------------------------
  // el('a', {href: '#x', class: 'c'}, 'text', child, ...): attributes through setAttribute,
  // children as text nodes or elements.
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    setAttrs(node, attrs);
    append(node, children);
    return node;
  }
  const SVG = 'http://www.w3.org/2000/svg'; // a namespace name, never fetched
  function svg(tag, attrs, ...children) {
    const node = document.createElementNS(SVG, tag);
    setAttrs(node, attrs);
    append(node, children);
    return node;
  }
  function setAttrs(node, attrs) {
    for (const [k, v] of Object.entries(attrs || {}))
      if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? '' : String(v));
  }
  function append(node, children) {
    for (const c of children.flat(Infinity)) {
      if (c === null || c === undefined || c === false) continue;
      node.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
    }
  }
  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }
  // Only web and mail links and relative paths become links; javascript: and data: never.
  function safeHref(url) {
    const u = str(url).trim();
    if (/^(https?:|mailto:)/i.test(u)) return u;
    if (/^[a-z][a-z0-9+.-]*:/i.test(u)) return null;
    return u === '' ? null : u;
  }
  function recordLink(id) {
    return el('a', { href: '#' + encodeURIComponent(id), class: 'id' }, id);
  }
  function badge(text, kind) {
    return el('span', { class: 'badge ' + (kind || str(text)).replace(/[^a-z0-9_-]/gi, '-') }, text);
  }
  function shortSha(sha) {
    return str(sha).slice(0, 10);
  }
  function table(head, rows) {
    return el('table', {}, el('thead', {}, el('tr', {}, head.map((h) => el('th', {}, h)))),
      el('tbody', {}, rows.map((row) => el('tr', {}, row.map((cell) => el('td', {}, cell))))));
  }
  function section(title, ...children) {
    return el('section', {}, el('h3', {}, title), children);
  }
  function number(v) {
    return typeof v === 'number' ? String(Math.round(v * 1e6) / 1e6) : str(v);
  }

  // ---- routing --------------------------------------------------------------------------
  const views = ['list', 'timeline', 'graph', 'models', 'guardrails'];
  function route() {
    const raw = location.hash.replace(/^#/, '');
    let path = raw;
    let query = '';
    const q = raw.indexOf('?');
    if (q >= 0) {
      path = raw.slice(0, q);
      query = raw.slice(q + 1);
    } else if (raw.includes('=')) {
      path = 'list';
      query = raw;
    }
    try {
      path = decodeURIComponent(path);
    } catch (e) {
      // a malformed %-escape: show it as the unknown record it names
    }
    if (path === '') path = 'list';
    return { path, params: new URLSearchParams(query) };
  }

  const main = document.getElementById('view');
  const nav = document.getElementById('nav');

  function render() {
    const { path, params } = route();
    clear(main);
    const view = views.includes(path) ? path : 'record';
    for (const a of nav.querySelectorAll('a')) a.classList.toggle('current', a.dataset.view === view);
    if (view === 'list') renderList(params);
    else if (view === 'timeline') renderTimeline();
    else if (view === 'graph') renderGraph();
    else if (view === 'models') renderModels();
    else if (view === 'guardrails') renderGuardrails();
    else renderRecord(path);
    document.title = (view === 'record' ? path + ' · ' : '') + 'Decision log';
  }

  function renderNav() {
    const entries = [['list', 'Decisions'], ['timeline', 'Timeline'], ['graph', 'Supersede graph'],
      ['models', 'Models']];
    if (guard) entries.push(['guardrails', 'Guardrails']);
    for (const [view, label] of entries) nav.appendChild(el('a', { href: '#' + view, 'data-view': view }, label));
  }

  // ---- list: search and filters ---------------------------------------------------------
  const filters = [
    ['category', 'Category', (r) => [str(r.category)]],
    ['status', 'Status', (r) => [str(r.status)]],
    ['owner', 'Owner', (r) => [str(r.owner && r.owner.name)]],
    ['tag', 'Tag', (r) => list(r.tags).map(str)],
    ['model', 'Model', recordModels],
  ];

  function matches(r, state) {
    for (const [key, , values] of filters)
      if (state[key] && !values(r).includes(state[key])) return false;
    if (state.overdue && !isOverdue(r)) return false;
    const text = haystack.get(r);
    for (const term of state.q.toLowerCase().split(/\s+/).filter(Boolean))
      if (!text.includes(term)) return false;
    return true;
  }

  function renderList(params) {
    const state = { q: params.get('q') || '', overdue: params.get('overdue') === '1' };
    for (const [key] of filters) state[key] = params.get(key) || '';

    const search = el('input', { id: 'search', type: 'search', placeholder: 'Search every field',
      'aria-label': 'Search', value: state.q });
    const controls = el('div', { class: 'controls' }, search);
    for (const [key, label, values] of filters) {
      const options = new Set();
      for (const r of records) for (const v of values(r)) if (v) options.add(v);
      const select = el('select', { id: 'filter-' + key, 'aria-label': label },
        el('option', { value: '' }, label + ': all'),
        [...options].sort().map((v) => el('option', { value: v, selected: v === state[key] }, v)));
      select.addEventListener('change', () => update(key, select.value));
      controls.appendChild(select);
    }
    const overdue = el('input', { id: 'filter-overdue', type: 'checkbox', checked: state.overdue });
    overdue.addEventListener('change', () => update('overdue', overdue.checked));
    controls.appendChild(el('label', { class: 'check' }, overdue,
      ' Review overdue' + (today ? ' (as of ' + today + ')' : '')));
    search.addEventListener('input', () => update('q', search.value));

    const count = el('p', { id: 'count' });
    const results = el('ul', { id: 'results', class: 'records' });
    main.append(controls, count, results);

    function update(key, value) {
      state[key] = value;
      const query = new URLSearchParams();
      if (state.q) query.set('q', state.q);
      for (const [k] of filters) if (state[k]) query.set(k, state[k]);
      if (state.overdue) query.set('overdue', '1');
      const hash = '#list' + (query.toString() ? '?' + query.toString() : '');
      history.replaceState(null, '', hash);
      fill();
    }
    function fill() {
      clear(results);
      const shown = records.filter((r) => matches(r, state));
      for (const r of shown) results.appendChild(recordItem(r));
      count.textContent = shown.length + ' of ' + records.length + ' decisions';
    }
    fill();
  }

  function recordItem(r) {
    const id = str(r.id);
    const superseded = r.status === 'superseded';
    return el('li', { class: 'record-item' + (superseded ? ' superseded' : ''), 'data-id': id },
      el('div', { class: 'line' }, recordLink(id), ' ', el('span', { class: 'title' }, str(r.title))),
      el('div', { class: 'meta' }, badge(str(r.status)), ' ', str(r.category),
        r.owner && r.owner.name ? ' · ' + str(r.owner.name) : '',
        r.date ? ' · ' + str(r.date) : '',
        isOverdue(r) ? [' ', badge('review overdue', 'overdue')] : null,
        list(r.tags).map((t) => [' ', el('span', { class: 'tag' }, str(t))])));
  }

  // ---- timeline -------------------------------------------------------------------------
  function renderTimeline() {
    const dated = records.filter((r) => typeof r.date === 'string' && r.date !== '');
    dated.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : str(a.id) < str(b.id) ? 1 : -1));
    const ol = el('ol', { id: 'timeline', class: 'timeline' });
    let month = '';
    for (const r of dated) {
      const m = r.date.slice(0, 7);
      if (m !== month) {
        month = m;
        ol.appendChild(el('li', { class: 'month' }, m));
      }
      const n = (commitsOf.get(str(r.id)) || []).length;
      ol.appendChild(el('li', { class: 'event', 'data-id': str(r.id) },
        el('time', {}, r.date), ' ', recordLink(str(r.id)), ' ', el('span', { class: 'title' }, str(r.title)),
        ' ', badge(str(r.status)), n ? el('span', { class: 'muted' }, ' · ' + n + (n === 1 ? ' commit' : ' commits')) : null));
    }
    main.append(el('h2', {}, 'Timeline'), ol);
    const undated = records.filter((r) => !dated.includes(r));
    if (undated.length)
      main.append(el('p', { class: 'muted' }, 'Without a date: '), el('ul', {}, undated.map((r) => el('li', {}, recordLink(str(r.id)), ' ', str(r.title)))));
  }

  // ---- supersede graph: inline SVG, oldest on the left ----------------------------------
  function renderGraph() {
    main.appendChild(el('h2', {}, 'Supersede graph'));
    const nodes = new Set();
    const edges = [];
    for (const r of records)
      for (const old of list(r.supersedes)) {
        nodes.add(str(r.id));
        nodes.add(str(old));
        edges.push([str(r.id), str(old)]);
      }
    if (!edges.length) {
      main.appendChild(el('p', { class: 'muted' }, 'No decision supersedes another.'));
      return;
    }
    // Column = length of the longest chain of older decisions behind a node (cycles are
    // errors that check reports; the depth bound keeps a cycle from looping here).
    const older = new Map([...nodes].map((n) => [n, []]));
    for (const [n, o] of edges) older.get(n).push(o);
    const depth = new Map();
    function depthOf(n, seen) {
      if (depth.has(n)) return depth.get(n);
      if (seen.has(n)) return 0;
      seen.add(n);
      let d = 0;
      for (const o of older.get(n)) d = Math.max(d, depthOf(o, seen) + 1);
      seen.delete(n);
      depth.set(n, d);
      return d;
    }
    for (const n of nodes) depthOf(n, new Set());
    const byDepth = [];
    for (const n of [...nodes].sort()) {
      const d = depth.get(n);
      (byDepth[d] = byDepth[d] || []).push(n);
    }
    const columns = byDepth.filter(Boolean); // a cycle can leave a depth empty
    const w = 150, h = 40, gapX = 70, gapY = 22, pad = 12;
    const pos = new Map();
    columns.forEach((col, x) => col.forEach((n, y) => pos.set(n, { x: pad + x * (w + gapX), y: pad + y * (h + gapY) })));
    const width = pad * 2 + columns.length * (w + gapX) - gapX;
    const height = pad * 2 + Math.max(...columns.map((c) => c.length)) * (h + gapY) - gapY;
    const graph = svg('svg', { id: 'supersede-graph', width, height, viewBox: '0 0 ' + width + ' ' + height,
      role: 'img', 'aria-label': 'Which decision supersedes which' },
      svg('defs', {}, svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 10, refY: 5, markerWidth: 8,
        markerHeight: 8, orient: 'auto-start-reverse' }, svg('path', { d: 'M 0 0 L 10 5 L 0 10 z' }))));
    for (const [n, o] of edges) {
      const a = pos.get(n), b = pos.get(o);
      graph.appendChild(svg('line', { class: 'edge', x1: a.x, y1: a.y + h / 2, x2: b.x + w, y2: b.y + h / 2,
        'marker-end': 'url(#arrow)' }, svg('title', {}, n + ' supersedes ' + o)));
    }
    for (const n of nodes) {
      const p = pos.get(n);
      const r = byId.get(n);
      const status = r ? str(r.status) : 'unknown';
      graph.appendChild(svg('a', { href: '#' + encodeURIComponent(n), class: 'node ' + status.replace(/[^a-z]/g, '') },
        svg('title', {}, n + (r ? ': ' + str(r.title) + ' (' + status + ')' : ' (not in this log)')),
        svg('rect', { x: p.x, y: p.y, width: w, height: h, rx: 6 }),
        svg('text', { x: p.x + w / 2, y: p.y + 17, 'text-anchor': 'middle', class: 'node-id' }, n),
        svg('text', { x: p.x + w / 2, y: p.y + 32, 'text-anchor': 'middle', class: 'node-status' }, status)));
    }
    main.append(el('p', { class: 'muted' }, 'An arrow points from a decision to the one it supersedes.'),
      el('div', { class: 'graph' }, graph));
  }

  // ---- models: versions -> decisions -> sign-offs ---------------------------------------
  function renderModels() {
    main.appendChild(el('h2', {}, 'Models'));
    // model -> version ('' = any version) -> decision id -> commits
    const models = new Map();
    function at(name, version, id) {
      if (!models.has(name)) models.set(name, new Map());
      const versions = models.get(name);
      if (!versions.has(version)) versions.set(version, new Map());
      const ids = versions.get(version);
      if (id && !ids.has(id)) ids.set(id, []);
      return ids;
    }
    for (const r of records) {
      const id = str(r.id);
      const versioned = new Set();
      for (const m of list(r.models))
        if (isObject(m) && m.name) {
          at(str(m.name), str(m.version), id);
          versioned.add(str(m.name));
        }
      for (const name of list(r.scope && r.scope.models).map(str))
        if (name && !versioned.has(name)) at(name, '', id);
    }
    for (const c of commits)
      for (const m of commitModels(c))
        for (const id of commitDecisionIds(c)) at(m.name, m.version, id).get(id).push(c);
    if (!models.size) {
      main.appendChild(el('p', { class: 'muted' }, 'No decision names a model.'));
      return;
    }
    const container = el('div', { id: 'models' });
    for (const name of [...models.keys()].sort()) {
      const versions = models.get(name);
      const block = el('section', { class: 'model', 'data-model': name }, el('h3', {}, name));
      for (const version of [...versions.keys()].sort(compareVersions)) {
        const ids = versions.get(version);
        const rows = [...ids.keys()].sort().map((id) => {
          const r = byId.get(id);
          return el('li', {}, recordLink(id), ' ', r ? el('span', { class: 'title' }, str(r.title)) : el('span', { class: 'muted' }, '(not in this log)'),
            r ? [' ', badge(str(r.status))] : null, signoffsOf(id, ids.get(id)));
        });
        block.appendChild(el('div', { class: 'version' },
          el('h4', {}, version ? name + '@' + version : 'any version (scope)'), el('ul', {}, rows)));
      }
      container.appendChild(block);
    }
    main.appendChild(container);
  }
  function compareVersions(a, b) {
    const pa = a.split(/[.-]/), pb = b.split(/[.-]/);
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
      const x = pa[i] || '', y = pb[i] || '';
      const nx = Number(x), ny = Number(y);
      if (x !== y) return !isNaN(nx) && !isNaN(ny) && x !== '' && y !== '' ? ny - nx : (x < y ? 1 : -1);
    }
    return 0;
  }
  // The record's approvals when the log has them, else the sign-off trailers of its commits.
  function signoffsOf(id, versionCommits) {
    const r = byId.get(id);
    const approvals = r ? list(r.approvals).filter(isObject) : [];
    if (approvals.length)
      return el('ul', { class: 'signoffs' }, approvals.map((a) =>
        el('li', {}, badge(str(a.state) || 'unknown'), ' ', approvalRoles(a), approver(a) ? ': ' + approver(a) : '')));
    const seen = new Set();
    const items = [];
    for (const c of versionCommits.length ? versionCommits : commitsOf.get(id) || [])
      for (const s of list(c.signoffs)) {
        const who = isObject(s) ? person(s) : str(s);
        const roles = isObject(s) ? list(s.roles).map(str).join(', ') : '';
        const key = who + '|' + roles;
        if (seen.has(key)) continue;
        seen.add(key);
        items.push(el('li', {}, (isObject(s) && s.key ? str(s.key) + ': ' : '') + who + (roles ? ' (' + roles + ')' : '')));
      }
    return items.length ? el('ul', { class: 'signoffs' }, items) : null;
  }

  // ---- guardrails (export --metrics) ----------------------------------------------------
  function guardRows(decision) {
    return list(decision.guardrails).filter(isObject).map((g) => [badge(str(g.status).replace('_', ' '), str(g.status)),
      str(g.condition), number(g.measured), str(g.source), str(g.explanation)]);
  }
  function renderGuardrails() {
    main.appendChild(el('h2', {}, 'Guardrails'));
    if (!guard) {
      main.appendChild(el('p', { class: 'muted' }, 'This page was exported without --metrics.'));
      return;
    }
    const s = isObject(guard.summary) ? guard.summary : {};
    main.appendChild(el('p', { id: 'guard-summary' }, number(s.guardrails) + ' guardrails: ' + number(s.breached) +
      ' breached, ' + number(s.ok) + ' ok, ' + number(s.not_measured) + ' not measured'));
    for (const d of list(guard.decisions).filter(isObject))
      main.appendChild(el('section', { class: 'guard', 'data-id': str(d.id) },
        el('h3', {}, recordLink(str(d.id)), ' ', str(d.title), ' ', badge(str(d.status).replace('_', ' '), str(d.status))),
        table(['status', 'condition', 'measured', 'from', 'explanation'], guardRows(d))));
  }

  // ---- one record -----------------------------------------------------------------------
  function renderRecord(id) {
    const r = byId.get(id);
    if (!r) {
      main.append(el('h2', {}, 'Not found'), el('p', {}, 'No decision ' + id + ' in this log. '), el('a', { href: '#list' }, 'All decisions'));
      return;
    }
    const page = el('article', { id: 'record', 'data-id': id });
    page.appendChild(el('h2', {}, el('span', { class: 'id' }, id), ' ', el('span', { class: 'title' }, str(r.title))));
    const meta = [
      ['Status', [badge(str(r.status)), isOverdue(r) ? [' ', badge('review overdue', 'overdue')] : null]],
      ['Category', str(r.category)],
      ['Owner', [person(r.owner), r.owner && r.owner.role ? ' (' + str(r.owner.role) + ')' : '']],
      ['Decided', str(r.date)],
      ['Review', str(r.review_date)],
      ['Tags', list(r.tags).map((t) => [el('span', { class: 'tag' }, str(t)), ' '])],
      ['Supersedes', list(r.supersedes).map((o) => [recordLink(str(o)), ' '])],
      ['Superseded by', (supersededBy.get(id) || []).map((n) => [recordLink(n), ' '])],
      ['Paths', list(r.scope && r.scope.paths).map((p) => [el('code', {}, str(p)), ' '])],
      ['Models', modelVersions(r).map((m) => [el('a', { href: '#models' }, m), ' '])],
      ['File', r.path ? el('code', {}, str(r.path)) : ''],
    ].filter(([, v]) => (Array.isArray(v) ? v.flat(Infinity).some((x) => x) : v));
    page.appendChild(el('dl', { class: 'meta' }, meta.map(([k, v]) => [el('dt', {}, k), el('dd', {}, v)])));

    const p = isObject(r.problem) ? r.problem : {};
    if (p.statement || p.trigger || list(p.constraints).length || list(p.baseline).length)
      page.appendChild(section('Problem',
        p.statement ? el('p', {}, str(p.statement)) : null,
        p.trigger ? el('p', {}, el('strong', {}, 'Trigger: '), str(p.trigger)) : null,
        list(p.constraints).length ? el('ul', {}, list(p.constraints).map((c) => el('li', {}, str(c)))) : null,
        list(p.baseline).length ? table(['baseline metric', 'value', 'source'], list(p.baseline).filter(isObject)
          .map((b) => [str(b.metric), number(b.value), linkOrText(b.source)])) : null));

    const options = list(r.options).filter(isObject);
    if (options.length)
      page.appendChild(section('Options', table(['option', 'metrics', 'outcome'], options.map((o) => [
        [o.chosen ? badge('chosen', 'chosen') : null, ' ', str(o.name), o.summary ? el('div', { class: 'muted' }, str(o.summary)) : null],
        Object.entries(Object.assign({}, isObject(o.metrics) ? o.metrics : {}, isObject(o.fairness) ? o.fairness : {}))
          .map(([k, v]) => el('div', {}, k + ' = ' + number(v))),
        o.chosen ? 'chosen' : str(o.rejected_because) ? 'rejected: ' + str(o.rejected_because) : '']))));

    const d = isObject(r.decision) ? r.decision : {};
    const priorities = isObject(d.priorities) ? Object.entries(d.priorities) : [];
    priorities.sort((x, y) => (typeof y[1] === 'number' ? y[1] : 0) - (typeof x[1] === 'number' ? x[1] : 0));
    if (d.summary || d.rationale || list(d.tradeoffs).length || priorities.length)
      page.appendChild(section('Decision',
        d.summary ? el('p', {}, el('strong', {}, str(d.summary))) : null,
        d.rationale ? el('p', {}, str(d.rationale)) : null,
        list(d.tradeoffs).length ? [el('h4', {}, 'Trade-offs'), el('ul', {}, list(d.tradeoffs).map((t) => el('li', {}, str(t))))] : null,
        priorities.length ? [el('h4', {}, 'Priorities'), el('ul', {}, priorities.map(([k, v]) =>
          el('li', {}, k + ' ' + (typeof v === 'number' ? Math.round(v * 1000) / 10 + '%' : str(v)))))] : null));

    const guardrails = list(r.guardrails).filter(isObject);
    const evaluated = guardOf.get(id);
    if (guardrails.length || evaluated)
      page.appendChild(section('Guardrails',
        table(['metric', 'breached when', 'action', 'kind'], guardrails.map((g) => [str(g.metric), breachText(g), str(g.action), str(g.kind)])),
        evaluated ? [el('h4', {}, 'Against the metrics given to export'), table(['status', 'condition', 'measured', 'from', 'explanation'], guardRows(evaluated))] : null));

    const checklist = list(r.checklist).filter(isObject);
    if (checklist.length)
      page.appendChild(section('Checklist', el('ul', { class: 'checklist' }, checklist.map((c) =>
        el('li', { class: c.met ? 'met' : 'unmet' }, el('span', { class: 'mark' }, c.met ? '✓' : '✗'), ' ', str(c.item) + ' ' + str(c.asks || c.rule),
          list(c.missing).length ? el('ul', {}, list(c.missing).map((f) => el('li', { class: 'muted' },
            (isObject(f) && f.line ? 'line ' + str(f.line) + ': ' : '') + (isObject(f) ? str(f.message) : str(f))))) : null)))));

    const approvals = list(r.approvals).filter(isObject);
    if (approvals.length)
      page.appendChild(section('Approvals', table(['role', 'state', 'by', 'commit', 'note'], approvals.map((a) => [
        approvalRoles(a), badge(str(a.state) || 'unknown'), approver(a), a.commit ? el('code', {}, shortSha(a.commit)) : '',
        [a.stale_since ? 'stale since ' + shortSha(a.stale_since) + ' ' : '',
          list(a.can_give).length ? 'can give: ' + list(a.can_give).map(person).join(', ') : '']]))));

    const stakeholders = list(r.stakeholders).filter(isObject);
    if (stakeholders.length)
      page.appendChild(section('Stakeholders', table(['name', 'role', 'stance', 'concerns'], stakeholders.map((s) => [
        str(s.name), str(s.role), str(s.stance), [list(s.concerns).map((c) => el('div', {}, str(c))),
          s.reevaluate_when ? el('div', { class: 'muted' }, 'Re-evaluate when ' + str(s.reevaluate_when)) : null]]))));

    const linked = commitsOf.get(id) || [];
    page.appendChild(section('Linked commits', linked.length ? table(['commit', 'date', 'author', 'title', 'via', 'models', 'sign-offs'],
      linked.map((c) => [el('code', {}, shortSha(c.commit)), str(c.date), person(c.author), str(c.title),
        via(c, id), commitModels(c).map((m) => m.name + (m.version ? '@' + m.version : '')).join(', '),
        list(c.signoffs).map((s) => (isObject(s) ? person(s) : str(s))).join(', ')])) : el('p', { class: 'muted' }, 'No commit links this decision.')));

    const evidence = list(r.links).filter(isObject);
    if (evidence.length)
      page.appendChild(section('Links', el('ul', {}, evidence.map((l) => el('li', {}, el('span', { class: 'tag' }, str(l.kind)), ' ',
        linkOrText(l.url, str(l.title) || str(l.url)))))));

    const fairness = list(r.fairness).filter(isObject);
    if (fairness.length)
      page.appendChild(section('Fairness', table(['metric', 'method', 'value', 'threshold', 'sensitive features'], fairness.map((f) => [
        str(f.metric), str(f.method), number(f.value), number(f.threshold), list(f.sensitive_features).map(str).join(', ')]))));

    main.appendChild(page);
  }
  function linkOrText(url, text) {
    const href = safeHref(url);
    const label = text === undefined ? str(url) : text;
    return href ? el('a', { href, rel: 'noopener noreferrer' }, label) : label;
  }
  function breachText(g) {
    const parts = [];
    if (g.op) parts.push(str(g.op) + ' ' + number(g.value));
    if (g.max_drop !== null && g.max_drop !== undefined) parts.push('drops more than ' + number(g.max_drop));
    if (g.max_relative_drop !== null && g.max_relative_drop !== undefined)
      parts.push('drops more than ' + Math.round(g.max_relative_drop * 1000) / 10 + '%');
    return parts.join('; ');
  }

  // ---- start ----------------------------------------------------------------------------
  renderNav();
  document.getElementById('summary').textContent = records.length + ' decisions · ' + commits.length +
    ' linked commits' + (today ? ' · generated ' + today : '');
  window.addEventListener('hashchange', render);
  render();
})();
