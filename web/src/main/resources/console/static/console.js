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
    // the API words its validation messages in the console's language (Accept-Language)
    const headers = { 'X-CSRF-Token': csrf, 'Accept': 'application/json',
      'Accept-Language': document.documentElement.lang || 'en' };
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

  // guardrail rule ids and the guard's decisions in the console's language (never a raw id to people)
  let labels = { rules: {}, verdicts: {} };
  try {
    const m = document.querySelector('meta[name="console-labels"]');
    if (m) { labels = JSON.parse(m.getAttribute('content') || '{}'); }
  } catch (e) { /* keep the ids */ }
  function ruleLabel(id) { return (labels.rules && labels.rules[id]) || id; }
  function verdictLabel(v) { return (labels.verdicts && labels.verdicts[v]) || v; }
  function routeLabel(r) { return (labels.routes && labels.routes[r]) || r; }

  // a moment in this browser's time zone, written as the console's language writes dates (the same format the
  // date fields read): Vietnamese dd/mm/yyyy hh:mm, English yyyy-mm-dd hh:mm, 24-hour; not the browser's locale
  function formatDateTime(iso) {
    const d = new Date(iso);
    if (isNaN(d.getTime())) { return String(iso || ''); }
    const p = (n) => String(n).padStart(2, '0');
    const day = document.documentElement.lang === 'vi'
      ? p(d.getDate()) + '/' + p(d.getMonth() + 1) + '/' + d.getFullYear()
      : d.getFullYear() + '-' + p(d.getMonth() + 1) + '-' + p(d.getDate());
    return day + ' ' + p(d.getHours()) + ':' + p(d.getMinutes());
  }

  window.PersonaConsole = { api: api, csrf: csrf, showAlert: showAlert, ruleLabel: ruleLabel, verdictLabel: verdictLabel,
    routeLabel: routeLabel, formatDateTime: formatDateTime };

  // On a phone the nav is one row that scrolls sideways: bring the current area into view.
  document.addEventListener('DOMContentLoaded', function () {
    const current = document.querySelector('.nav a[aria-current="page"]');
    const list = current && current.closest('ul');
    if (list && list.scrollWidth > list.clientWidth) {
      list.scrollLeft = current.offsetLeft - (list.clientWidth - current.offsetWidth) / 2;
    }
  });
})();

// Character Card import (persona list): the file goes as the raw body to the import API.
document.addEventListener('submit', async function (e) {
  const form = e.target;
  if (!(form instanceof HTMLFormElement) || form.getAttribute('id') !== 'card-import') { return; }
  e.preventDefault();
  const file = form.querySelector('#import-file').files[0];
  const error = form.querySelector('#import-error');
  error.hidden = true;
  if (!file) { return; }
  const params = new URLSearchParams({ brand: form.querySelector('#import-brand').value });
  const id = form.querySelector('#import-id').value.trim();
  if (id) { params.set('id', id); }
  const type = file.type || (file.name.toLowerCase().endsWith('.png') ? 'image/png' : 'application/json');
  try {
    const r = await window.PersonaConsole.api('POST', '/api/v1/personas/import?' + params.toString(), file, type);
    if (r.status === 201) {
      window.location.assign('/console/personas/' + encodeURIComponent(r.body.id));
      return;
    }
    const err = (r.body && r.body.error) || { message: String(r.body) };
    error.textContent = err.message + (err.problems && err.problems.length ? ' — ' + err.problems.join('; ') : '');
  } catch (x) {
    error.textContent = form.dataset.fail;
  }
  error.hidden = false;
});

// Forms that call the JSON API (invitations, members, brand name, API tokens): <form class="api-form"
// data-method data-action [data-result=ID]>. Fields become a JSON object (data-type="number" for
// numbers, empty fields left out); success reloads the page, or with data-result shows the
// response's acceptUrl (invitations), token (API tokens) or secret (publishing channels) once in that element. Errors are shown in the form's .api-error element.
function clearFieldProblems(form) {
  form.querySelectorAll('.field-error[data-api-problem]').forEach(function (n) {
    const field = document.getElementById(n.dataset.apiProblem);
    if (field) {
      field.removeAttribute('aria-invalid');
      const rest = (field.getAttribute('aria-describedby') || '').split(' ').filter(function (id) { return id && id !== n.id; });
      if (rest.length) { field.setAttribute('aria-describedby', rest.join(' ')); } else { field.removeAttribute('aria-describedby'); }
    }
    n.remove();
  });
}

