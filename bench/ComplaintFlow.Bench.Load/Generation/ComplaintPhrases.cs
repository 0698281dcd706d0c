namespace ComplaintFlow.Bench.Load.Generation;

/// <summary>
/// Sentences customers actually write, by language and by the part of a complaint they fill: what happened, what it
/// cost, what was tried, what they want. A complaint is an opening, then sentences drawn from these parts until it
/// reaches its size, then a demand; so the triage rules see the mix of money, repeat contact, threats to escalate
/// and plain anger they meet in production.
/// </summary>
internal sealed record ComplaintPhrases(
    string Language,
    IReadOnlyList<string> Subjects,
    IReadOnlyList<string> Openings,
    IReadOnlyList<string> Incidents,
    IReadOnlyList<string> Impacts,
    IReadOnlyList<string> History,
    IReadOnlyList<string> Demands,
    string Separator)
{
    public static ComplaintPhrases English { get; } = new(
        "en",
        Subjects:
        [
            "Broadband down for three days", "Charged twice for one order", "Refund still not received",
            "Engineer did not turn up", "Wrong bill again", "Parcel marked delivered but never arrived",
            "Flight cancelled without notice", "Card blocked while abroad", "Rude staff at the branch",
            "Meter reading is wrong",
        ],
        Openings:
        [
            "I am writing to make a formal complaint about the service I have received.",
            "This is the third time I have had to contact you about the same problem.",
            "I have been a customer for eleven years and I have never been treated like this.",
            "I want to complain about my account, reference number on the letter dated last Monday.",
            "Please treat this as a formal complaint.",
        ],
        Incidents:
        [
            "My internet connection has dropped every evening since the 3rd and the router shows a red light.",
            "I was charged 249.00 twice on my card for a single order and only one parcel was sent.",
            "The engineer was booked for Tuesday between 8am and 1pm, nobody came and nobody called.",
            "The tracking page says the parcel was delivered at 14:02 but I was at home all day and nothing arrived.",
            "My flight was cancelled two hours before departure and the app offered no alternative.",
            "Your agent promised a call back within 24 hours, and that was nine days ago.",
            "The bill shows usage of 1,870 kWh for a month when the flat was empty for most of it.",
            "My card was blocked while I was abroad even though I had told you about the trip in the app.",
            "The branch manager raised his voice at my elderly mother in front of other customers.",
            "I cancelled the contract in writing in March and you are still taking direct debits.",
        ],
        Impacts:
        [
            "I work from home and I have lost two days of work because of this.",
            "I had to pay 120 pounds for a hotel because I could not get home.",
            "My elderly father relies on the landline for his alarm and it has not worked for a week.",
            "I am now overdrawn and my bank has charged me a fee for it.",
            "I have spent more than four hours on hold over the last fortnight.",
            "The stress of this has made me ill and I have had to take time off.",
            "My child has asthma and we were without heating for three nights in December.",
        ],
        History:
        [
            "I called on the 5th, the 9th and the 12th and each time I was told it would be fixed.",
            "I have already sent two emails and a letter and received no reply to any of them.",
            "The chat agent closed the conversation while I was typing.",
            "I was told a refund had been issued but nothing has reached my account after 30 days.",
            "Every time I call I have to explain everything again from the beginning.",
            "Your website says complaints are answered in 5 working days; it has been 3 weeks.",
        ],
        Demands:
        [
            "I want a full refund of the duplicate payment and compensation for my time.",
            "If this is not resolved within 7 days I will take it to the ombudsman.",
            "I expect a written explanation and a date when this will be fixed.",
            "Please cancel my contract without the exit fee; I no longer trust your service.",
            "I will report this to the regulator and to the local newspaper if I do not hear back.",
            "I am considering legal action and have kept copies of everything.",
            "Please call me back, I just want this sorted out.",
        ],
        Separator: " ");

    public static ComplaintPhrases SimplifiedChinese { get; } = new(
        "zh-Hans",
        Subjects:
        [
            "宽带断网三天无人处理", "同一订单被扣款两次", "退款迟迟没有到账", "维修师傅没有上门", "账单金额又错了",
            "快递显示签收但没收到", "航班取消没有任何通知", "在国外银行卡被冻结", "营业厅工作人员态度恶劣", "电表读数明显不对",
        ],
        Openings:
        [
            "我要正式投诉你们的服务。",
            "这已经是我第三次就同一个问题联系你们了。",
            "我是你们十一年的老客户，从来没有被这样对待过。",
            "关于我的账户问题，我要求给一个正式答复。",
            "请把这封邮件作为正式投诉处理。",
        ],
        Incidents:
        [
            "从本月三号开始每天晚上都断网，路由器一直亮红灯。",
            "同一个订单我的银行卡被扣了两次249元，但只发了一个包裹。",
            "约好周二上午八点到一点上门维修，结果没人来，也没人打电话。",
            "物流显示下午两点零二分已签收，可我一整天都在家，根本没有收到。",
            "航班在起飞前两个小时被取消，APP上也没有给出任何改签方案。",
            "客服答应二十四小时内回电，到现在已经九天了。",
            "账单显示一个月用电1870度，可房子大部分时间都是空着的。",
            "我在APP里报备了出国行程，银行卡还是在国外被冻结了。",
            "营业厅经理当着其他客户的面对我年迈的母亲大声呵斥。",
            "我三月份已经书面申请销户，你们现在还在继续扣费。",
        ],
        Impacts:
        [
            "我在家办公，因为这个问题已经损失了两天的工作。",
            "我因为回不了家只好自己花了八百元住酒店。",
            "我父亲年纪大了，靠固定电话连着紧急呼叫器，已经一个星期不能用了。",
            "现在我的账户透支了，银行还收了我手续费。",
            "这两个星期我在电话里等了超过四个小时。",
            "这件事让我压力很大，已经请了病假。",
            "孩子有哮喘，十二月份我们家三个晚上没有暖气。",
        ],
        History:
        [
            "我五号、九号和十二号都打过电话，每次都说会解决。",
            "我已经发了两封邮件和一封信，没有收到任何回复。",
            "在线客服在我还在打字的时候就把对话关掉了。",
            "你们说退款已经处理，可是三十天过去了钱还没到账。",
            "每次打电话都要从头到尾重新解释一遍。",
            "你们网站上说投诉五个工作日内答复，现在已经三个星期了。",
        ],
        Demands:
        [
            "我要求全额退还重复扣款，并对我的损失给予赔偿。",
            "如果七天内不解决，我将向工信部投诉。",
            "请给我一个书面解释，并告诉我具体什么时候能修好。",
            "请免除违约金为我解约，我已经不再信任你们的服务。",
            "如果再没有答复，我会向消费者协会和媒体反映。",
            "我正在考虑起诉，所有的证据我都保留了。",
            "请给我回个电话，我只希望尽快解决。",
        ],
        Separator: "");

    public static ComplaintPhrases TraditionalChinese { get; } = new(
        "zh-Hant",
        Subjects:
        [
            "寬頻斷線三天無人處理", "同一訂單被扣款兩次", "退款遲遲沒有到帳", "維修人員沒有到場", "帳單金額又錯了",
            "物流顯示簽收但沒收到", "航班取消沒有任何通知", "在國外信用卡被凍結", "門市人員態度惡劣", "電錶讀數明顯不對",
        ],
        Openings:
        [
            "我要正式投訴貴公司的服務。",
            "這已經是我第三次為同一個問題聯絡你們了。",
            "我是你們十一年的老客戶，從來沒有被這樣對待過。",
            "關於我的帳戶問題，我要求給一個正式答覆。",
            "請將這封郵件視為正式投訴處理。",
        ],
        Incidents:
        [
            "從本月三號開始每天晚上都斷線，路由器一直亮紅燈。",
            "同一筆訂單我的信用卡被扣了兩次249元，但只寄出一個包裹。",
            "約好週二上午八點到一點到府維修，結果沒有人來，也沒有人打電話。",
            "物流顯示下午兩點零二分已簽收，可是我整天都在家，根本沒有收到。",
            "航班在起飛前兩個小時被取消，應用程式也沒有提供任何改票方案。",
            "客服答應二十四小時內回電，到現在已經九天了。",
            "帳單顯示一個月用電1870度，可是房子大部分時間都是空著的。",
            "我在應用程式裡登記了出國行程，信用卡還是在國外被凍結了。",
            "門市經理當著其他客戶的面對我年邁的母親大聲斥責。",
            "我三月份已經書面申請解約，你們到現在還在繼續扣款。",
        ],
        Impacts:
        [
            "我在家工作，因為這個問題已經損失了兩天的收入。",
            "我因為回不了家只好自己花錢住飯店。",
            "我父親年紀大了，靠市內電話連接緊急呼叫器，已經一個星期不能用了。",
            "現在我的帳戶透支了，銀行還向我收取手續費。",
            "這兩個星期我在電話裡等候了超過四個小時。",
            "這件事讓我壓力很大，已經請了病假。",
            "孩子有氣喘，十二月份我們家三個晚上沒有暖氣。",
        ],
        History:
        [
            "我五號、九號和十二號都打過電話，每次都說會處理。",
            "我已經寄了兩封郵件和一封信，沒有收到任何回覆。",
            "線上客服在我還在打字的時候就把對話關掉了。",
            "你們說退款已經處理，可是三十天過去了錢還沒到帳。",
            "每次打電話都要從頭到尾重新說明一遍。",
            "你們網站上說投訴五個工作天內答覆，現在已經三個星期了。",
        ],
        Demands:
        [
            "我要求全額退還重複扣款，並賠償我的損失。",
            "如果七天內不解決，我將向消費者保護機構申訴。",
            "請給我一份書面說明，並告訴我確切什麼時候能修好。",
            "請免除違約金為我解約，我已經不再信任你們的服務。",
            "如果再沒有答覆，我會向消基會和媒體反映。",
            "我正在考慮提告，所有的證據我都保留了。",
            "請回電給我，我只希望盡快解決。",
        ],
        Separator: "");
}
