// Ignored and held mail (supervisors): the recent inbound mail that opened no complaint, each opening the explanation
// the email webhook's own parse → classify → validate path gives for it (what scripts/explain-email prints). The
// customer's words and addresses are set as text, never as HTML.
"use strict";
(async function () {
  const { api, el, t, when, problemOf, showFieldErrors } = window.CF;
  const banner = document.getElementById("banner");
  const me = await window.CF.start("mail");
  if (!me.supervisor) {
    show("problem", t("Only supervisors can see ignored and held mail."));
    return;
  }

  function show(kind, text) {
    banner.hidden = false;
    banner.className = `banner ${kind}`;
    banner.textContent = text;
  }

  // The reason codes the webhook answers with, in words; an unknown code is shown as it is.
  const reasons = {
    "bounce": "Bounce (delivery failed)", "delay": "Delay notice", "feedback-report": "Feedback (spam) report",
    "read-receipt": "Read receipt", "auto-reply": "Auto-reply", "challenge-response": "Challenge-response (sender verification)",
    "null-sender": "Null sender (machine mail)", "no-sender": "No usable sender", "own-address": "Sent from our own address",
    "bulk": "List or bulk mail", "spam-score": "Spam score over the limit", "attachments-over-limit": "Attachments over the limit",
    "invalid-submission": "Not a usable complaint", "reply-from-other-sender": "Reply from someone who is not the complaint's contact",
    "new": "New complaint", "reply-address": "Reply (to our reply address)", "reference-in-subject": "Reply (reference in the subject)",
    "reply-to-notice": "Reply to one of our notices", "reference-in-body": "Reply (reference in the text)"
  };
  const outcomes = { created: "Opens a complaint", appended: "Added to a complaint", ignored: "Ignored", quarantined: "Held for review", refused: "Refused (not a message)", duplicate: "Already received" };
  // A held mail's time is recorded; an ignored mail is known only by the day (UTC) of the folder it is kept in.
  const received = item => item.receivedAt ? when(item.receivedAt) : t("{0} (UTC day)", item.receivedOn);
  const reasonText = code => reasons[code] ? `${t(reasons[code])} (${code})` : code;

  function explanation(item) {
    const x = item.explanation;
    const facts = el("dl", { className: "facts" },
      el("dt", {}, t("Outcome")), el("dd", { className: "outcome" }, t(outcomes[x.outcome] || x.outcome)),
      el("dt", {}, t("Reason")), el("dd", { className: "reason" }, reasonText(x.reason)),
      item.detail ? [el("dt", {}, t("Detail")), el("dd", {}, item.detail)] : null,
      el("dt", {}, t("Sender")), el("dd", {}, x.sender || t("(none)")),
      el("dt", {}, t("Subject")), el("dd", {}, x.subject || t("(none)")),
      el("dt", {}, t("Language")), el("dd", {}, x.language || t("(not detected)")),
      x.reference ? [el("dt", {}, t("Complaint")), el("dd", {}, item.complaintId
        ? el("a", { href: `/portal/complaint.html?id=${encodeURIComponent(item.complaintId)}` }, x.reference)
        : x.reference)] : null,
      el("dt", {}, t("Arrived at")), el("dd", {}, received(item)),
      el("dt", {}, t("Stored as")), el("dd", {}, item.name));
    const words = x.text
      ? [el("h3", {}, t("What the desk would show as the customer's words")), el("div", { className: "complaint-text", lang: x.language || null }, x.text)]
      : [];
    const attachments = x.attachments.length
      ? [el("h3", {}, t("Attachments")), el("table", {},
        el("thead", {}, el("tr", {}, el("th", {}, t("File")), el("th", {}, t("Type")), el("th", {}, t("Size")))),
        el("tbody", {}, x.attachments.map(a => el("tr", {}, el("td", {}, a.subject ? `${a.name} (${a.subject})` : a.name), el("td", {}, a.contentType), el("td", {}, String(a.size))))))]
      : [el("p", { className: "muted" }, t("No attachments."))];
    const held = item.receivedAt !== undefined && item.receivedAt !== null;
    const status = item.decision ? ` · ${t(item.decision.action === "released" ? "released" : "discarded")}` : "";
    return el("details", { className: "held-mail", dataset: { name: item.name } },
      el("summary", {}, `${received(item)} · ${reasonText(x.reason)} · ${x.sender || t("(no sender)")} · ${x.subject || t("(no subject)")}${status}`),
      facts, words, attachments, held ? decision(item) : null);
  }

  // A held mail's decision, or (undecided) the forms to make it: release into a complaint, or discard with a reason.
  function decision(item) {
    const d = item.decision;
    if (d) {
      return el("p", { className: "decision" }, d.action === "released"
        ? [t("Released by {0}, {1}, into ", d.by, when(d.at)), el("a", { href: `/portal/complaint.html?id=${encodeURIComponent(d.complaintId)}` }, d.reference)]
        : t("Discarded by {0}, {1}: {2}", d.by, when(d.at), d.reason || ""));
    }
    const key = item.name.replace(/[^A-Za-z0-9]/g, "-");
    const release = el("form", { id: `release-${key}`, className: "release" },
      el("h3", {}, t("Release into a complaint")),
      el("label", { for: `release-reference-${key}` }, t("Add to complaint (reference; empty opens a complaint of its own)")),
      el("input", { id: `release-reference-${key}`, name: "reference" }),
      el("span", { className: "error", dataset: { errorFor: "reference" } }),
      el("button", { type: "submit" }, t("Release")));
    const discard = el("form", { id: `discard-${key}`, className: "discard" },
      el("h3", {}, t("Discard")),
      el("label", { for: `discard-reason-${key}` }, t("Why it is discarded")),
      el("input", { id: `discard-reason-${key}`, name: "reason" }),
      el("span", { className: "error", dataset: { errorFor: "reason" } }),
      el("button", { type: "submit", className: "secondary" }, t("Discard")));
    release.addEventListener("submit", e => { e.preventDefault(); decide("release", { name: item.name, reference: release.elements.reference.value }, release); });
    discard.addEventListener("submit", e => { e.preventDefault(); decide("discard", { name: item.name, reason: discard.elements.reason.value }, discard); });
    return el("div", { className: "decide" }, release, discard);
  }

  async function decide(action, body, form) {
    const response = await api(`/api/portal/mail/${action}`, { method: "POST", body });
    if (response.ok) {
      const { decision: d } = await response.json();
      show("done", d.action === "released" ? t("Released into {0}.", d.reference) : t("Discarded."));
      await load(body.name);
      return;
    }
    const problem = await problemOf(response);
    const unplaced = showFieldErrors(form, problem.errors);
    if (response.status !== 400 || unplaced.length > 0) show("problem", [problem.title, problem.detail, ...unplaced].filter(Boolean).join(" "));
  }

  async function load(open) {
    const response = await api("/api/portal/mail");
    if (!response.ok) {
      const problem = await problemOf(response);
      show("problem", [problem.title, problem.detail].filter(Boolean).join(" "));
      return;
    }
    const list = await response.json();
    for (const kind of ["quarantined", "ignored"]) {
      const items = list[kind];
      document.getElementById(kind).replaceChildren(...(items.length
        ? items.map(explanation)
        : [el("p", { className: "muted" }, t(kind === "ignored" ? "No ignored mail in the last {0} days." : "No mail held for review.", list.ignoredDays))]));
      document.getElementById(`${kind}-card`).hidden = false;
    }
    // The mail just decided stays open, showing its decision.
    if (open) document.querySelectorAll("details.held-mail").forEach(d => { if (d.dataset.name === open) d.open = true; });
  }

  await load();
  window.CF.ready();
})();
