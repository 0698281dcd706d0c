// The error pattern of the public pages (as on GOV.UK): a summary at the top of the form that takes focus and links
// to each field, and each field marked aria-invalid with its message in its aria-describedby. A message about a
// group (the contact rule: email or phone) marks every field that describes itself with it.
"use strict";
window.CF_ERRORS = (function () {
  function fieldsFor(form, slot) {
    return [...form.querySelectorAll("[aria-describedby]")].filter(el => el.getAttribute("aria-describedby").split(/\s+/).includes(slot.id));
  }

  function focusable(el) {
    return el.tagName === "FIELDSET" ? el.querySelector("input, select, textarea") : el;
  }

  // errors: { field: [message, ...] }. Returns nothing; an empty object clears the form's errors.
  function show(form, errors, heading) {
    const summary = form.querySelector(".summary");
    form.querySelectorAll("[data-error-for]").forEach(slot => { slot.textContent = ""; });
    form.querySelectorAll("[aria-invalid]").forEach(el => el.removeAttribute("aria-invalid"));
    const items = [];
    for (const [field, messages] of Object.entries(errors)) {
      const text = messages.join(" ");
      const slot = form.querySelector(`[data-error-for="${CSS.escape(field)}"]`);
      const fields = slot ? fieldsFor(form, slot) : [];
      if (slot) slot.textContent = text;
      fields.forEach(el => {
        el.setAttribute("aria-invalid", "true");
        if (el.tagName === "FIELDSET") el.querySelectorAll("input").forEach(i => i.setAttribute("aria-invalid", "true"));
      });
      const target = fields.length ? focusable(fields[0]) : null;
      const item = document.createElement("li");
      if (target) {
        const link = document.createElement("a");
        link.href = `#${target.id}`;
        link.textContent = text;
        // A fragment link only scrolls; the person wants to type in the field.
        link.addEventListener("click", event => { event.preventDefault(); target.focus(); });
        item.append(link);
      } else {
        item.textContent = text;
      }
      items.push(item);
    }
    if (!summary) return;
    summary.hidden = items.length === 0;
    if (items.length === 0) {
      summary.replaceChildren();
      return;
    }
    const title = document.createElement("h2");
    title.id = `${summary.id}-title`;
    title.textContent = heading;
    const list = document.createElement("ul");
    list.append(...items);
    summary.setAttribute("aria-labelledby", title.id);
    summary.replaceChildren(title, list);
    summary.focus();
  }

  return { show };
})();
