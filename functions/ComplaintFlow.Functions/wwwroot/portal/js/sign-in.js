// Development sign-in: sets a cookie holding an App Service-shaped principal, which the app turns into the
// X-MS-CLIENT-PRINCIPAL header, so the rest of the portal runs exactly as it does behind App Service Authentication.
"use strict";
(function () {
  // In the language this browser chose for the desk, else the browser's.
  window.CF_DESK_I18N.translatePage(document.querySelector("main"));
  const form = document.getElementById("sign-in-form");
  const target = new URLSearchParams(location.search).get("return");
  const safeTarget = target && target.startsWith("/portal") ? target : "/portal/";
  const banner = document.getElementById("banner");
  form.addEventListener("submit", async event => {
    event.preventDefault();
    banner.hidden = true;
    const roles = [...form.querySelectorAll("input[name=roles]:checked")].map(r => r.value);
    // Not yet signed in: CF.api sends no anti-forgery token, and asks for the desk's language for the errors.
    const response = await window.CF.api("/api/portal/dev/sign-in", {
      method: "POST", body: { name: form.elements.name.value.trim(), roles }
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
    // The error pattern of every desk form: a summary that takes focus and links to each field, the field marked
    // aria-invalid with its message in aria-describedby; anything not about a field goes in the banner.
    const problem = await window.CF.problemOf(response);
    const unplaced = window.CF.showFieldErrors(form, problem.errors);
    if (unplaced.length > 0 || Object.keys(problem.errors).length === 0) {
      banner.textContent = [problem.title, problem.detail, ...unplaced].filter(Boolean).join(" ");
      banner.hidden = false;
    }
  });
  window.CF.ready();
})();
