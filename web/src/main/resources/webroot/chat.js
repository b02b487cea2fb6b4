// Audience chat page: pick a published persona, read its AI disclosure, chat over the live
// WebSocket with replies streamed in as delta frames.
//
// Security rule of this file: every text that comes from the server (persona names, bios,
// greetings, disclosures, replies, error messages, other viewers' messages) is untrusted and is
// only ever written with textContent / option.text / setAttribute of plain data attributes.
// Nothing here parses a string as HTML. Links and e-mail addresses in the persona's lines (which the
// guardrails checked against the brand's allowed link domains) become <a> elements built node by node
// (http/https and mailto only, rel="noopener noreferrer", target _blank): see setLinked.
(function () {
  'use strict';

  const $ = (id) => document.getElementById(id);
  const select = $('persona'), log = $('log'), form = $('composer'), input = $('text'), send = $('send');
  const status = $('status'), alertBox = $('alert'), alertText = $('alert-text'), retry = $('retry');
  const about = $('about');

  const STRINGS = {
    vi: {
      chatWith: 'Trò chuyện với', message: 'Tin nhắn', conversation: 'Cuộc trò chuyện',
      placeholder: 'Nhập tin nhắn…', send: 'Gửi', skip: 'Bỏ qua, đến ô nhập tin nhắn',
      connecting: 'Đang kết nối…', online: 'Trực tuyến', replying: 'Đang trả lời…',
      offline: 'Mất kết nối — đang thử lại…', closed: 'Đã ngắt kết nối',
      you: 'Bạn', viewer: 'Khán giả', room: 'Phòng live', typing: 'đang soạn câu trả lời',
      withheld: 'Đã bị bộ lọc an toàn giữ lại: người kiểm duyệt sẽ xem xét cuộc trao đổi này.',
      held: 'Đang chờ người kiểm duyệt — câu trả lời sẽ hiện ở đây.',
      released: 'Đã được người kiểm duyệt xem xét.',
      resumed: 'Tiếp tục cuộc trò chuyện trước.',
      noReply: 'Chưa nhận được câu trả lời. Bạn thử gửi lại nhé.',
      loadFailed: 'Không tải được danh sách persona. Kiểm tra kết nối rồi thử lại.',
      noPersonas: 'Hiện chưa có persona nào được công khai.',
      lost: 'Mất kết nối với máy chủ. Đang tự kết nối lại…',
      cannotConnect: 'Không kết nối được tới persona này. Có thể persona đã bị gỡ hoặc máy chủ đang bận.',
      browserOffline: 'Thiết bị của bạn đang ngoại tuyến.',
      idle: 'Đã ngắt kết nối vì lâu không có tin nhắn.',
      retry: 'Thử lại', reconnect: 'Kết nối lại', notSent: 'Chưa gửi được', sendAgain: 'Gửi lại',
      tooLong: 'Tin nhắn quá dài: {n} ký tự, tối đa {max}. Bạn rút gọn rồi gửi lại nhé.',
      errors: {
        rate_limited: 'Bạn gửi hơi nhanh — đợi một chút rồi gửi tiếp nhé.',
        busy: 'Đợi câu trả lời hiện tại xong đã nhé.',
        too_long: 'Tin nhắn quá dài (tối đa 2000 ký tự).',
        unavailable: 'Persona tạm thời không trò chuyện được. Thử lại sau nhé.',
        bad_frame: 'Tin nhắn không hợp lệ.',
        queue_full: 'Đang có nhiều câu hỏi chờ — bạn hỏi lại sau ít phút nhé.',
        resume_failed: 'Cuộc trò chuyện trước đã hết hạn — bắt đầu cuộc mới.'
      }
    },
    en: {
      chatWith: 'Chat with', message: 'Message', conversation: 'Conversation',
      placeholder: 'Type a message…', send: 'Send', skip: 'Skip to the message box',
      connecting: 'Connecting…', online: 'Online', replying: 'Replying…',
      offline: 'Offline — reconnecting…', closed: 'Disconnected',
      you: 'You', viewer: 'Viewer', room: 'Live room', typing: 'is typing',
      withheld: 'Withheld by the safety check: a human moderator will review this exchange.',
      held: 'Waiting for a moderator — the answer will appear here.',
      released: 'Reviewed by a human moderator.',
      resumed: 'Continuing your earlier conversation.',
      noReply: 'No reply arrived. Please try sending again.',
      loadFailed: 'Could not load the personas. Check your connection and try again.',
      noPersonas: 'No personas are published yet.',
      lost: 'Lost the connection to the server. Reconnecting…',
      cannotConnect: 'Could not connect to this persona. It may have been removed, or the server is busy.',
      browserOffline: 'Your device is offline.',
      idle: 'Disconnected after a long pause.',
      retry: 'Try again', reconnect: 'Reconnect', notSent: 'Not sent', sendAgain: 'Send again',
      tooLong: 'That message is too long: {n} characters, {max} at most. Shorten it and send again.',
      errors: {
        rate_limited: 'You are sending messages a bit fast — wait a moment.',
        busy: 'Please wait for the current reply to finish.',
        too_long: 'That message is too long (2000 characters at most).',
        unavailable: 'The persona cannot chat right now. Please try again later.',
        bad_frame: 'That message could not be sent.',
        queue_full: 'Many questions are waiting — please ask again in a moment.',
        resume_failed: 'Your earlier conversation expired — this is a new one.'
      }
    }
  };
  const REPLY_TIMEOUT_MS = 60000;

  /** The longest message the server accepts: its hello's maxMessageChars (live.maxMessageChars, 2000 by default). */
  let maxMessageChars = 2000;
  let ui = STRINGS[(navigator.language || '').toLowerCase().startsWith('vi') ? 'vi' : 'en'];
  let personaLang = 'vi', personaName = '';
  let socket = null, slug = null, nextId = 1, opened = false, failures = 0;
  /** The resume token of the open conversation while the visitor has not written yet: {slug, token}. */
  let unsentToken = null;
  let reconnectTimer = null, retryAction = null, pendingId = null, pendingClientId = null, pendingTimer = null;
  /** The visitor's last message as sent ({id, el, text}): marked "not sent" when the server refuses to take it. */
  let lastSent = null;
  /** Refusals after which the server did nothing with the message (it was never answered and never stored). */
  const NOT_TAKEN = new Set(['rate_limited', 'overloaded', 'busy', 'queue_full', 'unavailable', 'too_long',
    'bad_frame', 'persona_unavailable']);
  let viewerId = null; // set in a live room: the server's id for this viewer
  const replies = new Map();

  // ---- small DOM helpers (text only) ----
  function setText(el, text) { el.textContent = text == null ? '' : String(text); }
  // Characters that end a link or address when they close it ("see https://x.example/a." -> without the dot).
  const TRAILING = '.,;:!?)]}>\'"\u201d\u2019\u3002';
  const LEADING = '([{<\'"\u201c\u2018';
  const EMAIL_LOCAL = /^[A-Za-z0-9._%+-]{1,64}$/;
  const EMAIL_DOMAIN = /^[A-Za-z0-9-]{1,63}(\.[A-Za-z0-9-]{1,63})*\.[A-Za-z]{2,24}$/;

  function count(text, ch, from, to) {
    let n = 0;
    for (let k = from; k < to; k++) { if (text[k] === ch) { n++; } }
    return n;
  }

  /** An anchor for one word of persona text when it is an http(s) link or an e-mail address, else null. */
  function linkFor(core) {
    const lower = core.toLowerCase();
    if (lower.startsWith('http://') || lower.startsWith('https://')) {
      let url;
      try { url = new URL(core); } catch (e) { return null; }
      if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname) { return null; }
      const a = document.createElement('a');
      a.href = url.href;
      a.textContent = core;
      a.rel = 'noopener noreferrer';
      a.target = '_blank';
      return a;
    }
    const at = core.indexOf('@');
    if (at > 0 && at === core.lastIndexOf('@') && core.length <= 254) {
      const local = core.slice(0, at), domain = core.slice(at + 1);
      // anchored patterns over one short word, without nested quantifiers: no backtracking blow-up
      if (EMAIL_LOCAL.test(local) && EMAIL_DOMAIN.test(domain) && !local.startsWith('.') && !local.endsWith('.')
          && local.indexOf('..') < 0) {
        const a = document.createElement('a');
        a.href = 'mailto:' + core;
        a.textContent = core;
        a.rel = 'noopener noreferrer';
        a.target = '_blank';
        return a;
      }
    }
    return null;
  }

  /**
   * Writes persona text into el as text nodes, with http(s) links and e-mail addresses as anchors. One pass over
   * the words (runs of non-space characters); punctuation around a word stays text. No HTML is parsed.
   */
  function setLinked(el, text) {
    el.textContent = '';
    const s = text == null ? '' : String(text);
    let plain = '';
    let i = 0;
    while (i < s.length) {
      if (/\s/.test(s[i])) { plain += s[i]; i++; continue; }
      let j = i;
      while (j < s.length && !/\s/.test(s[j])) { j++; }
      const word = s.slice(i, j);
      let a = 0, b = word.length;
      while (a < b && LEADING.indexOf(word[a]) >= 0) { a++; }
      while (b > a && TRAILING.indexOf(word[b - 1]) >= 0) {
        // keep a closing parenthesis that closes one inside the link (https://x.example/a_(b)), not one that
        // closes the sentence's own "(see https://x.example/a)"
        if (word[b - 1] === ')' && count(word, '(', a, b) >= count(word, ')', a, b)) { break; }
        b--;
      }
      const anchor = b > a && (word.indexOf('@') >= 0 || word.indexOf('://') >= 0) ? linkFor(word.slice(a, b)) : null;
      if (anchor) {
        plain += word.slice(0, a);
        if (plain) { el.appendChild(document.createTextNode(plain)); }
        el.appendChild(anchor);
        plain = word.slice(b);
      } else {
        plain += word;
      }
      i = j;
    }
    if (plain) { el.appendChild(document.createTextNode(plain)); }
  }

  const LANG_TAG = /^[a-z]{2,3}(-[A-Za-z0-9]{1,8}){0,3}$/;

  function nfc(text) { return typeof text.normalize === 'function' ? text.normalize('NFC') : text; }

  /**
   * The page's own words (buttons, labels) in the visitor's language when the persona speaks it: the first of the
   * browser's languages (navigator.languages, in the visitor's order) that the persona speaks and the page has
   * words for; else the persona's first language when the page has words for it; else the browser's own choice.
   */
  function frameLanguage(personaLangs) {
    const base = (tag) => (typeof tag === 'string' ? tag.toLowerCase().split('-')[0] : '');
    const speaks = personaLangs.map(base);
    const browser = (Array.isArray(navigator.languages) && navigator.languages.length
      ? navigator.languages : [navigator.language]).map(base);
    for (const l of browser) {
      if (STRINGS[l] && speaks.includes(l)) { return l; }
    }
    if (STRINGS[speaks[0]]) { return speaks[0]; }
    return STRINGS[browser[0]] ? browser[0] : 'en';
  }

  function applyUi(lang) {
    ui = STRINGS[lang] || STRINGS.en;
    document.documentElement.lang = lang;
    setText($('persona-label'), ui.chatWith);
    setText($('text-label'), ui.message);
    setText($('skip'), ui.skip);
    log.setAttribute('aria-label', ui.conversation);
    input.placeholder = ui.placeholder;
    setText(send, ui.send);
  }

  function setStatus(state) {
    status.dataset.state = state;
    setText(status, ui[state] || state);
  }

  function showAlert(text, action, actionLabel) {
    setText(alertText, text);
    retryAction = action || null;
    retry.hidden = !action;
    if (action) { setText(retry, actionLabel || ui.retry); }
    alertBox.hidden = false;
  }

  function hideAlert() { alertBox.hidden = true; retryAction = null; }

  function scrollDown() { log.scrollTop = log.scrollHeight; }

  // A chat bubble: <div class="msg KIND"><span class="visually-hidden">who:</span><div class="body">text</div></div>
  function bubble(kind, text, who, lang) {
    const div = document.createElement('div');
    div.className = 'msg ' + kind;
    if (who) {
      const sr = document.createElement('span');
      sr.className = kind === 'audience' ? 'who' : 'visually-hidden';
      sr.textContent = who + (kind === 'audience' ? '' : ': ');
      div.appendChild(sr);
    }
    const body = document.createElement('div');
    body.className = 'body';
    if (lang) { body.lang = lang; }
    // the persona's lines carry clickable links; the visitor's and other viewers' messages stay plain text
    if (kind.startsWith('persona')) { setLinked(body, text); } else { body.textContent = text; }
    div.appendChild(body);
    log.appendChild(div);
    scrollDown();
    return div;
  }

  function notice(text, extra, lang) {
    const div = bubble('notice' + (extra ? ' ' + extra : ''), text, null, lang);
    return div;
  }

  // ---- turn state ----
  function clearPending() {
    if (pendingTimer) { clearTimeout(pendingTimer); pendingTimer = null; }
    pendingId = null;
    pendingClientId = null;
  }

  function updateSend() {
    const open = socket && socket.readyState === WebSocket.OPEN;
    send.disabled = !open || pendingId !== null;
    send.setAttribute('aria-disabled', String(send.disabled));
  }

  function replyBubble(replyTo) {
    let r = replies.get(replyTo);
    if (!r) {
      const el = bubble('persona', '', personaName, personaLang);
      el.dataset.replyTo = replyTo;
      r = { el: el, body: el.querySelector('.body'), text: '', deltas: 0 };
      replies.set(replyTo, r);
    }
    return r;
  }

  function finishReply(r, decision) {
    r.el.classList.remove('streaming', 'pending');
    r.el.removeAttribute('aria-label');
    r.el.removeAttribute('aria-busy');
    r.el.dataset.decision = decision || 'allow';
    if ((decision === 'block' || decision === 'flag') && !r.el.classList.contains('released')) {
      r.el.classList.add(decision === 'flag' && r.item ? 'held' : 'withheld');
      const note = document.createElement('p');
      note.className = 'withheld-note';
      note.setAttribute('role', 'note');
      note.textContent = decision === 'flag' && r.item ? ui.held : ui.withheld;
      r.el.appendChild(note);
    }
  }

  // ---- resume tokens: one per persona, kept for this browser tab (sessionStorage survives reloads) ----
  function tokenKey(s) { return 'prt.resume.' + s; }
  function storedToken(s) {
    try { return sessionStorage.getItem(tokenKey(s)); } catch (e) { return null; }
  }
  function storeToken(s, token) {
    try {
      if (token) { sessionStorage.setItem(tokenKey(s), token); } else { sessionStorage.removeItem(tokenKey(s)); }
    } catch (e) { /* storage disabled: the chat still works, it just cannot resume */ }
  }
  function inRoom() { return !!new URLSearchParams(location.search).get('room'); }

  // ---- connection ----
  // A random id kept in this browser so the brand's insights can count returning visitors. The
  // server stores only a salted hash of it per brand; never an IP address.
  function browserId() {
    try {
      let id = localStorage.getItem('prt-browser');
      if (!id) {
        const b = new Uint8Array(12);
        crypto.getRandomValues(b);
        id = Array.from(b, x => x.toString(16).padStart(2, '0')).join('');
        localStorage.setItem('prt-browser', id);
      }
      return id;
    } catch (e) { return null; }
  }

  function wsUrl(s) {
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const room = new URLSearchParams(location.search).get('room');
    const token = room ? null : storedToken(s);
    const browser = browserId();
    const params = [];
    if (room) { params.push('room=' + encodeURIComponent(room)); }
    if (token) { params.push('resume=' + encodeURIComponent(token)); }
    if (browser) { params.push('browser=' + encodeURIComponent(browser)); }
    // the visitor's languages, in their order: the server says the AI disclosure in the first the persona speaks
    const langs = (Array.isArray(navigator.languages) && navigator.languages.length ? navigator.languages
      : [navigator.language]).filter((l) => typeof l === 'string' && LANG_TAG.test(l.toLowerCase())).slice(0, 8);
    if (langs.length) { params.push('lang=' + encodeURIComponent(langs.join(','))); }
    return proto + '//' + location.host + '/api/v1/live/' + encodeURIComponent(s)
      + (params.length ? '?' + params.join('&') : '');
  }

  function disconnect() {
    if (reconnectTimer) { clearTimeout(reconnectTimer); reconnectTimer = null; }
    if (socket) {
      socket.onclose = null; socket.onmessage = null; socket.onerror = null;
      try { socket.close(1000, 'switching'); } catch (e) { /* already closed */ }
      socket = null;
    }
    clearPending();
  }

  function connect(target, fresh) {
    disconnect();
    if (slug !== target || fresh) {
      slug = target;
      failures = 0;
      replies.clear();
      log.textContent = '';
    }
    opened = false;
    setStatus('connecting');
    updateSend();
    let ws;
    try { ws = new WebSocket(wsUrl(slug)); } catch (e) { scheduleReconnect(); return; }
    socket = ws;
    ws.onopen = () => { opened = true; failures = 0; };
    ws.onmessage = (event) => {
      let frame;
      try { frame = JSON.parse(event.data); } catch (e) { return; }
      if (frame && typeof frame === 'object') { onFrame(frame); }
    };
    ws.onclose = (event) => {
      if (socket !== ws) { return; }
      socket = null;
      clearPending();
      for (const r of replies.values()) {
        if (r.el.classList.contains('streaming') || r.el.classList.contains('pending')) { finishReply(r, 'interrupted'); }
      }
      updateSend();
      if (event.code === 1000 && event.reason === 'idle') {
        setStatus('closed');
        showAlert(ui.idle, () => connect(slug, false), ui.reconnect);
        return;
      }
      scheduleReconnect();
    };
  }

  function scheduleReconnect() {
    failures++;
    setStatus('offline');
    if (!navigator.onLine) {
      showAlert(ui.browserOffline, () => connect(slug, false), ui.reconnect);
    } else if (!opened && failures >= 3) {
      showAlert(ui.cannotConnect, () => connect(slug, false), ui.reconnect);
    } else {
      showAlert(ui.lost, () => connect(slug, false), ui.reconnect);
    }
    const delay = Math.min(30000, 1000 * Math.pow(2, Math.min(failures - 1, 5)));
    reconnectTimer = setTimeout(() => { reconnectTimer = null; connect(slug, false); }, delay);
  }

  function onFrame(frame) {
    switch (frame.type) {
      case 'hello': {
        const p = (frame.persona && typeof frame.persona === 'object') ? frame.persona : {};
        const langs = Array.isArray(p.languages) ? p.languages : [];
        personaLang = typeof langs[0] === 'string' && LANG_TAG.test(langs[0]) ? langs[0] : 'vi';
        personaName = typeof p.name === 'string' && p.name ? p.name : slug;
        if (Number.isInteger(frame.maxMessageChars) && frame.maxMessageChars > 0) { maxMessageChars = frame.maxMessageChars; }
        applyUi(frameLanguage(langs));
        setText($('persona-name'), personaName);
        $('persona-name').lang = personaLang;
        setText($('persona-bio'), typeof p.bio === 'string' ? p.bio : '');
        $('persona-bio').lang = personaLang;
        setText($('disclosure'), typeof frame.disclosure === 'string' ? frame.disclosure : '');
        // the server says it in the visitor's language when the persona speaks it (?lang= below)
        $('disclosure').lang = typeof frame.disclosureLanguage === 'string' && LANG_TAG.test(frame.disclosureLanguage)
          ? frame.disclosureLanguage : personaLang;
        viewerId = typeof frame.viewer === 'string' ? frame.viewer : null;
        const roomLine = $('room');
        if (typeof frame.room === 'string' && frame.room) {
          setText(roomLine, ui.room + ': ' + frame.room);
          roomLine.hidden = false;
        } else {
          roomLine.hidden = true;
        }
        about.hidden = false;
        hideAlert();

        if (log.childElementCount === 0 && typeof p.greeting === 'string' && p.greeting) {
          bubble('persona greeting', p.greeting, personaName, personaLang);
          if (frame.resumed === true) {
            notice(ui.resumed, 'resumed');
            // What this conversation said before the reload, as the audience saw it (text only).
            (Array.isArray(frame.history) ? frame.history : []).forEach((line) => {
              if (!line || typeof line.text !== 'string') { return; }
              if (line.role === 'audience') { bubble('me', line.text, ui.you); } else { bubble('persona earlier', line.text, personaName, personaLang); }
            });
          }
        }
        // A conversation is stored (and its token resumable) only once the visitor has said something: keep
        // the token of a new, silent conversation aside until the first message, so a reload or a switch back
        // to this persona never reports "your earlier conversation expired" for a chat that never began.
        if (!inRoom() && typeof frame.resumeToken === 'string') {
          if (frame.resumed === true) {
            storeToken(slug, frame.resumeToken);
            unsentToken = null;
          } else {
            storeToken(slug, null);
            unsentToken = { slug: slug, token: frame.resumeToken };
          }
        }
        setStatus('online');
        updateSend();
        break;
      }
      case 'disclosure':
        notice(typeof frame.text === 'string' ? frame.text : '', 'disclosure-repeat',
          typeof frame.language === 'string' && LANG_TAG.test(frame.language) ? frame.language : personaLang);
        break;
      case 'message': {
        // A question in a live room, as the room accepted it (possibly redacted).
        if (typeof frame.text !== 'string') { break; }
        const roomId = frame.id === undefined ? null : String(frame.id);
        if (viewerId && frame.from === viewerId && pendingClientId !== null
            && String(frame.clientId) === pendingClientId && roomId) {
          // Our own question: already on screen; the reply will answer the room's id for it.
          const r = replies.get(pendingClientId);
          if (r) { replies.delete(pendingClientId); r.el.dataset.replyTo = roomId; replies.set(roomId, r); }
          pendingId = roomId;
          break;
        }
        if (viewerId && frame.from === viewerId) { break; }
        bubble('audience', frame.text, ui.viewer);
        break;
      }
      case 'delta': {
        if (typeof frame.text !== 'string') { break; }
        const replyTo = String(frame.replyTo);
        const r = replyBubble(replyTo);
        r.el.classList.remove('pending');
        r.el.removeAttribute('aria-label');
        r.el.classList.add('streaming');
        r.el.setAttribute('aria-busy', 'true');
        r.text += frame.text;
        r.deltas++;
        setLinked(r.body, nfc(r.text));
        r.el.dataset.deltas = String(r.deltas);
        if (replyTo === pendingId) { setStatus('replying'); armReplyTimeout(); }
        scrollDown();
        break;
      }
      case 'held': {
        // A flagged reply waits for a moderator: the persona's holding line replaces what streamed of it (the
        // whole reply, or the moderator's text, comes with the release).
        if (typeof frame.text !== 'string') { break; }
        const r = replyBubble(String(frame.replyTo));
        r.item = typeof frame.item === 'string' ? frame.item : null;
        if (r.item) { r.el.dataset.item = r.item; }
        r.text = frame.text;
        setLinked(r.body, nfc(r.text));
        scrollDown();
        break;
      }
      case 'released': {
        // A moderator decided: the reply (or the closing line) replaces the holding line.
        if (typeof frame.text !== 'string') { break; }
        const replyTo = String(frame.replyTo);
        let r = null;
        for (const x of replies.values()) { if (frame.item && x.item === frame.item) { r = x; } }
        if (!r) { r = replyBubble(replyTo); }
        r.el.classList.remove('held', 'withheld', 'pending', 'streaming');
        r.el.classList.add('released');
        r.el.dataset.decision = typeof frame.decision === 'string' ? frame.decision : '';
        const old = r.el.querySelector('.withheld-note');
        if (old) { old.remove(); }
        r.text = frame.text;
        setLinked(r.body, nfc(r.text));
        const note = document.createElement('p');
        note.className = 'released-note';
        note.setAttribute('role', 'note');
        note.textContent = ui.released;
        r.el.appendChild(note);
        scrollDown();
        break;
      }
      case 'done': {
        const replyTo = String(frame.replyTo);
        const r = replies.get(replyTo);
        if (r) { finishReply(r, typeof frame.decision === 'string' ? frame.decision : 'allow'); }
        if (replyTo === pendingId) { clearPending(); setStatus('online'); }
        updateSend();
        scrollDown();
        break;
      }
      case 'error': {
        const code = typeof frame.code === 'string' ? frame.code : '';
        if (code === 'resume_failed') { notice(ui.errors.resume_failed, 'resumed'); break; }
        const text = ui.errors[code] || (typeof frame.message === 'string' && frame.message) || code || 'error';
        const mine = lastSent && frame.replyTo !== undefined && String(frame.replyTo) === lastSent.id ? lastSent : null;
        if (mine && NOT_TAKEN.has(code)) {
          // the message was refused, not answered later: it says so on the bubble, and one click sends it again
          lastSent = null;
          mine.el.classList.add('unsent');
          const note = document.createElement('span');
          note.className = 'unsent-note';
          note.textContent = ui.notSent;
          mine.el.appendChild(note);
          scrollDown();
          showAlert(text, () => {
            mine.el.remove();
            if (!input.value.trim()) { input.value = mine.text; }
            form.requestSubmit();
          }, ui.sendAgain);
        } else {
          notice(text, 'error');
        }
        if (frame.replyTo !== undefined && (String(frame.replyTo) === pendingId
            || String(frame.replyTo) === pendingClientId)) {
          const r = replies.get(pendingId);
          if (r && r.text === '') { r.el.remove(); replies.delete(pendingId); }
          clearPending();
          setStatus('online');
        }
        updateSend();
        break;
      }
      default:
        break;
    }
  }

  function armReplyTimeout() {
    if (pendingTimer) { clearTimeout(pendingTimer); }
    const id = pendingId;
    pendingTimer = setTimeout(() => {
      if (pendingId !== id) { return; }
      const r = replies.get(id);
      if (r) { finishReply(r, 'timeout'); if (r.text === '') { r.el.remove(); replies.delete(id); } }
      notice(ui.noReply, 'error');
      clearPending();
      setStatus(socket ? 'online' : 'offline');
      updateSend();
    }, REPLY_TIMEOUT_MS);
  }

  // ---- user actions ----
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text || !socket || socket.readyState !== WebSocket.OPEN || pendingId !== null) { return; }
    // Too long for the server (its default live limit): say so and keep the text to shorten, rather than
    // cutting a paste silently (an input maxlength did) or sending what the server refuses.
    if (text.length > maxMessageChars) {
      notice(ui.tooLong.replace('{n}', String(text.length)).replace('{max}', String(maxMessageChars)), 'error');
      input.setAttribute('aria-invalid', 'true');
      input.focus();
      return;
    }
    input.removeAttribute('aria-invalid');
    if (unsentToken && unsentToken.slug === slug) { storeToken(slug, unsentToken.token); unsentToken = null; }
    const id = 'm' + (nextId++) + '-' + Date.now().toString(36);
    hideAlert();
    lastSent = { id: id, el: bubble('me', text, ui.you), text: text };
    socket.send(JSON.stringify({ type: 'message', id: id, text: text }));
    input.value = '';
    pendingId = id;
    pendingClientId = id;
    // A "typing" placeholder that the first delta fills in.
    const r = replyBubble(id);
    r.el.classList.add('pending');
    r.el.setAttribute('aria-busy', 'true');
    r.el.setAttribute('aria-label', personaName + ' ' + ui.typing);
    armReplyTimeout();
    setStatus('replying');
    updateSend();
    input.focus();
  });

  select.addEventListener('change', () => {
    const url = new URL(location.href);
    url.searchParams.set('persona', select.value);
    history.replaceState(null, '', url);
    hideAlert();
    connect(select.value, true);
  });

  retry.addEventListener('click', () => { const action = retryAction; hideAlert(); if (action) { action(); } });

  window.addEventListener('online', () => { if (slug && !socket) { hideAlert(); connect(slug, false); } });
  window.addEventListener('offline', () => { if (!socket) { showAlert(ui.browserOffline, () => connect(slug, false), ui.reconnect); } });

  function loadPersonas() {
    setStatus('connecting');
    fetch('/api/v1/public/personas', { headers: { accept: 'application/json' } })
      .then((r) => { if (!r.ok) { throw new Error('HTTP ' + r.status); } return r.json(); })
      .then((body) => {
        const items = (body && Array.isArray(body.items)) ? body.items : [];
        select.textContent = '';
        for (const p of items) {
          if (!p || typeof p.id !== 'string') { continue; }
          const opt = document.createElement('option');
          opt.value = p.id;
          opt.text = (typeof p.name === 'string' && p.name ? p.name : p.id)
            + (typeof p.brand === 'string' && p.brand ? ' — ' + p.brand : '');
          if (Array.isArray(p.languages) && typeof p.languages[0] === 'string') { opt.lang = p.languages[0]; }
          select.appendChild(opt);
        }
        select.disabled = items.length === 0;
        const wanted = new URLSearchParams(location.search).get('persona');
        if (wanted && items.some((p) => p && p.id === wanted)) { select.value = wanted; }
        if (select.value) {
          hideAlert();
          connect(select.value, true);
        } else {
          setStatus('closed');
          showAlert(ui.noPersonas, loadPersonas, ui.retry);
        }
      })
      .catch(() => {
        setStatus('offline');
        showAlert(ui.loadFailed, loadPersonas, ui.retry);
      });
  }

  applyUi(ui === STRINGS.vi ? 'vi' : 'en');
  loadPersonas();
})();
