// Find complaints and the desk's views (all open, resolved, by owner): GET /api/portal/search, one page at a time.
// "More results" follows the continuation token and moves focus to the first new row, so a keyboard user carries on
// where the new rows begin. The form's state is the page's address, so a search can be bookmarked or sent on; the
// server takes q out of the address before anything logs the request.
"use strict";
(async function () {
  const { api, el, t } = window.CF;
  const params = new URLSearchParams(location.search);
  const form = document.getElementById("search");
  const fields = ["q", "status", "owner", "team", "channel", "priority", "category", "sort"];
  for (const f of fields) if (params.get(f)) form.elements[f].value = params.get(f);

  await window.CF.start("search");

  // Views by team: the filter lists every team; each of the person's teams gets its queue (open, nobody took it yet)
  // and its view (all its open complaints) beside the other views.
  const staffResponse = await api("/api/portal/staff");
  const teams = staffResponse.ok ? (await staffResponse.json()).teams : [];
  for (const team of teams) window.CF.rows.teamNames.set(team.id, team.name);
  form.elements.team.append(...teams.map(team => el("option", { value: team.id }, team.name)));
  // A team in the address that the desk does not have stays asked for, so the server says so instead of showing all.
  const asked = params.get("team");
  if (asked && !teams.some(team => team.id === asked)) form.elements.team.append(el("option", { value: asked }, asked));
  if (asked) form.elements.team.value = asked;
  const views = document.querySelector(".views");
  for (const team of window.CF.me.teams || []) {
    const id = encodeURIComponent(team.id);
    views.append(
      el("a", { href: `/portal/search.html?status=open&owner=none&team=${id}`, dataset: { team: team.id, view: "queue" } }, t("{0}: team queue", team.name)),
      el("a", { href: `/portal/search.html?status=open&team=${id}`, dataset: { team: team.id, view: "open" } }, t("{0}: all open", team.name)));
  }

  // The view link that is exactly this search (if any) is the current page.
  function markView() {
    for (const a of document.querySelectorAll(".views a")) {
      if (a.getAttribute("href") === location.pathname + location.search) a.setAttribute("aria-current", "page");
      else a.removeAttribute("aria-current");
    }
  }
  markView();

  const body = document.querySelector("#results tbody");
  const more = document.getElementById("more");
  const status = document.getElementById("results-status");
  let continuation = null, shown = 0;

  function query() {
    const q = new URLSearchParams();
    for (const f of fields) if (form.elements[f].value) q.set(f, form.elements[f].value.trim());
    if (q.get("status") === "all") q.delete("status");
    if (q.get("sort") === "newest") q.delete("sort");
    return q;
  }

  // The columns of #results, as its head names them (rows drawn by complaint-rows.js, shared with the work lists).
  const columns = ["reference", "subject", "customer", "status", "priority", "owner", "age", "sla", "escalation"];
  const row = item => window.CF.rows.row(item, columns);

  async function load(append) {
    const q = query();
    if (append && continuation) q.set("continuation", continuation);
    const response = await api(`/api/portal/search?${q}`);
    if (!response.ok) {
      const problem = await window.CF.problemOf(response);
      const unplaced = window.CF.showFieldErrors(form, problem.errors);
      body.replaceChildren();
      more.hidden = true;
      status.textContent = [problem.title, ...unplaced].join(" ");
      return;
    }
    window.CF.showFieldErrors(form, {});
    const data = await response.json();
    const rows = data.items.map(row);
    if (!append) {
      body.replaceChildren(...rows);
      shown = 0;
    } else {
      body.append(...rows);
    }
    shown += rows.length;
    continuation = data.continuation;
    more.hidden = !continuation;
    if (shown === 0) body.replaceChildren(el("tr", {}, el("td", { colspan: 9, className: "muted" }, t("No complaint matches."))));
    status.textContent = continuation ? t("{0} shown; there are more.", shown) : t("{0} found.", shown);
    if (append && rows.length) rows[0].querySelector("a").focus();
  }

  form.addEventListener("submit", event => {
    event.preventDefault();
    history.replaceState(null, "", `?${query()}`);
    markView();
    load(false);
  });
  more.addEventListener("click", () => load(true));
  window.CF.ready();
  await load(false);
  if (!params.get("q") && !params.get("status")) document.getElementById("search-q").focus();
})();
