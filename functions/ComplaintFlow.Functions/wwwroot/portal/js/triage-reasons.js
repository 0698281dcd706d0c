// Triage's reasons in the desk's language. The server writes each reason's description in English from the policy
// ("threatens to contact {match}"); the rule id is the stable key, so the desk translates by rule and keeps the
// customer's matched words exactly as written (marked with the complaint's language). A description that does not
// have the default policy's English shape (a deployment's own policy wording, an Azure warning) is shown as written.
"use strict";
window.CF_TRIAGE_REASONS = (function () {
  // Rule id → [English template of the default policy, 简体, 繁體]; {0} is the customer's words.
  const rules = {
    "safety": ["safety risk: {0}", "安全隐患：{0}", "安全隱患：{0}"],
    "safeguarding-self-harm": ["safeguarding: self-harm or suicide risk: {0}", "人身安全：有自伤或自杀风险：{0}", "人身安全：有自傷或自殺風險：{0}"],
    "safeguarding-medical-equipment": ["safeguarding: depends on medical equipment: {0}", "人身安全：依赖医疗设备：{0}", "人身安全：依賴醫療設備：{0}"],
    "safeguarding-no-power-or-heat": ["safeguarding: vulnerable person without power or heating: {0}", "人身安全：弱势人士断电或没有暖气：{0}", "人身安全：弱勢人士停電或沒有暖氣：{0}"],
    "safeguarding-violence": ["safeguarding: threat or fear of violence: {0}", "人身安全：暴力威胁或害怕遭受暴力：{0}", "人身安全：暴力威脅或害怕遭受暴力：{0}"],
    "outage": ["outage: {0}", "服务中断：{0}", "服務中斷：{0}"],
    "regulator-threat": ["threatens to contact {0}", "扬言向{0}投诉", "揚言向{0}投訴"],
    "external-complaint": ["has already gone to an outside body: {0}", "已向外部机构投诉：{0}", "已向外部機構投訴：{0}"],
    "compensation": ["demands compensation: {0}", "要求赔偿：{0}", "要求賠償：{0}"],
    "vulnerable": ["vulnerable customer: {0}", "弱势客户：{0}", "弱勢客戶：{0}"],
    "money": ["money at stake: {0}", "涉及金额：{0}", "涉及金額：{0}"]
  };
  // Descriptions that carry figures rather than the customer's words: English pattern → [简体, 繁體] ({0}, {1}... the figures).
  const figures = [
    [/^negative tone \((\d+(?:\.\d+)?) negative, ([^)]+)\)$/, "负面语气（负面 {0}，{1}）", "負面語氣（負面 {0}，{1}）", [null, "analyzer"]],
    [/^repeat contact \((\d+)(?:st|nd|rd|th) in (\d+) days\)$/, "重复投诉（{1} 天内第 {0} 次）", "重複投訴（{1} 天內第 {0} 次）"],
    // With the category model on (CategoryBlend): "category: Billing and charges (model 0.82; keywords 账单)".
    [/^category: (.+) \(model (\d+(?:\.\d+)?); keywords (.+)\)$/, "类别：{0}（模型 {1}；关键词 {2}）", "類別：{0}（模型 {1}；關鍵詞 {2}）", ["category"]],
    [/^category: (.+) \(model (\d+(?:\.\d+)?); no keyword\)$/, "类别：{0}（模型 {1}；没有关键词）", "類別：{0}（模型 {1}；沒有關鍵詞）", ["category"]],
    [/^category: (.+)$/, "类别：{0}", "類別：{0}", ["category"]],
    [/^model: (negative|neutral|positive) (\d+(?:\.\d+)?); lexicon: (-?\d+(?:\.\d+)?); model weight (\d+(?:\.\d+)?)$/,
      "模型：{0} {1}；词典：{2}；模型权重 {3}", "模型：{0} {1}；詞典：{2}；模型權重 {3}", ["sentiment"]],
    [/^model: (negative|neutral|positive) (\d+(?:\.\d+)?) \(not counted: no sentiment word for the lexicon\)$/,
      "模型：{0} {1}（未计入：词典没有找到情绪词）", "模型：{0} {1}（未計入：詞典沒有找到情緒詞）", ["sentiment"]],
    [/^(\S+) unavailable \(([^)]+)\): scored by the embedded lexicon$/, "{0} 不可用（{1}）：由内置词典评分", "{0} 無法使用（{1}）：由內置詞典評分", ["analyzer"]],
    [/^empty text: nothing to score$/, "内容为空：没有可评分的内容", "內容為空：沒有可評分的內容"],
    [/^HTML markup removed before scoring$/, "评分前已去除 HTML 标记", "評分前已移除 HTML 標記"],
    [/^long text: scored the first ([\d,]+) of ([\d,]+) characters$/, "内容过长：只评了前 {0} 个字符（共 {1} 个）", "內容過長：只評了前 {0} 個字元（共 {1} 個）"],
    [/^emoji only: scored from the emoji$/, "只有表情符号：按表情符号评分", "只有表情符號：按表情符號評分"],
    [/^no words found: scored as neutral$/, "没有找到文字：按中性评分", "沒有找到文字：按中性評分"],
    [/^unsupported language \((\S+) script\): sentiment neutral, rules applied to any English or Chinese keywords$/,
      "不支持的语言（{0} 文字）：情绪按中性计，规则仍查找其中的英文或中文关键词", "不支援的語言（{0} 文字）：情緒按中性計，規則仍查找其中的英文或中文關鍵詞", ["script"]],
    [/^mixed Chinese and English: both lexicons applied$/, "中英文混合：两种词典都已使用", "中英文混合：兩種詞典都已使用"]
  ];
  const analyzers = { lexicon: ["词典", "詞典"], "lexicon+model": ["词典+模型", "詞典+模型"], "azure-language": ["Azure AI 语言服务", "Azure AI 語言服務"] };
  const sentiments = { negative: ["负面", "負面"], neutral: ["中性", "中性"], positive: ["正面", "正面"] };
  const scripts = { Cyrillic: ["西里尔", "西里爾"], Japanese: ["日文", "日文"], Korean: ["韩文", "韓文"], Arabic: ["阿拉伯", "阿拉伯"] };
  const reply = ["客户回复：", "客戶回覆："];
  // The default policy's category labels, as the "category: …" reason names them.
  const categoryLabels = {
    "Billing and charges": "billing", "Network or service outage": "outage", "Product quality": "product-quality",
    "Staff attitude": "staff-attitude", "Mis-selling or marketing": "mis-selling", "Value-added or third-party services": "value-added",
    "Metering": "metering", "Delivery": "delivery"
  };

  const escape = text => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  function fill(template, values) {
    // Parts in order: text, and {words: …} for the customer's words kept as written.
    const parts = [];
    let rest = template;
    for (;;) {
      const m = /\{(\d+)\}/.exec(rest);
      if (!m) { if (rest) parts.push(rest); return parts; }
      if (m.index > 0) parts.push(rest.slice(0, m.index));
      parts.push(values[Number(m[1])]);
      rest = rest.slice(m.index + m[0].length);
    }
  }

  // The description in the desk's language as parts: strings, and {words} for what the customer wrote.
  function parts(rule, description, language) {
    if (language === "en" || !description) return [description || ""];
    const column = language === "zh-Hant" ? 1 : 0;
    if (description.startsWith("reply: ")) return [reply[column], ...parts(rule, description.slice("reply: ".length), language)];
    const known = rules[rule];
    if (known) {
      const [before, after] = known[0].split("{0}");
      const m = new RegExp(`^${escape(before)}([\\s\\S]+)${escape(after)}$`).exec(description);
      if (m) return fill(known[column + 1], [{ words: m[1] }]);
    }
    for (const [pattern, hans, hant, kinds] of figures) {
      const m = pattern.exec(description);
      if (!m) continue;
      const values = m.slice(1).map((value, i) => {
        switch ((kinds || [])[i]) {
          case "analyzer": return analyzers[value] ? analyzers[value][column] : value;
          case "sentiment": return sentiments[value] ? sentiments[value][column] : value;
          case "script": return scripts[value] ? scripts[value][column] : value;
          case "category": return categoryLabels[value] ? window.CF_DESK_I18N.category(categoryLabels[value]) : value;
          default: return value;
        }
      });
      return fill(column === 1 ? hant : hans, values);
    }
    return [description];
  }

  // Nodes for a reason: the customer's words carry the complaint's language (a screen reader reads them in it).
  function nodes(rule, description, language, customerLanguage) {
    return parts(rule, description, language).map(p => {
      if (typeof p === "string") return document.createTextNode(p);
      const span = document.createElement("span");
      span.className = "customer-words";
      if (customerLanguage) span.lang = customerLanguage;
      span.textContent = p.words;
      return span;
    });
  }

  // The "scored" event's explanation ("P1 because: a; b"), read back into the reasons it was made of: a reason's own
  // description can hold "; " (the model's note), so the known descriptions are taken whole before splitting.
  function explanation(text, reasons, language, customerLanguage) {
    if (language === "en" || !text) return [document.createTextNode(text || "")];
    const column = language === "zh-Hant" ? 1 : 0;
    const m = /^(P\d) because: ([\s\S]*)$/.exec(text);
    if (!m) return [document.createTextNode(text)];
    const because = [`${m[1]}，原因：`, `${m[1]}，原因：`][column];
    if (m[2] === "no urgency signals") return [document.createTextNode(because + ["没有紧急信号", "沒有緊急信號"][column])];
    const out = [document.createTextNode(because)];
    let rest = m[2];
    while (rest) {
      const reason = (reasons || []).find(r => rest === r.description || rest.startsWith(r.description + "; "));
      const description = reason ? reason.description : rest.split("; ")[0];
      out.push(...nodes(reason ? reason.rule : null, description, language, customerLanguage));
      rest = rest.slice(description.length);
      if (rest.startsWith("; ")) { rest = rest.slice(2); out.push(document.createTextNode("；")); }
    }
    return out;
  }

  return { parts, nodes, explanation };
})();
