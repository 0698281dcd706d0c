// The complaint form: client-side checks for quick feedback, the server's problem+json for the final word.
"use strict";
(function () {
  const form = document.getElementById("complaint-form");
  const key = document.getElementById("idempotencyKey");
  // One key per filled-in form: a double click or a retry sends the same key and makes one complaint.
  key.value = crypto.randomUUID();
  const t = k => window.CF_I18N.t(k);

  const showErrors = errors => window.CF_ERRORS.show(form, errors, t("errors.heading"));

  function checkLocally() {
    const errors = {};
    const email = form.email.value.trim();
    const phone = form.phone.value.trim();
    if (!email && !phone) errors.contact = [t("v.contact")];
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) errors.email = [t("v.email")];
    if (!form.text.value.trim()) errors.text = [t("v.text")];
    const amount = form.demandAmount.value.trim();
    if (amount && !(/^\d+(\.\d{1,2})?$/.test(amount) && Number(amount) > 0)) errors.demandAmount = [t("v.amount")];
    else if (amount && !["compensation", "refund"].includes(form.demand.value)) errors.demandAmount = [t("v.amountDemand")];
    return errors;
  }

  // The browser's IANA zone, so the dates we send are in the customer's time; left empty (the server's default) when
  // the browser cannot tell. Also sent when the form posts without this script's fetch.
  try { form.timeZone.value = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch { form.timeZone.value = ""; }

  form.addEventListener("submit", async event => {
    event.preventDefault();
    const local = checkLocally();
    showErrors(local);
    if (Object.keys(local).length) return;
    const button = document.getElementById("submit");
    button.disabled = true;
    button.textContent = t("form.sending");
    try {
      const body = Object.fromEntries(["name", "email", "phone", "subject", "text", "language", "timeZone", "place", "account", "eventTime", "demand", "demandAmount", "demandCurrency", "demandDetail"].map(f => [f, form[f].value.trim() || null]));
      const response = await fetch("/api/complaints", {
        method: "POST",
        headers: { "Content-Type": "application/json", "Idempotency-Key": key.value, "Accept-Language": window.CF_I18N.language },
        body: JSON.stringify(body)
      });
      const result = await response.json().catch(() => ({}));
      if (response.status === 202) {
        // The confirmation page says where the acknowledgement went; the address stays in this tab, out of the URL.
        sessionStorage.setItem("cf.sentTo", body.email || body.phone || "");
        // Words that say someone may be at risk: the confirmation page puts who to call now first.
        if (result.emergency) sessionStorage.setItem("cf.emergency", JSON.stringify({ text: result.emergency, lang: result.emergencyLanguage }));
        else sessionStorage.removeItem("cf.emergency");
        location.assign(`/submitted?reference=${encodeURIComponent(result.reference)}`);
        return;
      }
      showErrors(result.errors || { text: [result.detail || t("form.failed")] });
    } catch {
      showErrors({ text: [t("form.failed")] });
    } finally {
      button.disabled = false;
      button.textContent = t("form.submit");
    }
  });
})();
