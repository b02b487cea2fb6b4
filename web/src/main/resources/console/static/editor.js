// Persona editor (console): form and YAML views of one persona document, live validation through
// POST /api/v1/personas/validate (the API's own field-path messages), save as draft or publish, and
// the preview chat (POST /api/v1/personas/{slug}/preview). Text is only ever set through Alpine's
// x-text / x-model (textContent / value), never as HTML.
document.addEventListener('alpine:init', function () {
  'use strict';
  let seq = 0;
  const lines = (a) => (a || []).join('\n');
  const fromLines = (s) => String(s || '').split('\n').map((x) => x.trim()).filter((x) => x.length > 0);
  const fromList = (s) => String(s || '').split(/[,\s]+/).map((x) => x.trim()).filter((x) => x.length > 0);
  const fromTags = (s) => String(s || '').split(',').map((x) => x.trim()).filter((x) => x.length > 0);
  const blank = (s) => s === undefined || s === null || String(s).trim() === '';

  function toState(doc) {
    const v = doc.voice || {};
    const b = doc.boundaries || {};
    const dis = doc.disclosure || {};
    const m = doc.model || {};
    const c = doc.contact || {};
    let card = null;
    if (doc.card && typeof doc.card === 'object') {
      card = Object.assign({}, doc.card);
      card.scenario = card.scenario || '';
      card.mes_example = card.mes_example || '';
      card.alternate_greetings = lines(card.alternate_greetings);
    }
    return {
      id: doc.id || '', brand: doc.brand || '', name: doc.name || '',
      languages: (doc.languages || []).join(', '), bio: doc.bio || '',
      voice: { personality: lines(v.personality), style: lines(v.style), greeting: v.greeting || '',
        catchphrases: lines(v.catchphrases) },
      audiences: (doc.audiences || []).map((a) => ({ key: ++seq, segment: a.segment || '', style: lines(a.style) })),
      knowledge: (doc.knowledge || []).map((k) => ({ key: ++seq, id: k.id || '', title: k.title || '', text: k.text || '',
        tags: (k.tags || []).join(', ') })),
      boundaries: { avoid_topics: lines(b.avoid_topics), banned_terms: lines(b.banned_terms),
        competitors: lines(b.competitors), forbidden_claims: lines(b.forbidden_claims),
        allowed_link_domains: lines(b.allowed_link_domains) },
      disclosure: { jurisdictions: (dis.jurisdictions || []).slice(), ai_label: Object.assign({}, dis.ai_label || {}),
        sponsored_label: Object.assign({}, dis.sponsored_label || {}) },
      model: { endpoint: m.endpoint || '', provider: m.provider || '', name: m.name || '',
        temperature: m.temperature === undefined || m.temperature === null ? '' : String(m.temperature),
        baseUrl: m.baseUrl || '', apiKeyEnv: m.apiKeyEnv || '' },
      review: { posts: (doc.review && doc.review.posts) || 'flagged' },
      contact: { url: c.url || '', email: c.email || '', phone: c.phone || '' },
      card: card,
    };
  }

  function toDoc(d) {
    const doc = { id: d.id, brand: d.brand, name: d.name, languages: fromList(d.languages) };
    if (!blank(d.bio)) { doc.bio = d.bio; }
    doc.voice = { personality: fromLines(d.voice.personality), style: fromLines(d.voice.style),
      catchphrases: fromLines(d.voice.catchphrases) };
    if (!blank(d.voice.greeting)) { doc.voice.greeting = d.voice.greeting; }
    doc.audiences = d.audiences.map((a) => ({ segment: a.segment, style: fromLines(a.style) }));
    doc.knowledge = d.knowledge.map((k) => ({ id: k.id, title: k.title, text: k.text, tags: fromTags(k.tags) }));
    doc.boundaries = {};
    for (const f of ['avoid_topics', 'banned_terms', 'competitors', 'forbidden_claims', 'allowed_link_domains']) {
      doc.boundaries[f] = fromLines(d.boundaries[f]);
    }
    const langs = doc.languages;
    const labels = (map) => {
      const out = {};
      Object.keys(map).forEach((l) => { if (!blank(map[l]) && (langs.includes(l) || true)) { out[l] = map[l]; } });
      return out;
    };
    doc.disclosure = { jurisdictions: d.disclosure.jurisdictions.slice(), ai_label: labels(d.disclosure.ai_label),
      sponsored_label: labels(d.disclosure.sponsored_label) };
    const m = d.model;
    if (['endpoint', 'provider', 'name', 'temperature', 'baseUrl', 'apiKeyEnv'].some((f) => !blank(m[f]))) {
      doc.model = {};
      ['endpoint', 'provider', 'name', 'baseUrl', 'apiKeyEnv'].forEach((f) => { if (!blank(m[f])) { doc.model[f] = m[f].trim(); } });
      if (!blank(m.temperature)) {
        const n = Number(m.temperature);
        doc.model.temperature = Number.isNaN(n) ? m.temperature : n;
      }
    }
    doc.review = { posts: d.review.posts };
    if (!blank(d.contact.url) || !blank(d.contact.email) || !blank(d.contact.phone)) {
      doc.contact = {};
      if (!blank(d.contact.url)) { doc.contact.url = d.contact.url.trim(); }
      if (!blank(d.contact.email)) { doc.contact.email = d.contact.email.trim(); }
      if (!blank(d.contact.phone)) { doc.contact.phone = d.contact.phone.trim(); }
    }
    if (d.card) {
      const card = Object.assign({}, d.card);
      card.alternate_greetings = fromLines(d.card.alternate_greetings);
      doc.card = card;
    }
    return doc;
  }

  /** Live validation in the console's language (the page's lang: problems' messages in Vietnamese or English). */
  function validateUrl() {
    return '/api/v1/personas/validate?lang=' + encodeURIComponent(document.documentElement.lang || 'en');
  }

  Alpine.data('personaEditor', function () {
    return {
      d: null, tab: 'form', yaml: '', problems: [], missing: [], warnings: [], message: '', busy: false, timer: null, yamlDoc: null,
      chat: [], history: [], question: '', sending: false, previewUnsaved: true, slug: '', msgs: {},
      /** Edits not saved yet: leaving the page (a link, reload, closing the tab) asks first. */
      dirty: false,

      init() {
        const el = this.$el;
        this.slug = el.dataset.slug;
        this.msgs = { created: el.dataset.msgCreated, saved: el.dataset.msgSaved, published: el.dataset.msgPublished, invalidOne: el.dataset.msgInvalidOne, invalidOther: el.dataset.msgInvalidOther,
          yamlBad: el.dataset.msgYamlBad, ok: el.dataset.msgOk, network: el.dataset.msgNetwork,
          missing: JSON.parse(el.dataset.msgMissing || '{}') };
        this.d = toState(JSON.parse(el.dataset.doc));
        // the saved version's publishing gaps (rendered by the server); the Alpine list replaces the static one
        this.missing = JSON.parse(el.dataset.missing || '[]');
        // the saved version's links outside the allowed link domains (followed live by validation)
        this.warnings = JSON.parse(el.dataset.warnings || '[]');
        el.querySelectorAll('#not-publishable-list .server-rendered').forEach((li) => li.remove());
        const params = new URLSearchParams(window.location.search);
        if (params.get('created')) { this.message = this.msgs.created; }
        if (params.get('saved')) { this.message = this.msgs.saved.replace('{0}', params.get('saved')); }
        if (params.get('published')) { this.message = this.msgs.published.replace('{0}', params.get('published')); }
        // the browser's own "leave site? changes you made may not be saved" prompt while edits are unsaved
        window.addEventListener('beforeunload', (ev) => {
          // browsers show the prompt only after a user gesture; without one, asking only logs a warning
          const active = !navigator.userActivation || navigator.userActivation.hasBeenActive;
          if (this.dirty && active) { ev.preventDefault(); ev.returnValue = ''; }
        });
      },
      len(s) { return s === undefined || s === null ? 0 : String(s).length; },
      counter(s, max) { return this.len(s) + ' / ' + max; },
      langs() { return fromList(this.d.languages); },
      /** The warning for a field (links the guard will flag), or ''. */
      warn(path) {
        const w = this.warnings.find((x) => x.path === path);
        return w ? w.message : '';
      },
      err(path) {
        const p = this.problems.find((x) => x.path === path || x.path.startsWith(path + '.') || x.path.startsWith(path + '['));
        return p ? p.message : '';
      },
      errExact(path) {
        const p = this.problems.find((x) => x.path === path);
        return p ? p.message : '';
      },
      // what publishing still asks of the live document, in the console's words (only a valid document says)
      followPublishing(body) {
        if (!body || !body.valid || !Array.isArray(body.publishing)) { return; }
        this.missing = body.publishing.map((p) => this.missingText(p.path, p.text));
      },
      missingText(path, text) {
        const words = this.msgs.missing[path];
        const m = / \(missing: ([^)]*)\)$/.exec(text);
        return words ? words.replace('{0}', m ? m[1] : '') : text;
      },
      // "1 problem to fix:", "3 problems to fix:"; nothing at all when there is none (the status region is read out)
      problemsTitle() {
        const n = this.problems.length;
        if (n === 0) { return ''; }
        return (n === 1 ? this.msgs.invalidOne : this.msgs.invalidOther).replace('{0}', n);
      },
      doc() { return toDoc(this.d); },

      changed() {
        this.dirty = true;
        this.message = '';
        clearTimeout(this.timer);
        this.timer = setTimeout(() => this.validate(), 350);
      },
      async validate() {
        const r = this.tab === 'yaml'
          ? await PersonaConsole.api('POST', validateUrl(), this.yaml, 'application/yaml')
          : await PersonaConsole.api('POST', validateUrl(), this.doc());
        if (r.status !== 200) { this.message = ''; return null; }
        this.problems = r.body.problems;
        if (Array.isArray(r.body.warnings)) { this.warnings = r.body.warnings; }
        this.followPublishing(r.body);
        return r.body;
      },
      addKnowledge() {
        this.d.knowledge.push({ key: ++seq, id: 'entry-' + (this.d.knowledge.length + 1), title: '', text: '', tags: '' });
        this.changed();
        this.$nextTick(() => { const el = document.getElementById('k-title-' + (this.d.knowledge.length - 1)); if (el) { el.focus(); } });
      },
      removeKnowledge(i) { this.d.knowledge.splice(i, 1); this.changed(); },
      moveKnowledge(i, delta) {
        const j = i + delta;
        if (j < 0 || j >= this.d.knowledge.length) { return; }
        const list = this.d.knowledge;
        const item = list.splice(i, 1)[0];
        list.splice(j, 0, item);
        this.changed();
      },
      addAudience() { this.d.audiences.push({ key: ++seq, segment: '', style: '' }); this.changed(); },
      removeAudience(i) { this.d.audiences.splice(i, 1); this.changed(); },

      async showYaml() {
        if (this.tab === 'yaml') { return; }
        const r = await PersonaConsole.api('POST', validateUrl(), this.doc());
        if (r.status === 200) {
          this.yaml = r.body.yaml || '';
          this.problems = r.body.problems;
          this.followPublishing(r.body);
        }
        this.yamlDoc = null;
        this.tab = 'yaml';
      },
      yamlChanged() {
        this.dirty = true;
        this.message = '';
        clearTimeout(this.timer);
        this.timer = setTimeout(async () => {
          const body = await this.validate();
          this.yamlDoc = body && body.document ? body.document : null;
        }, 350);
      },
      async showForm() {
        if (this.tab === 'form') { return; }
        clearTimeout(this.timer);
        const body = await this.validate();
        if (!body || !body.document) { this.message = this.msgs.yamlBad; return; }
        this.d = toState(body.document);
        this.tab = 'form';
      },

      async save(publish) {
        this.busy = true;
        this.message = '';
        try {
          const url = '/api/v1/personas/' + encodeURIComponent(this.slug) + (publish ? '?publish=true' : '');
          const r = this.tab === 'yaml'
            ? await PersonaConsole.api('PUT', url, this.yaml, 'application/yaml')
            : await PersonaConsole.api('PUT', url, this.doc());
          if (r.status === 200) {
            const v = r.body.latestVersion;
            this.dirty = false; // saved: reloading to show it asks nothing
            window.location.assign(window.location.pathname + (publish ? '?published=' : '?saved=') + v);
            return;
          }
          const err = (r.body && r.body.error) || { message: String(r.body) };
          const raw = err.problems && err.problems.length ? err.problems : [err.message];
          const mapped = raw.map((t) => {
            const text = String(t).replace(/^body: /, '');
            const i = text.indexOf(': ');
            const path = i > 0 ? text.substring(0, i) : '';
            // the publishing rule's lines in the console's words (the editor's sections, not document paths)
            return { path: path, message: i > 0 ? text.substring(i + 2) : text, text: this.missingText(path, text) };
          });
          // a document the schema refuses: the same problems from live validation, in the console's language;
          // otherwise (publishing requirements, a conflict) the refusal's own lines
          const v = r.status === 400 ? await this.validate() : null;
          if (!v || !v.problems || v.problems.length === 0) { this.problems = mapped; }
          this.$nextTick(() => { const p = document.getElementById('problems'); if (p) { p.scrollIntoView({ block: 'nearest' }); } });
        } catch (e) {
          this.message = this.msgs.network;
        } finally {
          this.busy = false;
        }
      },

      async send() {
        const text = this.question.trim();
        if (!text || this.sending) { return; }
        this.sending = true;
        this.chat.push({ key: ++seq, who: 'me', text: text, findings: [] });
        this.question = '';
        const body = { message: text, history: this.history.slice(-8) };
        if (this.previewUnsaved) {
          body.document = this.tab === 'yaml' ? this.yaml : this.doc();
        }
        try {
          const r = await PersonaConsole.api('POST', '/api/v1/personas/' + encodeURIComponent(this.slug) + '/preview', body);
          if (r.status === 200) {
            const res = r.body;
            // rules, decisions and routes in the console's language (PersonaConsole's labels), never raw ids
            this.chat.push({ key: ++seq, who: 'persona', text: res.reply, decision: res.decision,
              decisionLabel: PersonaConsole.verdictLabel(res.decision), route: PersonaConsole.routeLabel(res.route),
              findings: res.findings.map((f) => ({ key: ++seq, rule: PersonaConsole.ruleLabel(f.rule), ruleId: f.rule,
                action: PersonaConsole.verdictLabel(f.action), message: f.message,
                span: res.checked.substring(f.start, f.end) })) });
            this.history.push({ audience: text, persona: res.reply });
          } else {
            const err = (r.body && r.body.error) || { message: String(r.body) };
            const extra = err.problems && err.problems.length ? ' — ' + err.problems.join('; ') : '';
            this.chat.push({ key: ++seq, who: 'error', text: err.message + extra, findings: [] });
          }
        } catch (e) {
          this.chat.push({ key: ++seq, who: 'error', text: this.msgs.network, findings: [] });
        } finally {
          this.sending = false;
          this.$nextTick(() => { const log = document.getElementById('preview-log'); log.scrollTop = log.scrollHeight; });
        }
      },
    };
  });
});
