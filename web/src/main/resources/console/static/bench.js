// Guard bench: POST /api/v1/guardrails/check and highlight each finding in the text.
// Finding offsets are UTF-16 code units: exactly JavaScript string indices, so substring() is right.
(function () {
  'use strict';
  const form = document.getElementById('bench');
  if (!form) { return; }
  const text = document.getElementById('bench-text');
  const count = document.getElementById('bench-count');
  text.addEventListener('input', function () { count.textContent = String(text.value.length); });

  function highlight(box, value, findings) {
    box.textContent = '';
    // non-overlapping spans, earliest first; an overlapping finding is listed but not marked twice
    const spans = findings.slice().sort((a, b) => a.start - b.start || b.end - a.end);
    let at = 0;
    for (const f of spans) {
      if (f.start < at || f.end <= f.start || f.end > value.length) { continue; }
      box.appendChild(document.createTextNode(value.substring(at, f.start)));
      const mark = document.createElement('mark');
      mark.className = f.action;
      mark.title = window.PersonaConsole.ruleLabel(f.rule) + ': ' + f.message;
      mark.textContent = value.substring(f.start, f.end);
      box.appendChild(mark);
      at = f.end;
    }
    box.appendChild(document.createTextNode(value.substring(at)));
  }

  form.addEventListener('submit', async function (e) {
    e.preventDefault();
    const body = {
      persona: document.getElementById('bench-persona').value,
      text: text.value,
      direction: document.getElementById('bench-direction').value,
      channel: document.getElementById('bench-channel').value,
      sponsored: document.getElementById('bench-sponsored').checked,
    };
    const platform = document.getElementById('bench-platform').value.trim();
    if (platform) { body.platform = platform; }
    let r;
    try {
      r = await window.PersonaConsole.api('POST', '/api/v1/guardrails/check', body);
    } catch (x) {
      window.PersonaConsole.showAlert(form.dataset.fail);
      return;
    }
    if (r.status !== 200) {
      const err = (r.body && r.body.error) || { message: String(r.body) };
      window.PersonaConsole.showAlert(err.message);
      return;
    }
    document.getElementById('alert').hidden = true;
    const res = r.body;
    const decision = document.getElementById('bench-decision');
    decision.textContent = window.PersonaConsole.verdictLabel(res.decision);
    decision.dataset.decision = res.decision;
    decision.className = 'badge ' + res.decision;
    highlight(document.getElementById('bench-highlighted'), body.text, res.findings);
    const list = document.getElementById('bench-findings');
    list.textContent = '';
    for (const f of res.findings) {
      const li = document.createElement('li');
      const rule = document.createElement('strong');
      // the rule and the guard's decision in the console's language; the id and the guard's (English)
      // note stay for whoever tunes the policy: the bench is the one place that shows them
      rule.textContent = window.PersonaConsole.ruleLabel(f.rule);
      li.dataset.rule = f.rule;
      li.appendChild(rule);
      li.appendChild(document.createTextNode(' (' + window.PersonaConsole.verdictLabel(f.action) + ') «'
        + body.text.substring(f.start, f.end) + '» — '));
      const note = document.createElement('code');
      note.textContent = f.rule + ' · ' + f.severity + ' · ' + f.message;
      note.className = 'muted small';
      li.appendChild(note);
      list.appendChild(li);
    }
    document.getElementById('bench-none').hidden = res.findings.length > 0;
    // What happens to the text: a blocked one is never shown as what would be published (nothing would be);
    // a flagged one waits for a moderator; an input is what the persona would be given.
    const heading = document.getElementById('bench-final-heading');
    const input = body.direction === 'input';
    const blocked = res.decision === 'block';
    heading.textContent = blocked ? (input ? heading.dataset.inputBlock : heading.dataset.block)
      : input ? heading.dataset.input
        : res.decision === 'flag' ? heading.dataset.flag : heading.dataset.output;
    heading.dataset.decision = res.decision;
    const final = document.getElementById('bench-final');
    final.textContent = blocked ? '' : res.text;
    final.hidden = blocked;
    document.getElementById('bench-result').hidden = false;
  });
})();
