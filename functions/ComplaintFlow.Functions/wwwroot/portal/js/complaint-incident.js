// The incident on the complaint page (docs/incidents.md): the incident the complaint is linked to (with Unlink), or
// triage's suggestion (with Confirm), or a choice of the open incidents to link it to; a supervisor may open an
// incident from this complaint. Every action goes through the page's act(), with the version the page read.
"use strict";
(function () {
  const { api, el, t } = window.CF;
  let open = null;

  async function openIncidents() {
    if (open) return open;
    const response = await api("/api/portal/incidents");
    const listed = response.ok ? await response.json() : { items: [] };
    open = listed.items.map(v => v.incident).filter(i => i.status !== "Resolved");
    return open;
  }

  function areaName(area) {
    const language = window.CF_DESK_I18N.language;
    return (area.names && (area.names[language] || area.names.en)) || area.key;
  }

  function incidentLink(id) {
    return el("a", { href: `/portal/incidents.html?id=${encodeURIComponent(id)}`, id: "incident-link" }, id);
  }

  function submitting(form, action, body) {
    form.addEventListener("submit", e => { e.preventDefault(); act(action, body(form), form); });
    return form;
  }

  let act = null;
  document.addEventListener("cf:complaint", async event => {
    const c = event.detail.complaint;
    act = event.detail.act;
    const card = document.getElementById("incident-card");
    const body = document.getElementById("incident");
    // Keep what someone is typing here when the page is drawn again for something else.
    const active = document.activeElement;
    if (body.contains(active) && active.matches("input, textarea") && active.value) return;
    card.hidden = false;
    const closed = c.status === "Resolved" || c.status === "Closed";
    const parts = [];
    if (c.incidentId) {
      parts.push(el("p", { id: "incident-linked" }, t("Linked to incident {0}", ""), incidentLink(c.incidentId)));
      if (!closed) {
        parts.push(submitting(el("form", { id: "incident-unlink-form", dataset: { label: "unlinked" } },
          el("label", { for: "incident-unlink-reason" }, t("Why it is not about this incident (optional)")),
          el("input", { id: "incident-unlink-reason", name: "reason" }),
          el("span", { className: "error", dataset: { errorFor: "reason" } }),
          el("button", { type: "submit", className: "secondary", id: "incident-unlink" }, t("Unlink"))), "incident/unlink", f => ({ reason: f.elements.reason.value })));
      }
    } else if (c.incidentSuggestion && !closed) {
      const s = c.incidentSuggestion;
      parts.push(el("p", { id: "incident-suggested" }, t("Suggested: incident {0}", ""), incidentLink(s.incidentId),
        " · ", t("confidence {0}", Math.round(s.confidence * 100) + "%"), " · ", s.reasons.join(", ")));
      parts.push(submitting(el("form", { id: "incident-confirm-form", dataset: { label: "linked" } },
        el("button", { type: "submit", id: "incident-confirm" }, t("Confirm: link to this incident"))), "incident/confirm", () => ({})));
    } else if (!closed) {
      parts.push(el("p", { className: "muted" }, t("Not linked to an incident.")));
    }
    if (!c.incidentId && !closed) {
      const incidents = await openIncidents();
      if (incidents.length > 0) {
        const select = el("select", { id: "incident-choice", name: "incidentId" },
          incidents.map(i => el("option", { value: i.id }, `${areaName(i.area)} · ${t(i.category)} · ${i.id}`)));
        parts.push(submitting(el("form", { id: "incident-link-form", dataset: { label: "linked" } },
          el("label", { for: "incident-choice" }, t("Link to an open incident")), select,
          el("span", { className: "error", dataset: { errorFor: "incident" } }),
          el("button", { type: "submit", className: "secondary", id: "incident-link-button" }, t("Link"))), "incident/link", f => ({ incidentId: f.elements.incidentId.value })));
      }
      if (window.CF.me.supervisor) {
        parts.push(submitting(el("form", { id: "incident-open-form", dataset: { label: "incident opened" } },
          el("h3", {}, t("Open an incident from this complaint")),
          el("label", { for: "incident-open-en" }, t("Public description (English)")),
          el("textarea", { id: "incident-open-en", name: "en", rows: "2" }),
          el("label", { for: "incident-open-zh" }, t("Public description (Chinese)")),
          el("textarea", { id: "incident-open-zh", name: "zh", rows: "2" }),
          el("span", { className: "error", dataset: { errorFor: "description" } }),
          el("span", { className: "error", dataset: { errorFor: "area" } }),
          el("button", { type: "submit", className: "secondary", id: "incident-open" }, t("Open incident and link"))),
          "incident/open", f => ({ description: { en: f.elements.en.value, "zh-Hans": f.elements.zh.value } })));
      }
    }
    body.replaceChildren(...parts);
  });
})();
