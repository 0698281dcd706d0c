// Find complaints and the desk's views (all open, resolved, by owner): GET /api/portal/search, one page at a time.
// "More results" follows the continuation token and moves focus to the first new row, so a keyboard user carries on
// where the new rows begin. The form's state is the page's address, so a search can be bookmarked or sent on; the
// server takes q out of the address before anything logs the request.
"use strict";
(async function () {
  const { api, el, t, duration, when } = window.CF;
  const params = new URLSearchParams(location.search);
  const form = document.getElementById("search");
  const fields = ["q", "status", "owner", "channel", "priority", "category", "sort"];
  for (const f of fields) if (params.get(f)) form.elements[f].value = params.get(f);

  await window.CF.start("search");

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

  function age(minutes) {
    const days = Math.floor(minutes / 1440), hours = Math.floor((minutes % 1440) / 60);
    return days > 0 ? t("{0} d {1} h", days, hours) : hours > 0 ? t("{0} h {1} min", hours, minutes % 60) : t("{0} min", Math.max(0, minutes));
  }

  // Why it was escalated: the breached deadline (tier N) or triage's grade with its strongest reason.
  function escalation(item) {
    if (!item.escalation) return "–";
    const tier = /^tier-(\d+)$/.exec(item.escalation);
    const deadline = /^(\S+) \((\S+)\)$/.exec(item.escalationReason || "");
    if (tier) return t("SLA breached, tier {0}", tier[1]) + (deadline ? `: ${t(deadline[1])} (${t(deadline[2])})` : "");
    return t(item.escalation) + (item.escalationReason ? `: ${item.escalationReason}` : "");
  }

  function row(item) {
    const next = item.next;
    const sla = !next ? el("td", { className: "muted" }, "–")
      : el("td", { className: next.paused ? "paused" : next.minutesLeft < 0 ? "overdue" : next.minutesLeft < 480 ? "soon" : "", title: when(next.nextDueAt) },
        next.paused ? t("paused (waiting on customer)") : duration(next.minutesLeft));
    return el("tr", { dataset: { id: item.complaintId } },
      el("td", {}, el("a", { href: `/portal/complaint.html?id=${encodeURIComponent(item.complaintId)}` }, item.reference)),
      el("td", { lang: item.language, className: "subject" }, item.erased ? t("(erased)") : item.subject),
      el("td", { lang: item.language }, item.customer || "–"),
      el("td", {}, t(item.status)),
      el("td", {}, item.priority || "–"),
      el("td", {}, item.owner || t("unassigned")),
      el("td", { title: when(item.receivedAt) }, age(item.ageMinutes)),
      sla,
      el("td", {}, escalation(item)));
  }

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
