// The dashboard, drawn in the browser with Chart.js (served from /portal/lib, no CDN).
"use strict";
(async function () {
  const { api, el, t, when } = window.CF;
  const charts = {};
  const palette = ["#0b5fff", "#f79009", "#12b76a", "#f04438", "#7a5af8", "#06aed4", "#667085"];

  // Drawn at once: figures, not motion, and a screenshot shows the finished chart.
  window.Chart.defaults.animation = false;

  // Every chart has a text alternative: a sentence naming its largest figures (the canvas's accessible name) and
  // its figures as a table behind a "Show the data" toggle, built from the same data the chart draws.
  function chart(id, config, summary) {
    if (charts[id]) charts[id].destroy();
    const canvas = document.getElementById(id);
    charts[id] = new window.Chart(canvas, config);
    const { labels, datasets } = config.data;
    canvas.setAttribute("role", "img");
    canvas.setAttribute("aria-label", summary);
    const single = datasets.length === 1 && !datasets[0].label;
    const table = el("table", {},
      el("caption", { className: "visually-hidden" }, summary),
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, ""), single ? el("th", { scope: "col" }, t("Complaints")) : datasets.map(d => el("th", { scope: "col" }, d.label)))),
      el("tbody", {}, labels.map((label, i) => el("tr", {}, el("th", { scope: "row" }, label), datasets.map(d => el("td", {}, d.data[i]))))));
    if (labels.length === 0) table.querySelector("tbody").append(el("tr", {}, el("td", { colspan: datasets.length + 1, className: "muted" }, t("No data."))));
    const details = el("details", { className: "chart-data", id: `${id}-data` }, el("summary", {}, t("Show the data")), table);
    document.getElementById(`${id}-data`)?.remove();
    canvas.after(details);
  }

  // "Email 12, Web 7 and Sms 2", largest first.
  function largest(pairs) {
    const sorted = pairs.filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([k, n]) => `${k} ${n}`);
    const comma = window.CF_DESK_I18N.language === "en" ? ", " : "、";
    return sorted.length === 0 ? t("none") : sorted.length === 1 ? sorted[0] : t("{0} and {1}", sorted.slice(0, -1).join(comma), sorted[sorted.length - 1]);
  }

  function rows(tableId, data) {
    const body = document.querySelector(`#${tableId} tbody`);
    body.replaceChildren(...data.map(cells => el("tr", {}, cells.map(c => el("td", {}, c ?? "–")))));
    if (data.length === 0) body.append(el("tr", {}, el("td", { className: "muted", colspan: 4 }, t("None."))));
  }

  // The period: both dates (UTC days, both included) when given, else the last so many days. The CSV follows it.
  async function load(form) {
    const { days, from, to } = form.elements;
    const period = from.value && to.value
      ? `from=${encodeURIComponent(from.value)}&to=${encodeURIComponent(to.value)}`
      : `days=${encodeURIComponent(days.value)}`;
    document.getElementById("rates-csv").href = `/api/portal/stats/csv?${period}`;
    const response = await api(`/api/portal/stats?${period}`);
    if (!response.ok) {
      const problem = await window.CF.problemOf(response);
      document.getElementById("summary").textContent = [problem.title, ...Object.values(problem.errors).flat()].join(" ");
      return;
    }
    const s = await response.json();
    if (s.rates) showRates(s.rates);
    document.getElementById("summary").textContent =
      t("{0} complaint(s) received; average survey score {1}.", s.total, s.averageSurveyScore ?? "–");

    const daysList = Object.keys(s.volumeByDay);
    const channels = [...new Set(daysList.flatMap(d => Object.keys(s.volumeByDay[d])))];
    const byCategory = Object.keys(s.byCategory);
    chart("volume", {
      type: "bar",
      data: { labels: daysList, datasets: channels.map((c, i) => ({ label: t(c), data: daysList.map(d => s.volumeByDay[d][c] || 0), backgroundColor: palette[i % palette.length] })) },
      options: { scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } } }
    }, t("Complaints received per day by channel over {0} day(s): {1}.", daysList.length, largest(channels.map(c => [t(c), daysList.reduce((n, d) => n + (s.volumeByDay[d][c] || 0), 0)]))));
    chart("categories", {
      type: "doughnut",
      data: { labels: byCategory.map(window.CF_DESK_I18N.category), datasets: [{ data: Object.values(s.byCategory), backgroundColor: palette }] }
    }, t("Complaints by category: {0}.", largest(Object.entries(s.byCategory).map(([id, n]) => [window.CF_DESK_I18N.category(id), n]))));
    chart("compliance", {
      type: "bar",
      data: {
        labels: s.compliance.map(c => `${c.clock} · ${t(c.kind)}`),
        datasets: [
          { label: t("on time"), data: s.compliance.map(c => c.onTime), backgroundColor: "#12b76a" },
          { label: t("late"), data: s.compliance.map(c => c.late), backgroundColor: "#f04438" },
          { label: t("running"), data: s.compliance.map(c => c.running), backgroundColor: "#98a2b3" }
        ]
      },
      options: { indexAxis: "y", scales: { x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } }, y: { stacked: true } } }
    }, t("Deadlines per clock: {0} met on time, {1} late, {2} running.", s.compliance.reduce((n, c) => n + c.onTime, 0), s.compliance.reduce((n, c) => n + c.late, 0), s.compliance.reduce((n, c) => n + c.running, 0)));
    chart("root-causes", {
      type: "bar",
      data: { labels: Object.keys(s.rootCauses), datasets: [{ label: t("resolved complaints"), data: Object.values(s.rootCauses), backgroundColor: "#7a5af8" }] },
      options: { scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }
    }, t("Root causes of resolved complaints: {0}.", largest(Object.entries(s.rootCauses))));
    rows("times", [
      [t("First response"), s.firstResponse.count, s.firstResponse.medianHours, s.firstResponse.p90Hours],
      [t("Resolution"), s.resolution.count, s.resolution.medianHours, s.resolution.p90Hours]
    ]);
    rows("escalations", Object.entries(s.escalations).map(([k, v]) => [t(k), v]));
    rows("redress", s.redress.map(r => [r.currency, r.offered, r.accepted, r.count]));
    rows("repeat", s.repeatComplainants.map(r => [r.contact, r.complaints]));
    document.getElementById("staff-card").hidden = !s.staff;
    if (s.staff) rows("staff", s.staff.map(x => [x.owner, x.open, x.resolved, x.medianResolutionHours]));
  }

  // 回访率, 满意率, survey response rate and 及时率 per clock, as numbers: the figures a report quotes.
  function showRates(r) {
    const percent = rate => rate.percent === null || rate.percent === undefined ? "–" : `${rate.percent}%`;
    const line = (label, rate) => el("tr", {}, el("th", { scope: "row" }, label), el("td", {}, rate.count), el("td", {}, rate.of), el("td", {}, percent(rate)));
    document.querySelector("#rates tbody").replaceChildren(
      line(t("Follow-up rate"), r.followUp), line(t("Satisfied share"), r.satisfied),
      line(t("Survey response rate"), r.surveyResponse), line(t("Follow-ups on time"), r.followUpOnTime));
    const clocks = document.querySelector("#on-time tbody");
    clocks.replaceChildren(...r.onTime.map(c => el("tr", { dataset: { clock: c.clock } },
      el("th", { scope: "row" }, t(c.clock)), el("td", {}, c.onTime), el("td", {}, c.late), el("td", {}, c.running), el("td", {}, percent(c.onTimeRate)))));
    if (r.onTime.length === 0) clocks.append(el("tr", {}, el("td", { className: "muted", colspan: 5 }, t("None."))));
  }

  // Supervisors: what each poison queue holds and why, with a replay button per message and per queue.
  async function loadPoison() {
    const response = await api("/api/portal/poison");
    if (!response.ok) return;
    const { queues } = await response.json();
    document.getElementById("poison-card").hidden = false;
    const body = document.querySelector("#poison tbody");
    body.replaceChildren();
    for (const q of queues) {
      for (const item of q.items) {
        const r = item.reason;
        const why = r ? t("{0}: {1} after {2} attempt(s)", r.function, `${r.error}${r.status ? ` (HTTP ${r.status})` : ""}`, r.attempts) : t("moved by the host, no reason recorded");
        const complaint = item.complaintId
          ? el("a", { href: `/portal/complaint.html?id=${encodeURIComponent(item.complaintId)}` }, item.complaintId)
          : "–";
        body.append(el("tr", { dataset: { id: item.id } },
          el("td", {}, q.queue), el("td", {}, complaint), el("td", {}, why), el("td", {}, when(r ? r.failedAt : item.poisonedAt)),
          el("td", {}, replayButton(q.queue, item.id, t("Replay")))));
      }
      if (q.items.length > 1) body.append(el("tr", {}, el("td", { colspan: 4 }, t("{0} in {1}", q.items.length, q.poisonQueue)), el("td", {}, replayButton(q.queue, null, t("Replay all")))));
    }
    if (body.children.length === 0) body.append(el("tr", {}, el("td", { className: "muted", colspan: 5 }, t("Nothing in the poison queues."))));
  }

  function replayButton(queue, id, label) {
    const button = el("button", { type: "button", className: "secondary" }, label);
    button.addEventListener("click", async () => {
      button.disabled = true;
      const response = await api(`/api/portal/poison/${encodeURIComponent(queue)}/replay`, { method: "POST", body: id ? { id } : {} });
      const banner = document.getElementById("poison-banner");
      banner.hidden = false;
      if (response.ok) {
        const report = await response.json();
        banner.className = "banner done";
        banner.textContent = t("Replayed {0} message(s) to {1}.", report.replayed.length, queue);
      } else {
        const problem = await window.CF.problemOf(response);
        banner.className = "banner problem";
        banner.textContent = `${problem.title} ${problem.detail}`;
      }
      await loadPoison();
    });
    return button;
  }

  // A business calendar whose holidays end within 60 days (or have ended): deadlines past its end are provisional
  // until a supervisor enters next year's schedule on the calendar page.
  async function loadCoverage() {
    const response = await api("/api/portal/calendars/coverage");
    if (!response.ok) return;
    const running = (await response.json()).calendars.filter(c => c.state !== "Covered");
    const banner = document.getElementById("calendar-banner");
    // The server's sentence, in the desk's language.
    const message = c => c.state === "Ended"
      ? t("Calendar {0} holidays ended on {1}: deadlines after it are provisional until next year's schedule is added.", c.calendarId, c.coveredThrough)
      : t("Calendar {0} holidays end on {1} ({2} days): add next year's schedule.", c.calendarId, c.coveredThrough, c.daysLeft);
    banner.replaceChildren(...running.map(c => el("p", { dataset: { calendar: c.calendarId } }, message(c), " ",
      me.supervisor ? el("a", { href: `/portal/calendar.html?calendar=${encodeURIComponent(c.calendarId)}&year=${encodeURIComponent(Number(c.coveredThrough.slice(0, 4)) + 1)}` }, t("Enter the holidays")) : t("Ask a supervisor to enter the holidays."))));
    banner.hidden = running.length === 0;
  }

  const me = await window.CF.start("dashboard");
  await loadCoverage();
  if (me.supervisor) await loadPoison();
  const form = document.getElementById("period");
  form.addEventListener("submit", event => { event.preventDefault(); load(form); });
  window.CF.ready();
  await load(form);
})();
