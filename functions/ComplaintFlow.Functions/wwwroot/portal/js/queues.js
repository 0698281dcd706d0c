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
  const { api, el, t, duration, when } = window.CF;
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

  async function load() {
    const q = query();
    const response = await api(`/api/portal/lists/${encodeURIComponent(queue)}?${q}`);
    if (!response.ok) {
      const problem = await window.CF.problemOf(response);
      document.getElementById("as-of").textContent = `${problem.title} ${problem.detail}`;
      return;
    }
    const data = await response.json();
    const body = document.querySelector("#queue tbody");
    const rows = data.items.map(item => el("tr", { dataset: { id: item.complaintId } },
      el("td", {}, el("a", { href: `/portal/complaint.html?id=${encodeURIComponent(item.complaintId)}` }, item.reference),
        item.notReached ? el("span", { className: "not-reached", title: t("A notice did not reach the customer") }, " ", t("not reached")) : null),
      el("td", {}, item.priority || "–"),
      el("td", {}, item.category || "–"),
      el("td", {}, t(item.channel)),
      el("td", {}, t(item.status)),
      el("td", {}, item.owner || t("unassigned")),
      el("td", {}, `${t(item.nextKind)} (${t(item.nextClock)})`),
      el("td", {}, when(item.nextDueAt)),
      el("td", { className: item.paused ? "paused" : item.minutesLeft < 0 ? "overdue" : item.minutesLeft < 480 ? "soon" : "" },
        item.paused ? t("paused (waiting on customer)") : duration(item.minutesLeft))));
    if (rows.length === 0) rows.push(el("tr", {}, el("td", { colspan: 9, className: "muted" }, t("Nothing in this queue."))));
    announce(update(body, rows));
    document.getElementById("as-of").textContent = t("{0} complaint(s), as of {1}", data.items.length, when(data.asOf));
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
