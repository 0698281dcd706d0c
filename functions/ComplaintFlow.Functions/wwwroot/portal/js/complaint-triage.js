// Correcting triage on the complaint page: staff choose the right category (one of the triage policy's) or sentiment,
// with an optional note. The form is one of the page's actions (data-action="triage-correction"): it sends the
// version the page read, like every other, and the timeline shows a category-corrected / sentiment-corrected entry.
"use strict";
(function () {
  const { api, el } = window.CF;
  const category = () => document.getElementById("correct-category");
  let choices = null;

  async function loadChoices() {
    if (choices) return choices;
    const response = await api("/api/portal/triage-choices");
    choices = response.ok ? await response.json() : { categories: [] };
    category().replaceChildren(...choices.categories.map(id => el("option", { value: id }, window.CF_DESK_I18N.category(id))));
    return choices;
  }

  document.addEventListener("cf:complaint", async event => {
    const triage = event.detail.complaint.triage;
    const form = document.getElementById("triage-correction-form");
    form.hidden = !triage;
    if (!triage) return;
    await loadChoices();
    // The form starts from what the complaint has now, so only the value the person changes is corrected.
    if (document.activeElement !== category()) category().value = triage.primaryCategory;
    const sentiment = document.getElementById("correct-sentiment");
    if (document.activeElement !== sentiment) sentiment.value = String(triage.sentiment.label || "").toLowerCase();
  });
})();
