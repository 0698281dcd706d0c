// Incidents (docs/incidents.md): every incident with its linked complaints; supervisors open one, post updates (each
// linked customer is told once, in their language) and resolve it (each linked complaint gets its own resolution).
// ?id= shows one incident with its linked complaints per hour. Texts are keyed by language: en, and zh-Hans or
// zh-Hant as the page is read in (a customer gets the nearest language staff wrote).
"use strict";
(async function () {
  const { api, el, t, when, problemOf, showFieldErrors } = window.CF;
  const banner = document.getElementById("banner");
  const me = await window.CF.start("incidents");
  const chinese = window.CF_DESK_I18N.language === "zh-Hant" ? "zh-Hant" : "zh-Hans";
  const selected = new URLSearchParams(location.search).get("id");

  function say(kind, text) {
    banner.hidden = false;
    banner.className = `banner ${kind}`;
    banner.textContent = text;
  }

  function nameOf(area) {
    const language = window.CF_DESK_I18N.language;
    return (area.names && (area.names[language] || area.names["zh-Hans"] || area.names.en)) || area.key;
  }

  function texts(form) {
    const result = {};
    if (form.elements.en.value.trim()) result.en = form.elements.en.value;
    if (form.elements.zh.value.trim()) result[chinese] = form.elements.zh.value;
    return result;
  }

  async function post(path, body, form) {
    const response = await api(path, { method: "POST", body });
    if (response.ok) {
      form.reset();
      showFieldErrors(form, {});
      say("done", t("Saved: {0}.", t(form.dataset.label)));
      return response.json();
    }
    const problem = await problemOf(response);
    const unplaced = showFieldErrors(form, problem.errors);
    if (response.status !== 400 || unplaced.length > 0) say("problem", [problem.title, problem.detail, ...unplaced].filter(Boolean).join(" "));
    return null;
  }

  async function loadList() {
    const response = await api("/api/portal/incidents");
    if (!response.ok) {
      const problem = await problemOf(response);
      say("problem", [problem.title, problem.detail].filter(Boolean).join(" "));
      return;
    }
    const { items, areas, categories, rootCauses } = await response.json();
    const body = document.querySelector("#incidents tbody");
    body.replaceChildren(...items.map(v => el("tr", { dataset: { id: v.incident.id } },
      el("td", {}, el("a", { href: `/portal/incidents.html?id=${encodeURIComponent(v.incident.id)}` }, v.incident.id)),
      el("td", {}, nameOf(v.incident.area)),
      el("td", {}, t(v.incident.category)),
      el("td", {}, t(v.incident.status)),
      el("td", {}, when(v.incident.startsAt)),
      el("td", { className: "linked-count" }, String(v.linked)))));
    if (items.length === 0) body.append(el("tr", {}, el("td", { colspan: 6, className: "muted" }, t("No incidents."))));
    const area = document.getElementById("open-area");
    if (area.options.length === 0) {
      area.append(...areas.map(a => el("option", { value: a.key }, nameOf(a))));
      document.getElementById("open-category").append(...categories.map(c => el("option", { value: c }, t(c))));
      document.getElementById("resolve-root-cause").append(...rootCauses.map(r => el("option", { value: r }, r)));
      const category = document.getElementById("open-category");
      if ([...category.options].some(o => o.value === "outage")) category.value = "outage";
    }
  }

  async function loadDetail() {
    if (!selected) return;
    const response = await api(`/api/portal/incidents/${encodeURIComponent(selected)}`);
    if (!response.ok) {
      const problem = await problemOf(response);
      say("problem", [problem.title, problem.detail].filter(Boolean).join(" "));
      return;
    }
    const view = await response.json();
    const i = view.incident;
    document.getElementById("detail").hidden = false;
    document.getElementById("detail-title").textContent = t("Incident {0}", i.id);
    const facts = document.getElementById("detail-facts");
    facts.replaceChildren();
    const fact = (label, value) => facts.append(el("dt", {}, label), el("dd", {}, value));
    fact(t("Area"), nameOf(i.area));
    fact(t("Category"), t(i.category));
    fact(t("Status"), el("span", { id: "detail-status" }, t(i.status)));
    fact(t("Started"), when(i.startsAt));
    if (i.endsAt) fact(t("Ended"), when(i.endsAt));
    for (const [language, text] of Object.entries(i.description)) fact(t("Description ({0})", language), text);
    fact(t("Linked complaints"), el("span", { id: "detail-linked" }, String(view.linked)));
    if (i.resolution) fact(t("Resolution"), Object.values(i.resolution.text).join(" / "));
    const max = Math.max(1, ...view.hours.map(h => h.complaints));
    // The bars' widths are set through the style object: the desk's CSP allows no inline style attributes.
    document.querySelector("#hours tbody").replaceChildren(...view.hours.map(h => {
      const bar = el("span", { className: "hour-bar", "aria-hidden": "true" });
      bar.style.width = `${(8 * h.complaints / max).toFixed(2)}em`;
      return el("tr", {}, el("td", {}, when(h.hour)), el("td", {}, bar, ` ${h.complaints}`));
    }));
    document.getElementById("updates").replaceChildren(...i.updates.map(u => el("li", {},
      el("strong", {}, when(u.at)), ` · ${u.by} · `, Object.values(u.text).join(" / "))));
    document.getElementById("linked").replaceChildren(...view.complaints.map(id =>
      el("li", {}, el("a", { href: `/portal/complaint.html?id=${encodeURIComponent(id)}` }, id))));
    const resolved = i.status === "Resolved";
    document.getElementById("update-form").hidden = !me.supervisor || resolved;
    document.getElementById("resolve-form").hidden = !me.supervisor || resolved;
  }

  document.getElementById("open-card").hidden = !me.supervisor;
  document.getElementById("open-form").addEventListener("submit", async event => {
    event.preventDefault();
    const form = event.target;
    const started = form.elements.startsAt.value ? new Date(form.elements.startsAt.value) : new Date();
    const saved = await post("/api/portal/incidents", {
      area: form.elements.area.value, category: form.elements.category.value, startsAt: started.toISOString(), description: texts(form)
    }, form);
    if (saved) location.assign(`/portal/incidents.html?id=${encodeURIComponent(saved.id)}`);
  });
  document.getElementById("update-form").addEventListener("submit", async event => {
    event.preventDefault();
    const form = event.target;
    const status = form.elements.status.value;
    if (await post(`/api/portal/incidents/${encodeURIComponent(selected)}/updates`, { text: texts(form), status }, form)) await Promise.all([loadList(), loadDetail()]);
  });
  document.getElementById("resolve-form").addEventListener("submit", async event => {
    event.preventDefault();
    const form = event.target;
    const body = { resolution: texts(form), rootCause: form.elements.rootCause.value, correctiveAction: form.elements.correctiveAction.value };
    if (await post(`/api/portal/incidents/${encodeURIComponent(selected)}/resolve`, body, form)) await Promise.all([loadList(), loadDetail()]);
  });

  await loadList();
  await loadDetail();
  window.CF.ready();
})();
