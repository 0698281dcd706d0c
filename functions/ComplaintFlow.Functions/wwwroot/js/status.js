// Status lookup: reference plus the contact given, so a reference alone reveals nothing.
"use strict";
(function () {
  const form = document.getElementById("status-form");
  const result = document.getElementById("status-result");
  const t = k => window.CF_I18N.t(k);
  const params = new URLSearchParams(location.search);
  if (params.get("reference")) form.reference.value = params.get("reference");

  function row(list, label, value) {
    if (!value) return;
    const dt = document.createElement("dt");
    dt.textContent = label;
    const dd = document.createElement("dd");
    dd.textContent = value;
    list.append(dt, dd);
  }
  // Dates come written by the server as the customer's letters write them ("7 Dec 2026, 09:18 GMT",
  // "2026年12月7日 17:18（北京时间）"): the same words and zone as the acknowledgement, never a bare "12/6/2026" that a UK
  // reader takes for 12 June. Without the text (an older answer), the instant is written with its month named and zone.
  const when = (status, key) => (status.dates && status.dates[key]) || (status[key]
    ? new Date(status[key]).toLocaleString(window.CF_I18N.language, { dateStyle: "medium", timeStyle: "short", timeZone: status.timeZone || undefined, timeZoneName: "short" })
    : "");

  form.addEventListener("submit", async event => {
    event.preventDefault();
    result.textContent = "";
    const reference = form.reference.value.trim();
    const contact = form.contact.value.trim();
    const missing = {};
    if (!reference) missing.reference = [t("status.needReference")];
    if (!contact) missing.contact = [t("status.needContact")];
    window.CF_ERRORS.show(form, missing, t("errors.heading"));
    if (Object.keys(missing).length) return;
    const response = await fetch(`/api/complaints/${encodeURIComponent(reference)}?contact=${encodeURIComponent(contact)}`);
    if (!response.ok) {
      // In the error summary, linked to the reference, like any other error on the page. A refusal for too many
      // lookups says so (the server writes it in the page's language); anything else reads as "no match", which is
      // all the page may say without telling a stranger whether the reference exists.
      const problem = response.status === 429 ? await response.json().catch(() => null) : null;
      window.CF_ERRORS.show(form, { reference: [(problem && problem.detail) || t("status.notFound")] }, t("errors.heading"));
      return;
    }
    const status = await response.json();
    const list = document.createElement("dl");
    list.className = "status";
    row(list, t("status.reference"), status.reference);
    row(list, t("status.status"), t("status." + status.status));
    row(list, t("status.received"), when(status, "receivedAt"));
    if (status.resolvedAt) {
      // A resolved complaint's targets are history: show when it was resolved instead.
      row(list, t("status.resolvedAt"), when(status, "resolvedAt"));
    } else {
      row(list, t("status.replyBy"), when(status, "replyBy"));
      row(list, t("status.resolveBy"), when(status, "resolveBy"));
      row(list, t("status.statutoryBy"), when(status, "statutoryBy"));
    }
    result.append(list);
  });
})();
