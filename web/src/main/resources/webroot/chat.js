// Audience chat page. Untrusted text (persona replies, names, disclosures) is only ever set
// through textContent, never parsed as HTML.
(function () {
  'use strict';
  const $ = (id) => document.getElementById(id);
  const select = $('persona'), log = $('log'), form = $('composer'), input = $('text'), send = $('send');
  const status = $('status');
  let socket = null, nextId = 1, replies = new Map(), withheldLabel = 'Câu trả lời đã được giữ lại để kiểm duyệt.';

  function setStatus(text) { status.textContent = text; }

  function bubble(kind, text) {
    const div = document.createElement('div');
    div.className = 'msg ' + kind;
    div.textContent = text;
    log.appendChild(div);
    log.scrollTop = log.scrollHeight;
    return div;
  }

  function connect(slug) {
    if (socket) { socket.onclose = null; socket.close(); }
    replies.clear();
    log.textContent = '';
    send.disabled = true;
    setStatus('connecting…');
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const params = new URLSearchParams(location.search);
    const room = params.get('room');
    socket = new WebSocket(proto + '//' + location.host + '/api/v1/live/' + encodeURIComponent(slug)
      + (room ? '?room=' + encodeURIComponent(room) : ''));
    socket.onmessage = (event) => {
      let frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      switch (frame.type) {
        case 'hello': {
          const p = frame.persona || {};
          $('persona-name').textContent = p.name || slug;
          $('persona-bio').textContent = p.bio || '';
          $('disclosure').textContent = frame.disclosure || '';
          document.documentElement.lang = (p.languages && p.languages[0]) || 'vi';
          if (p.languages && p.languages[0] === 'en') { withheldLabel = 'This reply was withheld for review.'; }
          if (p.greeting) { bubble('persona', p.greeting); }
          send.disabled = false;
          setStatus('online');
          break;
        }
        case 'disclosure':
          bubble('notice', frame.text || '');
          break;
        case 'message':
          if (frame.from !== 'me') { bubble('me audience', frame.text || ''); }
          break;
        case 'delta': {
          let el = replies.get(frame.replyTo);
          if (!el) { el = bubble('persona', ''); el.dataset.replyTo = frame.replyTo; replies.set(frame.replyTo, el); }
          el.textContent += frame.text;
          log.scrollTop = log.scrollHeight;
          break;
        }
        case 'done': {
          const el = replies.get(frame.replyTo);
          if (el) { el.dataset.decision = frame.decision; }
          if (el && (frame.decision === 'block' || frame.decision === 'flag')) {
            const note = document.createElement('span');
            note.className = 'withheld';
            note.textContent = withheldLabel;
            el.appendChild(note);
          }
          send.disabled = false;
          break;
        }
        case 'error':
          bubble('notice', frame.message || frame.code || 'error');
          send.disabled = false;
          break;
      }
    };
    socket.onclose = () => { send.disabled = true; setStatus('offline — reconnecting…');
      setTimeout(() => connect(select.value), 2000); };
  }

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || !socket || socket.readyState !== WebSocket.OPEN) { return; }
    const id = 'm' + (nextId++);
    bubble('me', text);
    socket.send(JSON.stringify({ type: 'message', id: id, text: text }));
    input.value = '';
    send.disabled = true;
  });

  select.addEventListener('change', () => {
    const url = new URL(location.href);
    url.searchParams.set('persona', select.value);
    history.replaceState(null, '', url);
    connect(select.value);
  });

  fetch('/api/v1/public/personas').then((r) => r.json()).then((body) => {
    const items = body.items || [];
    for (const p of items) {
      const opt = document.createElement('option');
      opt.value = p.id;
      opt.textContent = p.name + ' — ' + p.brand;
      select.appendChild(opt);
    }
    const wanted = new URLSearchParams(location.search).get('persona');
    if (wanted && items.some((p) => p.id === wanted)) { select.value = wanted; }
    if (select.value) { connect(select.value); } else { setStatus('no personas published'); }
  }).catch(() => setStatus('could not load personas'));
})();
