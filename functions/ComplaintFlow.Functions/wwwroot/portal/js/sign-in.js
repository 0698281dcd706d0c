// Development sign-in: sets a cookie holding an App Service-shaped principal, which the app turns into the
// X-MS-CLIENT-PRINCIPAL header, so the rest of the portal runs exactly as it does behind App Service Authentication.
"use strict";
(function () {
  // In the language this browser chose for the desk, else the browser's.
  window.CF_DESK_I18N.translatePage(document.querySelector("main"));
  const form = document.getElementById("sign-in-form");
  const target = new URLSearchParams(location.search).get("return");
  const safeTarget = target && target.startsWith("/portal") ? target : "/portal/";
  form.addEventListener("submit", async event => {
    event.preventDefault();
    const roles = [...form.querySelectorAll("input[name=roles]:checked")].map(r => r.value);
    const response = await fetch("/api/portal/dev/sign-in", {
      method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify({ name: form.elements.name.value.trim(), roles })
    });
    if (response.status === 204) {
      location.assign(safeTarget);
      return;
    }
    if (response.status === 404 || response.status === 405) {
      form.hidden = true;
      document.getElementById("azure").hidden = false;
      return;
    }
    const problem = await response.json().catch(() => ({}));
    form.querySelectorAll("[data-error-for]").forEach(s => { s.textContent = ""; });
    for (const [field, messages] of Object.entries(problem.errors || {})) {
      const slot = form.querySelector(`[data-error-for="${field}"]`);
      if (slot) slot.textContent = messages.join(" ");
    }
  });
})();
