// Moderation console: the live queue of the caller's brands (GET /api/v1/moderation/items, kept
// current by the Server-Sent Events of /api/v1/moderation/events), one item in detail with its
// conversation, and the decisions the item's kind allows. Keyboard: j/k move, c claim, a approve
// (dismiss for inputs), e edit, r reject (confirm block for inputs), t let through, 1-9 pick a reason.
(function () {
  'use strict';
  const root = document.getElementById('mod');
  if (!root) { return; }
  const S = JSON.parse(root.dataset.strings || '{}');
  const me = root.dataset.me;
  const csrf = (document.querySelector('meta[name="csrf-token"]') || {}).content || '';
  const $ = (id) => document.getElementById(id);
  const queueEl = $('mod-queue'), detailEl = $('mod-detail'), liveEl = $('mod-live'), filters = $('mod-filters');
  // display names by slug (brand names audiences see, persona names); slugs until they are loaded
  const brandNames = {}, personaNames = {};
  const brandName = (slug) => brandNames[slug] || slug, personaName = (slug) => personaNames[slug] || slug;
  let items = [], selected = null, current = null, reason = null, refreshTimer = null, checkTimer = null;
  /** False until the queue has been read once: an empty list before that is "loading", never "nothing waiting". */
  let loaded = false;
  // the filters a link or a reload names (?kind=chat_reply&status=decided&persona=linh) are the page's filters;
  // brand and persona options arrive later, so those two are set when their options are in
  const linked = new URLSearchParams(window.location.search);
  function applyLinked(name) {
    const sel = filters.querySelector('select[name="' + name + '"]');
    const v = linked.get(name);
    if (sel && v && [...sel.options].some((o) => o.value === v)) { sel.value = v; }
  }
  ['status', 'kind', 'rule', 'olderThan'].forEach(applyLinked);
  /** Linked brand/persona filters whose options are not loaded yet: the queue is read with them all the same. */
  const pendingLinked = new Set(['brand', 'persona'].filter((n) => linked.get(n)));
  /** The moderator's edit of each item while it is open (item id -> text): a refresh or a refused send keeps it. */
  const drafts = new Map();

  // dates in the console's language, never the browser's (a Vietnamese page must not show a US date)
  function when(iso) { return window.PersonaConsole ? window.PersonaConsole.formatDateTime(iso) : iso; }
  // rule ids in people's words (the layout's labels); ids never reach the screen when a label exists
  const PC = window.PersonaConsole || {};
  const rule = (id) => (PC.ruleLabel ? PC.ruleLabel(id) : id);
  // one finding: its rule, what the guard does, and the words it matched (the guard's own note as a tooltip)
  function finding(f, text) {
    const li = el('li', 'finding ' + f.action);
    li.dataset.rule = f.rule;
    let s = rule(f.rule) + ' (' + t('verdict.' + f.action) + ')';
    const len = (text || '').length;
    if (text && f.end > f.start && (f.start > 0 || f.end < len)) { s += ': «' + text.slice(f.start, f.end) + '»'; }
    li.textContent = s;
    if (f.message) { li.title = f.message; }
    return li;
  }
  function t(key, arg) {
    const s = S[key] || key;
    return arg === undefined ? s : s.replace('{0}', arg);
  }
  function el(tag, cls, text) {
    const e = document.createElement(tag);
    if (cls) { e.className = cls; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function say(text, kind) {
    const a = $('alert');
    if (!a) { return; }
    a.textContent = text || '';
    a.className = 'alert ' + (kind || 'error');
    a.hidden = !text;
  }

  async function api(method, path, body) {
    // the API words its messages in the console's language (Accept-Language)
    const init = { method: method, headers: { 'Accept': 'application/json',
      'Accept-Language': document.documentElement.lang || 'en' }, credentials: 'same-origin' };
    if (method !== 'GET') {
      init.headers['Content-Type'] = 'application/json';
      init.headers['X-CSRF-Token'] = csrf;
      init.body = JSON.stringify(body || {});
    }
    const res = await fetch(path, init);
    let json = null;
    try { json = await res.json(); } catch (e) { json = null; }
    if (!res.ok) {
      const err = new Error((json && json.error && json.error.message) || ('HTTP ' + res.status));
      err.status = res.status;
      throw err;
    }
    return json;
  }

  // ---- SLA timer colours: green while more than half the time is left, amber below, red under a fifth or late
  function sla(item) {
    if (!item.held || !item.dueAt || (item.status !== 'open' && item.status !== 'claimed')) { return null; }
    const due = Date.parse(item.dueAt), created = Date.parse(item.createdAt), now = Date.now();
    const left = due - now, total = Math.max(1, due - created);
    const cls = left <= 0 || left < total * 0.2 ? 'sla-red' : left < total * 0.5 ? 'sla-amber' : 'sla-green';
    const secs = Math.max(0, Math.round(left / 1000));
    const text = left <= 0 ? t('sla.late') : Math.floor(secs / 60) + ':' + String(secs % 60).padStart(2, '0');
    return { cls: cls, text: text };
  }
  function age(item) {
    const s = Math.max(0, Math.round((Date.now() - Date.parse(item.createdAt)) / 1000));
    return s < 60 ? t('age.s', s) : s < 3600 ? t('age.min', Math.floor(s / 60)) : t('age.h', Math.floor(s / 3600));
  }

  // ---- the queue
  function query() {
    const f = new FormData(filters), p = new URLSearchParams();
    for (const [k, v] of f.entries()) { if (v) { p.set(k, v); } }
    pendingLinked.forEach((n) => p.set(n, linked.get(n)));
    if (!p.get('status')) { p.set('status', 'pending'); }
    p.set('order', p.get('status') === 'pending' ? 'oldest' : 'newest');
    return p.toString();
  }
  /** The page's address follows its filters, so a reload or a shared link opens the same queue. */
  function remember() {
    const f = new FormData(filters), p = new URLSearchParams();
    for (const [k, v] of f.entries()) { if (v && !(k === 'status' && v === 'pending')) { p.set(k, v); } }
    const q = p.toString();
    window.history.replaceState(null, '', window.location.pathname + (q ? '?' + q : ''));
  }
  async function refresh() {
    try {
      const data = await api('GET', '/api/v1/moderation/items?' + query());
      items = data.items || [];
      loaded = true;
      renderQueue();
      if (selected) {
        const still = items.find((i) => i.id === selected);
        if (still) { current = still; renderDetail(); } else { await loadDetail(selected); }
      } else if (items.length) {
        select(items[0].id);
      } else {
        renderDetail();
      }
    } catch (e) { say(e.message); }
  }
  function soon() {
    if (refreshTimer) { clearTimeout(refreshTimer); }
    refreshTimer = setTimeout(() => { refreshTimer = null; refresh(); }, 250);
  }
  function renderQueue() {
    queueEl.textContent = '';
    if (!loaded) {
      $('mod-count').textContent = t('queue.loading');
      queueEl.appendChild(el('li', 'muted loading', t('queue.loading')));
      return;
    }
    $('mod-count').textContent = t(items.length === 1 ? 'queue.count.one' : 'queue.count', items.length);
    if (!items.length) { queueEl.appendChild(el('li', 'muted empty', t('queue.empty'))); return; }
    items.forEach((i) => {
      const li = el('li', 'mod-row' + (i.id === selected ? ' selected' : ''));
      li.dataset.id = i.id;
      li.setAttribute('role', 'option');
      li.setAttribute('aria-selected', String(i.id === selected));
      li.tabIndex = -1;
      const top = el('div', 'mod-row-top');
      const timer = sla(i);
      if (timer) { const sp = el('span', 'sla ' + timer.cls, timer.text); sp.dataset.item = i.id; top.appendChild(sp); }
      top.appendChild(el('span', 'badge kind-' + i.kind, t('kind.' + i.kind)));
      top.appendChild(el('span', 'badge status-' + i.status, t('status.' + i.status)));
      top.appendChild(el('span', 'muted', personaName(i.persona) + ' · ' + brandName(i.brand) + ' · ' + age(i)));
      li.appendChild(top);
      li.appendChild(el('div', 'mod-excerpt', (i.content || '').slice(0, 140)));
      const meta = el('div', 'muted small rules', (i.rules || []).map(rule).join(', '));
      if (i.claimedByEmail && i.status === 'claimed') { meta.textContent += ' · ' + t('claimedBy', i.claimedByEmail); }
      if (i.decidedByEmail || i.decidedBy) { meta.textContent += ' · ' + t('decidedBy', i.decidedByEmail || i.decidedBy); }
      li.appendChild(meta);
      li.addEventListener('click', () => select(i.id));
      queueEl.appendChild(li);
    });
  }
  function select(id) {
    selected = id;
    reason = null;
    current = items.find((i) => i.id === id) || null;
    renderQueue();
    const row = queueEl.querySelector('[data-id="' + CSS.escape(id) + '"]');
    if (row) { row.scrollIntoView({ block: 'nearest' }); }
    if (current) { renderDetail(); } else { loadDetail(id); }
  }
  async function loadDetail(id) {
    try { current = await api('GET', '/api/v1/moderation/items/' + encodeURIComponent(id)); } catch (e) { current = null; }
    renderDetail();
  }
  function move(step) {
    if (!items.length) { return; }
    let idx = items.findIndex((i) => i.id === selected);
    idx = Math.min(items.length - 1, Math.max(0, idx + step));
    select(items[idx].id);
  }

  // ---- one item
  function renderDetail() {
    detailEl.textContent = '';
    const i = current;
    if (!i) { detailEl.appendChild(el('p', 'muted', t('detail.none'))); return; }
    detailEl.dataset.id = i.id;
    detailEl.dataset.status = i.status;
    const h = el('h2', null, t('kind.' + i.kind) + ' — ' + personaName(i.persona) + ' (' + brandName(i.brand) + ')');
    detailEl.appendChild(h);
    const facts = el('p', 'muted');
    facts.textContent = t('status.' + i.status) + ' · ' + t('verdict', t('verdict.' + i.verdict)) + ' · v'
      + (i.personaVersion || '?') + ' · ' + when(i.createdAt);
    const timer = sla(i);
    if (timer) { const s = el('span', 'sla ' + timer.cls, ' ' + t('sla.left', timer.text)); facts.appendChild(s); }
    detailEl.appendChild(facts);
    if (i.status === 'claimed' && i.claimedByEmail) {
      detailEl.appendChild(el('p', 'claim', t('claimedBy', i.claimedByEmail) + (i.claimedBy === me ? ' (' + t('you') + ')' : '')));
    }
    if (i.decidedBy) {
      const who = el('p', 'decided');
      who.textContent = t('decidedBy', i.decidedByEmail || i.decidedBy) + ' · ' + t('status.' + i.status)
        + (i.reason ? ' · ' + t('reason') + ': ' + rule(i.reason) : '') + (i.note ? ' · “' + i.note + '”' : '');
      detailEl.appendChild(who);
    }
    // conversation around the item
    const ctx = i.context || {};
    const conv = el('section', 'conversation');
    conv.appendChild(el('h3', null, t('conversation')));
    (ctx.turns || []).forEach((turn) => conv.appendChild(el('p', 'turn ' + turn.role, (turn.role === 'audience' ? t('audience') : personaName(i.persona)) + ': ' + turn.text)));
    if (ctx.audienceText) { conv.appendChild(el('p', 'turn audience current', t('audience') + ': ' + ctx.audienceText)); }
    if (i.kind === 'chat_reply' && i.shownText) { conv.appendChild(el('p', 'turn persona shown', personaName(i.persona) + ' (' + t('shown') + '): ' + i.shownText)); }
    detailEl.appendChild(conv);
    const content = el('section', 'content');
    content.appendChild(el('h3', null, i.kind === 'chat_input' ? t('content.input') : t('content.reply')));
    content.appendChild(el('blockquote', 'item-content', i.content));
    detailEl.appendChild(content);
    // findings
    const fl = el('ul', 'findings');
    (i.findings || []).forEach((f) => fl.appendChild(finding(f, i.content)));
    detailEl.appendChild(fl);
    if (i.releaseText && i.status !== 'open' && i.status !== 'claimed') {
      detailEl.appendChild(el('p', 'released', t('released') + ': ' + i.releaseText + (i.releasedAt ? '' : ' (' + t('notDelivered') + ')')));
    }
    if (i.status === 'open' || i.status === 'claimed') { renderActions(i); }
  }

  function renderActions(i) {
    const box = el('section', 'actions');
    // reasons: the item's rules (number keys), then "other"
    const reasons = (i.rules || []).concat(['other']);
    const rl = el('div', 'reasons');
    rl.setAttribute('role', 'radiogroup');
    rl.setAttribute('aria-label', t('reason'));
    reasons.forEach((r, n) => {
      const b = el('button', 'reason' + (reason === r ? ' on' : ''), (n + 1) + ' ' + rule(r));
      b.dataset.reason = r;
      b.type = 'button';
      b.setAttribute('role', 'radio');
      b.setAttribute('aria-checked', String(reason === r));
      b.addEventListener('click', () => { reason = r; renderDetail(); });
      rl.appendChild(b);
    });
    box.appendChild(rl);
    const note = el('input', 'note');
    note.id = 'mod-note';
    note.placeholder = t('note');
    note.setAttribute('aria-label', t('note'));
    box.appendChild(note);
    if (i.actions.indexOf('edit') >= 0) {
      const ta = el('textarea', 'edit');
      ta.id = 'mod-edit';
      ta.rows = 3;
      ta.value = drafts.has(i.id) ? drafts.get(i.id) : i.content;
      ta.setAttribute('aria-label', t('edit'));
      ta.addEventListener('input', () => {
        drafts.set(i.id, ta.value);
        if (checkTimer) { clearTimeout(checkTimer); }
        checkTimer = setTimeout(check, 300);
      });
      box.appendChild(ta);
      box.appendChild(el('ul', 'check', null)).id = 'mod-check';
    }
    const bar = el('div', 'buttons');
    if (i.status === 'open' || (i.status === 'claimed' && i.claimedBy !== me)) { bar.appendChild(button('claim', 'c', () => claim())); }
    if (i.status === 'claimed' && i.claimedBy === me) { bar.appendChild(button('unclaim', null, () => act('unclaim'))); }
    i.actions.forEach((a) => bar.appendChild(button('action.' + a, KEYS[a], () => decide(a))));
    box.appendChild(bar);
    detailEl.appendChild(box);
    if (i.actions.indexOf('edit') >= 0) { check(); }
  }
  const KEYS = { approve: 'a', edit: 'e', reject: 'r', dismiss: 'a', confirm_block: 'r', let_through: 't' };
  function button(key, hotkey, onClick) {
    const b = el('button', 'btn ' + key.replace('.', '-'), t(key) + (hotkey ? ' (' + hotkey + ')' : ''));
    b.type = 'button';
    b.dataset.action = key;
    b.addEventListener('click', onClick);
    return b;
  }

  /** Runs the guard on the edit box's text and shows its verdict; returns the verdict (null when it failed). */
  async function check() {
    const ta = $('mod-edit'), out = $('mod-check');
    if (!ta || !out || !current) { return null; }
    try {
      const v = await api('POST', '/api/v1/moderation/items/' + encodeURIComponent(current.id) + '/check', { text: ta.value });
      out.textContent = '';
      out.dataset.verdict = v.verdict;
      out.appendChild(el('li', 'verdict ' + v.verdict, t('check.' + v.verdict)));
      v.findings.forEach((f) => out.appendChild(finding(f, ta.value)));
      return v;
    } catch (e) { out.textContent = e.message; return null; }
  }
  async function claim() { await act('claim'); }
  async function act(what) {
    if (!current) { return; }
    try {
      current = await api('POST', '/api/v1/moderation/items/' + encodeURIComponent(current.id) + '/' + what, {});
      say('');
      renderDetail();
      soon();
    } catch (e) { say(e.message, e.status === 409 ? 'warn' : 'error'); soon(); }
  }
  async function decide(decision) {
    if (!current || current.actions.indexOf(decision) < 0) { return; }
    const body = { decision: decision };
    const note = $('mod-note');
    if (note && note.value.trim()) { body.note = note.value.trim(); }
    if (reason) { body.reason = reason; }
    if (decision === 'edit') {
      const ta = $('mod-edit');
      if (document.activeElement !== ta) { ta.focus(); return; } // e focuses the editor; Ctrl+Enter sends
      body.text = ta.value;
      // what the check says cannot be sent is not sent (the server would refuse it too): the text stays
      if (checkTimer) { clearTimeout(checkTimer); checkTimer = null; }
      const v = await check();
      if (v && v.verdict === 'block') { say(t('check.block'), 'error'); ta.focus(); return; }
    }
    try {
      current = await api('POST', '/api/v1/moderation/items/' + encodeURIComponent(current.id) + '/decision', body);
      drafts.delete(current.id);
      say(t('decided', t('status.' + current.status)), 'ok');
      renderDetail();
      const idx = items.findIndex((i) => i.id === current.id);
      soon();
      if (idx >= 0 && idx + 1 < items.length) { select(items[idx + 1].id); }
    } catch (e) {
      say(e.message, e.status === 409 ? 'warn' : 'error');
      loadDetail(current.id);
      soon();
    }
  }

  document.addEventListener('keydown', (ev) => {
    const typing = ev.target && (ev.target.tagName === 'INPUT' || ev.target.tagName === 'TEXTAREA' || ev.target.tagName === 'SELECT');
    if (typing) {
      if (ev.target.id === 'mod-edit' && ev.key === 'Enter' && (ev.ctrlKey || ev.metaKey)) { ev.preventDefault(); decide('edit'); }
      if (ev.key === 'Escape') { ev.target.blur(); }
      return;
    }
    if (ev.ctrlKey || ev.metaKey || ev.altKey) { return; }
    const i = current;
    const has = (a) => i && (i.status === 'open' || i.status === 'claimed') && i.actions.indexOf(a) >= 0;
    switch (ev.key) {
      case 'j': move(1); break;
      case 'k': move(-1); break;
      case 'c': if (i) { claim(); } break;
      case 'a': if (has('approve')) { decide('approve'); } else if (has('dismiss')) { decide('dismiss'); } break;
      case 'r': if (has('reject')) { decide('reject'); } else if (has('confirm_block')) { decide('confirm_block'); } break;
      case 'e': if (has('edit')) { ev.preventDefault(); $('mod-edit').focus(); } break;
      case 't': if (has('let_through')) { decide('let_through'); } break;
      default:
        if (/^[1-9]$/.test(ev.key) && i) {
          const reasons = (i.rules || []).concat(['other']);
          const r = reasons[Number(ev.key) - 1];
          if (r) { reason = r; renderDetail(); }
        }
        return;
    }
  });

  filters.addEventListener('change', () => { selected = null; remember(); refresh(); });
  filters.addEventListener('submit', (ev) => { ev.preventDefault(); selected = null; remember(); refresh(); });

  // ---- live: every event refreshes the queue (debounced); the event stream reconnects by itself
  function connectEvents() {
    const es = new EventSource('/api/v1/moderation/events');
    es.onopen = () => { liveEl.textContent = t('live.on'); liveEl.dataset.live = 'on'; soon(); };
    es.onerror = () => { liveEl.textContent = t('live.off'); liveEl.dataset.live = 'off'; };
    ['item.created', 'item.claimed', 'item.unclaimed', 'item.decided', 'item.released'].forEach((type) =>
      es.addEventListener(type, () => soon()));
  }
  // SLA timers tick in place (the rows themselves are only rebuilt when the queue changes)
  setInterval(() => {
    queueEl.querySelectorAll('.sla[data-item]').forEach((sp) => {
      const item = items.find((i) => i.id === sp.dataset.item);
      const timer = item && sla(item);
      if (timer) { sp.className = 'sla ' + timer.cls; sp.textContent = timer.text; }
    });
  }, 1000);
  const getJson = (url) => fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then((r) => (r.ok ? r.json() : { items: [] }));
  const brandsLoaded = getJson('/api/v1/brands').then((d) => {
      const sel = filters.querySelector('select[name="brand"]');
      (d.items || []).forEach((b) => {
        const slug = b.slug || b.id; // the brands API names the slug "id"
        brandNames[slug] = b.name || slug;
        const o = el('option', null, b.name || slug); o.value = slug; sel.appendChild(o);
      });
      if (pendingLinked.delete('brand')) { applyLinked('brand'); }
      renderQueue(); renderDetail();
    }).catch(() => {});
  // the persona filter: the caller's personas (brand-scoped) by their public names, the slug only as the value sent
  Promise.all([getJson('/api/v1/personas'), getJson('/api/v1/public/personas'), brandsLoaded]).then(([mine, pub]) => {
    (pub.items || []).forEach((p) => { if (p.name) { personaNames[p.id] = p.name; } });
    const sel = filters.querySelector('select[name="persona"]');
    // the console's one persona label (PersonaLabels.java): "Name (Brand)", "Name · slug (Brand)" when
    // another persona the user sees has the same name
    const nameOf = (p) => p.name || personaName(p.id);
    const key = (n) => String(n).trim().toLowerCase();
    const counts = {};
    (mine.items || []).forEach((p) => { counts[key(nameOf(p))] = (counts[key(nameOf(p))] || 0) + 1; });
    (mine.items || []).forEach((p) => {
      const twin = counts[key(nameOf(p))] > 1;
      const o = el('option', null, String(nameOf(p)).trim() + (twin ? ' · ' + p.id : '') + ' (' + brandName(p.brand) + ')');
      o.value = p.id; sel.appendChild(o);
    });
    if (pendingLinked.delete('persona')) { applyLinked('persona'); }
    renderQueue(); renderDetail();
  }).catch(() => {});
  refresh();
  connectEvents();
})();
