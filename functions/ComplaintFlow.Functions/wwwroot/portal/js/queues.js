// A queue: the index's open complaints, filtered and sorted on the server, refreshed every 20 seconds without
// reloading the page, so a newly overdue complaint shows up within a minute. The refresh can be paused (WCAG 2.2.2).
"use strict";
(async function () {
  // Staff alerts link to /portal#/complaints/{id}: open that complaint's page.
  const deepLink = /^#\/complaints\/([0-9A-Za-z-]+)$/.exec(location.hash);
  if (deepLink) {
    location.replace(`/portal/complaint.html?id=${encodeURIComponent(deepLink[1])}`);
    return;
  }
  const { api, el, t, when } = window.CF;
  const params = new URLSearchParams(location.search);
  const queue = params.get("list") || "unassigned";
  const titles = { overdue: "Overdue", "due-soon": "Due soon", unassigned: "Unassigned", escalated: "Escalated", mine: "Mine", "not-reached": "Customer not reached" };
  const form = document.getElementById("filters");
  const fields = ["category", "channel", "priority", "owner", "profile", "sort"];
  for (const f of fields) if (params.get(f)) form.elements[f].value = params.get(f);

  await window.CF.start(queue);
  document.getElementById("queue-title").textContent = t(titles[queue] || queue);
  document.title = `${t(titles[queue] || queue)} · ${t("Complaint desk")}`;

  function query() {
    const q = new URLSearchParams();
    for (const f of fields) if (form.elements[f].value) q.set(f, form.elements[f].value);
    return q;
  }

  // The columns of #queue, as its head names them (rows drawn by complaint-rows.js, shared with the search page). A
  // work item is the index's snapshot with the next deadline; its summary (subject, customer, age, team, escalation
  // reason) is read from the complaint.
  const columns = ["reference", "subject", "customer", "priority", "category", "owner", "age", "deadline", "due", "sla", "escalation"];
  const row = item => window.CF.rows.row({ ...item, ...(item.summary || {}), next: item }, columns);

  // The list shows its first rows; "Show more" asks for more (each refresh then keeps as many).
  const page = 100;
  let take = page;
  const more = document.getElementById("more");
  more.addEventListener("click", () => { take += page; load(); });

  async function load() {
    const q = query();
    q.set("take", String(take));
    const response = await api(`/api/portal/lists/${encodeURIComponent(queue)}?${q}`);
    if (!response.ok) {
      const problem = await window.CF.problemOf(response);
      document.getElementById("as-of").textContent = `${problem.title} ${problem.detail}`;
      return;
    }
    const data = await response.json();
    const body = document.querySelector("#queue tbody");
    const rows = data.items.map(row);
    if (rows.length === 0) rows.push(el("tr", {}, el("td", { colspan: columns.length, className: "muted" }, t("Nothing in this queue."))));
    announce(update(body, rows));
    document.getElementById("as-of").textContent = data.total > data.items.length
      ? t("{0} of {1} complaint(s) shown, as of {2}", data.items.length, data.total, when(data.asOf))
      : t("{0} complaint(s), as of {1}", data.items.length, when(data.asOf));
    more.hidden = data.total <= data.items.length || take >= 500;
    q.delete("take");
    q.set("format", "csv");
    document.getElementById("export").href = `/api/portal/lists/${encodeURIComponent(queue)}?${q}`;
  }

  // A refresh changes only the cells that changed, so the focused link stays where it is (WCAG 2.4.3); should a
  // row holding focus still move, focus goes back to its link. Returns what came and went, for the announcement.
  function update(body, rows) {
    const focused = document.activeElement && body.contains(document.activeElement) ? document.activeElement.closest("tr")?.dataset.id : null;
    const existing = new Map([...body.children].map(row => [row.dataset.id, row]));
    const before = new Set([...existing.keys()].filter(Boolean));
    const after = rows.map(row => {
      const old = existing.get(row.dataset.id);
      if (!old || !row.dataset.id) return row;
      [...row.children].forEach((cell, i) => {
        const current = old.children[i];
        if (!current || current.textContent !== cell.textContent || current.className !== cell.className) {
          if (current) current.replaceWith(cell); else old.append(cell);
        }
      });
      return old;
    });
    [...body.children].filter(row => !after.includes(row)).forEach(row => row.remove());
    after.forEach((row, i) => { if (body.children[i] !== row) body.insertBefore(row, body.children[i] || null); });
    if (focused && !body.contains(document.activeElement)) {
      const link = body.querySelector(`tr[data-id="${CSS.escape(focused)}"] a`);
      if (link) link.focus();
    }
    const ids = new Set(rows.map(row => row.dataset.id).filter(Boolean));
    const change = { added: [...ids].filter(id => !before.has(id)).length, gone: [...before].filter(id => !ids.has(id)).length, first: !shown };
    shown = true;
    return change;
  }

  // Only a change is announced, politely; the "as of" line is not live, so a refresh with nothing new is silent.
  function announce(change) {
    if (change.first || (change.added === 0 && change.gone === 0)) return;
    const parts = [];
    if (change.added) parts.push(t("{0} new complaint(s)", change.added));
    if (change.gone) parts.push(t("{0} left the queue", change.gone));
    document.getElementById("queue-changes").textContent = parts.join(window.CF_DESK_I18N.language === "en" ? ", " : "，") + (window.CF_DESK_I18N.language === "en" ? "." : "。");
  }

  let paused = false, shown = false;
  const pause = document.getElementById("pause");
  pause.addEventListener("click", () => {
    paused = !paused;
    pause.setAttribute("aria-pressed", String(paused));
    pause.textContent = t(paused ? "Resume updates" : "Pause updates");
  });

  form.addEventListener("submit", event => {
    event.preventDefault();
    const q = query();
    q.set("list", queue);
    history.replaceState(null, "", `?${q}`);
    load();
  });
  window.CF.ready();
  await load();
  setInterval(() => { if (!paused) load(); }, 20000);
})();
