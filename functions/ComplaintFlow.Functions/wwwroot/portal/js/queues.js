// A queue: the index's open complaints, filtered and sorted on the server, refreshed every 20 seconds without
// reloading the page, so a newly overdue complaint shows up within a minute.
"use strict";
(async function () {
  // Staff alerts link to /portal#/complaints/{id}: open that complaint's page.
  const deepLink = /^#\/complaints\/([0-9A-Za-z-]+)$/.exec(location.hash);
  if (deepLink) {
    location.replace(`/portal/complaint.html?id=${encodeURIComponent(deepLink[1])}`);
    return;
  }
  const { api, el, duration, when } = window.CF;
  const params = new URLSearchParams(location.search);
  const queue = params.get("queue") || "unassigned";
  const titles = { overdue: "Overdue", "due-soon": "Due soon", unassigned: "Unassigned", escalated: "Escalated", mine: "Mine", "not-reached": "Customer not reached" };
  const form = document.getElementById("filters");
  const fields = ["category", "channel", "priority", "owner", "profile", "sort"];
  for (const f of fields) if (params.get(f)) form.elements[f].value = params.get(f);

  await window.CF.start(queue);
  document.getElementById("queue-title").textContent = titles[queue] || queue;
  document.title = `${titles[queue] || queue} · Complaint desk`;

  function query() {
    const q = new URLSearchParams();
    for (const f of fields) if (form.elements[f].value) q.set(f, form.elements[f].value);
    return q;
  }

  async function load() {
    const q = query();
    const response = await api(`/api/portal/queues/${encodeURIComponent(queue)}?${q}`);
    if (!response.ok) {
      const problem = await window.CF.problemOf(response);
      document.getElementById("as-of").textContent = `${problem.title} ${problem.detail}`;
      return;
    }
    const data = await response.json();
    const body = document.querySelector("#queue tbody");
    body.replaceChildren(...data.items.map(item => el("tr", { dataset: { id: item.complaintId } },
      el("td", {}, el("a", { href: `/portal/complaint.html?id=${encodeURIComponent(item.complaintId)}` }, item.reference),
        item.notReached ? el("span", { className: "not-reached", title: "A notice did not reach the customer" }, " not reached") : null),
      el("td", {}, item.priority || "–"),
      el("td", {}, item.category || "–"),
      el("td", {}, item.channel),
      el("td", {}, item.status),
      el("td", {}, item.owner || "unassigned"),
      el("td", {}, `${item.nextKind} (${item.nextClock})`),
      el("td", {}, when(item.nextDueAt)),
      el("td", { className: item.paused ? "paused" : item.minutesLeft < 0 ? "overdue" : item.minutesLeft < 480 ? "soon" : "" },
        item.paused ? "paused (waiting on customer)" : duration(item.minutesLeft)))));
    if (data.items.length === 0) body.append(el("tr", {}, el("td", { colspan: 9, className: "muted" }, "Nothing in this queue.")));
    document.getElementById("as-of").textContent = `${data.items.length} complaint(s), as of ${when(data.asOf)}`;
    q.set("format", "csv");
    document.getElementById("export").href = `/api/portal/queues/${encodeURIComponent(queue)}?${q}`;
  }

  form.addEventListener("submit", event => {
    event.preventDefault();
    const q = query();
    q.set("queue", queue);
    history.replaceState(null, "", `?${q}`);
    load();
  });
  window.CF.ready();
  await load();
  setInterval(load, 20000);
})();
