// Persona Console: shared behaviour. No HTML sinks: untrusted text is set with textContent only.
(function () {
  'use strict';
  const meta = document.querySelector('meta[name="csrf-token"]');
  const csrf = meta ? meta.getAttribute('content') : '';

  // htmx requests carry the session's CSRF token.
  document.addEventListener('htmx:configRequest', function (e) {
    if (csrf) { e.detail.headers['X-CSRF-Token'] = csrf; }
  });
  // htmx does not swap error answers: show their text in the page's alert area.
  document.addEventListener('htmx:responseError', function (e) {
    showAlert(e.detail.xhr.responseText || ('HTTP ' + e.detail.xhr.status));
  });
  document.addEventListener('htmx:sendError', function () {
    showAlert(document.documentElement.lang === 'vi' ? 'Không kết nối được máy chủ.' : 'Could not reach the server.');
  });

  function showAlert(text) {
    const box = document.getElementById('alert');
    if (!box) { return; }
    box.textContent = text;
    box.hidden = false;
    box.scrollIntoView({ block: 'nearest' });
  }

  /**
   * Calls the JSON API with the session cookie and CSRF token.
   * Resolves to {status, body} (body parsed as JSON when it is JSON, else text); never rejects on HTTP errors.
   */
  async function api(method, url, body, contentType) {
    const headers = { 'X-CSRF-Token': csrf, 'Accept': 'application/json' };
    let payload = body;
    if (body !== undefined && body !== null && contentType === undefined) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    } else if (contentType) {
      headers['Content-Type'] = contentType;
    }
    const res = await fetch(url, { method: method, headers: headers, body: payload, credentials: 'same-origin' });
    const type = res.headers.get('content-type') || '';
    const data = type.includes('json') ? await res.json() : await res.text();
    return { status: res.status, body: data };
  }

  window.PersonaConsole = { api: api, csrf: csrf, showAlert: showAlert };
})();
