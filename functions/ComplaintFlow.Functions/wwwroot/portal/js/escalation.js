// Escalation by authority (超权限请示) on the complaint page. Beside the deadline sweep's escalation by time, an agent
// hands a complaint up with a reason from a fixed list; a supervisor takes it over (with a reason) or returns it to
// the agent with a note. The complaint page (complaint.js) hands each rendering of the complaint here; actions go
// through the page's act(), with the version the page read, like every other action.
"use strict";
(function () {
  const reasons = {
    "beyond-authority": "Beyond my authority",
    "compensation-above-limit": "Compensation above my limit",
    "customer-asks-for-manager": "Customer asks for a manager",
    "legal": "Legal matter",
    "threat-of-violence": "Threat of violence"
  };
  // The timeline (complaint.js) names the reason the same way.
  window.CF.escalationReason = code => window.CF.t(reasons[code] || code || "");

  document.addEventListener("cf:complaint", event => {
    const { el, t, when } = window.CF;
    const { complaint, act } = event.detail;
    const me = window.CF.me;
    const open = complaint.authorityEscalation;
    const closed = complaint.status === "Resolved" || complaint.status === "Closed";
    const card = document.getElementById("escalation-card");
    const body = document.getElementById("escalation");
    card.hidden = closed && !open;
    // Keep what someone is typing when the page is drawn again for something else.
    const state = open ? `open:${open.raisedAt}` : "none";
    if (body.contains(document.activeElement) && body.dataset.shown === state) return;
    body.dataset.shown = state;

    if (!open) {
      const form = el("form", { id: "escalate-form", dataset: { label: "escalated" } },
        el("label", { for: "escalate-reason" }, t("Why it needs a supervisor")),
        el("select", { id: "escalate-reason", name: "reason" },
          el("option", { value: "" }, t("Choose a reason")),
          ...Object.entries(reasons).map(([code, label]) => el("option", { value: code }, t(label)))),
        el("span", { className: "error", dataset: { errorFor: "reason" } }),
        el("label", { for: "escalate-note" }, t("Note for the supervisor (optional)")),
        el("textarea", { id: "escalate-note", name: "note", rows: 2 }),
        el("span", { className: "error", dataset: { errorFor: "note" } }),
        el("button", { type: "submit", className: "secondary", id: "escalate" }, t("Escalate to a supervisor")));
      form.addEventListener("submit", e => { e.preventDefault(); act("escalate", { reason: form.elements.reason.value, note: form.elements.note.value }, form); });
      body.replaceChildren(form);
      return;
    }

    const summary = el("p", { id: "escalation-summary" }, el("strong", {}, window.CF.escalationReason(open.reason)), " · ",
      open.raisedBy === "system" ? t("routed to supervisors by triage, {0}", when(open.raisedAt)) : t("escalated by {0}, {1}", open.raisedBy, when(open.raisedAt)));
    const note = open.note ? el("p", { className: "complaint-text" }, open.note) : null;
    if (!me.supervisor) {
      body.replaceChildren(...[summary, note, el("p", { className: "muted" }, t("Waiting for a supervisor to take it over or return it."))].filter(Boolean));
      return;
    }
    const takeOver = el("form", { id: "take-over-form", dataset: { label: "taken over" } },
      el("label", { for: "take-over-reason" }, t("Why you take it over")),
      el("input", { id: "take-over-reason", name: "reason" }),
      el("span", { className: "error", dataset: { errorFor: "reason" } }),
      el("button", { type: "submit", id: "take-over" }, t("Take over")));
    takeOver.addEventListener("submit", e => { e.preventDefault(); act("escalation/take-over", { reason: takeOver.elements.reason.value }, takeOver); });
    const giveBack = el("form", { id: "return-form", dataset: { label: "returned" } },
      el("label", { for: "return-note" }, t("Note for the agent")),
      el("textarea", { id: "return-note", name: "note", rows: 2 }),
      el("span", { className: "error", dataset: { errorFor: "note" } }),
      el("button", { type: "submit", className: "secondary", id: "return-escalation" }, t("Return to the agent")));
    giveBack.addEventListener("submit", e => { e.preventDefault(); act("escalation/return", { note: giveBack.elements.note.value }, giveBack); });
    body.replaceChildren(...[summary, note, takeOver, giveBack].filter(Boolean));
  });
})();
