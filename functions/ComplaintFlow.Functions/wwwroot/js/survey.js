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
    const showErrors = errors => window.CF_ERRORS.show(form, errors, t("errors.heading"));
    const chosen = form.querySelector("input[name=score]:checked");
    showErrors(chosen ? {} : { score: [t("survey.chooseScore")] });
    if (!chosen) return;
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
      showErrors(Object.keys(errors).length ? errors : { form: [answer.detail || t("survey.failed")] });
    } catch {
      showErrors({ form: [t("survey.failed")] });
    } finally {
      button.disabled = false;
    }
  });
})();