// Shows "name: must be at most 200 characters" under the form's field named "name" (marked invalid, the
// message read with it); returns false when the problem names no field of the form.
function showFieldProblem(form, problem) {
  const colon = problem.indexOf(': ');
  if (colon <= 0) { return false; }
  const field = form.elements.namedItem(problem.slice(0, colon));
  if (!field || !field.id || field.type === 'hidden') { return false; }
  const note = document.createElement('p');
  note.className = 'field-error';
  note.id = field.id + '-problem';
  note.dataset.apiProblem = field.id;
  note.setAttribute('role', 'alert');
  note.textContent = problem.slice(colon + 2);
  field.insertAdjacentElement('afterend', note);
  field.setAttribute('aria-invalid', 'true');
  field.setAttribute('aria-describedby', ((field.getAttribute('aria-describedby') || '') + ' ' + note.id).trim());
  if (!form.querySelector('[aria-invalid="true"]:focus')) { field.focus(); }
  return true;
}

// Replaces the element with this id by the same element of the page as the server renders it now.
async function refreshPart(id) {
  try {
    const r = await fetch(window.location.pathname, { credentials: 'same-origin', headers: { Accept: 'text/html' } });
    if (!r.ok) { return; }
    const fresh = new DOMParser().parseFromString(await r.text(), 'text/html').getElementById(id);
    const old = document.getElementById(id);
    if (fresh && old) { old.replaceWith(document.importNode(fresh, true)); }
  } catch (x) {
    // the list stays as it was; a reload shows it
  }
}

// A button with data-copy=ID copies that element's text (e.g. a one-time invitation link) and says so in
// the status element next to it (id + "-status").
document.addEventListener('click', async function (e) {
  const button = e.target instanceof Element ? e.target.closest('button[data-copy]') : null;
  if (!button) { return; }
  const source = document.getElementById(button.dataset.copy);
  const status = document.getElementById(button.id + '-status');
  const text = source ? source.textContent.trim() : '';
  let copied = false;
  try {
    await navigator.clipboard.writeText(text);
    copied = true;
  } catch (x) {
    // no clipboard API here (or no permission): select the text so that Ctrl+C copies it
    const range = document.createRange();
    range.selectNodeContents(source);
    const sel = window.getSelection();
    sel.removeAllRanges();
    sel.addRange(range);
    try { copied = document.execCommand('copy'); } catch (y) { copied = false; }
  }
  if (status) { status.textContent = copied ? button.dataset.copied : button.dataset.copyFailed; }
});

// An input with data-pattern-message says that (in the console's language) when its pattern does not
// match, instead of the browser's "Please match the requested format."
document.addEventListener('invalid', function (e) {
  const el = e.target;
  if (el instanceof HTMLInputElement && el.dataset.patternMessage && el.validity.patternMismatch) {
    el.setCustomValidity(el.dataset.patternMessage);
  }
}, true);
document.addEventListener('input', function (e) {
  const el = e.target;
  if (el instanceof HTMLInputElement && el.dataset.patternMessage) {
    el.setCustomValidity('');
  }
});

document.addEventListener('submit', async function (e) {
  const form = e.target;
  if (!(form instanceof HTMLFormElement) || !form.classList.contains('api-form')) { return; }
  e.preventDefault();
  const body = {};
  for (const el of Array.from(form.elements)) {
    if (!el.name || el.type === 'submit' || el.value === '') { continue; }
    body[el.name] = el.dataset.type === 'number' ? Number(el.value) : el.value;
  }
  const method = form.dataset.method;
  const error = form.querySelector('.api-error');
  if (error) { error.hidden = true; }
  clearFieldProblems(form);
  try {
    const r = await window.PersonaConsole.api(method, form.dataset.action, method === 'DELETE' ? undefined : body);
    if (r.status >= 200 && r.status < 300) {
      const target = form.dataset.result ? document.getElementById(form.dataset.result) : null;
      if (target && r.body && (r.body.acceptUrl || r.body.token || r.body.secret)) {
        // an invitation shows its accept link, an API token the token itself, a publishing channel its
        // signing secret: once, never stored
        target.querySelector('pre').textContent = r.body.acceptUrl || r.body.token || r.body.secret;
        target.hidden = false;
        form.hidden = true;
        // data-refresh=ID: that part of the page (e.g. the pending invitations) as the server renders it now
        if (form.dataset.refresh) { refreshPart(form.dataset.refresh); }
        return;
      }
      // data-next: where to go after success ({slug} from the answer: the brands API names the slug "id"),
      // e.g. a page that says what was made
      if (form.dataset.next) {
        const slug = (r.body && (r.body.slug || r.body.id)) || '';
        window.location.assign(form.dataset.next.replace('{slug}', encodeURIComponent(slug)));
        return;
      }
      window.location.reload();
      return;
    }
    const err = (r.body && r.body.error) || { message: String(r.body) };
    // each problem ("field: what is wrong") under its field; what names no field of the form, in .api-error
    const problems = Array.isArray(err.problems) && err.problems.length ? err.problems : [err.message];
    const rest = problems.filter(function (p) { return !showFieldProblem(form, String(p)); });
    if (rest.length) {
      if (error) { error.textContent = rest.join('\n'); error.hidden = false; } else { window.PersonaConsole.showAlert(rest.join('\n')); }
    }
  } catch (x) {
    window.PersonaConsole.showAlert(form.dataset.fail || 'network error');
  }
});
