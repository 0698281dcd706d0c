// Compensation above its recorder's limit waits for a supervisor's approval (the four-eyes rule). The complaint page
// (complaint.js) hands each rendering of the complaint here; a supervisor who did not record the compensation sees
// Approve and Reject (with a reason), everyone else sees who it waits for. Actions go through the page's act(), with
// the version the page read, like every other action.
"use strict";
document.addEventListener("cf:complaint", event => {
  const { el, t, when } = window.CF;
  const { complaint, act } = event.detail;
  const me = window.CF.me;
  const awaiting = complaint.compensations
    .map((comp, i) => ({ comp, number: i + 1 }))
    .filter(x => x.comp.approval === "Awaiting");
  const card = document.getElementById("approval-card");
  const list = document.getElementById("approval-list");
  card.hidden = awaiting.length === 0;
  // Keep what a supervisor is typing when the page is drawn again for something else.
  if (list.contains(document.activeElement) && list.dataset.shown === awaiting.map(x => x.number).join(",")) return;
  list.dataset.shown = awaiting.map(x => x.number).join(",");

  list.replaceChildren(...awaiting.map(({ comp, number }) => {
    const own = comp.recordedBy.toLowerCase() === me.id.toLowerCase();
    const item = el("div", { className: "approval", dataset: { number: String(number) } },
      el("p", {}, el("strong", {}, `${comp.currency} ${comp.amount}`), " ",
        t(comp.accepted ? "accepted" : "offered"), " · ", comp.reason, " · ",
        t("recorded by {0}, {1}", comp.recordedBy, when(comp.recordedAt))));
    if (!me.supervisor) {
      item.append(el("p", { className: "muted" }, t("Above your limit: waiting for a supervisor's approval. It is not offered to the customer until then.")));
      return item;
    }
    if (own) {
      item.append(el("p", { className: "muted" }, t("You recorded this compensation: another supervisor must approve or reject it.")));
      return item;
    }
    const approve = el("form", { id: `approve-${number}`, dataset: { label: "approved" } },
      el("button", { type: "submit", id: `approve-button-${number}` }, t("Approve {0}", `${comp.currency} ${comp.amount}`)));
    approve.addEventListener("submit", e => { e.preventDefault(); act(`compensation/${number}/approve`, {}, approve); });
    const reasonId = `reject-reason-${number}`;
    const reject = el("form", { id: `reject-${number}`, dataset: { label: "rejected" } },
      el("label", { for: reasonId }, t("Why it is rejected")),
      el("input", { id: reasonId, name: "reason" }),
      el("span", { className: "error", dataset: { errorFor: "reason" } }),
      el("button", { type: "submit", className: "secondary", id: `reject-button-${number}` }, t("Reject")));
    reject.addEventListener("submit", e => { e.preventDefault(); act(`compensation/${number}/reject`, { reason: reject.elements.reason.value }, reject); });
    item.append(approve, reject);
    return item;
  }));
});
