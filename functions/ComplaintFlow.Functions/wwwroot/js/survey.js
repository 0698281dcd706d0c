// The satisfaction survey linked from the resolution notice: one score (1-5) and an optional comment.
"use strict";
(function () {
  const form = document.getElementById("survey-form");
  const result = document.getElementById("survey-result");
  const params = new URLSearchParams(location.search);
  const reference = params.get("reference") || "";
  const t = k => window.CF_I18N.t(k);
  document.getElementById("reference").textContent = reference;

  form.addEventListener("submit", async event => {
    event.preventDefault();
    const summary = document.getElementById("form-errors");
    form.querySelectorAll("[data-error-for]").forEach(s => { s.textContent = ""; });
    summary.hidden = true;
    const chosen = form.querySelector("input[name=score]:checked");
    const button = document.getElementById("submit");
    button.disabled = true;
    try {
      const response = await fetch("/api/survey", {
        method: "POST",
        headers: { "Content-Type": "application/json", "Accept-Language": window.CF_I18N.language },
        body: JSON.stringify({
          reference, token: params.get("token"), score: chosen ? Number(chosen.value) : null,
          comment: form.comment.value.trim() || null, language: window.CF_I18N.language
        })
      });
      const answer = await response.json().catch(() => ({}));
      if (response.ok) {
        form.hidden = true;
        result.textContent = answer.status === "in-progress" ? t("survey.callback") : t("survey.thanks");
        return;
      }
      const errors = answer.errors || {};
      for (const [field, messages] of Object.entries(errors)) {
        const slot = form.querySelector(`[data-error-for="${field}"]`);
        if (slot) slot.textContent = messages.join(" ");
      }
      summary.hidden = false;
      summary.textContent = Object.keys(errors).length ? "" : (answer.detail || t("survey.failed"));
      if (!summary.textContent) summary.hidden = true;
    } catch {
      summary.hidden = false;
      summary.textContent = t("survey.failed");
    } finally {
      button.disabled = false;
    }
  });
})();
