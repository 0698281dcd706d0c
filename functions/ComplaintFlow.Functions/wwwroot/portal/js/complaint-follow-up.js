// The follow-up (回访) on the complaint page: what each resolution's follow-up came to, and the form that records a
// call or a message while one is owed. The form is one of the page's actions (data-action="follow-up"): it sends
// the version the page read, like every other.
"use strict";
(function () {
  const { el, t, when } = window.CF;

  function fact(list, label, value) {
    list.append(el("dt", {}, label), el("dd", {}, value));
  }

  document.addEventListener("cf:complaint", event => {
    const followUps = event.detail.complaint.followUps || [];
    const open = followUps.length > 0 && !followUps[followUps.length - 1].outcome;
    document.getElementById("follow-up-form").hidden = !open;
    document.getElementById("follow-up-card").hidden = followUps.length === 0;
    const list = document.getElementById("follow-up");
    list.replaceChildren();
    followUps.forEach(f => {
      const state = f.outcome
        ? t("{0} by {1}, {2}", t(f.outcome), t(f.method || ""), when(f.completedAt))
        : t("owed by {0}", when(f.dueAt));
      fact(list, t("Follow-up of {0}", when(f.resolvedAt)), state);
      f.attempts.forEach((a, i) => fact(list, t("Try {0}", i + 1), `${t(a.method)} · ${t(a.outcome)} · ${a.by} · ${when(a.at)}`));
    });
  });
})();
