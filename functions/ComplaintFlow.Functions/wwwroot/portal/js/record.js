// Records a complaint taken by phone or in person. One idempotency key per filled-in form: a double click or a
// retry after a network error records one complaint, and the agent who recorded it owns it.
// The call ends with a read-back (复述确认): the agent reads the record to the caller in the caller's language, and
// the complaint is recorded only when the caller confirms it; "Correct something" goes back to the form unchanged.
"use strict";
(async function () {
  const { api, el, t, problemOf, showFieldErrors } = window.CF;
  const form = document.getElementById("record-form");
  const banner = document.getElementById("banner");
  const readback = document.getElementById("readback");
  const key = crypto.randomUUID();
  await window.CF.start("record");

  // What the agent says, in the customer's language (not the desk's): the caller hears it.
  const script = {
    en: {
      open: "Let me read back what I have recorded.", name: "Your name: {0}", subject: "About: {0}", text: "What happened: {0}",
      place: "Where: {0}", account: "Account or number: {0}", eventTime: "It began: {0}", demand: "You would like: {0}",
      contact: "We will reply to: {0}", close: "Is that all correct?",
      demands: { repair: "repair or restore the service", refund: "a refund", apology: "an apology", compensation: "compensation", other: "something else" }
    },
    "zh-Hans": {
      open: "我跟您复述一下登记的内容：", name: "您的姓名：{0}", subject: "主题：{0}", text: "问题：{0}",
      place: "地点：{0}", account: "户号/号码：{0}", eventTime: "开始时间：{0}", demand: "您的诉求：{0}",
      contact: "我们将通过以下方式答复您：{0}", close: "请问以上内容是否正确？",
      demands: { repair: "维修或恢复服务", refund: "退款", apology: "道歉", compensation: "赔偿", other: "其他" }
    },
    "zh-Hant": {
      open: "我跟您覆述一下登記的內容：", name: "您的姓名：{0}", subject: "主旨：{0}", text: "問題：{0}",
      place: "地點：{0}", account: "戶號/號碼：{0}", eventTime: "開始時間：{0}", demand: "您的訴求：{0}",
      contact: "我們將透過以下方式答覆您：{0}", close: "請問以上內容是否正確？",
      demands: { repair: "維修或恢復服務", refund: "退款", apology: "道歉", compensation: "賠償", other: "其他" }
    }
  };

  const fields = ["name", "email", "phone", "subject", "text", "language", "place", "account", "eventTime", "demand", "demandAmount", "demandCurrency", "demandDetail"];
  function values() {
    const v = {};
    for (const f of fields) v[f] = form.elements[f].value.trim() || null;
    return v;
  }

  function showReadBack() {
    const v = values();
    const words = script[v.language] || script.en;
    const say = (template, value) => value ? el("p", {}, template.split("{0}").join(value)) : null;
    const demand = v.demand ? [words.demands[v.demand] || v.demand, v.demandAmount && `${v.demandAmount} ${v.demandCurrency || ""}`.trim(), v.demandDetail]
      .filter(Boolean).join(" · ") : (v.demandDetail || null);
    const target = document.getElementById("readback-script");
    target.lang = v.language || "en";
    target.replaceChildren(...[
      el("p", {}, words.open),
      say(words.name, v.name), say(words.subject, v.subject), say(words.text, v.text),
      say(words.place, v.place), say(words.account, v.account), say(words.eventTime, v.eventTime && v.eventTime.replace("T", " ")),
      say(words.demand, demand), say(words.contact, [v.email, v.phone].filter(Boolean).join(" / ")),
      el("p", {}, el("strong", {}, words.close))
    ].filter(Boolean));
    form.hidden = true;
    readback.hidden = false;
    readback.focus();
  }

  function backToForm() {
    readback.hidden = true;
    form.hidden = false;
  }

  function body(extra) {
    const b = { idempotencyKey: key, channel: form.elements.channel.value, ...values(), ...extra };
    // The date-time field holds the time the caller gave, in this desk's zone: sent as an instant.
    if (b.eventTime) b.eventTime = new Date(b.eventTime).toISOString();
    return b;
  }

  function refused(problem) {
    const unplaced = showFieldErrors(form, problem.errors);
    banner.hidden = false;
    banner.className = "banner problem";
    banner.textContent = [problem.title, problem.detail, ...unplaced].filter(Boolean).join(" ");
  }

  // The server checks the record first (nothing is written): the caller hears back only a record it will accept.
  form.addEventListener("submit", async event => {
    event.preventDefault();
    banner.hidden = true;
    const button = document.getElementById("record");
    button.disabled = true;
    try {
      const response = await api("/api/portal/complaints", { method: "POST", body: body({ checkOnly: true }) });
      if (response.ok) {
        showFieldErrors(form, {});
        showReadBack();
        return;
      }
      refused(await problemOf(response));
    } finally {
      button.disabled = false;
    }
  });

  document.getElementById("correct").addEventListener("click", () => {
    backToForm();
    form.elements.text.focus();
  });

  document.getElementById("confirm-record").addEventListener("click", async () => {
    const button = document.getElementById("confirm-record");
    button.disabled = true;
    try {
      const response = await api("/api/portal/complaints", { method: "POST", body: body({ readBackConfirmed: true }) });
      if (response.ok) {
        const accepted = await response.json();
        location.assign(`/portal/complaint.html?id=${encodeURIComponent(accepted.id)}`);
        return;
      }
      backToForm();
      refused(await problemOf(response));
    } finally {
      button.disabled = false;
    }
  });
  window.CF.ready();
})();
