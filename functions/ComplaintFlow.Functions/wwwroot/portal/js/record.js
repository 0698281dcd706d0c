// Records a complaint taken by phone or in person. One idempotency key per filled-in form: a double click or a
// retry after a network error records one complaint, and the agent who recorded it owns it.
"use strict";
(async function () {
  const { api, problemOf, showFieldErrors } = window.CF;
  const form = document.getElementById("record-form");
  const banner = document.getElementById("banner");
  const key = crypto.randomUUID();
  await window.CF.start("record");

  form.addEventListener("submit", async event => {
    event.preventDefault();
    const button = document.getElementById("record");
    button.disabled = true;
    try {
      const body = { idempotencyKey: key, channel: form.elements.channel.value };
      for (const f of ["name", "email", "phone", "subject", "text", "language"]) body[f] = form.elements[f].value.trim() || null;
      const response = await api("/api/portal/complaints", { method: "POST", body });
      if (response.ok) {
        const accepted = await response.json();
        location.assign(`/portal/complaint.html?id=${encodeURIComponent(accepted.id)}`);
        return;
      }
      const problem = await problemOf(response);
      const unplaced = showFieldErrors(form, problem.errors);
      banner.hidden = false;
      banner.className = "banner problem";
      banner.textContent = [problem.title, problem.detail, ...unplaced].filter(Boolean).join(" ");
    } finally {
      button.disabled = false;
    }
  });
  window.CF.ready();
})();
