// The complaint page. Everything the customer wrote is put in the page as text (textContent), so markup in a
// complaint shows as typed and never runs. Every action sends the version the page shows (If-Match): if someone
// else changed the complaint meanwhile, the server refuses and the page says so instead of overwriting.
"use strict";
(async function () {
  const { api, el, t, duration, when, problemOf, showFieldErrors } = window.CF;
  const id = new URLSearchParams(location.search).get("id");
  let complaint = null;
  let version = null;
  const banner = document.getElementById("banner");

  function say(kind, text, withReload) {
    banner.hidden = false;
    banner.className = `banner ${kind}`;
    banner.replaceChildren(el("span", {}, text));
    if (withReload) {
      const reload = el("button", { type: "button", className: "secondary", id: "reload" }, t("Reload"));
      reload.addEventListener("click", () => { banner.hidden = true; load(); });
      banner.append(" ", reload);
    }
  }

  function describe(event) {
    const d = event.data || {};
    switch (event.type) {
      case "read-back": return t("read back to the caller, who confirmed it");
      case "received": return t("via {0} ({1})", t(d.channel || ""), window.CF_DESK_I18N.names[d.language] || d.language || "");
      case "scored": return d.explanation
        ? window.CF_TRIAGE_REASONS.explanation(d.explanation, complaint.triage && complaint.triage.reasons, window.CF_DESK_I18N.language, complaint.language)
        : `${d.priority || ""} ${d.category ? window.CF_DESK_I18N.category(d.category) : ""}`;
      case "assigned": {
        // A person, a team's queue, or both; the team part only when the team changed.
        const who = d.to ? (d.from ? t("from {0} to {1}", d.from, d.to) : t("to {0}", d.to))
          : d.from ? t("from {0} to the team's queue", d.from) : t("to the team's queue");
        const team = d.team !== undefined && d.team !== d.fromTeam ? t("team: {0}", d.team ? teamNames.get(d.team) || d.team : t("none")) : null;
        return [who, team].filter(Boolean).join(" · ");
      }
      case "notified": return t("{0} by {1}", t(d.kind || ""), t(d.channel || ""));
      case "not-reached": return t("{0} by {1} did not reach the customer: {2}", t(d.kind || ""), t(d.channel || ""), d.reason || t("unknown")) + (
        d.fallback === "call" ? t(" · no other channel: call the customer") : d.fallback ? t(" · sent by {0} instead", t(d.fallback)) : "");
      case "delivery": return `${t("{0} by {1}", t(d.kind || ""), t(d.channel || ""))}: ${d.outcome || ""}${d.reason ? ` (${d.reason})` : ""}`;
      case "note": return d.text || "";
      case "paused": case "resumed": case "recalculated":
        return [d.reason, ...Object.entries(d).filter(([k]) => k !== "reason").map(([clock, change]) => `${clock} ${change}`)].filter(Boolean).join(" · ");
      case "compensation": return `${d.currency} ${d.amount} ${t(d.accepted === "true" ? "accepted" : "offered")}: ${d.reason || ""}` + (d.approval === "awaiting" ? t(" · above the limit ({0}): awaiting a supervisor's approval", `${d.currency} ${d.limit}`) : "");
      case "compensation-approved": return t("compensation {0} ({1}) recorded by {2}", d.number, `${d.currency} ${d.amount}`, d.recordedBy);
      case "compensation-rejected": return t("compensation {0} ({1}) recorded by {2}", d.number, `${d.currency} ${d.amount}`, d.recordedBy) + `: ${d.reason || ""}`;
      case "resolved": return t("root cause {0}", d.rootCause) + (d.correctiveAction ? t(" · corrective action: {0}", d.correctiveAction) : "");
      case "reopened": return d.reason || "";
      case "attachment-not-kept": return `${d.name || ""} (${d.contentType || t("unknown type")}): ${t(d.reason || "")}`;
      case "priority-changed": return [`${d.from} → ${d.to}`, d.reason, ...Object.entries(d).filter(([k]) => k.startsWith("internal:")).map(([k, v]) => {
        const plan = /^due (\S+) \(was (\S+)\)$/.exec(v);
        return plan ? t("{0}: due {1} (was {2})", t(k.slice("internal:".length)), when(plan[1]), plan[2] === "none" ? t("none") : when(plan[2])) : `${k} ${v}`;
      })].filter(Boolean).join(" · ");
      // Staff corrections of triage (complaint-triage.js): from → to, and the note.
      case "category-corrected": return [`${window.CF_DESK_I18N.category(d.from)} → ${window.CF_DESK_I18N.category(d.to)}`, d.note].filter(Boolean).join(" · ");
      case "sentiment-corrected": { const label = s => t(s ? s[0].toUpperCase() + s.slice(1) : ""); return [`${label(d.from)} → ${label(d.to)}`, d.note].filter(Boolean).join(" · "); }
      case "follow-up-planned": return t("due {0}", when(d.due));
      case "follow-up-attempt": return [t(d.method || ""), t(d.outcome || ""), t("try {0}", d.attempt), d.note].filter(Boolean).join(" · ");
      case "follow-up-completed": return [t(d.outcome || ""), t(d.method || ""), d.onTime === "false" ? t("late") : null].filter(Boolean).join(" · ");
      case "progress-notice": return `${t(d.clock || "")} · ` + (d.sent === "true" ? t("sent to the customer") : t("not needed: the customer heard from us on {0}", when(d.lastContact)));
      case "survey": return t("score {0}/5", d.score) + (d.dissatisfied === "true" ? t(" (dissatisfied: callback)") : "");
      // Escalation by authority (escalation.js).
      // Difficult-contact flags (contact-flags.js).
      case "contact-flagged": return [window.CF.contactFlagKind(d.kind), d.reason, t("until {0}", when(d.expires))].filter(Boolean).join(" · ");
      case "contact-flag-lifted": return [window.CF.contactFlagKind(d.kind), d.reason].filter(Boolean).join(" · ");
      case "authority-escalated": return [window.CF.escalationReason(d.reason), d.note].filter(Boolean).join(" · ");
      case "authority-taken-over": return [t("from {0}", d.raisedBy), d.reason].filter(Boolean).join(" · ");
      case "authority-returned": return [t("to {0}", d.to), d.note].filter(Boolean).join(" · ");
      case "contact": return [t(d.method || ""), t(d.outcome || ""), d.text, d.met ? t("met {0}", d.met.split(",").map(m => t(m.split("/")[1] || m)).join(", ")) : null].filter(Boolean).join(" · ");
      default: return Object.entries(d).map(([k, v]) => `${k}: ${v}`).join(", ");
    }
  }

  function fact(list, label, value) {
    if (value === undefined || value === null || value === "") return;
    list.append(el("dt", {}, label), el("dd", {}, value));
  }

  function render() {
    const c = complaint;
    document.title = `${c.reference} · ${t("Complaint desk")}`;
    document.getElementById("title").textContent = `${c.reference} · ${t(c.status)}`;
    const facts = document.getElementById("facts");
    facts.replaceChildren();
    fact(facts, t("Customer"), c.contact.name || t("(no name)"));
    fact(facts, t("Email"), c.contact.email);
    fact(facts, t("Phone"), c.contact.phone);
    fact(facts, t("Channel"), t(c.channel));
    fact(facts, t("Language"), window.CF_DESK_I18N.names[c.language] || c.language);
    fact(facts, t("Received at"), when(c.receivedAt));
    fact(facts, t("Acknowledged"), when(c.acknowledgedAt));
    fact(facts, t("Original as received"), c.rawPayload);
    document.getElementById("subject").textContent = c.subject || "";
    document.getElementById("text").textContent = c.text;
    // The customer's words in their language (WCAG 3.1.2): a screen reader reads Chinese text with a Chinese voice.
    for (const part of ["subject", "text"]) document.getElementById(part).lang = c.language || "";

    // The record card (4W1H): where, which account, when it began, what the customer wants. A fact read from the
    // message text rather than given as a field says so: the agent checks it with the customer before acting on it.
    const facts4 = c.facts || null;
    const recordCard = document.getElementById("record-card");
    const record = document.getElementById("record");
    record.replaceChildren();
    recordCard.hidden = !facts4;
    if (facts4) {
      const found = facts4.foundInText || [];
      const mark = (field, value) => value && found.includes(field) ? `${value} (${t("read from the message")})` : value;
      const customerWords = (label, value) => {
        if (!value) return;
        record.append(el("dt", {}, label), el("dd", { lang: c.language || null }, value));
      };
      customerWords(t("Where"), mark("place", facts4.place));
      customerWords(t("Account or number"), mark("account", facts4.account));
      fact(record, t("Began"), mark("eventTime", facts4.eventTime ? when(facts4.eventTime) : null));
      if (facts4.demand) {
        const d = facts4.demand;
        const amount = d.amount !== undefined && d.amount !== null ? `${d.amount} ${d.currency || ""}`.trim() : null;
        const kinds = { Repair: "Repair or restore the service", Refund: "Refund", Apology: "Apology", Compensation: "Compensation", Other: "Something else" };
        fact(record, t("Demand"), [t(kinds[d.kind] || d.kind), amount].filter(Boolean).join(" · "));
        customerWords(t("In the customer's words"), d.detail);
      }
    }

    // Triage's reasons in the desk's language, the customer's matched words as they wrote them (triage-reasons.js).
    const reason = r => window.CF_TRIAGE_REASONS.nodes(r.rule, r.description, window.CF_DESK_I18N.language, c.language);

    // A safeguarding rule fired: the first thing on the page, above the record, with the words that set it off.
    const safeguarding = document.getElementById("safeguarding");
    safeguarding.hidden = !(c.triage && c.triage.safeguarding);
    document.getElementById("safeguarding-reasons").replaceChildren(...(c.triage ? c.triage.reasons || [] : []).filter(r => r.safeguarding)
      .map(r => el("li", {}, reason(r), r.match ? el("span", { lang: c.language || null }, ` “${r.match}”`) : null)));

    // Handling plans for what triage found (policy data, every desk language): the desk's language, else English.
    const plans = c.guidance || [];
    const lang = window.CF_DESK_I18N.language;
    document.getElementById("guidance").hidden = plans.length === 0;
    document.getElementById("guidance-list").replaceChildren(...plans.map(g => el("div", { className: "plan", dataset: { situation: g.id } },
      el("h3", {}, g.title[lang] || g.title.en),
      el("ol", {}, (g.steps[lang] || g.steps.en).map(step => el("li", {}, step))))));

    const scores = document.getElementById("scores");
    scores.replaceChildren();
    if (c.triage) {
      const s = c.triage;
      scores.append(
        el("p", {}, el("strong", {}, `${s.priority}`), " · ", t("urgency {0} · sentiment {1} · category {2} · escalation {3}", s.urgency, t(s.sentiment.label), window.CF_DESK_I18N.category(s.primaryCategory), t(s.escalationGrade))),
        el("ul", {}, (s.reasons || []).map(r => el("li", {}, reason(r), ` (+${r.weight})`, r.match ? el("span", { className: "muted", lang: c.language || null }, ` “${r.match}”`) : null))));
    } else {
      scores.append(el("p", { className: "muted" }, t("Not scored yet.")));
    }

    document.querySelector("#clocks tbody").replaceChildren(...c.clocks.map(k => el("tr", {},
      el("td", {}, t(k.kind)), el("td", {}, t(k.clock)),
      el("td", {}, when(k.dueAt), k.provisional
        ? el("span", { className: "provisional", title: t("Counted past the end of the holiday calendar: the date may move once next year's holidays are entered.") }, t("provisional"))
        : null),
      el("td", { className: k.state }, k.state === "met"
        ? t("met {0}", when(k.metAt)) + (k.minutesLeft < 0 ? t(" (late)") : "")
        : k.state === "paused" ? t("paused (waiting on customer)") : duration(k.minutesLeft)))));

    const resolutionCard = document.getElementById("resolution-card");
    const resolution = document.getElementById("resolution");
    resolution.replaceChildren();
    resolutionCard.hidden = !c.resolution && c.compensations.length === 0 && c.surveyAnswers.length === 0;
    if (c.resolution) {
      fact(resolution, t("Written resolution"), c.resolution.text);
      fact(resolution, t("Root cause"), c.resolution.rootCause);
      fact(resolution, t("Corrective action"), c.resolution.correctiveAction);
      fact(resolution, t("Resolved by"), `${c.resolution.resolvedBy}, ${when(c.resolution.resolvedAt)}`);
    }
    const approvals = { Awaiting: "awaiting approval", Approved: "approved", Rejected: "rejected" };
    for (const comp of c.compensations) fact(resolution, t("Compensation"), `${comp.currency} ${comp.amount} ${t(comp.accepted ? "accepted" : "offered")} (${comp.reason}) · ${comp.recordedBy}` + (approvals[comp.approval] ? ` · ${t(approvals[comp.approval])}` : ""));
    for (const answer of c.surveyAnswers) fact(resolution, t("Survey"), `${answer.score}/5 ${answer.comment ? `“${answer.comment}”` : ""} ${when(answer.answeredAt)}`);

    document.getElementById("timeline").replaceChildren(...c.timeline.map(e => el("li", { dataset: { type: e.type } },
      el("span", { className: "when" }, when(e.at)),
      el("span", { className: "type" }, t(e.type)),
      el("span", { className: "muted" }, `${e.actor} `),
      el("span", { className: "detail" }, describe(e)))));

    const replies = c.replies || [];
    document.getElementById("replies-card").hidden = replies.length === 0;
    document.getElementById("replies").replaceChildren(...replies.map(r => el("li", {},
      el("time", {}, when(r.receivedAt)), el("span", { className: "type" }, t(r.channel)),
      // Who wrote it: the contact's own address or number, or someone who answered the complaint's reply address.
      el("span", { className: "sender" }, r.from ? t("from {0}", r.from) : t("from (sender not recorded)")),
      el("div", { className: "complaint-text", lang: c.language || null }, r.text))));
    const attachments = c.attachments || [];
    // Files the customer sent that were not kept (an MMS picture over the limits, not at the provider's address, not
    // fetchable) are listed with them: staff know evidence was sent, and can ask for it again.
    const notKept = c.attachmentsNotKept || [];
    document.getElementById("attachments-card").hidden = attachments.length === 0 && notKept.length === 0;
    document.querySelector("#attachments tbody").replaceChildren(
      // Opened through the app (authorised, always a download), numbered from 1 as the complaint lists them.
      ...attachments.map((a, i) => el("tr", {},
        el("td", {}, el("a", { href: `/api/portal/complaints/${encodeURIComponent(c.id)}/attachments/${i + 1}`, download: a.name, className: "attachment" }, a.name)), el("td", {}, a.contentType), el("td", {}, t("{0} bytes", a.size)), el("td", { className: "muted" }, a.blobName))),
      ...notKept.map(a => el("tr", { className: "not-kept" },
        el("td", {}, a.name), el("td", {}, a.contentType || t("unknown type")), el("td", {}, "—"), el("td", {}, t("Not kept: {0}", t(a.reason))))));

    // Not reaching the customer comes first: a notice that bounced or was never sent met no clock, and someone has
    // to try another way (the other channel goes automatically; with none left, a call logged as a note).
    const notReached = document.getElementById("not-reached");
    notReached.hidden = !c.notReached;
    if (c.notReached) {
      const next = c.notReached.next === "call"
        ? t("No other channel is known: call the customer and record the call under Contact the customer.")
        : t("The same notice is on its way by {0} instead.", t(c.notReached.next === "sms" ? "SMS" : "Email"));
      notReached.replaceChildren(el("strong", {}, t("Customer not reached. ")), el("span", {}, `${c.notReached.reasons.join("; ")}. ${next}`));
      if (c.notReached.next === "call") {
        const logCall = el("button", { type: "button", className: "secondary", id: "log-call" }, t("Log a call"));
        logCall.addEventListener("click", () => {
          const summary = document.getElementById("contact-summary");
          document.getElementById("contact-method").value = "phone";
          if (!summary.value) summary.value = t("Called the customer (not reached by notice): ");
          summary.focus();
        });
        notReached.append(" ", logCall);
      }
    }

    const delivery = n => n.status === "Sent" ? t("sent {0}", when(n.sentAt))
      : n.status === "Delivered" ? t("delivered (sent {0})", when(n.sentAt))
      : n.status === "NotSent" ? t("not sent: {0}", n.reason || "")
      : n.status === "Failed" ? t("not delivered: {0}", n.reason || n.delivery || t("Failed"))
      : n.delivery ? `${t(n.status)} (${n.delivery})` : t(n.status);
    document.querySelector("#notifications tbody").replaceChildren(...c.notifications.map(n => el("tr", { dataset: { status: n.status } },
      el("td", {}, t(n.kind)), el("td", {}, t(n.channel)), el("td", {}, when(n.requestedAt)),
      el("td", { className: n.status === "Sent" || n.status === "Delivered" ? "met" : n.status === "Failed" || n.status === "NotSent" ? "overdue" : "" }, delivery(n)))));
    if (c.notifications.length === 0) document.querySelector("#notifications tbody").append(el("tr", {}, el("td", { colspan: 4, className: "muted" }, t("None yet."))));

    const closed = c.status === "Resolved" || c.status === "Closed";
    // The actions appear once the page knows the complaint and its version: a click before that had nothing to send.
    document.getElementById("actions").hidden = false;
    document.getElementById("owner").textContent = (c.owner ? t("Owned by {0}", c.owner) : t("Nobody owns this complaint yet."))
      + (c.team ? ` ${t("In the queue of {0}.", teamNames.get(c.team) || c.team)}` : "");
    document.getElementById("claim").hidden = closed || c.owner === window.CF.me.id;
    document.getElementById("assign-form").hidden = closed;
    document.getElementById("wait-form").hidden = closed || c.status === "WaitingOnCustomer";
    document.getElementById("resume").hidden = c.status !== "WaitingOnCustomer";
    document.getElementById("resolve-form").hidden = closed;
    document.getElementById("priority-form").hidden = closed;
    const priority = document.getElementById("new-priority");
    if (c.triage) priority.value = c.triage.priority;
    document.getElementById("reopen-form").hidden = !closed;
    // The compensation starts in the complaint's market's currency (GBP for a UK complaint, HKD for Hong Kong...).
    if (document.activeElement !== document.getElementById("currency")) document.getElementById("currency").value = c.defaultCurrency || "CNY";
    const rootCause = document.getElementById("root-cause");
    if (rootCause.options.length === 0) rootCause.append(...c.rootCauses.map(r => el("option", { value: r }, r)));
    // Compensation awaiting approval is drawn by compensation-approval.js, which acts through this page's act().
    document.dispatchEvent(new CustomEvent("cf:complaint", { detail: { complaint: c, act } }));
  }

  // "Assign to" picks from the staff the desk knows (listed in settings, in a team, or signed in before) and the
  // desk's teams: no typos. A team alone hands the complaint to the team's queue.
  const teamNames = new Map();
  async function loadStaff() {
    const response = await api("/api/portal/staff");
    if (!response.ok) return;
    const { staff, teams } = await response.json();
    const select = document.getElementById("assignee");
    select.replaceChildren(select.options[0], ...staff.map(s => el("option", { value: s.id }, s.name && s.name !== s.id ? `${s.name} (${s.id})` : s.id)));
    for (const team of teams) teamNames.set(team.id, team.name);
    const teamSelect = document.getElementById("assign-team");
    teamSelect.replaceChildren(teamSelect.options[0], ...teams.map(team => el("option", { value: team.id }, team.name)));
    for (const part of [teamSelect, document.querySelector("label[for=assign-team]")]) part.hidden = teams.length === 0;
  }

  async function load() {
    const response = await api(`/api/portal/complaints/${encodeURIComponent(id)}`);
    if (!response.ok) {
      const problem = await problemOf(response);
      say("problem", `${problem.title} ${problem.detail}`);
      return;
    }
    version = response.headers.get("ETag");
    complaint = await response.json();
    render();
  }

  async function act(action, body, form) {
    const response = await api(`/api/portal/complaints/${encodeURIComponent(id)}/${action}`, { method: "POST", body: body || {}, version, seen: complaint.lastSequence });
    if (response.ok) {
      version = response.headers.get("ETag");
      complaint = await response.json();
      // A refusal shown before on this form is answered now: its messages go with it.
      if (form) { form.reset(); showFieldErrors(form, {}); }
      render();
      say("done", t("Saved: {0}.", t((form && form.dataset.label) || action)));
      window.CF.refreshCounts();
      return true;
    }
    const problem = await problemOf(response);
    if (response.status === 412) {
      say("conflict", `${problem.title} ${problem.detail}`, true);
      return false;
    }
    const unplaced = form ? showFieldErrors(form, problem.errors) : Object.entries(problem.errors).map(([k, v]) => `${k}: ${v.join(" ")}`);
    if (response.status !== 400 || unplaced.length > 0 || !form) say("problem", [problem.title, problem.detail, ...unplaced].filter(Boolean).join(" "));
    return false;
  }

  // The contact and resolve forms (complaint-contact.js) preview before they act, with the page's version.
  window.CF.complaintPage = { act, say, get version() { return version; }, get complaint() { return complaint; }, id };

  document.getElementById("claim").addEventListener("click", () => act("claim"));
  document.getElementById("resume").addEventListener("click", () => act("resume"));
  document.querySelectorAll("form[data-action]").forEach(form => form.addEventListener("submit", event => {
    event.preventDefault();
    const body = {};
    for (const field of form.elements) {
      if (!field.name) continue;
      body[field.name] = field.type === "checkbox" ? field.checked : field.value;
    }
    act(form.dataset.action, body, form);
  }));
  window.CF.ready();

  await window.CF.start("complaint");
  // The staff and teams first: the page names each team as the desk does.
  await loadStaff();
  await load();
})();
