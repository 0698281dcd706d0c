"use strict";
(function () {
  const reference = new URLSearchParams(location.search).get("reference") || "";
  document.getElementById("reference").textContent = reference;
  document.getElementById("status-link").href = `/status?reference=${encodeURIComponent(reference)}`;
})();
