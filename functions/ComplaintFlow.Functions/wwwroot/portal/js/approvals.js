// Awaiting approval (supervisors): every compensation above its recorder's limit, oldest first, each linking to its
// complaint, where it is approved or rejected. A supervisor's own are listed, marked: another supervisor decides them.
"use strict";
(async function () {
  const { api, el, t, when, problemOf } = window.CF;
  const banner = document.getElementById("banner");
  const me = await window.CF.start("approvals");
  function show(kind, text) {
    banner.hidden = false;
    banner.className = `banner ${kind}`;
    banner.textContent = text;
  }
  if (!me.supervisor) {
    show("problem", t("Only supervisors approve compensation."));
    return;
  }
  const response = await api("/api/portal/approvals");
  if (!response.ok) {
    const problem = await problemOf(response);
    show("problem", [problem.title, problem.detail].filter(Boolean).join(" "));
    return;
  }
  const { items } = await response.json();
  const body = document.querySelector("#approvals tbody");
  body.replaceChildren(...items.map(i => el("tr", { dataset: { id: i.complaintId, number: String(i.number) } },
    el("td", {}, el("a", { href: `/portal/complaint.html?id=${encodeURIComponent(i.complaintId)}` }, i.reference)),
    el("td", {}, `${i.currency} ${i.amount.toFixed(2)} `, t(i.accepted ? "accepted" : "offered")),
    el("td", {}, i.reason),
    el("td", {}, i.own ? t("{0} (you: another supervisor decides)", i.recordedBy) : i.recordedBy),
    el("td", {}, when(i.recordedAt)),
    el("td", {}, i.owner || t("nobody")))));
  if (items.length === 0) body.append(el("tr", {}, el("td", { colspan: 6, className: "muted" }, t("No compensation is awaiting approval."))));
  window.CF.ready();
})();
