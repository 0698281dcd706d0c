// The complaint page. Everything the customer wrote is put in the page as text (textContent), so markup in a
// complaint shows as typed and never runs. Every action sends the version the page shows (If-Match): if someone
// else changed the complaint meanwhile, the server refuses and the page says so instead of overwriting.
"use strict";
(async function () {
  const { api, el, duration, when, problemOf, showFieldErrors } = window.CF;
  const id = new URLSearchParams(location.search).get("id");
  let complaint = null;
  let version = null;
  const banner = document.getElementById("banner");

  function say(kind, text, withReload) {
    banner.hidden = false;
    banner.className = `banner ${kind}`;
    banner.replaceChildren(el("span", {}, text));
    if (withReload) {
      const reload = el("button", { type: "button", className: "secondary", id: "reload" }, "Reload");
      reload.addEventListener("click", () => { banner.hidden = true; load(); });
      banner.append(" ", reload);
    }
  }

  function describe(event) {
    const d = event.data || {};
    switch (event.type) {
      case "received": return `via ${d.channel || ""} (${d.language || ""})`;
      case "scored": return d.explanation || `${d.priority || ""} ${d.category || ""}`;
      case "assigned": return d.from ? `from ${d.from} to ${d.to}` : `to ${d.to}`;
      case "notified": return `${d.kind || ""} by ${d.channel || ""}`;
      case "not-reached": return `${d.kind || ""} by ${d.channel || ""} did not reach the customer: ${d.reason || "unknown"}${
        d.fallback === "call" ? " · no other channel: call the customer" : d.fallback ? ` · sent by ${d.fallback} instead` : ""}`;
      case "delivery": return `${d.kind || ""} by ${d.channel || ""}: ${d.outcome || ""}${d.reason ? ` (${d.reason})` : ""}`;
      case "note": return d.text || "";
      case "paused": case "resumed": case "recalculated":
        return [d.reason, ...Object.entries(d).filter(([k]) => k !== "reason").map(([clock, change]) => `${clock} ${change}`)].filter(Boolean).join(" · ");
      case "compensation": return `${d.currency} ${d.amount} ${d.accepted === "true" ? "accepted" : "offered"}: ${d.reason || ""}`;
      case "resolved": return `root cause ${d.rootCause}${d.correctiveAction ? ` · corrective action: ${d.correctiveAction}` : ""}`;
      case "reopened": return d.reason || "";
      case "survey": return `score ${d.score}/5${d.dissatisfied === "true" ? " (dissatisfied: callback)" : ""}`;
      default: return Object.entries(d).map(([k, v]) => `${k}: ${v}`).join(", ");
    }
  }

  function fact(list, label, value) {
    if (value === undefined || value === null || value === "") return;
    list.append(el("dt", {}, label), el("dd", {}, value));
  }

  function render() {
    const c = complaint;
    document.title = `${c.reference} · Complaint desk`;
    document.getElementById("title").textContent = `${c.reference} · ${c.status}`;
    const facts = document.getElementById("facts");
    facts.replaceChildren();
    fact(facts, "Customer", c.contact.name || "(no name)");
    fact(facts, "Email", c.contact.email);
    fact(facts, "Phone", c.contact.phone);
    fact(facts, "Channel", c.channel);
    fact(facts, "Language", c.language);
    fact(facts, "Received", when(c.receivedAt));
    fact(facts, "Acknowledged", when(c.acknowledgedAt));
    fact(facts, "Original as received", c.rawPayload);
    document.getElementById("subject").textContent = c.subject || "";
    document.getElementById("text").textContent = c.text;
    // The customer's words in their language (WCAG 3.1.2): a screen reader reads Chinese text with a Chinese voice.
    for (const part of ["subject", "text"]) document.getElementById(part).lang = c.language || "";

    const scores = document.getElementById("scores");
    scores.replaceChildren();
    if (c.triage) {
      const t = c.triage;
      scores.append(
        el("p", {}, el("strong", {}, `${t.priority}`), ` · urgency ${t.urgency} · sentiment ${t.sentiment.label} · category ${t.primaryCategory} · escalation ${t.escalationGrade}`),
        el("ul", {}, (t.reasons || []).map(r => el("li", {}, `${r.description} (+${r.weight})`, r.match ? el("span", { className: "muted" }, ` “${r.match}”`) : null))));
    } else {
      scores.append(el("p", { className: "muted" }, "Not scored yet."));
    }

    document.querySelector("#clocks tbody").replaceChildren(...c.clocks.map(k => el("tr", {},
      el("td", {}, k.kind), el("td", {}, k.clock),
      el("td", {}, when(k.dueAt), k.provisional
        ? el("span", { className: "provisional", title: "Counted past the end of the holiday calendar: the date may move once next year's holidays are entered." }, "provisional")
        : null),
      el("td", { className: k.state }, k.state === "met"
        ? `met ${when(k.metAt)}${k.minutesLeft < 0 ? " (late)" : ""}`
        : k.state === "paused" ? "paused (waiting on customer)" : duration(k.minutesLeft)))));

    const resolutionCard = document.getElementById("resolution-card");
    const resolution = document.getElementById("resolution");
    resolution.replaceChildren();
    resolutionCard.hidden = !c.resolution && c.compensations.length === 0 && c.surveyAnswers.length === 0;
    if (c.resolution) {
      fact(resolution, "Written resolution", c.resolution.text);
      fact(resolution, "Root cause", c.resolution.rootCause);
      fact(resolution, "Corrective action", c.resolution.correctiveAction);
      fact(resolution, "Resolved by", `${c.resolution.resolvedBy}, ${when(c.resolution.resolvedAt)}`);
    }
    for (const comp of c.compensations) fact(resolution, "Compensation", `${comp.currency} ${comp.amount} ${comp.accepted ? "accepted" : "offered"} (${comp.reason}) by ${comp.recordedBy}`);
    for (const answer of c.surveyAnswers) fact(resolution, "Survey", `${answer.score}/5 ${answer.comment ? `“${answer.comment}”` : ""} ${when(answer.answeredAt)}`);

    document.getElementById("timeline").replaceChildren(...c.timeline.map(e => el("li", { dataset: { type: e.type } },
      el("span", { className: "when" }, when(e.at)),
      el("span", { className: "type" }, e.type),
      el("span", { className: "muted" }, `${e.actor} `),
      el("span", { className: "detail" }, describe(e)))));

    const replies = c.replies || [];
    document.getElementById("replies-card").hidden = replies.length === 0;
    document.getElementById("replies").replaceChildren(...replies.map(r => el("li", {},
      el("time", {}, when(r.receivedAt)), el("span", { className: "type" }, r.channel),
      // Who wrote it: the contact's own address or number, or someone who answered the complaint's reply address.
      el("span", { className: "sender" }, r.from ? `from ${r.from}` : "from (sender not recorded)"),
      el("div", { className: "complaint-text", lang: c.language || null }, r.text))));
    const attachments = c.attachments || [];
    document.getElementById("attachments-card").hidden = attachments.length === 0;
    document.querySelector("#attachments tbody").replaceChildren(...attachments.map(a => el("tr", {},
      el("td", {}, a.name), el("td", {}, a.contentType), el("td", {}, `${a.size} bytes`), el("td", { className: "muted" }, a.blobName))));

    // Not reaching the customer comes first: a notice that bounced or was never sent met no clock, and someone has
    // to try another way (the other channel goes automatically; with none left, a call logged as a note).
    const notReached = document.getElementById("not-reached");
    notReached.hidden = !c.notReached;
    if (c.notReached) {
      const next = c.notReached.next === "call"
        ? "No other channel is known: call the customer and log the call as a note."
        : `The same notice is on its way by ${c.notReached.next === "sms" ? "SMS" : "email"} instead.`;
      notReached.replaceChildren(el("strong", {}, "Customer not reached. "), el("span", {}, `${c.notReached.reasons.join("; ")}. ${next}`));
      if (c.notReached.next === "call") {
        const logCall = el("button", { type: "button", className: "secondary", id: "log-call" }, "Log a call");
        logCall.addEventListener("click", () => {
          const note = document.getElementById("note-text");
          if (!note.value) note.value = "Called the customer (not reached by notice): ";
          note.focus();
        });
        notReached.append(" ", logCall);
      }
    }

    const delivery = n => n.status === "Sent" ? `sent ${when(n.sentAt)}`
      : n.status === "Delivered" ? `delivered (sent ${when(n.sentAt)})`
      : n.status === "NotSent" ? `not sent: ${n.reason || ""}`
      : n.status === "Failed" ? `not delivered: ${n.reason || n.delivery || "failed"}`
      : n.delivery ? `${n.status} (${n.delivery})` : n.status;
    document.querySelector("#notifications tbody").replaceChildren(...c.notifications.map(n => el("tr", { dataset: { status: n.status } },
      el("td", {}, n.kind), el("td", {}, n.channel), el("td", {}, when(n.requestedAt)),
      el("td", { className: n.status === "Sent" || n.status === "Delivered" ? "met" : n.status === "Failed" || n.status === "NotSent" ? "overdue" : "" }, delivery(n)))));
    if (c.notifications.length === 0) document.querySelector("#notifications tbody").append(el("tr", {}, el("td", { colspan: 4, className: "muted" }, "None yet.")));

    const closed = c.status === "Resolved" || c.status === "Closed";
    // The actions appear once the page knows the complaint and its version: a click before that had nothing to send.
    document.getElementById("actions").hidden = false;
    document.getElementById("owner").textContent = c.owner ? `Owned by ${c.owner}` : "Nobody owns this complaint yet.";
    document.getElementById("claim").hidden = closed || c.owner === window.CF.me.id;
    document.getElementById("assign-form").hidden = closed;
    document.getElementById("wait-form").hidden = closed || c.status === "WaitingOnCustomer";
    document.getElementById("resume").hidden = c.status !== "WaitingOnCustomer";
    document.getElementById("resolve-form").hidden = closed;
    document.getElementById("reopen-form").hidden = !closed;
    const rootCause = document.getElementById("root-cause");
    if (rootCause.options.length === 0) rootCause.append(...c.rootCauses.map(r => el("option", { value: r }, r)));
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
      render();
      if (form) form.reset();
      say("done", `Saved: ${action}.`);
      window.CF.refreshCounts();
      return;
    }
    const problem = await problemOf(response);
    if (response.status === 412) {
      say("conflict", `${problem.title} ${problem.detail}`, true);
      return;
    }
    const unplaced = form ? showFieldErrors(form, problem.errors) : Object.entries(problem.errors).map(([k, v]) => `${k}: ${v.join(" ")}`);
    if (response.status !== 400 || unplaced.length > 0 || !form) say("problem", [problem.title, problem.detail, ...unplaced].filter(Boolean).join(" "));
  }

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
  await load();
})();
