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
  const emergency = JSON.parse(sessionStorage.getItem("cf.emergency") || "null");
  if (emergency && emergency.text) {
    const box = document.getElementById("emergency");
    const text = document.getElementById("emergency-text");
    text.textContent = emergency.text;
    text.lang = emergency.lang || "";
    box.hidden = false;
  }
  document.getElementById("status-link").href = `/status?reference=${encodeURIComponent(reference)}`;
})();
