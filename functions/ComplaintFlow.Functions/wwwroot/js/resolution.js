// The written resolution for customers we can only text: the number they texted from, a one-time code by SMS, then
// the letter and where they may refer the complaint. The letter is held only in this page, never stored by the browser.
"use strict";
(function () {
  const phoneForm = document.getElementById("phone-form");
  const codeForm = document.getElementById("code-form");
  const status = document.getElementById("resolution-status");
  const letter = document.getElementById("letter");
  const t = k => window.CF_I18N.t(k);
  const params = new URLSearchParams(location.search);
  if (params.get("reference")) phoneForm.reference.value = params.get("reference");
  let shown = null;

  async function post(path, body) {
    const response = await fetch(path, {
      method: "POST",
      headers: { "Content-Type": "application/json", "Accept-Language": window.CF_I18N.language },
      body: JSON.stringify(body)
    });
    let json = null;
    try { json = await response.json(); } catch { json = null; }
    return { response, json };
  }

  // A problem+json answer's field errors (or its detail) for the form's error summary.
  function problems(json, field) {
    if (json && json.errors) return json.errors;
    return { [field]: [(json && json.detail) || t("resolution.failed")] };
  }

  phoneForm.addEventListener("submit", async event => {
    event.preventDefault();
    const reference = phoneForm.reference.value.trim();
    const phone = phoneForm.phone.value.trim();
    const missing = {};
    if (!reference) missing.reference = [t("status.needReference")];
    if (!phone) missing.phone = [t("resolution.needPhone")];
    window.CF_ERRORS.show(phoneForm, missing, t("errors.heading"));
    if (Object.keys(missing).length) return;
    const { response, json } = await post(`/api/complaints/${encodeURIComponent(reference)}/resolution/code`, { phone });
    if (!response.ok) {
      window.CF_ERRORS.show(phoneForm, problems(json, "phone"), t("errors.heading"));
      return;
    }
    codeForm.hidden = false;
    codeForm.code.focus();
  });

  codeForm.addEventListener("submit", async event => {
    event.preventDefault();
    const code = codeForm.code.value.trim();
    if (!/^[0-9０-９][0-9０-９ -]{4,10}[0-9０-９]$/.test(code)) {
      window.CF_ERRORS.show(codeForm, { code: [t("resolution.needCode")] }, t("errors.heading"));
      return;
    }
    window.CF_ERRORS.show(codeForm, {}, "");
    const reference = phoneForm.reference.value.trim();
    const { response, json } = await post(`/api/complaints/${encodeURIComponent(reference)}/resolution`, { code });
    if (!response.ok) {
      const errors = response.status === 400 && json && json.errors ? { code: [t("resolution.wrongCode")] } : problems(json, "code");
      window.CF_ERRORS.show(codeForm, errors, t("errors.heading"));
      return;
    }
    shown = json;
    phoneForm.hidden = true;
    codeForm.hidden = true;
    document.getElementById("intro").hidden = true;
    render();
    // Marked for translation, so the announcement follows a change of language like the rest of the page.
    status.dataset.i18n = "resolution.shown";
    status.textContent = t("resolution.shown");
    document.getElementById("letter-title").focus();
  });

  function row(list, label, value, lang) {
    if (!value) return;
    const dt = document.createElement("dt");
    dt.textContent = label;
    const dd = document.createElement("dd");
    dd.textContent = value;
    if (lang) dd.lang = lang;
    list.append(dt, dd);
  }

  // The letter is in the complaint's language; the page's own words, and the referral rights, follow the reader's choice.
  function render() {
    if (!shown) return;
    const facts = document.getElementById("letter-facts");
    facts.replaceChildren();
    row(facts, t("status.reference"), shown.reference);
    row(facts, t("status.resolvedAt"), shown.resolvedAtText, shown.language);
    row(facts, t("resolution.corrective"), shown.correctiveAction, shown.language);
    row(facts, t("resolution.compensation"), (shown.compensation || []).join(", "));
    const text = document.getElementById("letter-text");
    text.lang = shown.language;
    text.replaceChildren(...shown.text.split(/\n{2,}/).map(part => {
      const p = document.createElement("p");
      p.textContent = part;
      return p;
    }));
    const rights = document.getElementById("letter-rights");
    const lang = window.CF_I18N.language;
    const items = (shown.referrals || []).map(r => {
      const li = document.createElement("li");
      li.textContent = r[lang] || r.en || Object.values(r)[0];
      return li;
    });
    if (!items.length) {
      const li = document.createElement("li");
      li.textContent = t("resolution.noReferral");
      items.push(li);
    }
    rights.replaceChildren(...items);
    document.getElementById("letter-title").tabIndex = -1;
    letter.hidden = false;
  }

  document.addEventListener("cf:language", render);
})();
