// Data subject requests (supervisors): find a contact's complaints, download everything held about them, erase it.
// The contact is only ever sent in POST bodies, so it stays out of URLs, history and access logs.
"use strict";
(async function () {
  const { api, el, when, problemOf, showFieldErrors } = window.CF;
  const lookupForm = document.getElementById("lookup-form");
  const eraseForm = document.getElementById("erase-form");
  const banner = document.getElementById("banner");
  const result = document.getElementById("result");
  let contact = null;
  const me = await window.CF.start("contact");
  if (!me.supervisor) {
    show("problem", window.CF.t("Only supervisors can export or erase a contact's data."));
    lookupForm.hidden = true;
    return;
  }

  function show(kind, text) {
    banner.hidden = false;
    banner.className = `banner ${kind}`;
    banner.textContent = text;
  }

  async function fail(response, form) {
    const problem = await problemOf(response);
    const unplaced = showFieldErrors(form, problem.errors);
    show("problem", [problem.title, problem.detail, ...unplaced].filter(Boolean).join(" "));
  }

  async function lookup() {
    const response = await api("/api/portal/contacts/lookup", { method: "POST", body: { contact } });
    if (!response.ok) {
      result.hidden = true;
      await fail(response, lookupForm);
      return;
    }
    showFieldErrors(lookupForm, {});
    const { complaints } = await response.json();
    document.getElementById("found").textContent = `${complaints.length} complaint(s) held for this contact`;
    document.querySelector("#complaints tbody").replaceChildren(...complaints.map(c => el("tr", {},
      el("td", {}, el("a", { href: `/portal/complaint.html?id=${encodeURIComponent(c.id)}` }, c.reference)),
      el("td", {}, c.channel), el("td", {}, c.status), el("td", {}, when(c.receivedAt)))));
    document.getElementById("export").disabled = complaints.length === 0;
    eraseForm.hidden = complaints.length === 0;
    result.hidden = false;
  }

  lookupForm.addEventListener("submit", async event => {
    event.preventDefault();
    banner.hidden = true;
    contact = lookupForm.elements.contact.value.trim();
    await lookup();
  });

  document.getElementById("export").addEventListener("click", async () => {
    const response = await api("/api/portal/contacts/export", { method: "POST", body: { contact } });
    if (!response.ok) {
      await fail(response, lookupForm);
      return;
    }
    const name = /filename="?([^";]+)"?/.exec(response.headers.get("Content-Disposition") || "")?.[1] || "contact-export.zip";
    const link = el("a", { href: URL.createObjectURL(await response.blob()), download: name });
    document.body.append(link);
    link.click();
    link.remove();
    show("done", "Export downloaded; it is recorded in each complaint's history.");
  });

  eraseForm.addEventListener("submit", async event => {
    event.preventDefault();
    const button = document.getElementById("erase");
    button.disabled = true;
    try {
      const response = await api("/api/portal/contacts/erase", { method: "POST", body: { contact, confirm: eraseForm.elements.confirm.value.trim() } });
      if (!response.ok) {
        await fail(response, eraseForm);
        return;
      }
      const report = await response.json();
      eraseForm.reset();
      showFieldErrors(eraseForm, {});
      await lookup();
      show("done", `Erased ${report.erased.length} complaint(s)` + (report.alreadyErased.length ? `; ${report.alreadyErased.length} were already erased.` : "."));
    } finally {
      button.disabled = false;
    }
  });
  window.CF.ready();
})();
