// Difficult contacts on the complaint page (issue 20 item 6). The flags on this complaint's contact, set on this
// complaint or on any other of theirs, show first with the handling plan agreed for them; supervisors flag the contact
// (habitual or abusive, with a reason, the plan and an end date) and lift a flag early. Actions go through the page's
// act() with the version it read; the flags are read again whenever the complaint's history moves on.
"use strict";
(function () {
  const kinds = { habitual: "Habitual complainant", abusive: "Abusive or threatening contact" };
  // The timeline (complaint.js) names the kind the same way.
  window.CF.contactFlagKind = code => window.CF.t(kinds[code] || code || "");
  let shownFor = null;
  let answer = null;

  function isoDay(date) {
    return date.toISOString().slice(0, 10);
  }

  async function load(complaint) {
    const response = await window.CF.api(`/api/portal/complaints/${encodeURIComponent(complaint.id)}/contact-flags`);
    return response.ok ? response.json() : null;
  }

  function draw(act) {
    const { el, t, when } = window.CF;
    const lang = window.CF_DESK_I18N.language;
    const card = document.getElementById("contact-flags");
    const list = document.getElementById("contact-flags-list");
    const active = answer ? answer.active : [];
    card.hidden = !answer || (active.length === 0 && !answer.canFlag);
    card.classList.toggle("flagged", active.length > 0);
    document.getElementById("contact-flags-title").textContent = active.length > 0 ? t("Flagged contact: handle as agreed") : t("Difficult contact");
    const items = active.map(flag => {
      const parts = [
        el("h3", {}, window.CF.contactFlagKind(flag.kind), " ", el("span", { className: "muted" }, t("until {0}", when(flag.expiresAt)))),
        el("p", {}, el("strong", {}, t("Why: ")), flag.reason),
        el("p", { className: "muted" }, t("Handling plan:")),
        el("ol", { className: "flag-plan" }, ...flag.plan.split(/\n+/).filter(Boolean).map(step => el("li", {}, step))),
        el("p", { className: "muted" }, t("flagged by {0}, {1}", flag.setBy, when(flag.setAt))),
      ];
      if (answer.canFlag) {
        const lift = el("form", { className: "inline lift-flag", dataset: { label: "flag lifted" } },
          el("label", { for: `lift-${flag.id}` }, t("Why lift it now")),
          el("input", { id: `lift-${flag.id}`, name: "reason" }),
          el("span", { className: "error", dataset: { errorFor: "reason" } }),
          el("button", { type: "submit", className: "secondary" }, t("Lift the flag")));
        lift.addEventListener("submit", e => { e.preventDefault(); act(`contact-flags/${encodeURIComponent(flag.id)}/lift`, { reason: lift.elements.reason.value, idempotencyKey: crypto.randomUUID() }, lift); });
        parts.push(lift);
      }
      return el("div", { className: "contact-flag", dataset: { kind: flag.kind } }, ...parts);
    });

    if (answer && answer.canFlag) {
      const now = new Date();
      const plans = answer.plans || {};
      const planText = kind => plans[kind] ? (plans[kind].steps[lang] || plans[kind].steps.en).join("\n") : "";
      const form = el("form", { id: "flag-form", dataset: { label: "contact flagged" } },
        el("label", { for: "flag-kind" }, t("Kind of contact")),
        el("select", { id: "flag-kind", name: "kind" }, el("option", { value: "" }, t("Choose")),
          ...answer.kinds.map(k => el("option", { value: k }, window.CF.contactFlagKind(k)))),
        el("span", { className: "error", dataset: { errorFor: "kind" } }),
        el("label", { for: "flag-reason" }, t("Why (what they did, with dates)")),
        el("textarea", { id: "flag-reason", name: "reason", rows: 2 }),
        el("span", { className: "error", dataset: { errorFor: "reason" } }),
        el("label", { for: "flag-plan" }, t("Handling plan (one step per line)")),
        el("textarea", { id: "flag-plan", name: "plan", rows: 4 }),
        el("span", { className: "error", dataset: { errorFor: "plan" } }),
        el("label", { for: "flag-expires" }, t("Ends on")),
        el("input", { id: "flag-expires", name: "expiresOn", type: "date",
          min: isoDay(new Date(now.getTime() + 86400000)), max: isoDay(new Date(now.getTime() + answer.maxDays * 86400000 - 86400000)),
          value: isoDay(new Date(now.getTime() + 90 * 86400000)) }),
        el("span", { className: "error", dataset: { errorFor: "expiresOn" } }),
        el("button", { type: "submit", id: "flag-contact" }, t("Flag this contact")));
      // The plan starts as the policy's plan for the kind, in the desk's language; the supervisor edits it.
      form.elements.kind.addEventListener("change", () => {
        const plan = form.elements.plan;
        if (!plan.value.trim() || plan.dataset.fromPolicy === plan.value) {
          plan.value = planText(form.elements.kind.value);
          plan.dataset.fromPolicy = plan.value;
        }
      });
      form.addEventListener("submit", e => {
        e.preventDefault();
        const body = { kind: form.elements.kind.value, reason: form.elements.reason.value, plan: form.elements.plan.value, expiresOn: form.elements.expiresOn.value, idempotencyKey: crypto.randomUUID() };
        act("contact-flags", body, form);
      });
      items.push(el("details", { id: "flag-details" }, el("summary", {}, t("Flag this contact")), form));
    }
    list.replaceChildren(...items);
  }

  document.addEventListener("cf:complaint", async event => {
    const { complaint, act } = event.detail;
    const card = document.getElementById("contact-flags");
    // Keep what someone is typing when the page is drawn again for something else.
    if (card.contains(document.activeElement) && shownFor === complaint.lastSequence) return;
    if (shownFor !== complaint.lastSequence || answer === null) {
      shownFor = complaint.lastSequence;
      answer = await load(complaint);
    }
    draw(act);
  });
})();
