// Page text in the three languages we serve. The chosen language is remembered in localStorage.
"use strict";
window.CF_I18N = (function () {
  const texts = {
    "zh-Hans": {
      "form.pageTitle": "提交投诉 · ComplaintFlow", "status.pageTitle": "查询投诉进度 · ComplaintFlow", "submitted.pageTitle": "已收到您的投诉 · ComplaintFlow", "survey.pageTitle": "满意度调查 · ComplaintFlow",
      "lang.nav": "语言", "errors.heading": "提交的内容有问题",
      "status.needReference": "请输入确认信息中的投诉编号，例如 CF-ABCDE-12345。", "status.needContact": "请输入您提交时留下的邮箱或手机号。",
      "survey.chooseScore": "请选择满意程度（1 到 5）。", "submitted.sentTo": "含此编号的确认信息将发送至 {0}。", "submitted.emergencyTitle": "如果有人正处于危险中",
      brand: "ComplaintFlow 投诉中心",
      "resolution.pageTitle": "查看投诉答复 · ComplaintFlow", "resolution.title": "查看投诉答复",
      "resolution.intro": "为保护您的隐私，请先确认您的手机号码。我们会发送一条含 6 位验证码的短信。",
      "resolution.phone": "您给我们发短信所用的手机号码", "resolution.sendCode": "发送验证码", "resolution.needPhone": "请输入您给我们发短信所用的手机号码。",
      "resolution.codeSent": "如果该号码是此投诉的号码，我们已发送验证码短信，10 分钟内有效。", "resolution.code": "6 位验证码", "resolution.read": "查看答复",
      "resolution.needCode": "请输入短信中的 6 位验证码。", "resolution.wrongCode": "验证码不正确或已失效，请重新获取验证码。",
      "resolution.failed": "操作失败，请稍后再试。", "resolution.shown": "以下是我们的书面答复。", "resolution.letterTitle": "我们的书面答复",
      "resolution.corrective": "我们采取的改进措施", "resolution.compensation": "补偿", "resolution.rights": "如果您对答复不满意",
      "resolution.noReferral": "您可以回复短信告诉我们，我们会重新处理您的投诉。",
      "form.title": "提交投诉", "form.intro": "请告诉我们发生了什么。我们会在 24 小时内确认收到，并全程负责处理。",
      "form.name": "姓名（可选）", "form.email": "电子邮箱", "form.phone": "手机号码",
      "form.contactHint": "邮箱和手机号至少填写一项，以便我们答复您。", "form.subject": "主题（可选）",
      "form.text": "投诉内容", "form.submit": "提交", "form.statusLink": "查询投诉进度",
      "form.sending": "正在提交…", "form.failed": "提交失败，请稍后再试。", "form.fix": "请修改标出的内容后再提交。",
      "v.contact": "请留下电子邮箱或电话号码，以便我们答复您。", "v.email": "请输入有效的电子邮箱地址，例如 name@example.com。",
      "v.text": "请描述您遇到的问题。",
      "form.recordLegend": "帮助我们更快处理（均为可选）", "form.place": "发生地点或地址", "form.account": "户号、表号或电话号码",
      "form.accountHint": "问题涉及的账户、电表或电话线路号码。", "form.eventTime": "问题开始的时间", "form.eventTimeHint": "例如 2026-03-01 14:30。只知道日期也可以。",
      "form.demand": "您希望我们怎样处理", "form.demandNone": "（不选择）", "form.demandRepair": "维修或恢复服务", "form.demandRefund": "退款",
      "form.demandApology": "道歉", "form.demandCompensation": "赔偿", "form.demandOther": "其他", "form.demandAmount": "金额（赔偿或退款，可选）",
      "form.demandCurrency": "币种（如 CNY、HKD）", "form.demandDetail": "补充说明您的诉求（可选）",
      "v.amount": "请以大于零的数字填写金额，例如 200 或 49.50。", "v.amountDemand": "填写金额时，请选择“赔偿”或“退款”。",
      "submitted.title": "我们已收到您的投诉", "submitted.reference": "您的投诉编号：",
      "submitted.next": "我们会在 24 小时内通过您留下的联系方式确认并答复。请保存投诉编号，以便查询进度。",
      "status.title": "查询投诉进度", "status.reference": "投诉编号", "status.contact": "您提交时留下的邮箱或手机号",
      "status.lookup": "查询", "status.notFound": "没有找到与该编号和联系方式匹配的投诉。",
      "status.status": "状态", "status.received": "受理时间", "status.replyBy": "最迟答复时间", "status.resolveBy": "预计解决时间", "status.resolvedAt": "解决时间", "status.statutoryBy": "最终答复法定期限",
      "status.in-progress": "处理中", "status.waiting-on-you": "等待您的回复", "status.resolved": "已解决", "status.closed": "已结案",
      "survey.title": "请评价我们的处理", "survey.question": "您对我们处理这次投诉的方式满意吗？",
      "survey.s1": "1 非常不满意", "survey.s2": "2 不满意", "survey.s3": "3 一般", "survey.s4": "4 满意", "survey.s5": "5 非常满意",
      "survey.comment": "意见（可选）", "survey.submit": "提交评价", "survey.thanks": "谢谢您的评价。",
      "survey.callback": "很抱歉让您失望了。我们已重新打开您的投诉，会尽快回电。", "survey.failed": "提交失败，请稍后再试。"
    },
    "zh-Hant": {
      "form.pageTitle": "提交投訴 · ComplaintFlow", "status.pageTitle": "查詢投訴進度 · ComplaintFlow", "submitted.pageTitle": "已收到您的投訴 · ComplaintFlow", "survey.pageTitle": "滿意度調查 · ComplaintFlow",
      "lang.nav": "語言", "errors.heading": "提交的內容有問題",
      "status.needReference": "請輸入確認訊息中的投訴編號，例如 CF-ABCDE-12345。", "status.needContact": "請輸入您提交時留下的電子郵件或手機號碼。",
      "survey.chooseScore": "請選擇滿意程度（1 到 5）。", "submitted.sentTo": "含此編號的確認訊息將傳送至 {0}。", "submitted.emergencyTitle": "如果有人正處於危險中",
      brand: "ComplaintFlow 投訴中心",
      "resolution.pageTitle": "查看投訴答覆 · ComplaintFlow", "resolution.title": "查看投訴答覆",
      "resolution.intro": "為保護您的私隱，請先確認您的手機號碼。我們會傳送一則含 6 位驗證碼的短訊。",
      "resolution.phone": "您傳短訊給我們所用的手機號碼", "resolution.sendCode": "傳送驗證碼", "resolution.needPhone": "請輸入您傳短訊給我們所用的手機號碼。",
      "resolution.codeSent": "如果該號碼是此投訴的號碼，我們已傳送驗證碼短訊，10 分鐘內有效。", "resolution.code": "6 位驗證碼", "resolution.read": "查看答覆",
      "resolution.needCode": "請輸入短訊中的 6 位驗證碼。", "resolution.wrongCode": "驗證碼不正確或已失效，請重新取得驗證碼。",
      "resolution.failed": "操作失敗，請稍後再試。", "resolution.shown": "以下是我們的書面答覆。", "resolution.letterTitle": "我們的書面答覆",
      "resolution.corrective": "我們採取的改善措施", "resolution.compensation": "補償", "resolution.rights": "如果您對答覆不滿意",
      "resolution.noReferral": "您可以回覆短訊告訴我們，我們會重新處理您的投訴。",
      "form.title": "提交投訴", "form.intro": "請告訴我們發生了甚麼。我們會在 24 小時內確認收到，並全程負責處理。",
      "form.name": "姓名（可選）", "form.email": "電子郵件", "form.phone": "手機號碼",
      "form.contactHint": "電子郵件和手機號碼至少填寫一項，以便我們答覆您。", "form.subject": "主旨（可選）",
      "form.text": "投訴內容", "form.submit": "提交", "form.statusLink": "查詢投訴進度",
      "form.sending": "正在提交…", "form.failed": "提交失敗，請稍後再試。", "form.fix": "請修改標示的內容後再提交。",
      "v.contact": "請留下電子郵件或電話號碼，以便我們答覆您。", "v.email": "請輸入有效的電子郵件地址，例如 name@example.com。",
      "v.text": "請描述您遇到的問題。",
      "form.recordLegend": "幫助我們更快處理（均為可選）", "form.place": "發生地點或地址", "form.account": "戶號、錶號或電話號碼",
      "form.accountHint": "問題涉及的帳戶、電錶或電話線路號碼。", "form.eventTime": "問題開始的時間", "form.eventTimeHint": "例如 2026-03-01 14:30。只知道日期也可以。",
      "form.demand": "您希望我們怎樣處理", "form.demandNone": "（不選擇）", "form.demandRepair": "維修或恢復服務", "form.demandRefund": "退款",
      "form.demandApology": "道歉", "form.demandCompensation": "賠償", "form.demandOther": "其他", "form.demandAmount": "金額（賠償或退款，可選）",
      "form.demandCurrency": "幣種（如 HKD、MOP）", "form.demandDetail": "補充說明您的訴求（可選）",
      "v.amount": "請以大於零的數字填寫金額，例如 200 或 49.50。", "v.amountDemand": "填寫金額時，請選擇「賠償」或「退款」。",
      "submitted.title": "我們已收到您的投訴", "submitted.reference": "您的投訴編號：",
      "submitted.next": "我們會在 24 小時內透過您留下的聯絡方式確認並答覆。請保存投訴編號，以便查詢進度。",
      "status.title": "查詢投訴進度", "status.reference": "投訴編號", "status.contact": "您提交時留下的電子郵件或手機號碼",
      "status.lookup": "查詢", "status.notFound": "找不到與該編號和聯絡方式相符的投訴。",
      "status.status": "狀態", "status.received": "受理時間", "status.replyBy": "最遲答覆時間", "status.resolveBy": "預計解決時間", "status.resolvedAt": "解決時間", "status.statutoryBy": "最終答覆法定期限",
      "status.in-progress": "處理中", "status.waiting-on-you": "等待您的回覆", "status.resolved": "已解決", "status.closed": "已結案",
      "survey.title": "請評價我們的處理", "survey.question": "您對我們處理這次投訴的方式滿意嗎？",
      "survey.s1": "1 非常不滿意", "survey.s2": "2 不滿意", "survey.s3": "3 一般", "survey.s4": "4 滿意", "survey.s5": "5 非常滿意",
      "survey.comment": "意見（可選）", "survey.submit": "提交評價", "survey.thanks": "謝謝您的評價。",
      "survey.callback": "很抱歉讓您失望了。我們已重新開啟您的投訴，會盡快回電。", "survey.failed": "提交失敗，請稍後再試。"
    },
    en: {
      "form.pageTitle": "Make a complaint · ComplaintFlow", "status.pageTitle": "Check a complaint · ComplaintFlow", "submitted.pageTitle": "Complaint received · ComplaintFlow", "survey.pageTitle": "How did we do? · ComplaintFlow",
      "lang.nav": "Language", "errors.heading": "There is a problem",
      "status.needReference": "Enter the reference from your confirmation, like CF-ABCDE-12345.", "status.needContact": "Enter the email address or phone number you gave.",
      "survey.chooseScore": "Choose how satisfied you are, from 1 to 5.", "submitted.sentTo": "An acknowledgement with this reference is on its way to {0}.", "submitted.emergencyTitle": "If anyone is in danger",
      brand: "ComplaintFlow complaints",
      "resolution.pageTitle": "Read our answer · ComplaintFlow", "resolution.title": "Read our answer to your complaint",
      "resolution.intro": "To protect your privacy, first confirm your mobile number. We will text you a 6-digit code.",
      "resolution.phone": "The mobile number you texted us from", "resolution.sendCode": "Text me a code", "resolution.needPhone": "Enter the mobile number you texted us from.",
      "resolution.codeSent": "If this is the complaint's number, we have texted you a code. It works for 10 minutes.", "resolution.code": "6-digit code", "resolution.read": "Show the answer",
      "resolution.needCode": "Enter the 6-digit code from our text.", "resolution.wrongCode": "That code is wrong or no longer works. Ask for a new code.",
      "resolution.failed": "Something went wrong. Please try again.", "resolution.shown": "Here is our written answer.", "resolution.letterTitle": "Our written answer",
      "resolution.corrective": "What we changed", "resolution.compensation": "Compensation", "resolution.rights": "If you are not satisfied",
      "resolution.noReferral": "Reply to our text to tell us, and we will look at your complaint again.",
      "form.title": "Make a complaint", "form.intro": "Tell us what went wrong. We confirm receipt within 24 hours and stay responsible until it is resolved.",
      "form.name": "Name (optional)", "form.email": "Email", "form.phone": "Mobile phone",
      "form.contactHint": "Give at least an email address or a phone number so we can reply.", "form.subject": "Subject (optional)",
      "form.text": "Your complaint", "form.submit": "Submit", "form.statusLink": "Check the status of a complaint",
      "form.sending": "Sending…", "form.failed": "We could not send your complaint. Please try again.", "form.fix": "Please correct the marked fields.",
      "v.contact": "Give an email address or a phone number so we can reply to you.", "v.email": "Enter a valid email address, like name@example.com.",
      "v.text": "Tell us what went wrong.",
      "form.recordLegend": "Help us deal with it faster (all optional)", "form.place": "Where it happened (place or address)", "form.account": "Account, meter or phone line number",
      "form.accountHint": "The account, meter or phone line the complaint is about.", "form.eventTime": "When the problem began", "form.eventTimeHint": "For example 2026-03-01 14:30. A date alone is fine.",
      "form.demand": "What you would like us to do", "form.demandNone": "(not chosen)", "form.demandRepair": "Repair or restore the service", "form.demandRefund": "Refund",
      "form.demandApology": "Apology", "form.demandCompensation": "Compensation", "form.demandOther": "Something else", "form.demandAmount": "Sum (compensation or refund, optional)",
      "form.demandCurrency": "Currency (like GBP, CNY)", "form.demandDetail": "Say more about what you want (optional)",
      "v.amount": "Enter the sum as a number greater than zero, like 200 or 49.50.", "v.amountDemand": "A sum goes with a request for compensation or a refund: choose one of them.",
      "submitted.title": "We have received your complaint", "submitted.reference": "Your complaint reference:",
      "submitted.next": "We will confirm and reply within 24 hours using the contact details you gave. Keep the reference to check progress.",
      "status.title": "Check a complaint", "status.reference": "Reference", "status.contact": "The email or phone you gave",
      "status.lookup": "Check", "status.notFound": "No complaint matches this reference and contact.",
      "status.status": "Status", "status.received": "Received", "status.replyBy": "Reply by", "status.resolveBy": "Expected resolution", "status.resolvedAt": "Resolved", "status.statutoryBy": "Final response due by law",
      "status.in-progress": "In progress", "status.waiting-on-you": "Waiting for your reply", "status.resolved": "Resolved", "status.closed": "Closed",
      "survey.title": "How did we do?", "survey.question": "How satisfied are you with how we handled your complaint?",
      "survey.s1": "1 Very dissatisfied", "survey.s2": "2 Dissatisfied", "survey.s3": "3 Neutral", "survey.s4": "4 Satisfied", "survey.s5": "5 Very satisfied",
      "survey.comment": "Comment (optional)", "survey.submit": "Send", "survey.thanks": "Thank you for your answer.",
      "survey.callback": "We are sorry we let you down. We have reopened your complaint and will call you back soon.", "survey.failed": "We could not send your answer. Please try again."
    }
  };
  const supported = Object.keys(texts);
  // Chosen by lang-early.js before the first paint (saved choice, else the browser's language).
  let lang = supported.includes(window.CF_LANG_INITIAL) ? window.CF_LANG_INITIAL : "zh-Hans";
  function t(key) { return (texts[lang] && texts[lang][key]) || texts.en[key] || key; }
  function apply() {
    document.documentElement.lang = lang;
    document.querySelectorAll("[data-i18n]").forEach(el => { el.textContent = t(el.dataset.i18n); });
    document.querySelectorAll("[data-i18n-label]").forEach(el => el.setAttribute("aria-label", t(el.dataset.i18nLabel)));
    document.querySelectorAll("[data-lang]").forEach(b => b.setAttribute("aria-pressed", String(b.dataset.lang === lang)));
    const field = document.getElementById("language");
    if (field) field.value = lang;
    document.dispatchEvent(new CustomEvent("cf:language", { detail: lang }));
    document.documentElement.removeAttribute("data-i18n-pending");
  }
  function set(value) { if (supported.includes(value)) { lang = value; localStorage.setItem("cf.lang", value); apply(); } }
  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("[data-lang]").forEach(b => b.addEventListener("click", () => set(b.dataset.lang)));
    apply();
  });
  return { t, set, get language() { return lang; } };
})();
