// Business calendars (supervisors): open a year as it stands, correct or enter it (next year's published schedule)
// with the notice it comes from, and read who changed what. A save applies to clocks started after it; running
// clocks move only when "recompute open complaints" is ticked, because customers may already hold their dates.
"use strict";
(async function () {
  const { api, el, when, problemOf, showFieldErrors } = window.CF;
  const pick = document.getElementById("pick");
  const form = document.getElementById("year-form");
  const banner = document.getElementById("banner");
  const params = new URLSearchParams(location.search);
  const me = await window.CF.start("calendar");
  if (!me.supervisor) {
    show("problem", window.CF.t("Only supervisors can change the business calendars."));
    pick.hidden = true;
    return;
  }

  function show(kind, text) {
    banner.hidden = false;
    banner.className = `banner ${kind}`;
    banner.textContent = text;
  }

  function remover(row) {
    const button = el("button", { type: "button", className: "secondary" }, window.CF.t("Remove"));
    button.addEventListener("click", () => { row.remove(); renumber(); });
    return button;
  }

  // Error slots follow the position the API names (holidays[2].to), so they are renumbered after a removal.
  function renumber() {
    form.querySelectorAll("#holidays tbody tr").forEach((row, i) => row.querySelectorAll("[data-field]").forEach(slot => {
      slot.dataset.errorFor = `holidays[${i}].${slot.dataset.field}`;
    }));
    form.querySelectorAll("#make-up-days tbody tr").forEach((row, i) => { row.querySelector(".error").dataset.errorFor = `makeUpDays[${i}]`; });
  }

  function holidayRow(holiday) {
    const cell = (name, input) => el("td", {}, input, el("span", { className: "error", dataset: { field: name } }));
    const row = el("tr", {},
      cell("name", el("input", { name: "holiday-name", value: holiday.name || "", maxlength: 100, "aria-label": window.CF.t("Holiday name") })),
      cell("from", el("input", { name: "holiday-from", type: "date", value: holiday.from || "", "aria-label": window.CF.t("First day") })),
      cell("to", el("input", { name: "holiday-to", type: "date", value: holiday.to || "", "aria-label": window.CF.t("Last day") })));
    row.append(el("td", {}, remover(row)));
    return row;
  }

  function makeUpRow(day) {
    const row = el("tr", {}, el("td", {}, el("input", { name: "make-up-day", type: "date", value: day || "", "aria-label": window.CF.t("Make-up day") }), el("span", { className: "error" })));
    row.append(el("td", {}, remover(row)));
    return row;
  }

  async function open(calendarId, year) {
    history.replaceState(null, "", `?calendar=${encodeURIComponent(calendarId)}&year=${encodeURIComponent(year)}`);
    const response = await api(`/api/portal/calendars/${encodeURIComponent(calendarId)}/years/${encodeURIComponent(year)}`);
    if (!response.ok) {
      const problem = await problemOf(response);
      show("problem", [problem.title, problem.detail, ...Object.values(problem.errors).flat()].filter(Boolean).join(" "));
      form.hidden = true;
      return;
    }
    const view = await response.json();
    document.getElementById("year-title").textContent = `${view.calendarId} · ${view.year}`;
    document.getElementById("origin").textContent = `As it stands: ${view.origin}${view.covered ? "" : " (deadlines counted into this year are provisional)"}.`;
    document.querySelector("#holidays tbody").replaceChildren(...view.holidays.map(holidayRow));
    document.querySelector("#make-up-days tbody").replaceChildren(...view.makeUpDays.map(makeUpRow));
    form.elements.source.value = "";
    form.elements.recomputeOpen.checked = false;
    renumber();
    showFieldErrors(form, {});
    form.hidden = false;
    await loadHistory(calendarId);
  }

  async function loadHistory(calendarId) {
    const response = await api(`/api/portal/calendars/${encodeURIComponent(calendarId)}/history`);
    if (!response.ok) return;
    const { changes } = await response.json();
    const body = document.querySelector("#history tbody");
    body.replaceChildren(...changes.slice().reverse().map(c => el("tr", {},
      el("td", {}, c.year),
      el("td", {}, c.holidays.map(h => `${h.name} ${h.from}–${h.to}`).join("; ") || "none"),
      el("td", {}, c.makeUpDays.join(", ") || "none"),
      el("td", {}, c.source), el("td", {}, c.changedBy), el("td", {}, when(c.changedAt)))));
    if (changes.length === 0) body.append(el("tr", {}, el("td", { className: "muted", colspan: 6 }, window.CF.t("No year of this calendar was entered in the desk yet."))));
    document.getElementById("history-card").hidden = false;
  }

  const coverage = await api("/api/portal/calendars/coverage");
  const calendars = coverage.ok ? (await coverage.json()).calendars : [];
  pick.elements.calendar.replaceChildren(...calendars.map(c => el("option", { value: c.calendarId }, c.calendarId)));
  pick.elements.calendar.value = params.get("calendar") || (calendars[0] && calendars[0].calendarId) || "";
  pick.elements.year.value = params.get("year") || String(new Date().getFullYear() + 1);

  pick.addEventListener("submit", async event => {
    event.preventDefault();
    banner.hidden = true;
    await open(pick.elements.calendar.value, pick.elements.year.value.trim());
  });
  document.getElementById("add-holiday").addEventListener("click", () => { document.querySelector("#holidays tbody").append(holidayRow({})); renumber(); });
  document.getElementById("add-make-up-day").addEventListener("click", () => { document.querySelector("#make-up-days tbody").append(makeUpRow("")); renumber(); });

  form.addEventListener("submit", async event => {
    event.preventDefault();
    const calendarId = pick.elements.calendar.value, year = pick.elements.year.value.trim();
    const body = {
      holidays: [...form.querySelectorAll("#holidays tbody tr")].map(row => ({
        name: row.querySelector("[name=holiday-name]").value.trim(),
        from: row.querySelector("[name=holiday-from]").value,
        to: row.querySelector("[name=holiday-to]").value
      })),
      makeUpDays: [...form.querySelectorAll("[name=make-up-day]")].map(input => input.value),
      source: form.elements.source.value.trim(),
      recomputeOpen: form.elements.recomputeOpen.checked
    };
    const button = document.getElementById("save");
    button.disabled = true;
    try {
      const response = await api(`/api/portal/calendars/${encodeURIComponent(calendarId)}/years/${encodeURIComponent(year)}`, { method: "PUT", body });
      if (!response.ok) {
        const problem = await problemOf(response);
        const unplaced = showFieldErrors(form, problem.errors);
        show("problem", [problem.title, problem.detail, ...unplaced].filter(Boolean).join(" "));
        return;
      }
      const saved = await response.json();
      await open(calendarId, year);
      show("done", `Saved ${calendarId} ${year}: new clocks use it` + (body.recomputeOpen ? `; ${saved.recomputed} open complaint(s) had a deadline moved.` : "."));
    } finally {
      button.disabled = false;
    }
  });
  window.CF.ready();

  if (pick.elements.calendar.value && params.get("year")) await open(pick.elements.calendar.value, pick.elements.year.value);
})();
