// Runs before the page is first painted (not deferred): decides the reader's language, and when it is not the one
// the page was written in, hides the page until i18n.js has swapped its text, so nothing moves under the reader's
// eyes (no layout shift). Without script nothing is hidden; css/site.css shows the page after 2 s whatever happens.
window.CF_LANG_INITIAL = (function () {
  const supported = ["zh-Hans", "zh-Hant", "en"];
  let lang = "zh-Hans";
  try {
    const saved = localStorage.getItem("cf.lang");
    if (supported.includes(saved)) lang = saved;
    else {
      const nav = (navigator.language || "zh-Hans").toLowerCase();
      if (nav.startsWith("en")) lang = "en";
      else if (nav === "zh-tw" || nav === "zh-hk" || nav.startsWith("zh-hant")) lang = "zh-Hant";
    }
  } catch (e) { /* storage refused: the browser's language decides */ }
  if (lang !== document.documentElement.lang) document.documentElement.setAttribute("data-i18n-pending", "");
  return lang;
})();
