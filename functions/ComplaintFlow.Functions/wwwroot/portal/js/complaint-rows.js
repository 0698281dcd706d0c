// One complaint as a row of a table, the same on the search page and in the work lists: subject and customer (in the
// customer's language), age, the SLA countdown coloured by state (overdue, due soon, paused) and why it was escalated.
// The customer's words are put in as text (textContent), never as markup.
"use strict";
(function () {
  const { el, t, duration, when } = window.CF;

  // Team ids as the desk names them; a page that knows the teams fills this in (CF.rows.teamNames).
  const teamNames = new Map();

  function age(minutes) {
    const days = Math.floor(minutes / 1440), hours = Math.floor((minutes % 1440) / 60);
    return days > 0 ? t("{0} d {1} h", days, hours) : hours > 0 ? t("{0} h {1} min", hours, minutes % 60) : t("{0} min", Math.max(0, minutes));
  }

  // Why it was escalated: the breached deadline (tier N) or triage's grade with its strongest reason.
  function escalation(item) {
    if (!item.escalation || item.escalation === "Internal") return "–";
    const tier = /^tier-(\d+)$/.exec(item.escalation);
    const deadline = /^(\S+) \((\S+)\)$/.exec(item.escalationReason || "");
    if (tier) return t("SLA breached, tier {0}", tier[1]) + (deadline ? `: ${t(deadline[1])} (${t(deadline[2])})` : "");
    return t(item.escalation) + (item.escalationReason ? `: ${item.escalationReason}` : "");
  }

  function sla(next) {
    return !next ? el("td", { className: "muted" }, "–")
      : el("td", { className: next.paused ? "paused" : next.minutesLeft < 0 ? "overdue" : next.minutesLeft < 480 ? "soon" : "", title: when(next.nextDueAt) },
        next.paused ? t("paused (waiting on customer)") : duration(next.minutesLeft));
  }

  function owner(item) {
    const team = item.team ? teamNames.get(item.team) || item.team : null;
    return el("td", {}, item.owner || t("unassigned"), team ? el("span", { className: "muted team" }, ` · ${team}`) : null);
  }

  // The cells, by column name; a page lists the columns its table heads.
  const cells = {
    reference: item => el("td", {}, el("a", { href: `/portal/complaint.html?id=${encodeURIComponent(item.complaintId)}` }, item.reference),
      item.next && item.next.notReached ? el("span", { className: "not-reached", title: t("A notice did not reach the customer") }, " ", t("not reached")) : null),
    subject: item => el("td", { lang: item.language, className: "subject" }, item.erased ? t("(erased)") : item.subject || "–"),
    customer: item => el("td", { lang: item.language }, item.customer || "–"),
    status: item => el("td", {}, t(item.status)),
    priority: item => el("td", {}, item.priority || "–"),
    category: item => el("td", {}, item.category || "–"),
    channel: item => el("td", {}, t(item.channel)),
    owner,
    age: item => item.ageMinutes === undefined || item.ageMinutes === null ? el("td", { className: "muted" }, "–") : el("td", { title: when(item.receivedAt) }, age(item.ageMinutes)),
    deadline: item => el("td", {}, item.next ? `${t(item.next.nextKind)} (${t(item.next.nextClock)})` : "–"),
    due: item => el("td", {}, item.next ? when(item.next.nextDueAt) : "–"),
    sla: item => sla(item.next),
    escalation: item => el("td", {}, escalation(item)),
  };

  function row(item, columns) {
    return el("tr", { dataset: { id: item.complaintId } }, ...columns.map(c => cells[c](item)));
  }

  window.CF.rows = { row, teamNames };
})();
