// Reaching the customer from the complaint page: a call or visit recorded, an interim reply previewed and then sent
// through Notify, and "Resolve and send" showing the letter exactly as the customer will get it (written by the
// server with the notice's own templates) before it is sent. A confirmation is made against the version the page
// read, so a change since makes it stale instead of sending a letter nobody saw. A contact carries a key per
// submission of its form: sent twice (a double click, a retry after a lost answer), it is recorded once.
"use strict";
(function () {
  const { api, el, t, problemOf, showFieldErrors } = window.CF;
  const page = () => window.CF.complaintPage;
  const keys = new Map();

  function keyOf(form) {
    if (!keys.has(form)) keys.set(form, crypto.randomUUID());
    return keys.get(form);
  }

  function fields(form) {
    const body = {};
    for (const field of form.elements) if (field.name) body[field.name] = field.value;
    return body;
  }

  // Starting texts for an interim reply in the customer's language; the notice's template adds the greeting, the
  // reference and the status link around them.
  const templates = {
    progress: {
      en: "We are still looking into your complaint and have not forgotten you. We will write again as soon as we have an answer.",
      "zh-Hans": "我们仍在跟进您的投诉，没有忘记您。一有结果，我们会马上再联系您。",
      "zh-Hant": "我們仍在跟進您的投訴，沒有忘記您。一有結果，我們會馬上再聯絡您。"
    },
    information: {
      en: "To finish looking into your complaint we need more information from you: ",
      "zh-Hans": "为了完成对您投诉的处理，我们需要您补充以下信息：",
      "zh-Hant": "為了完成對您投訴的處理，我們需要您補充以下資料："
    },
    "after-call": {
      en: "Thank you for speaking with us today. As agreed on the phone: ",
      "zh-Hans": "感谢您今天接听我们的电话。按电话中的约定：",
      "zh-Hant": "感謝您今天接聽我們的電話。按電話中的約定："
    }
  };

  // The letters as the server wrote them, put in the page as text; the customer's language marks them for readers.
  function showLetters(container, letters, confirm) {
    const language = page().complaint.language || null;
    const heading = el("h3", { tabindex: "-1" }, t("The customer will get:"));
    container.replaceChildren(heading, ...letters.map(letter => el("article", { className: "letter", dataset: { channel: letter.channel } },
      el("p", {}, el("strong", {}, letter.channel === "email" ? t("Email to {0}", letter.to) : t("Text message to {0}", letter.to))),
      letter.subject ? el("p", { className: "letter-subject", lang: language }, letter.subject) : null,
      el("pre", { className: "letter-text", lang: language }, letter.text))));
    if (letters.length === 0) container.append(el("p", {}, t("Nothing will be sent: we have no email address or phone number for this customer.")));
    if (confirm.note) container.append(el("p", { className: "muted" }, confirm.note));
    const send = el("button", { type: "button", id: confirm.id }, confirm.label);
    const edit = el("button", { type: "button", className: "secondary", id: `${confirm.id}-edit` }, t("Change it"));
    send.addEventListener("click", async () => {
      send.disabled = true;
      try {
        await confirm.send();
      } finally {
        send.disabled = false;
      }
    });
    edit.addEventListener("click", () => { container.hidden = true; confirm.back.focus(); });
    container.append(el("p", { className: "letter-actions" }, send, " ", edit));
    container.hidden = false;
    heading.focus();
  }

  async function preview(form, path, body) {
    showFieldErrors(form, {});
    const response = await api(`/api/portal/complaints/${encodeURIComponent(page().id)}/${path}`, { method: "POST", body });
    if (response.ok) return (await response.json()).letters;
    const problem = await problemOf(response);
    const unplaced = showFieldErrors(form, problem.errors);
    if (response.status !== 400 || unplaced.length > 0) page().say("problem", [problem.title, problem.detail, ...unplaced].filter(Boolean).join(" "));
    return null;
  }

  function wire() {
    const contact = document.getElementById("contact-form");
    contact.addEventListener("submit", async event => {
      event.preventDefault();
      if (await page().act("contacts", { ...fields(contact), idempotencyKey: keyOf(contact) }, contact)) keys.delete(contact);
    });

    const interim = document.getElementById("interim-form");
    const interimPreview = document.getElementById("interim-preview");
    const text = document.getElementById("interim-text");
    document.getElementById("interim-template").addEventListener("change", event => {
      const chosen = templates[event.target.value];
      if (chosen) text.value = chosen[page().complaint.language] || chosen.en;
    });
    interim.addEventListener("submit", async event => {
      event.preventDefault();
      const body = { ...fields(interim), idempotencyKey: keyOf(interim) };
      const letters = await preview(interim, "interim/preview", body);
      if (!letters) return;
      showLetters(interimPreview, letters, {
        id: "interim-send", label: t("Send to the customer"), back: text,
        send: async () => {
          if (await page().act("interim", body, interim)) {
            keys.delete(interim);
            interimPreview.hidden = true;
          }
        }
      });
    });

    const resolve = document.getElementById("resolve-form");
    const resolvePreview = document.getElementById("resolve-preview");
    resolve.addEventListener("submit", async event => {
      event.preventDefault();
      const body = fields(resolve);
      const letters = await preview(resolve, "resolve/preview", body);
      if (!letters) return;
      showLetters(resolvePreview, letters, {
        id: "resolve-confirm", label: t("Confirm: resolve and send"), back: document.getElementById("resolution-text"),
        note: t("The survey follows once this has been sent."),
        send: async () => {
          if (await page().act("resolve", body, resolve)) resolvePreview.hidden = true;
        }
      });
    });

    // What was previewed is what is sent: any change to a form takes its preview (and its key) away.
    for (const [form, shown] of [[contact, null], [interim, interimPreview], [resolve, resolvePreview]]) {
      const changed = () => {
        keys.delete(form);
        if (shown) shown.hidden = true;
      };
      form.addEventListener("input", changed);
      form.addEventListener("change", changed);
    }

    // The complaint as rendered: a channel the customer has no address for cannot be chosen; no interim reply once resolved.
    document.addEventListener("cf:complaint", event => {
      const c = event.detail.complaint;
      const closed = c.status === "Resolved" || c.status === "Closed";
      interim.hidden = closed || (!c.contact.email && !c.contact.phone);
      const channel = document.getElementById("interim-channel");
      channel.querySelector("option[value=email]").disabled = !c.contact.email;
      channel.querySelector("option[value=sms]").disabled = !c.contact.phone;
      if (channel.selectedOptions[0]?.disabled) channel.value = c.contact.email ? "email" : "sms";
      text.lang = c.language || "";
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", wire);
  else wire();
})();
