// Shared by every portal page: who is signed in, the API with its anti-forgery token, the navigation and its
// counts, and safe DOM building (text is always set as text, never parsed as HTML).
"use strict";
window.CF = (function () {
  const language = localStorage.getItem("cf.portal.lang") || navigator.language || "en";
  let me = null;

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
    const headers = { Accept: "application/json", "Accept-Language": language };
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
    const text = days > 0 ? `${days} d ${hours} h` : hours > 0 ? `${hours} h ${mins} min` : `${mins} min`;
    return minutes < 0 ? `overdue by ${text}` : `${text} left`;
  }

  function when(iso) {
    return iso ? new Date(iso).toLocaleString(language, { dateStyle: "medium", timeStyle: "short" }) : "";
  }

  async function problemOf(response) {
    const problem = await response.json().catch(() => ({}));
    return { status: response.status, title: problem.title || response.statusText, detail: problem.detail || "", errors: problem.errors || {} };
  }

  // Puts each field's message next to the field (elements marked data-error-for) and returns what is left over.
  function showFieldErrors(form, errors) {
    form.querySelectorAll("[data-error-for]").forEach(slot => { slot.textContent = ""; });
    const unplaced = [];
    for (const [field, messages] of Object.entries(errors || {})) {
      const slot = form.querySelector(`[data-error-for="${CSS.escape(field)}"]`);
      if (slot) slot.textContent = messages.join(" ");
      else unplaced.push(`${field}: ${messages.join(" ")}`);
    }
    return unplaced;
  }

  async function refreshCounts() {
    const response = await api("/api/portal/queues");
    if (!response.ok) return;
    const counts = await response.json();
    for (const [queue, count] of Object.entries(counts)) {
      const badge = document.querySelector(`[data-count="${queue}"]`);
      if (badge) {
        badge.textContent = String(count);
        badge.classList.toggle("hot", (queue === "overdue" || queue === "not-reached") && count > 0);
      }
    }
  }

  function renderHeader(current) {
    const labels = { overdue: "Overdue", "due-soon": "Due soon", unassigned: "Unassigned", escalated: "Escalated", mine: "Mine", "not-reached": "Not reached" };
    const nav = el("nav", { "aria-label": "Queues" },
      me.queues.map(q => el("a", {
        href: `/portal/?queue=${q}`, id: `nav-${q}`,
        "aria-current": current === q ? "page" : null
      }, labels[q] || q, el("span", { className: "count", dataset: { count: q } }, "·"))));
    const signOut = el("button", { type: "button", className: "secondary", id: "sign-out" }, "Sign out");
    signOut.addEventListener("click", async () => {
      if (me.authMode === "Development") await api("/api/portal/dev/sign-out", { method: "POST" });
      location.assign(me.authMode === "Development" ? "/portal/sign-in.html" : "/.auth/logout");
    });
    const header = el("header", { className: "portal" },
      el("strong", {}, "Complaint desk"),
      nav,
      el("a", { href: "/portal/record.html", "aria-current": current === "record" ? "page" : null }, "Record a complaint"),
      el("a", { href: "/portal/dashboard.html", id: "nav-dashboard", "aria-current": current === "dashboard" ? "page" : null }, "Dashboard"),
      me.supervisor ? el("a", { href: "/portal/contact.html", id: "nav-contact", "aria-current": current === "contact" ? "page" : null }, "Data rights") : null,
      me.supervisor ? el("a", { href: "/portal/calendar.html", id: "nav-calendar", "aria-current": current === "calendar" ? "page" : null }, "Calendars") : null,
      el("span", { className: "who", id: "who" }, `${me.name} (${me.supervisor ? "supervisor" : "agent"})`),
      signOut);
    document.body.prepend(header);
  }

  // Signs the page in (or sends the person to sign in), draws the header and keeps the counts fresh.
  async function start(current) {
    const response = await api("/api/portal/me");
    if (response.status === 403) {
      document.body.prepend(el("p", { className: "banner problem" }, "Your account has no portal role (agent or supervisor)."));
      throw new Error("No portal role.");
    }
    me = await response.json();
    renderHeader(current);
    await refreshCounts();
    setInterval(refreshCounts, 20000);
    return me;
  }

  return { api, el, duration, when, problemOf, showFieldErrors, start, ready, refreshCounts, get me() { return me; } };
})();
