"use strict";
(function () {
  const reference = new URLSearchParams(location.search).get("reference") || "";
  document.getElementById("reference").textContent = reference;
  const sentTo = sessionStorage.getItem("cf.sentTo");
  if (sentTo) {
    const line = document.getElementById("sent-to");
    const render = () => {
      const [before, after] = window.CF_I18N.t("submitted.sentTo").split("{0}");
      const where = document.createElement("strong");
      where.textContent = sentTo;
      line.replaceChildren(before, where, after);
    };
    render();
    document.addEventListener("cf:language", render);
    line.hidden = false;
  }
  document.getElementById("status-link").href = `/status?reference=${encodeURIComponent(reference)}`;
})();
