// The desk's words in English, simplified and traditional Chinese. The English text is the key: pages are written in
// English, and CF_DESK_I18N.t("Owned by {0}", name) gives the chosen language's version ({0}, {1}... filled in).
// The page's fixed text (headings, labels, buttons, options, placeholders) is translated once, before any data is
// put in the page, so a customer's words are never touched. Dates are not formatted here: the desk's API writes them
// (dateTexts) in the staff member's language and the desk's time zone, with the zone named.
"use strict";
window.CF_DESK_I18N = (function () {
  const supported = ["en", "zh-Hans", "zh-Hant"];
  const names = { en: "English", "zh-Hans": "简体中文", "zh-Hant": "繁體中文" };
  // English: [简体, 繁體]
  const words = {
    // Header and shared
    "Complaint desk": ["投诉处理台", "投訴處理台"],
    "Skip to content": ["跳到正文", "跳到正文"],
    "Queues": ["队列", "隊列"],
    "Desk pages": ["处理台页面", "處理台頁面"],
    "Overdue": ["已超时", "已逾時"],
    "Due soon": ["即将到期", "即將到期"],
    "Unassigned": ["未分派", "未分派"],
    "Escalated": ["已升级", "已升級"],
    "Mine": ["我的", "我的"],
    "Not reached": ["未联系上", "未聯絡上"],
    "Customer not reached": ["未联系上客户", "未聯絡上客戶"],
    " complaints": [" 件投诉", " 件投訴"],
    "Record a complaint": ["登记投诉", "登記投訴"],
    "Dashboard": ["统计看板", "統計看板"],
    "Data rights": ["个人数据权利", "個人資料權利"],
    "Calendars": ["工作日历", "工作日曆"],
    "supervisor": ["主管", "主管"],
    "agent": ["坐席", "客服專員"],
    "Sign out": ["退出登录", "登出"],
    "Language": ["语言", "語言"],
    "Your account has no portal role (agent or supervisor).": ["您的账号没有处理台角色（坐席或主管）。", "您的帳號沒有處理台角色（客服專員或主管）。"],
    "There is a problem": ["有需要修改的内容", "有需要修改的內容"],
    "{0} d {1} h": ["{0} 天 {1} 小时", "{0} 天 {1} 小時"],
    "{0} h {1} min": ["{0} 小时 {1} 分钟", "{0} 小時 {1} 分鐘"],
    "{0} min": ["{0} 分钟", "{0} 分鐘"],
    "overdue by {0}": ["已超时 {0}", "已逾時 {0}"],
    "{0} left": ["剩余 {0}", "剩餘 {0}"],
    "Not allowed.": ["不允许此操作。", "不允許此操作。"],
    "Not possible in this state.": ["当前状态下无法执行。", "目前狀態下無法執行。"],
    "This complaint was changed since you opened it.": ["您打开此投诉后，它已被修改。", "您開啟此投訴後，它已被修改。"],
    "Complaint not found.": ["找不到该投诉。", "找不到該投訴。"],
    "The complaint could not be accepted.": ["提交的内容有误。", "提交的內容有誤。"],
    // Values from the API
    "Web": ["网页", "網頁"], "Email": ["电子邮件", "電子郵件"], "Sms": ["短信", "簡訊"], "SMS": ["短信", "簡訊"], "Phone": ["电话", "電話"],
    "InPerson": ["现场", "現場"], "In person": ["现场", "現場"],
    "Received": ["受理", "受理"], "Open": ["处理中", "處理中"], "WaitingOnCustomer": ["等待客户", "等待客戶"], "Resolved": ["已解决", "已解決"], "Closed": ["已结案", "已結案"],
    "acknowledge": ["确认受理", "確認受理"], "first-response": ["首次答复", "首次答覆"], "resolve": ["解决", "解決"], "callback": ["回访", "回訪"],
    "acknowledgement": ["确认受理", "確認受理"], "first-contact": ["首次联系", "首次聯絡"], "resolution": ["解决", "解決"],
    "internal": ["内部", "內部"],
    "Acknowledgement": ["受理确认", "受理確認"], "Resolution": ["处理结果", "處理結果"], "Holding": ["进度说明", "進度說明"], "Survey": ["满意度调查", "滿意度調查"], "StaffAlert": ["员工提醒", "員工提醒"], "AccessCode": ["验证码", "驗證碼"],
    "Pending": ["待发送", "待傳送"], "Sending": ["发送中", "傳送中"], "Sent": ["已发送", "已傳送"], "Delivered": ["已送达", "已送達"], "Failed": ["失败", "失敗"], "NotSent": ["未发送", "未傳送"],
    "received": ["已受理", "已受理"], "scored": ["已评分", "已評分"], "notified": ["已通知", "已通知"], "notification-failed": ["通知失败", "通知失敗"],
    "not-reached": ["未联系上", "未聯絡上"], "delivery": ["送达回执", "送達回執"], "assigned": ["已分派", "已分派"], "note": ["备注", "備註"],
    "paused": ["已暂停", "已暫停"], "resumed": ["已恢复", "已恢復"], "recalculated": ["已重算", "已重算"], "priority-changed": ["优先级已更改", "優先級已更改"],
    "warned": ["预警", "預警"], "escalated": ["已升级", "已升級"], "holding-notice": ["进度说明", "進度說明"], "resolved": ["已解决", "已解決"],
    "reopened": ["已重新打开", "已重新開啟"], "survey": ["满意度调查", "滿意度調查"], "customer-reply": ["客户回复", "客戶回覆"], "attachment-not-kept": ["附件未保存", "附件未儲存"],
    "access-code-requested": ["已发送查看验证码", "已傳送查閱驗證碼"], "resolution-read": ["客户已查阅处理结果", "客戶已查閱處理結果"],
    "exported": ["已导出", "已匯出"], "erased": ["已删除", "已刪除"], "compensation": ["补偿", "補償"],
    "met": ["已达成", "已達成"], "running": ["进行中", "進行中"], "overdue": ["已超时", "已逾時"],
    // Queue
    "Queue": ["队列", "隊列"], "Category": ["类别", "類別"], "Channel": ["渠道", "渠道"], "any": ["全部", "全部"], "Priority": ["优先级", "優先級"],
    "Owner": ["负责人", "負責人"], "Regulatory profile": ["监管规则", "監管規則"], "Sort by": ["排序", "排序"], "deadline": ["期限", "期限"],
    "priority": ["优先级", "優先級"], "Apply": ["筛选", "篩選"], "Export CSV": ["导出 CSV", "匯出 CSV"], "Pause updates": ["暂停刷新", "暫停重新整理"],
    "Resume updates": ["恢复刷新", "恢復重新整理"], "Reference": ["投诉编号", "投訴編號"], "Status": ["状态", "狀態"], "Next deadline": ["下一期限", "下一期限"],
    "Due": ["到期时间", "到期時間"], "Time": ["剩余时间", "剩餘時間"], "unassigned": ["未分派", "未分派"], "not reached": ["未联系上", "未聯絡上"],
    "A notice did not reach the customer": ["有通知未送达客户", "有通知未送達客戶"],
    "paused (waiting on customer)": ["已暂停（等待客户）", "已暫停（等待客戶）"], "Nothing in this queue.": ["此队列为空。", "此隊列為空。"],
    "{0} complaint(s), as of {1}": ["共 {0} 件投诉，截至 {1}", "共 {0} 件投訴，截至 {1}"],
    "{0} new complaint(s)": ["新增 {0} 件投诉", "新增 {0} 件投訴"], "{0} left the queue": ["{0} 件已离开队列", "{0} 件已離開隊列"],
    "{0}: {1} complaints": ["{0}：{1} 件投诉", "{0}：{1} 件投訴"],
    // Find and browse (search.html and the header's search box)
    "Find and browse": ["查找与浏览", "查找與瀏覽"], "Quick search": ["快速搜索", "快速搜尋"],
    "Search complaints": ["搜索投诉", "搜尋投訴"], "Search": ["搜索", "搜尋"], "Views": ["视图", "檢視"], "All open": ["全部处理中", "全部處理中"],
    "My open complaints": ["我的处理中投诉", "我的處理中投訴"], "Open, nobody owns": ["处理中、无人负责", "處理中、無人負責"],
    "all": ["全部", "全部"], "open": ["处理中", "處理中"], "newest first": ["最新优先", "最新優先"], "oldest first": ["最早优先", "最早優先"],
    "Reference, phone number in any format, email address, name, or words of the complaint (English or Chinese).":
      ["投诉编号、任意格式的电话号码、电子邮件地址、姓名，或投诉内容中的词语（中文或英文）。", "投訴編號、任意格式的電話號碼、電子郵件地址、姓名，或投訴內容中的詞語（中文或英文）。"],
    "Owner: a user name, \"me\" or \"none\".": ["负责人：用户名，或填 \"me\"（我）、\"none\"（无人负责）。", "負責人：使用者名稱，或填 \"me\"（我）、\"none\"（無人負責）。"],
    "Age": ["已受理时长", "已受理時長"], "Escalation": ["升级原因", "升級原因"],
    "SLA breached, tier {0}": ["时限已超，第 {0} 级升级", "時限已超，第 {0} 級升級"], "ExternalRisk": ["有外部投诉风险", "有外部投訴風險"], "External": ["已向外部投诉", "已向外部投訴"],
    "(erased)": ["（已删除）", "（已刪除）"], "More results": ["更多结果", "更多結果"], "No complaint matches.": ["没有符合条件的投诉。", "沒有符合條件的投訴。"],
    "{0} shown; there are more.": ["已显示 {0} 件，还有更多。", "已顯示 {0} 件，還有更多。"], "{0} found.": ["共找到 {0} 件。", "共找到 {0} 件。"],
    "Find complaints · Complaint desk": ["查找投诉 · 投诉处理台", "查找投訴 · 投訴處理台"],
    // Complaint page
    "Complaint": ["投诉", "投訴"], "What the customer wrote": ["客户原文", "客戶原文"], "Later messages": ["后续来信", "後續來信"],
    "Attachments": ["附件", "附件"], "File": ["文件", "檔案"], "Type": ["类型", "類型"], "Size": ["大小", "大小"], "Stored as": ["存储位置", "儲存位置"],
    "Not kept: {0}": ["未保存：{0}", "未儲存：{0}"], "unknown type": ["类型不明", "類型不明"],
    "over-limit": ["超出附件数量或大小限制", "超出附件數量或大小限制"], "not-provider-host": ["不在短信服务商的媒体地址，未下载", "不在短訊服務商的媒體地址，未下載"],
    "not-fetchable": ["无法从短信服务商取得", "無法從短訊服務商取得"],
    "Scores": ["评分", "評分"], "Clocks": ["时限", "時限"], "Deadline": ["期限", "期限"], "Clock": ["计时规则", "計時規則"], "State": ["状态", "狀態"],
    "Timeline": ["处理记录", "處理記錄"], "Notifications": ["通知", "通知"], "Kind": ["类型", "類型"], "Requested": ["请求时间", "請求時間"], "Delivery": ["送达情况", "送達情況"],
    "Ownership": ["负责人", "負責人"], "Claim": ["认领", "認領"], "Assign to": ["分派给", "分派給"], "user name": ["用户名", "使用者名稱"], "Assign": ["分派", "分派"],
    "Note": ["备注", "備註"], "Internal note (never shown to the customer)": ["内部备注（不会给客户看到）", "內部備註（不會給客戶看到）"], "Add note": ["添加备注", "新增備註"],
    "Waiting on the customer": ["等待客户", "等待客戶"], "What we asked them for": ["我们向客户要了什么", "我們向客戶要了甚麼"], "Pause internal clock": ["暂停内部计时", "暫停內部計時"],
    "Customer answered: resume": ["客户已回复：恢复计时", "客戶已回覆：恢復計時"], "Compensation": ["补偿", "補償"], "Amount": ["金额", "金額"], "Currency": ["币种", "幣別"],
    "Reason": ["原因", "原因"], "Accepted by the customer": ["客户已接受", "客戶已接受"], "Record compensation": ["记录补偿", "記錄補償"], "Resolve": ["解决", "解決"],
    "Written resolution (sent to the customer)": ["书面处理结果（将发送给客户）", "書面處理結果（將傳送給客戶）"], "Root cause": ["根本原因", "根本原因"],
    "Corrective action": ["整改措施", "整改措施"], "Resolve and send": ["解决并发送", "解決並傳送"], "Reopen": ["重新打开", "重新開啟"], "Why": ["原因", "原因"],
    "Change priority": ["更改优先级", "更改優先級"], "New priority": ["新的优先级", "新的優先級"], "Why the priority changes": ["更改原因", "更改原因"],
    // Correcting triage's category or sentiment (complaint-triage.js)
    "Correct the category or sentiment": ["更正类别或情绪", "更正類別或情緒"], "Sentiment": ["情绪", "情緒"], "Note (optional)": ["备注（选填）", "備註（選填）"],
    "Save the correction": ["保存更正", "儲存更正"], "Correction": ["更正", "更正"],
    "category-corrected": ["类别已更正", "類別已更正"], "sentiment-corrected": ["情绪已更正", "情緒已更正"],
    "Staff correct triage: the lists, search, dashboard and the category model use the corrected value; the priority stays (change it above).":
      ["人工更正分诊结果：列表、搜索、统计和类别模型都将使用更正后的值；优先级不变（如需更改请用上方的“更改优先级”）。", "人工更正分流結果：列表、搜尋、統計和類別模型都會使用更正後的值；優先級不變（如需更改請用上方的「更改優先級」）。"],
    "Change priority and re-plan deadlines": ["更改优先级并重排期限", "更改優先級並重排期限"],
    "Customer": ["客户", "客戶"], "(no name)": ["（未留姓名）", "（未留姓名）"], "Acknowledged": ["确认受理时间", "確認受理時間"],
    "Original as received": ["收到的原始内容", "收到的原始內容"], "Received at": ["受理时间", "受理時間"],
    "urgency {0} · sentiment {1} · category {2} · escalation {3}": ["紧急度 {0} · 情绪 {1} · 类别 {2} · 升级风险 {3}", "緊急度 {0} · 情緒 {1} · 類別 {2} · 升級風險 {3}"],
    "Not scored yet.": ["尚未评分。", "尚未評分。"], "provisional": ["暂定", "暫定"],
    "Counted past the end of the holiday calendar: the date may move once next year's holidays are entered.": ["计算超出了节假日日历的范围：录入明年的节假日后，日期可能变动。", "計算超出了節假日日曆的範圍：錄入明年的節假日後，日期可能變動。"],
    "met {0}": ["{0} 达成", "{0} 達成"], " (late)": ["（逾期）", "（逾期）"],
    "Written resolution": ["书面处理结果", "書面處理結果"], "Resolved by": ["处理人", "處理人"], "accepted": ["已接受", "已接受"], "offered": ["已提出", "已提出"],
    "from {0} to {1}": ["从 {0} 转给 {1}", "從 {0} 轉給 {1}"], "to {0}": ["给 {0}", "給 {0}"], "via {0} ({1})": ["经由{0}（{1}）", "經由{0}（{1}）"],
    "{0} by {1}": ["{0}，经由{1}", "{0}，經由{1}"], "root cause {0}": ["根本原因 {0}", "根本原因 {0}"], " · corrective action: {0}": [" · 整改措施：{0}", " · 整改措施：{0}"],
    "score {0}/5": ["评分 {0}/5", "評分 {0}/5"], " (dissatisfied: callback)": ["（不满意：需回访）", "（不滿意：需回訪）"],
    "{0} by {1} did not reach the customer: {2}": ["{0}（{1}）未送达客户：{2}", "{0}（{1}）未送達客戶：{2}"], "unknown": ["原因不明", "原因不明"],
    " · no other channel: call the customer": [" · 没有其他渠道：请致电客户", " · 沒有其他渠道：請致電客戶"], " · sent by {0} instead": [" · 已改用{0}发送", " · 已改用{0}傳送"],
    "from {0}": ["来自 {0}", "來自 {0}"], "from (sender not recorded)": ["来自（未记录发件人）", "來自（未記錄寄件人）"], "{0} bytes": ["{0} 字节", "{0} 位元組"],
    "No other channel is known: call the customer and record the call under Contact the customer.": ["没有其他已知渠道：请致电客户，并在“联系客户”中记录这次通话。", "沒有其他已知渠道：請致電客戶，並在「聯絡客戶」中記錄這次通話。"],
    "The same notice is on its way by {0} instead.": ["同一通知已改用{0}发送。", "同一通知已改用{0}傳送。"], "Customer not reached. ": ["未联系上客户。", "未聯絡上客戶。"],
    "Log a call": ["记录来电", "記錄來電"], "Called the customer (not reached by notice): ": ["已致电客户（通知未送达）：", "已致電客戶（通知未送達）："],
    "sent {0}": ["{0} 已发送", "{0} 已傳送"], "delivered (sent {0})": ["已送达（{0} 发送）", "已送達（{0} 傳送）"], "not sent: {0}": ["未发送：{0}", "未傳送：{0}"],
    "not delivered: {0}": ["未送达：{0}", "未送達：{0}"], "None yet.": ["暂无。", "暫無。"], "Owned by {0}": ["负责人：{0}", "負責人：{0}"],
    "Nobody owns this complaint yet.": ["此投诉尚无负责人。", "此投訴尚無負責人。"], "Saved: {0}.": ["已保存：{0}。", "已儲存：{0}。"], "Reload": ["重新加载", "重新載入"],
    "claim": ["认领", "認領"], "assign": ["分派", "分派"], "notes": ["备注", "備註"], "wait": ["等待客户", "等待客戶"], "resume": ["恢复计时", "恢復計時"],
    "reopen": ["重新打开", "重新開啟"],
    "Choose a member of staff": ["选择员工", "選擇員工"], "Unknown member of staff.": ["没有这名员工。", "沒有這名員工。"],
    // Teams: assigning to a team, its queue and view, the rows of work lists
    "Team": ["小组", "小組"], "Keep its team": ["保留原小组", "保留原小組"], "any team": ["任何小组", "任何小組"],
    "In the queue of {0}.": ["在{0}的队列中。", "在{0}的隊列中。"], "team: {0}": ["小组：{0}", "小組：{0}"],
    "from {0} to the team's queue": ["由 {0} 转入小组队列", "由 {0} 轉入小組隊列"], "to the team's queue": ["转入小组队列", "轉入小組隊列"],
    "{0}: team queue": ["{0}：小组队列", "{0}：小組隊列"], "{0}: all open": ["{0}：全部处理中", "{0}：全部處理中"],
    "Show more": ["显示更多", "顯示更多"], "{0} of {1} complaint(s) shown, as of {2}": ["已显示 {0} / {1} 件投诉，截至 {2}", "已顯示 {0} / {1} 件投訴，截至 {2}"],
    "{0}: due {1} (was {2})": ["{0}：期限改为 {1}（原为 {2}）", "{0}：期限改為 {1}（原為 {2}）"],
    // Dashboard
    "Last": ["最近", "最近"], "7 days": ["7 天", "7 天"], "30 days": ["30 天", "30 天"], "90 days": ["90 天", "90 天"], "365 days": ["365 天", "365 天"], "Show": ["显示", "顯示"],
    "Poison queues (supervisors only)": ["毒消息队列（仅主管）", "毒訊息隊列（僅主管）"],
    "Messages the pipeline gave up on after every retry, and why. Replaying puts one back on its queue; work already done is not done twice.": ["多次重试后仍处理失败的消息及原因。重放会把消息放回原队列；已完成的工作不会重复执行。", "多次重試後仍處理失敗的訊息及原因。重放會把訊息放回原隊列；已完成的工作不會重複執行。"],
    "Parked": ["搁置时间", "擱置時間"], "Volume by day and channel": ["每日各渠道投诉量", "每日各渠道投訴量"], "By category": ["按类别", "按類別"],
    "SLA compliance per clock": ["各时限达标情况", "各時限達標情況"], "Root causes": ["根本原因", "根本原因"], "Response times (hours)": ["响应时间（小时）", "回應時間（小時）"],
    "Count": ["数量", "數量"], "Median": ["中位数", "中位數"], "p90": ["90 分位", "90 百分位"], "Escalations": ["升级", "升級"], "Redress": ["补偿", "補償"],
    "Offered": ["已提出", "已提出"], "Accepted": ["已接受", "已接受"], "Cases": ["件数", "件數"], "Top repeat complainants": ["重复投诉最多的客户", "重複投訴最多的客戶"],
    "Contact": ["联系方式", "聯絡方式"], "Complaints": ["投诉数", "投訴數"], "Staff (supervisors only)": ["员工（仅主管）", "員工（僅主管）"],
    "Median resolution (h)": ["解决用时中位数（小时）", "解決用時中位數（小時）"], "No data.": ["无数据。", "無資料。"], "Show the data": ["显示数据", "顯示資料"],
    "none": ["无", "無"], "{0} and {1}": ["{0}和{1}", "{0}和{1}"], "None.": ["无。", "無。"],
    "{0} complaint(s) received; average survey score {1}.": ["共受理 {0} 件投诉；满意度平均分 {1}。", "共受理 {0} 件投訴；滿意度平均分 {1}。"],
    "Complaints received per day by channel over {0} day(s): {1}.": ["{0} 天内每日各渠道受理的投诉：{1}。", "{0} 天內每日各渠道受理的投訴：{1}。"],
    "Complaints by category: {0}.": ["按类别统计的投诉：{0}。", "按類別統計的投訴：{0}。"],
    "Deadlines per clock: {0} met on time, {1} late, {2} running.": ["各时限：{0} 个按时达成，{1} 个逾期，{2} 个进行中。", "各時限：{0} 個按時達成，{1} 個逾期，{2} 個進行中。"],
    "Root causes of resolved complaints: {0}.": ["已解决投诉的根本原因：{0}。", "已解決投訴的根本原因：{0}。"],
    "on time": ["按时", "按時"], "late": ["逾期", "逾期"], "resolved complaints": ["已解决的投诉", "已解決的投訴"], "First response": ["首次答复", "首次答覆"],
    "Replay": ["重放", "重放"], "Replay all": ["全部重放", "全部重放"], "{0} in {1}": ["{1} 中共 {0} 条", "{1} 中共 {0} 則"],
    "Replayed {0} message(s) to {1}.": ["已把 {0} 条消息重放到 {1}。", "已把 {0} 則訊息重放到 {1}。"], "Nothing in the poison queues.": ["毒消息队列为空。", "毒訊息隊列為空。"],
    "moved by the host, no reason recorded": ["由宿主移入，未记录原因", "由主機移入，未記錄原因"], "{0}: {1} after {2} attempt(s)": ["{0}：{1}，已尝试 {2} 次", "{0}：{1}，已嘗試 {2} 次"],
    "Enter the holidays": ["录入节假日", "錄入節假日"], "Ask a supervisor to enter the holidays.": ["请主管录入节假日。", "請主管錄入節假日。"],
    // Record
    "Record a phone or in-person complaint": ["登记电话或现场投诉", "登記電話或現場投訴"], "How did the customer complain?": ["客户通过什么方式投诉？", "客戶透過甚麼方式投訴？"],
    "Customer name": ["客户姓名", "客戶姓名"], "Subject": ["主题", "主旨"], "What the customer told us": ["客户反映的内容", "客戶反映的內容"],
    "Customer's language": ["客户的语言", "客戶的語言"], "Record complaint": ["登记投诉", "登記投訴"],
    // Data rights
    "Data rights: export or erase a contact": ["个人数据权利：导出或删除某联系人的数据", "個人資料權利：匯出或刪除某聯絡人的資料"],
    "Email address or phone number": ["电子邮箱或电话号码", "電子郵件或電話號碼"], "Find complaints": ["查找投诉", "查找投訴"],
    "Download export (ZIP)": ["下载导出文件（ZIP）", "下載匯出檔案（ZIP）"], "Erase this contact": ["删除此联系人的数据", "刪除此聯絡人的資料"],
    "Removes the complaint text, subject, name, email, phone, replies, attachments and raw payloads of every complaint listed, and the staff notes on them. Statistics (channel, category, priority, deadlines, root cause, compensation amounts) stay. This cannot be undone.": ["删除所列每件投诉的内容、主题、姓名、邮箱、电话、回复、附件和原始数据，以及员工备注。统计数据（渠道、类别、优先级、期限、根本原因、补偿金额）保留。此操作无法撤销。", "刪除所列每件投訴的內容、主旨、姓名、電郵、電話、回覆、附件和原始資料，以及員工備註。統計資料（渠道、類別、優先級、期限、根本原因、補償金額）保留。此操作無法復原。"],
    "Type ERASE to confirm": ["输入 ERASE 以确认", "輸入 ERASE 以確認"], "Erase": ["删除", "刪除"],
    "Only supervisors can export or erase a contact's data.": ["只有主管可以导出或删除联系人的数据。", "只有主管可以匯出或刪除聯絡人的資料。"],
    // Compensation approval
    "Compensation awaiting approval": ["待批准的补偿", "待核准的補償"], "Awaiting approval": ["待批准", "待核准"],
    "Awaiting approval · Complaint desk": ["待批准 · 投诉处理台", "待核准 · 投訴處理台"],
    " · above the limit ({0}): awaiting a supervisor's approval": ["；超出额度（{0}）：等待主管批准", "；超出額度（{0}）：等待主管核准"],
    "compensation {0} ({1}) recorded by {2}": ["第 {0} 笔补偿（{1}），由 {2} 记录", "第 {0} 筆補償（{1}），由 {2} 記錄"],
    "compensation-approved": ["补偿已批准", "補償已核准"], "compensation-rejected": ["补偿已驳回", "補償已駁回"],
    "awaiting approval": ["待批准", "待核准"], "approved": ["已批准", "已核准"], "rejected": ["已驳回", "已駁回"],
    "recorded by {0}, {1}": ["由 {0} 记录，{1}", "由 {0} 記錄，{1}"],
    "Above your limit: waiting for a supervisor's approval. It is not offered to the customer until then.": ["超出您的额度：等待主管批准。批准前不会向客户提出。", "超出您的額度：等待主管核准。核准前不會向客戶提出。"],
    "You recorded this compensation: another supervisor must approve or reject it.": ["这笔补偿是您记录的，须由另一位主管批准或驳回。", "這筆補償是您記錄的，須由另一位主管核准或駁回。"],
    "Approve {0}": ["批准 {0}", "核准 {0}"], "Why it is rejected": ["驳回原因", "駁回原因"], "Reject": ["驳回", "駁回"],
    "Only supervisors approve compensation.": ["只有主管可以批准补偿。", "只有主管可以核准補償。"],
    "Compensation above its recorder's limit, oldest first. Open the complaint to approve or reject it; nobody decides their own.": ["超出记录人额度的补偿，按时间先后排列。打开投诉即可批准或驳回；任何人都不能审批自己记录的补偿。", "超出記錄人額度的補償，按時間先後排列。開啟投訴即可核准或駁回；任何人都不能審批自己記錄的補償。"],
    "Recorded by": ["记录人", "記錄人"], "Recorded at": ["记录时间", "記錄時間"], "nobody": ["无人", "無人"],
    "{0} (you: another supervisor decides)": ["{0}（您本人：由另一位主管审批）", "{0}（您本人：由另一位主管審批）"],
    "No compensation is awaiting approval.": ["没有待批准的补偿。", "沒有待核准的補償。"],
    // Attachments and held-mail decisions
    "released": ["已放行", "已放行"], "discarded": ["已丢弃", "已丟棄"],
    "Released by {0}, {1}, into ": ["由 {0} 于 {1} 放行，进入投诉 ", "由 {0} 於 {1} 放行，進入投訴 "],
    "Discarded by {0}, {1}: {2}": ["由 {0} 于 {1} 丢弃：{2}", "由 {0} 於 {1} 丟棄：{2}"],
    "Release into a complaint": ["放行为投诉", "放行為投訴"],
    "Add to complaint (reference; empty opens a complaint of its own)": ["加入投诉（填写编号；留空则另立新投诉）", "加入投訴（填寫編號；留空則另立新投訴）"],
    "Release": ["放行", "放行"], "Discard": ["丢弃", "丟棄"], "Why it is discarded": ["丢弃原因", "丟棄原因"],
    "Released into {0}.": ["已放行，进入投诉 {0}。", "已放行，進入投訴 {0}。"], "Discarded.": ["已丢弃。", "已丟棄。"],
    "No such held mail.": ["没有这封暂扣的邮件。", "沒有這封暫扣的郵件。"],
    "Attachment not found.": ["找不到该附件。", "找不到該附件。"], "The stored file is not the one recorded.": ["保存的文件与记录不符。", "儲存的檔案與記錄不符。"],
    // Calendars
    "Business calendars": ["工作日历", "工作日曆"], "Calendar": ["日历", "日曆"], "Year": ["年份", "年份"], "Holidays": ["节假日", "節假日"],
    "Every holiday span of the year, as published. A saved year replaces the whole year.": ["按官方公布录入全年每段节假日。保存后会替换该年全部数据。", "按官方公佈錄入全年每段節假日。儲存後會替換該年全部資料。"],
    "Name": ["名称", "名稱"], "From": ["开始", "開始"], "To": ["结束", "結束"], "Add a holiday": ["添加节假日", "新增節假日"], "Make-up working days": ["调休上班日", "調休上班日"],
    "Weekend days worked in lieu.": ["周末调休上班的日子。", "週末調休上班的日子。"], "Date": ["日期", "日期"], "Add a make-up day": ["添加调休上班日", "新增調休上班日"],
    "Source notice (the published notice the schedule comes from)": ["来源通知（安排所依据的公告）", "來源通知（安排所依據的公告）"],
    "Recompute open complaints (their working-day deadlines move onto this calendar)": ["重算未结投诉（其按工作日计算的期限改用此日历）", "重算未結投訴（其按工作日計算的期限改用此日曆）"],
    "Save the year": ["保存该年", "儲存該年"], "Changes": ["修改记录", "修改記錄"], "Make-up days": ["调休上班日", "調休上班日"], "Source": ["来源", "來源"],
    "By": ["修改人", "修改人"], "When": ["时间", "時間"], "Remove": ["删除", "刪除"], "Holiday name": ["节假日名称", "節假日名稱"], "First day": ["第一天", "第一天"],
    "Last day": ["最后一天", "最後一天"], "Make-up day": ["调休上班日", "調休上班日"], "Only supervisors can change the business calendars.": ["只有主管可以修改工作日历。", "只有主管可以修改工作日曆。"],
    "No year of this calendar was entered in the desk yet.": ["尚未在处理台录入此日历的任何年份。", "尚未在處理台錄入此日曆的任何年份。"],
    // Ignored and held mail
    "Ignored and held mail": ["已忽略和暂扣的邮件", "已忽略和暫扣的郵件"],
    "Only supervisors can see ignored and held mail.": ["只有主管可以查看已忽略和暂扣的邮件。", "只有主管可以查看已忽略和暫扣的郵件。"],
    "Mail that opened no complaint: machine mail that was ignored and mail held for a person to look at. Each is explained as the email webhook decided it, the same explanation scripts/explain-email prints.":
      ["未生成投诉的邮件：被忽略的系统自动邮件，以及暂扣待人工查看的邮件。每封邮件的说明与邮件接收接口的判定一致，也与 scripts/explain-email 输出的说明相同。",
        "未產生投訴的郵件：被忽略的系統自動郵件，以及暫扣待人工查看的郵件。每封郵件的說明與郵件接收介面的判定一致，也與 scripts/explain-email 輸出的說明相同。"],
    "Held for review": ["暂扣待查", "暫扣待查"],
    "List and bulk mail, mail without a usable sender, replies from someone who is not the complaint's contact, mail over the attachment limits.":
      ["邮件列表和群发邮件、没有可用发件人的邮件、并非投诉联系人发来的回复、附件超出限制的邮件。", "郵件清單和群發郵件、沒有可用寄件人的郵件、並非投訴聯絡人寄來的回覆、附件超出限制的郵件。"],
    "Ignored machine mail": ["已忽略的系统自动邮件", "已忽略的系統自動郵件"],
    "Bounces, delay notices, feedback reports, read receipts, auto-replies and challenge-response mail: no complaint and no acknowledgement.":
      ["退信、延迟通知、投诉反馈报告、已读回执、自动回复和发件人验证邮件：不生成投诉，也不发送受理确认。", "退信、延遲通知、投訴回饋報告、已讀回條、自動回覆和寄件人驗證郵件：不產生投訴，也不傳送受理確認。"],
    "Bounce (delivery failed)": ["退信（投递失败）", "退信（投遞失敗）"], "Delay notice": ["延迟投递通知", "延遲投遞通知"],
    "Feedback (spam) report": ["垃圾邮件投诉反馈", "垃圾郵件投訴回饋"], "Read receipt": ["已读回执", "已讀回條"], "Auto-reply": ["自动回复", "自動回覆"],
    "Challenge-response (sender verification)": ["发件人验证（质询回复）", "寄件人驗證（挑戰回應）"], "Null sender (machine mail)": ["空发件人（系统邮件）", "空寄件人（系統郵件）"],
    "No usable sender": ["没有可用的发件人", "沒有可用的寄件人"], "Sent from our own address": ["由我方地址发出", "由我方地址寄出"],
    "List or bulk mail": ["邮件列表或群发邮件", "郵件清單或群發郵件"], "Spam score over the limit": ["垃圾邮件评分超限", "垃圾郵件評分超限"],
    "Attachments over the limit": ["附件超出限制", "附件超出限制"], "Not a usable complaint": ["内容无法作为投诉受理", "內容無法作為投訴受理"],
    "Reply from someone who is not the complaint's contact": ["非投诉联系人发来的回复", "非投訴聯絡人寄來的回覆"], "New complaint": ["新投诉", "新投訴"],
    "Reply (to our reply address)": ["回复（发至我方回复地址）", "回覆（寄至我方回覆地址）"], "Reply (reference in the subject)": ["回复（主题含投诉编号）", "回覆（主旨含投訴編號）"],
    "Reply to one of our notices": ["对我方通知的回复", "對我方通知的回覆"], "Reply (reference in the text)": ["回复（正文含投诉编号）", "回覆（內文含投訴編號）"],
    "Opens a complaint": ["生成投诉", "產生投訴"], "Added to a complaint": ["追加到投诉", "追加到投訴"], "Ignored": ["已忽略", "已忽略"],
    "Refused (not a message)": ["已拒收（不是邮件）", "已拒收（不是郵件）"], "Already received": ["已收到过", "已收到過"],
    "Outcome": ["处理结果", "處理結果"], "Detail": ["详情", "詳情"], "Sender": ["发件人", "寄件人"],
    "(none)": ["（无）", "（無）"], "(not detected)": ["（未识别）", "（未識別）"], "(no sender)": ["（无发件人）", "（無寄件人）"], "(no subject)": ["（无主题）", "（無主旨）"],
    "Arrived at": ["接收时间", "接收時間"], "What the desk would show as the customer's words": ["处理台会显示为客户原话的内容", "處理台會顯示為客戶原話的內容"],
    "No attachments.": ["没有附件。", "沒有附件。"], "No ignored mail in the last {0} days.": ["最近 {0} 天没有被忽略的邮件。", "最近 {0} 天沒有被忽略的郵件。"],
    "{0} (UTC day)": ["{0}（UTC 日期）", "{0}（UTC 日期）"],
    "No mail held for review.": ["没有暂扣待查的邮件。", "沒有暫扣待查的郵件。"],
    "Ignored and held mail · Complaint desk": ["已忽略和暂扣的邮件 · 投诉处理台", "已忽略和暫扣的郵件 · 投訴處理台"],
    // Contacting the customer before the resolution (complaint-contact.js)
    "Contact the customer": ["联系客户", "聯絡客戶"], "How": ["方式", "方式"], "Phone call": ["电话", "電話"], "Visit": ["上门", "上門"],
    "What came of it": ["结果", "結果"], "Spoke with the customer": ["已与客户通话", "已與客戶通話"], "No answer": ["无人接听", "無人接聽"],
    "Left a message": ["已留言", "已留言"], "What was said": ["沟通内容", "溝通內容"], "Record contact": ["记录联系", "記錄聯絡"],
    "Interim reply": ["阶段性答复", "階段性答覆"], "Send by": ["发送方式", "傳送方式"], "Text message": ["短信", "短訊"],
    "Start from a template (in the customer's language)": ["从模板开始（使用客户的语言）", "從範本開始（使用客戶的語言）"], "None": ["不用模板", "不用範本"],
    "We are looking into it": ["我们正在处理", "我們正在處理"], "We need more information": ["需要客户补充信息", "需要客戶補充資料"],
    "After our call": ["通话之后", "通話之後"], "Message to the customer": ["给客户的话", "給客戶的話"], "Preview the reply": ["预览答复", "預覽答覆"],
    "The customer will get:": ["客户将收到：", "客戶將收到："], "Email to {0}": ["发往 {0} 的电子邮件", "寄往 {0} 的電子郵件"],
    "Text message to {0}": ["发往 {0} 的短信", "傳往 {0} 的短訊"], "Send to the customer": ["发送给客户", "傳送給客戶"],
    "Change it": ["返回修改", "返回修改"], "Confirm: resolve and send": ["确认：解决并发送", "確認：解決並傳送"],
    "Nothing will be sent: we have no email address or phone number for this customer.": ["不会发送任何内容：我们没有该客户的电子邮箱或电话号码。", "不會傳送任何內容：我們沒有該客戶的電子郵箱或電話號碼。"],
    "The survey follows once this has been sent.": ["发送成功后，会再发送满意度调查。", "傳送成功後，會再傳送滿意度調查。"],
    "contacts": ["联系记录", "聯絡記錄"], "interim": ["阶段性答复", "階段性答覆"], "contact": ["联系客户", "聯絡客戶"], "Interim": ["阶段性答复", "階段性答覆"],
    "phone": ["电话", "電話"], "visit": ["上门", "上門"], "email": ["电子邮件", "電子郵件"], "sms": ["短信", "短訊"],
    "reached": ["已联系上", "已聯絡上"], "no-answer": ["无人接听", "無人接聽"], "left-message": ["已留言", "已留言"], "queued": ["待发送", "待傳送"],
    // Follow-up (回访) and the dashboard's rates (complaint-follow-up.js, dashboard.js)
    "Follow-up": ["回访", "回訪"], "Record the follow-up": ["登记回访", "登記回訪"], "Message": ["留言/短信", "留言/短訊"],
    "Result of the follow-up": ["回访结果", "回訪結果"], "Satisfied": ["满意", "滿意"], "Not satisfied: reopen": ["不满意：重新打开", "不滿意：重新開啟"],
    "Record follow-up": ["保存回访", "儲存回訪"], "Follow-up of {0}": ["{0} 处理结果的回访", "{0} 處理結果的回訪"], "{0} by {1}, {2}": ["{0}（{1}，{2}）", "{0}（{1}，{2}）"],
    "owed by {0}": ["须于 {0} 前回访", "須於 {0} 前回訪"], "Try {0}": ["第 {0} 次", "第 {0} 次"], "try {0}": ["第 {0} 次", "第 {0} 次"], "due {0}": ["期限 {0}", "期限 {0}"],
    "satisfied": ["满意", "滿意"], "not-satisfied": ["不满意", "不滿意"], "unreachable": ["无法联系", "無法聯絡"], "call": ["电话", "電話"], "message": ["留言/短信", "留言/短訊"],
    "follow-up": ["回访", "回訪"], "follow-up-planned": ["已安排回访", "已安排回訪"], "follow-up-attempt": ["回访尝试", "回訪嘗試"], "follow-up-completed": ["回访完成", "回訪完成"],
    "closed": ["已结案", "已結案"], "Progress": ["进展反馈", "進展回饋"], "progress-notice": ["进展反馈", "進展回饋"], "sent to the customer": ["已发给客户", "已發給客戶"],
    "not needed: the customer heard from us on {0}": ["无需发送：已于 {0} 联系过客户", "無需傳送：已於 {0} 聯絡過客戶"],
    "Download the rates (CSV)": ["下载各项比率（CSV）", "下載各項比率（CSV）"], "Follow-up and satisfaction": ["回访与满意度", "回訪與滿意度"],
    "Rate": ["指标", "指標"], "Of": ["总数", "總數"], "On-time rate per clock": ["各时限及时率", "各時限及時率"], "On time": ["按时", "按時"], "Late": ["逾期", "逾期"],
    "Running": ["进行中", "進行中"], "Follow-up rate": ["回访率", "回訪率"], "Satisfied share": ["满意率", "滿意率"], "Survey response rate": ["问卷回复率", "問卷回覆率"],
    "Follow-ups on time": ["回访及时率", "回訪及時率"], "The period is not valid.": ["统计期间有误。", "統計期間有誤。"],
    // Safeguarding
    "Safeguarding: someone may be at risk": ["安全保障：可能有人处于危险中", "安全保障：可能有人處於危險中"],
    "Contact the customer now, before anything else on this page. If anyone is in danger, call the emergency services. What set it off:":
      ["请立即联系客户，先于本页其他任何事项。如有人身处危险，请拨打紧急求助电话。触发原因：", "請立即聯絡客戶，先於本頁其他任何事項。如有人身處危險，請撥打緊急求助電話。觸發原因："],
    // Escalation by authority (escalation.js)
    "Escalated to supervisor": ["超权限请示", "超權限請示"], "Escalate by authority": ["超权限请示", "超權限請示"],
    "authority-escalated": ["已提交请示", "已提交請示"], "authority-taken-over": ["主管已接手", "主管已接手"], "authority-returned": ["主管已退回", "主管已退回"],
    "Beyond my authority": ["超出我的权限", "超出我的權限"], "Compensation above my limit": ["补偿超出我的额度", "補償超出我的額度"],
    "Customer asks for a manager": ["客户要求主管处理", "客戶要求主管處理"], "Legal matter": ["涉及法律事务", "涉及法律事務"],
    "Why it needs a supervisor": ["请示原因", "請示原因"], "Choose a reason": ["请选择原因", "請選擇原因"],
    "Note for the supervisor (optional)": ["给主管的说明（可选）", "給主管的說明（選填）"], "Escalate to a supervisor": ["提交主管请示", "提交主管請示"],
    "escalated by {0}, {1}": ["由 {0} 于 {1} 提交请示", "由 {0} 於 {1} 提交請示"],
    "Waiting for a supervisor to take it over or return it.": ["等待主管接手或退回。", "等待主管接手或退回。"],
    "Why you take it over": ["接手原因", "接手原因"], "Take over": ["接手", "接手"], "Note for the agent": ["给坐席的处理意见", "給客服專員的處理意見"],
    "Return to the agent": ["退回坐席", "退回客服專員"], "taken over": ["已接手", "已接手"], "returned": ["已退回", "已退回"],
    // Handling guidance
    "How to handle this": ["处理要点", "處理要點"],
    // Difficult contacts (contact-flags.js) and threats routed to supervisors (escalation.js)
    "Threat of violence": ["暴力威胁", "暴力威脅"],
    "routed to supervisors by triage, {0}": ["系统分拣后于 {0} 提交主管", "系統分流後於 {0} 提交主管"],
    "Difficult contact": ["特殊客户", "特殊客戶"], "Flagged contact: handle as agreed": ["已标记客户：按商定方案处理", "已標記客戶：按商定方案處理"],
    "Habitual complainant": ["反复投诉客户（投诉为生型）", "反覆投訴客戶（投訴為生型）"],
    "Abusive or threatening contact": ["言行过激或威胁的客户", "言行過激或威脅的客戶"],
    "until {0}": ["有效期至 {0}", "有效期至 {0}"], "Why: ": ["原因：", "原因："], "Handling plan:": ["处理方案：", "處理方案："],
    "flagged by {0}, {1}": ["由 {0} 于 {1} 标记", "由 {0} 於 {1} 標記"],
    "Why lift it now": ["提前解除的原因", "提前解除的原因"], "Lift the flag": ["解除标记", "解除標記"],
    "Kind of contact": ["客户类型", "客戶類型"], "Choose": ["请选择", "請選擇"],
    "Why (what they did, with dates)": ["原因（客户的言行及日期）", "原因（客戶的言行及日期）"],
    "Handling plan (one step per line)": ["处理方案（每行一步）", "處理方案（每行一步）"], "Ends on": ["截止日期", "截止日期"],
    "Flag this contact": ["标记该客户", "標記該客戶"], "contact flagged": ["已标记客户", "已標記客戶"], "flag lifted": ["已解除标记", "已解除標記"],
    "contact-flagged": ["标记客户", "標記客戶"], "contact-flag-lifted": ["解除客户标记", "解除客戶標記"],
    // 4W1H record card and the read-back of a recorded call
    "Record card": ["登记卡", "登記卡"], "Where": ["地点", "地點"], "Account or number": ["户号/号码", "戶號/號碼"], "Began": ["开始时间", "開始時間"],
    "Demand": ["诉求", "訴求"], "In the customer's words": ["客户原话", "客戶原話"], "read from the message": ["从来信中识别", "從來信中識別"],
    "read-back": ["已复述确认", "已覆述確認"], "read back to the caller, who confirmed it": ["已向来电人复述，对方确认无误", "已向來電人覆述，對方確認無誤"],
    "Ask the caller (each is optional)": ["询问来电人（均为可选）", "詢問來電人（均為可選）"],
    "Where did it happen? (place or address)": ["在哪里发生？（地点或地址）", "在哪裡發生？（地點或地址）"],
    "Which account, meter or phone line?": ["涉及哪个户号、电表或电话线路？", "涉及哪個戶號、電錶或電話線路？"],
    "When did the problem begin?": ["问题从什么时候开始？", "問題從甚麼時候開始？"],
    "What would the customer like us to do?": ["客户希望我们怎样处理？", "客戶希望我們怎樣處理？"],
    "Not asked / not said": ["未询问／未说明", "未詢問／未說明"], "Repair or restore the service": ["维修或恢复服务", "維修或恢復服務"],
    "Refund": ["退款", "退款"], "Apology": ["道歉", "道歉"], "Something else": ["其他", "其他"],
    "Sum asked for (compensation or refund)": ["要求的金额（赔偿或退款）", "要求的金額（賠償或退款）"],
    "The demand in the customer's words": ["客户原话中的诉求", "客戶原話中的訴求"],
    "Read back to the customer": ["向客户复述", "向客戶覆述"], "Read this back to the customer": ["请向客户复述以下内容", "請向客戶覆述以下內容"],
    "Read every line aloud, in the customer's language. Record the complaint only when the customer confirms it is right; otherwise correct it.":
      ["请用客户的语言逐行读出。客户确认无误后再登记投诉；如有出入，请先更正。", "請用客戶的語言逐行讀出。客戶確認無誤後再登記投訴；如有出入，請先更正。"],
    "The customer confirms: record the complaint": ["客户确认无误：登记投诉", "客戶確認無誤：登記投訴"], "Correct something": ["更正内容", "更正內容"],
    // Incidents (incidents.js, complaint-incident.js)
    "Incidents": ["事件", "事件"], "Incident": ["事件", "事件"], "Area": ["区域", "區域"], "Started": ["开始时间", "開始時間"], "Ended": ["结束时间", "結束時間"],
    "Linked complaints": ["关联投诉", "關聯投訴"], "Linked complaints per hour": ["每小时关联投诉数", "每小時關聯投訴數"], "Hour": ["小时", "小時"],
    "Updates": ["进展", "進展"], "Monitoring": ["观察中", "觀察中"], "monitoring": ["观察中", "觀察中"], "No incidents.": ["暂无事件。", "暫無事件。"],
    "Outages and faults many customers complain about. Triage links a complaint about one by itself when it is sure, and suggests the link when it is not; each linked complaint keeps its own clocks and letters.":
      ["许多客户同时投诉的停电、断网等故障。分拣确定时会自动把投诉关联到事件，不确定时提出建议；每件关联的投诉仍保留各自的时限和函件。", "許多客戶同時投訴的停電、斷網等故障。分揀確定時會自動把投訴關聯到事件，不確定時提出建議；每件關聯的投訴仍保留各自的時限和函件。"],
    "Open an incident": ["新建事件", "新建事件"], "Open incident": ["新建事件", "新建事件"], "Public description (English)": ["公开说明（英文）", "公開說明（英文）"],
    "Public description (Chinese)": ["公开说明（中文）", "公開說明（中文）"], "Post an update to every linked customer": ["向所有关联客户发布进展", "向所有關聯客戶發佈進展"],
    "Update (English)": ["进展（英文）", "進展（英文）"], "Update (Chinese)": ["进展（中文）", "進展（中文）"], "Post update": ["发布进展", "發佈進展"],
    "Resolve the incident and every linked complaint": ["解决事件及所有关联投诉", "解決事件及所有關聯投訴"], "Written resolution (English)": ["书面处理结果（英文）", "書面處理結果（英文）"],
    "Written resolution (Chinese)": ["书面处理结果（中文）", "書面處理結果（中文）"], "Resolve incident": ["解决事件", "解決事件"],
    "incident opened": ["已新建事件", "已新建事件"], "update posted": ["已发布进展", "已發佈進展"], "incident resolved": ["事件已解决", "事件已解決"],
    "Incident {0}": ["事件 {0}", "事件 {0}"], "Description ({0})": ["说明（{0}）", "說明（{0}）"],
    "Linked to incident {0}": ["已关联事件 {0}", "已關聯事件 {0}"], "Suggested: incident {0}": ["建议关联：事件 {0}", "建議關聯：事件 {0}"], "confidence {0}": ["置信度 {0}", "置信度 {0}"],
    "Why it is not about this incident (optional)": ["不属于该事件的原因（可选）", "不屬於該事件的原因（選填）"], "Unlink": ["取消关联", "取消關聯"], "Link": ["关联", "關聯"],
    "Confirm: link to this incident": ["确认：关联到该事件", "確認：關聯到該事件"], "Not linked to an incident.": ["未关联任何事件。", "未關聯任何事件。"],
    "Link to an open incident": ["关联到处理中的事件", "關聯到處理中的事件"], "Open an incident from this complaint": ["由本投诉新建事件", "由本投訴新建事件"],
    "Open incident and link": ["新建事件并关联", "新建事件並關聯"], "linked": ["已关联", "已關聯"], "unlinked": ["已取消关联", "已取消關聯"],
    "incident-linked": ["已关联事件", "已關聯事件"], "incident-unlinked": ["已取消关联事件", "已取消關聯事件"], "incident-suggested": ["建议关联事件", "建議關聯事件"],
    "incident-notice": ["事件进展通知", "事件進展通知"], "outage": ["停电/断网等故障", "停電/斷網等故障"],
    // Sign-in
    "Complaint desk: sign in": ["投诉处理台：登录", "投訴處理台：登入"], "Sign in": ["登录", "登入"], "User name": ["用户名", "使用者名稱"], "Roles": ["角色", "角色"],
    "Sign in with your work account": ["用工作账号登录", "用工作帳號登入"], "Queues · Complaint desk": ["队列 · 投诉处理台", "隊列 · 投訴處理台"],
    // Triage's sentiment labels and escalation grades (the other grades are above), as the complaint page shows them
    "Positive": ["正面", "正面"], "Neutral": ["中性", "中性"], "Negative": ["负面", "負面"], "Mixed": ["褒贬不一", "褒貶不一"],
    "Internal": ["内部", "內部"],
    "Calendar {0} holidays end on {1} ({2} days): add next year's schedule.":
      ["工作日历 {0} 的节假日数据到 {1} 为止（还剩 {2} 天）：请录入明年的安排。", "工作日曆 {0} 的節假日資料到 {1} 為止（尚餘 {2} 天）：請錄入明年的安排。"],
    "Calendar {0} holidays ended on {1}: deadlines after it are provisional until next year's schedule is added.":
      ["工作日历 {0} 的节假日数据已于 {1} 结束：此后的期限均为暂定，录入明年的安排后才会确定。", "工作日曆 {0} 的節假日資料已於 {1} 結束：此後的期限均為暫定，錄入明年的安排後才會確定。"]
  };

  // The language: the person's own choice on this browser, else (until the desk knows better) the browser's.
  function fromBrowser() {
    for (const tag of navigator.languages || [navigator.language]) {
      const t = String(tag || "").toLowerCase();
      if (t === "en" || t.startsWith("en-")) return "en";
      if (t === "zh-tw" || t === "zh-hk" || t === "zh-mo" || t.startsWith("zh-hant")) return "zh-Hant";
      if (t === "zh" || t.startsWith("zh-")) return "zh-Hans";
    }
    return "en";
  }
  const saved = localStorage.getItem("cf.desk.lang");
  let language = supported.includes(saved) ? saved : fromBrowser();

  function t(english, ...args) {
    const entry = words[english];
    let text = language === "en" || !entry ? english : entry[language === "zh-Hant" ? 1 : 0];
    args.forEach((value, i) => { text = text.split(`{${i}}`).join(String(value)); });
    return text;
  }

  // The page's fixed text: text nodes, option labels, placeholders, aria-labels and titles, matched whole.
  function translatePage(root) {
    document.documentElement.lang = language;
    if (language === "en") return;
    const walker = document.createTreeWalker(root || document.body, NodeFilter.SHOW_TEXT);
    const nodes = [];
    while (walker.nextNode()) nodes.push(walker.currentNode);
    for (const node of nodes) {
      const text = node.nodeValue.replace(/\s+/g, " ").trim();
      if (text && words[text]) node.nodeValue = node.nodeValue.replace(/\S[\s\S]*\S|\S/, t(text));
    }
    (root || document).querySelectorAll("[placeholder], [aria-label], [title]").forEach(el => {
      for (const name of ["placeholder", "aria-label", "title"]) {
        const value = el.getAttribute(name);
        if (value && words[value]) el.setAttribute(name, t(value));
      }
    });
    document.title = document.title.split(" · ").map(part => t(part)).join(" · ");
  }

  function choose(value) {
    if (!supported.includes(value)) return;
    localStorage.setItem("cf.desk.lang", value);
    location.reload();
  }

  // Triage categories (the ids of triage-policy.json), as queues, search, the complaint page and the dashboard show
  // them; kept apart from the words because an id ("delivery") can also be another word's key. English shows the id.
  const categories = {
    billing: ["账单与收费", "賬單與收費"], outage: ["网络或服务中断", "網絡或服務中斷"], "product-quality": ["产品质量", "產品質素"],
    "staff-attitude": ["服务态度", "服務態度"], "mis-selling": ["误导销售或营销", "誤導銷售或推銷"],
    "value-added": ["增值或第三方业务", "增值或第三方業務"], metering: ["计量", "計量"], delivery: ["配送", "配送"], other: ["其他", "其他"]
  };
  function category(id) {
    const entry = categories[id];
    return language === "en" || !entry ? id : entry[language === "zh-Hant" ? 1 : 0];
  }

  return {
    t, translatePage, choose, names, supported, category,
    get language() { return language; },
    get chosen() { return supported.includes(localStorage.getItem("cf.desk.lang")); },
    use(value) { if (supported.includes(value)) language = value; }
  };
})();
