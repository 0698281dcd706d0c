// Shared by every portal page: who is signed in, the API with its anti-forgery token, the navigation and its
// counts, and safe DOM building (text is always set as text, never parsed as HTML).
"use strict";
window.CF = (function () {
  // The desk speaks one language for its labels, the API's errors and its dates: the one the staff member chose
  // (the switch in the header, remembered in this browser), else the browser's (Accept-Language, as the API reads it).
  const i18n = window.CF_DESK_I18N;
  const t = i18n.t;
  let settled = i18n.chosen;
  let me = null;
  // Every date the API sends comes with its text (dateTexts), written on the server in this language and the desk's
  // time zone with the zone named; the pages show those texts and never format a date themselves.
  const dateTexts = {};

  // Portal forms are only ever sent by script. Until a page has signed in and wired its forms, a click on a form's
  // button would submit it natively (reloading the page, losing what was typed, and doing nothing): so no form is
  // ever submitted natively, and the buttons wait, disabled, until the page calls ready().
  document.addEventListener("submit", event => event.preventDefault(), true);
  const waiting = [...document.querySelectorAll("main button[type=submit]:not([disabled])")];
  waiting.forEach(button => { button.disabled = true; });

  function ready() {
    waiting.forEach(button => { button.disabled = false; });
    document.body.dataset.ready = "true";
  }

  function signInUrl() {
    return "/portal/sign-in.html?return=" + encodeURIComponent(location.pathname + location.search);
  }

  async function api(path, options = {}) {
    const headers = { Accept: "application/json" };
    if (settled) headers["Accept-Language"] = i18n.language;
    const method = options.method || "GET";
    if (options.body !== undefined) headers["Content-Type"] = "application/json";
    if (method !== "GET" && me) headers["X-CSRF-TOKEN"] = me.antiforgeryToken;
    if (options.version) headers["If-Match"] = options.version;
    if (options.seen !== undefined) headers["X-Seen-Sequence"] = String(options.seen);
    const response = await fetch(path, {
      method, headers, credentials: "same-origin",
      body: options.body === undefined ? undefined : JSON.stringify(options.body)
    });
    if (response.status === 401) {
      location.assign(signInUrl());
      throw new Error("Not signed in.");
    }
    const json = response.json.bind(response);
    response.json = async () => {
      const data = await json();
      if (data && data.dateTexts) Object.assign(dateTexts, data.dateTexts);
      return data;
    };
    return response;
  }

  function el(tag, attributes, ...children) {
    const node = document.createElement(tag);
    for (const [name, value] of Object.entries(attributes || {})) {
      if (value === undefined || value === null || value === false) continue;
      if (name === "className") node.className = value;
      else if (name === "dataset") Object.assign(node.dataset, value);
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children.flat()) {
      if (child === undefined || child === null) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function duration(minutes) {
    const abs = Math.abs(minutes);
    const days = Math.floor(abs / 1440), hours = Math.floor((abs % 1440) / 60), mins = abs % 60;
    const text = days > 0 ? t("{0} d {1} h", days, hours) : hours > 0 ? t("{0} h {1} min", hours, mins) : t("{0} min", mins);
    return minutes < 0 ? t("overdue by {0}", text) : t("{0} left", text);
  }

  function when(iso) {
    return iso ? dateTexts[iso] || iso : "";
  }

  async function problemOf(response) {
    const problem = await response.json().catch(() => ({}));
    return { status: response.status, title: t(problem.title || response.statusText), detail: problem.detail || "", errors: problem.errors || {} };
  }

  // Puts each field's message next to the field (elements marked data-error-for), marks the field aria-invalid with
  // the message in its aria-describedby, lists the messages in a summary at the top of the form that takes focus and
  // links to each field, and returns what is left over (messages for no field of this form).
  function showFieldErrors(form, errors) {
    form.querySelectorAll("[data-error-for]").forEach(slot => { slot.textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach(field => field.removeAttribute("aria-invalid"));
    const unplaced = [], links = [];
    for (const [field, messages] of Object.entries(errors || {})) {
      const slot = form.querySelector(`[data-error-for="${CSS.escape(field)}"]`);
      if (!slot) {
        unplaced.push(`${field}: ${messages.join(" ")}`);
        continue;
      }
      slot.textContent = messages.join(" ");
      slot.id ||= `${form.id || "form"}-${field.replace(/[^A-Za-z0-9-]/g, "-")}-error`;
      // A message about a group (contact: email or phone) marks every field described by it; else the field beside it.
      const grouped = [...form.querySelectorAll("[aria-describedby]")].filter(f => f.getAttribute("aria-describedby").split(/\s+/).includes(slot.id));
      const beside = slot.previousElementSibling && slot.previousElementSibling.matches("input, select, textarea")
        ? slot.previousElementSibling
        : form.querySelector(`[name="${CSS.escape(field)}"]:not([type=hidden])`) || slot.closest("td, fieldset")?.querySelector("input, select, textarea");
      const inputs = grouped.length ? grouped : beside ? [beside] : [];
      if (inputs.length === 0) {
        links.push(el("li", {}, messages.join(" ")));
        continue;
      }
      for (const input of inputs) {
        input.setAttribute("aria-invalid", "true");
        const described = (input.getAttribute("aria-describedby") || "").split(/\s+/).filter(Boolean);
        if (!described.includes(slot.id)) input.setAttribute("aria-describedby", [...described, slot.id].join(" "));
      }
      const input = inputs[0];
      input.id ||= `${slot.id}-field`;
      const link = el("a", { href: `#${input.id}` }, messages.join(" "));
      link.addEventListener("click", event => { event.preventDefault(); input.focus(); });
      links.push(el("li", {}, link));
    }
    let summary = form.querySelector(":scope > .summary");
    if (links.length === 0) {
      if (summary) summary.remove();
      return unplaced;
    }
    if (!summary) {
      summary = el("div", { className: "summary", tabindex: "-1" });
      form.prepend(summary);
    }
    summary.replaceChildren(el("h2", {}, t("There is a problem")), el("ul", {}, links));
    summary.focus();
    return unplaced;
  }

  async function refreshCounts() {
    const response = await api("/api/portal/lists");
    if (!response.ok) return;
    const counts = await response.json();
    for (const [queue, count] of Object.entries(counts)) {
      const badge = document.querySelector(`[data-count="${queue}"]`);
      if (badge) {
        badge.textContent = String(count);
        badge.classList.toggle("hot", (queue === "overdue" || queue === "not-reached" || queue === "authority") && count > 0);
      }
    }
  }

  function renderHeader(current) {
    const labels = { overdue: "Overdue", "due-soon": "Due soon", unassigned: "Unassigned", escalated: "Escalated", mine: "Mine", "not-reached": "Not reached", authority: "Escalated to supervisor" };
    // Every queue in a band of its own below the top bar, always in full (portal.css): none scrolls out of sight.
    const nav = el("nav", { className: "queues", "aria-labelledby": "queues-label" },
      el("span", { className: "label", id: "queues-label" }, t("Queues")),
      me.lists.map(q => el("a", {
        href: `/portal/?list=${q}`, id: `nav-${q}`,
        "aria-current": current === q ? "page" : null
      }, t(labels[q] || q), el("span", { className: "visually-hidden" }, i18n.language === "en" ? ": " : "："),
        el("span", { className: "count", dataset: { count: q } }, "·"), el("span", { className: "visually-hidden" }, t(" complaints")))));
    const signOut = el("button", { type: "button", className: "secondary", id: "sign-out" }, t("Sign out"));
    // The language switch: each name in its own language (lang), the current one pressed; the choice is remembered.
    const languages = el("div", { className: "languages", role: "group", "aria-label": t("Language") },
      i18n.supported.map(code => {
        const button = el("button", { type: "button", className: "secondary", lang: code, id: `desk-lang-${code}`, "aria-pressed": String(code === i18n.language) }, i18n.names[code]);
        button.addEventListener("click", () => i18n.choose(code));
        return button;
      }));
    // Search from any page (a search landmark of its own); "/" outside a field jumps to it.
    const find = el("form", { role: "search", "aria-label": t("Quick search"), className: "find", id: "find" },
      el("input", { type: "search", name: "q", id: "find-q", maxlength: "200", size: "18", "aria-label": t("Search complaints"), placeholder: t("Search complaints") }),
      el("button", { type: "submit", className: "secondary" }, t("Search")));
    find.addEventListener("submit", () => {
      const q = find.elements.q.value.trim();
      if (q) location.assign(`/portal/search.html?q=${encodeURIComponent(q)}`);
    });
    document.addEventListener("keydown", event => {
      if (event.key !== "/" || event.ctrlKey || event.metaKey || event.altKey || event.target.closest("input, textarea, select, [contenteditable]")) return;
      event.preventDefault();
      (document.getElementById("search-q") || document.getElementById("find-q")).focus();
    });
    signOut.addEventListener("click", async () => {
      if (me.authMode === "Development") await api("/api/portal/dev/sign-out", { method: "POST" });
      location.assign(me.authMode === "Development" ? "/portal/sign-in.html" : "/.auth/logout");
    });
    const main = document.querySelector("main");
    main.id ||= "main";
    main.tabIndex = -1;
    const header = el("header", { className: "portal" },
      el("div", { className: "bar" },
      el("a", { href: `#${main.id}`, className: "skip" }, t("Skip to content")),
      el("strong", {}, t("Complaint desk")),
      // The desk's pages; they wrap onto a second line of the bar where they do not fit (portal.css).
      el("nav", { className: "places", "aria-label": t("Desk pages") },
      el("a", { href: "/portal/search.html?status=open", id: "nav-search", "aria-current": current === "search" ? "page" : null }, t("Find and browse")),
      el("a", { href: "/portal/record.html", "aria-current": current === "record" ? "page" : null }, t("Record a complaint")),
      el("a", { href: "/portal/dashboard.html", id: "nav-dashboard", "aria-current": current === "dashboard" ? "page" : null }, t("Dashboard")),
      el("a", { href: "/portal/incidents.html", id: "nav-incidents", "aria-current": current === "incidents" ? "page" : null }, t("Incidents")),
      me.supervisor ? el("a", { href: "/portal/contact.html", id: "nav-contact", "aria-current": current === "contact" ? "page" : null }, t("Data rights")) : null,
      me.supervisor ? el("a", { href: "/portal/approvals.html", id: "nav-approvals", "aria-current": current === "approvals" ? "page" : null }, t("Awaiting approval")) : null,
      me.supervisor ? el("a", { href: "/portal/mail.html", id: "nav-mail", "aria-current": current === "mail" ? "page" : null }, t("Ignored and held mail")) : null,
      me.supervisor ? el("a", { href: "/portal/calendar.html", id: "nav-calendar", "aria-current": current === "calendar" ? "page" : null }, t("Calendars")) : null),
      el("div", { className: "tools" },
      find,
      el("span", { className: "who", id: "who", title: `${me.name} (${t(me.supervisor ? "supervisor" : "agent")})` }, `${me.name} (${t(me.supervisor ? "supervisor" : "agent")})`),
      languages,
      signOut)),
      nav);
    document.body.prepend(header);
  }

  // On a narrow screen a table's rows are stacked (portal.css), each cell labelled with its column's heading.
  function labelCells(table) {
    const headings = [...table.querySelectorAll("thead th")].map(th => th.textContent.trim());
    if (headings.length === 0) return;
    table.classList.add("stacking");
    table.querySelectorAll("tbody tr").forEach(row => [...row.children].forEach((cell, i) => {
      if (headings[i] && cell.dataset.label !== headings[i] && !cell.hasAttribute("colspan")) cell.dataset.label = headings[i];
    }));
  }
  const labelling = new MutationObserver(() => document.querySelectorAll("main table").forEach(labelCells));
  labelling.observe(document.querySelector("main"), { childList: true, subtree: true });

  // Signs the page in (or sends the person to sign in), draws the header and keeps the counts fresh.
  async function start(current) {
    const response = await api("/api/portal/me");
    if (response.status === 403) {
      document.body.prepend(el("p", { className: "banner problem" }, t("Your account has no portal role (agent or supervisor).")));
      throw new Error("No portal role.");
    }
    me = await response.json();
    // No choice made in this browser: the language the API read from the browser's Accept-Language.
    if (!settled) i18n.use(me.language);
    settled = true;
    i18n.translatePage(document.querySelector("main"));
    renderHeader(current);
    await refreshCounts();
    setInterval(refreshCounts, 20000);
    return me;
  }

  return { api, el, t, duration, when, problemOf, showFieldErrors, start, ready, refreshCounts, get me() { return me; } };
})();
