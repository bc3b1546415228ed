"""Word lists: stop words, synonyms and irregular forms, English and Chinese.

Synonyms map to one head word so that "obtained a licence" and "got the qualification" share terms.
They are deliberately general (news about companies, products, people and events), not tuned to one
story.
"""

from __future__ import annotations

EN_STOP = frozenset(
    """a an the and or but if of in on at to for from by with without about as into onto over under than
    then so such this that these those there here it its it's is are was were be been being am do does
    did done has have had having will would shall should can could may might must i me my we our you
    your he him his she her they them their who whom whose which what when where why how all any both
    each few more most other some own same too very just also only even still yet again ever now
    new says said say saying according report reports reported reportedly via per amid after before
    while during up down out off s t rt http https www com amp us via one two
    today yesterday tomorrow year years week weeks month months""".split()
)

# Forms a suffix stripper cannot reach.
EN_IRREGULAR = {
    "got": "get",
    "gotten": "get",
    "won": "win",
    "built": "build",
    "made": "make",
    "sold": "sell",
    "bought": "buy",
    "paid": "pay",
    "gave": "give",
    "given": "give",
    "took": "take",
    "taken": "take",
    "held": "hold",
    "left": "leave",
    "told": "tell",
    "found": "find",
    "ran": "run",
    "began": "begin",
    "begun": "begin",
    "died": "die",
    "dying": "die",
    "dead": "die",
    "death": "die",
    "killed": "kill",
    "slain": "slay",
    "blew": "blow",
    "blown": "blow",
    "threw": "throw",
    "thrown": "throw",
    "fled": "flee",
    "fought": "fight",
    "caught": "catch",
    "struck": "strike",
    "broke": "break",
    "broken": "break",
    "chose": "choose",
    "chosen": "choose",
    "drove": "drive",
    "driven": "drive",
    "fell": "fall",
    "fallen": "fall",
    "flew": "fly",
    "flown": "fly",
    "knew": "know",
    "known": "know",
    "lost": "lose",
    "met": "meet",
    "sent": "send",
    "spent": "spend",
    "swam": "swim",
    "swum": "swim",
    "thought": "think",
    "tore": "tear",
    "torn": "tear",
    "withdrew": "withdraw",
    "withdrawn": "withdraw",
    "sought": "seek",
    "saw": "see",
    "seen": "see",
    "ate": "eat",
    "eaten": "eat",
    "went": "go",
    "gone": "go",
    "came": "come",
    "became": "become",
    "kept": "keep",
    "brought": "bring",
    "drew": "draw",
    "drawn": "draw",
    "fed": "feed",
    "heard": "hear",
    "hid": "hide",
    "hidden": "hide",
    "led": "lead",
    "rose": "rise",
    "risen": "rise",
    "sank": "sink",
    "sunk": "sink",
    "spoke": "speak",
    "spoken": "speak",
    "stood": "stand",
    "swore": "swear",
    "sworn": "swear",
    "wore": "wear",
    "worn": "wear",
    "uk": "britain",
    "usa": "america",
    "men": "man",
    "women": "woman",
    "children": "child",
    "people": "person",
    "mice": "mouse",
    "wrote": "write",
    "written": "write",
    "shot": "shoot",
    "stole": "steal",
    "stolen": "steal",
    # demonyms meet their country: "Korean leader" and "North Korea's leader"
    **{d: c for c, ds in {
        "korea": "korean", "china": "chinese", "america": "american", "russia": "russian", "india": "indian",
        "japan": "japanese", "britain": "british", "france": "french", "germany": "german",
        "mexico": "mexican", "canada": "canadian", "australia": "australian", "iran": "iranian",
        "israel": "israeli", "syria": "syrian", "ukraine": "ukrainian", "italy": "italian",
        "spain": "spanish",
        "africa": "african", "europe": "european", "turkey": "turkish", "pakistan": "pakistani",
    }.items() for d in ds.split()},
}

_SYNONYM_GROUPS = {
    # companies, products, deals
    "obtain": "obtain obtains obtaining acquire acquir acquisition get gett receive receiv secure win gain "
    "grant award buy purchase takeover buyout",
    "qualification": "qualification qualif qualify qualifi qualified licence license licens permit "
    "approval approv certification certificat accreditation",
    "car": "car vehicle vehicl automobile automobil auto ev",
    "manufacture": "manufacture manufactur produce produc build make mak assemble assembl construct",
    "price": "price pric cost priced",
    "fee": "fee charge surcharge subscription",
    "plan": "plan intend intent",
    "negotiate": "negotiate negotiat talk discuss",
    "company": "company compan firm",
    "launch": "launch release unveil debut introduce rollout",
    "close": "close closure shut shutter exit leave withdraw withdrawal stop end cease halt discontinue pull",
    "cancel": "cancel scrap shelve abandon axe ditch",
    "sell": "sell sale",
    "store": "store shop outlet branch",
    "phone": "phone smartphone handset mobile cellphone",
    "return": "return rejoin comeback revive resurrect",
    "start": "start begin",
    "reject": "reject refuse decline rebuff spurn snub",
    "old": "old older oldest",
    "big": "big huge giant massive enormous large largest biggest",
    # people and what happens to them
    "president": "president presid",
    "resign": "resign quit retire retirement abdicate abdication",
    # A rumored death is told both ways ("killed in a crash", "died in a crash"); "alive" speaks to it too.
    "die": "die dead death kill murder slay slain perish deceased alive",
    "arrest": "arrest detain custody bust nab jail",
    "ill": "ill illness sick sickness unwell ailing health",
    "serious": "serious grave critical",
    "surgery": "surgery operation",
    "pregnant": "pregnant pregnancy",
    "child": "child baby kid",
    "divorce": "divorce split separate separation breakup",
    "endorse": "endorse endorsement back backing",
    "spokesperson": "spokesperson spokesman spokeswoman rep representative publicist",
    "escape": "escape flee",
    "save": "save rescue",
    "call": "call dial",
    "accident": "accident crash collision wreck",
    # war and crime
    "fighter": "fighter militant jihadist insurgent terrorist gunman extremist",
    "bomb": "bomb grenade explosive explode explosion blast",
    "commander": "commander leader chief",
    "airstrike": "airstrike",
    "ban": "ban prohibit forbid outlaw bar",
    "jet": "jet plane aircraft warplane",
    # things, places, media
    "photo": "photo picture pictur image imag photograph pic snapshot",
    "video": "video footage clip",
    "film": "film movie",
    "tv": "tv television",
    "find": "find discover discovery spot detect uncover",
    "road": "road highway freeway motorway",
    "beach": "beach shore ashore coast",
    "moon": "moon lunar",
    "home": "home house",
    "hurricane": "hurricane storm cyclone typhoon",
    "tattoo": "tattoo ink",
    "ex": "ex former",
    "arm": "arm forearm",
    "cancer": "cancer tumour tumor leukemia leukaemia",
    "covid": "covid coronavirus",
    "vaccine": "vaccine vaccination vaccinate jab inoculation",
    "microchip": "microchip chip",
    "track": "track monitor surveil surveillance",
    "daily": "daily everyday",
    "rumor": "rumor rumour",
    "lottery": "lottery lotto jackpot",
    "petrol": "petrol gasoline gas",
    "airline": "airline carrier",
}
EN_SYNONYMS = {word: head for head, words in _SYNONYM_GROUPS.items() for word in words.split()}

# Multi-word expressions that one word says, read before words are split: "turns down an offer" is
# "rejects an offer", "blew himself up" is "exploded". Each is (pattern, replacement word).
EN_PHRASES = (
    (r"(?:turn|turns|turned|turning) (?:it )?down", "reject"),
    (r"(?:rip|rips|ripped|ripping|tear|tears|tore|torn|tearing) up", "reject"),
    (r"(?:snap|snaps|snapped|snapping) up", "buy"),
    (r"(?:step|steps|stepped|stepping|walk|walks|walked|walking) (?:away|down|aside)", "resign"),
    (r"(?:blow|blows|blew|blown|blowing) (?:himself |herself |themselves |itself )?up", "explode"),
    (r"(?:shut|shuts|shutting|close|closes|closed|closing) down", "close"),
    (r"(?:pull|pulls|pulled|pulling) out of", "withdraw"),
    (r"(?:call|calls|called|calling) off", "cancel"),
    (r"(?:bring|brings|brought|bringing|come|comes|came|coming) back|(?:is|are) back|back (?:at|to|in)",
     "return"),
    (r"(?:hand|hands|handed|handing|give|gives|gave|giving) back", "return"),
    (r"(?:roll|rolls|rolled|rolling) out", "launch"),
    (r"(?:break|breaks|broke|breaking|split|splits|splitting) up", "divorce"),
    (r"(?:pass|passes|passed|passing) away", "die"),
    (r"(?:shoot|shoots|shot|shooting) down", "shootdown"),
    (r"(?:wash|washes|washed|washing) (?:up|ashore)", "ashore"),
    (r"(?:expecting|expects) (?:a |her |their |his )?(?:baby|child|twins)", "pregnant child"),
    (r"air (?:strike|strikes|raid|raids)|drone (?:strike|strikes)", "airstrike"),
    (r"academy awards?", "oscar"),
    (r"behind bars|in custody", "arrest"),
    (r"every day", "daily"),
    (r"(?:linked|link|links) to", "cause"),
)

ZH_STOP = frozenset(
    """的 了 是 在 和 与 及 或 将 已 已经 也 都 就 而 并 被 把 对 于 为 以 从 到 这 那 这个 那个 其 之 等
    着 过 呢 吗 吧 啊 个 上 中 下 有 该 此 称 表示 据 据悉 消息 报道 相关 方面 目前 近日 今天 今日 日前
    一 一个 我 我们 你 他 她 它 他们 自己 系
    会 能 能够 可以 要 将会 向 用 给 让 由 跟 还 又 再 才 更 很 所 正在 一直 还是 就是 只是 曾经 开始
    ， 。 、 ： ； ！ ？ “ ” 《 》 （ ） 据报道 传出""".split()
)

ZH_SYNONYMS = {
    "取得": "获得",
    "拿到": "获得",
    "获取": "获得",
    "得到": "获得",
    "获批": "获得",
    "获": "获得",
    "牌照": "资质",
    "资格": "资质",
    "许可": "资质",
    "许可证": "资质",
    "准入": "资质",
    "生产资质": "资质",
    "造车资质": "资质",
    "车": "汽车",
    "轿车": "汽车",
    "电动车": "汽车",
    "新能源车": "汽车",
    "新能源汽车": "汽车",
    "生产": "制造",
    "造车": "制造",
    "造": "制造",
    "代工生产": "代工",
    "价格": "售价",
    "定价": "售价",
    "卖": "售价",
    "洽谈": "谈判",
    "商谈": "谈判",
    "接洽": "谈判",
    "磋商": "谈判",
    # common news verbs and nouns, told many ways
    **{w: head for head, words in {
        # as in English, a rumored death is told both ways: died, was killed
        "去世": "逝世 身亡 死亡 病逝 离世 辞世 过世 丧生 猝死 杀死 杀害 害死 致死",
        "停售": "停卖 停止销售 下架",
        "关闭": "关门 停业 倒闭 歇业 关停",
        "停运": "停驶 停摆 停开",
        "拐走": "拐卖 拐骗 拐 抢走孩子",
        "垮塌": "冲垮 冲毁 冲断 坍塌 倒塌 塌 塌方",
        "泄漏": "泄露 外泄 核泄漏",
        "检出": "查出 检测出 测出",
        "征收": "开征 征 征税 交税 纳税",
        "收购": "并购 接盘 买下",
        "裁员": "裁 裁撤 减员 裁人",
        "提价": "涨价 上调 调高",
        "带": "带入 带进",
        "校园": "进校园 学校",
        "收费": "收取 付费",
        "地震": "大地震 强震 强烈地震",
        "致癌": "致癌物 致癌物质 致癌性 癌症",
        "取消": "废除 撤销",
        "禁止": "严禁 禁用",
    }.items() for w in words.split()},
}

# Words jieba would otherwise split or glue to their neighbours.
ZH_WORDS = (
    "牌照",
    "不实",
    "造车",
    "代工",
    "量产",
    "辟谣",
    "官宣",
    "高配版",
    "北汽蓝谷",
    "工信部",
    "并未",
    "尚未",
    "未能",
    "没有",
    "无症状",
    "是不是",
    "会不会",
    "能不能",
    "要不要",
    "该不该",
    "有没有",
    "停卖",
    "停止销售",
    "抢走孩子",
    "网传",
    "据传",
)

NEGATORS = frozenset(
    """not no never without neither nor none nobody nothing cannot cant dont doesnt didnt isnt wasnt
    hasnt havent hadnt wont wouldnt arent werent couldnt shouldnt yet_to failed fails fail
    awaiting awaits waiting pending""".split()
)
# Chinese negation is a word, not a character: 不 negates in 不是 and 不会 but not in 不断 (continuously),
# 无 in 无法 but not in 无比 (incomparably) or 无症状 (asymptomatic), and 没 not at all in 淹没 (flooded).
# These words negate what follows them; jieba's frequent words that merely contain such a character
# (不断, 不少, 无比, 非常, 未来) are ordinary words. 不再 ("no longer") says that something stops, which is
# what a rumor of cancelling or ending claims, so it is not read as a denial.
ZH_NEGATORS = frozenset(
    """不 没 没有 未 并未 尚未 未能 从未 从没 从不 从来不 并没有 并非 非 无 毫无 不是 并不是 绝非 绝不 决不
    并不 不会 不能 不得 不可 不要 不用 不必 别 勿 无法 没能 未曾 不准 不许 不让 不该 不应 不应该 无须 无需
    不存在 并无 均未 均不 从未有过""".split()
)
# A rare word that starts with one of these is a negator glued to its verb by the dictionary (未获, 没拿到,
# 无证, 从未有过): the segmenter splits it in two. Frequent words are lexicalised and stay whole.
ZH_NEGATION_PREFIXES = ("从未", "并未", "尚未", "没有", "未", "没", "无", "不")
ZH_GLUED_MAX_FREQ = 20
# Rare words that start like a negator and negate nothing: kept whole.
ZH_NOT_NEGATIONS = frozenset(
    """无症状 无比 不断 毫无疑问 无人机 不可思议 无厘头 不明觉厉 无缝 无糖 无铅 无线 无人驾驶 未成年人
    不锈钢 无纺布 无底洞 无公害 不倒翁 没准儿 无伤大雅 不亦乐乎""".split()
)
# A-not-A questions ("该不该", "是不是") ask; they do not negate.
ZH_ASK_WORDS = ("是不是", "会不会", "能不能", "要不要", "该不该", "有没有", "是否")

# Words that leave the object of a response unspecified: "did not receive relevant information".
GENERIC_WORDS = frozenset(
    """information inform relevant matter news report rumor rumour claim company compan issue notice
    question respond respons response statement stat comment situation thing detail obtain such plan
    plans verification verify verified media
    信息 相关 消息 此事 该 传闻 有关 情况 事项 回应 公司 声明 公告
    收到 接到 通知 任何 问题 表示 目前 报道 媒体 核实 经 属实 计划""".split()
)

# Words about the claim's standing rather than its content ("no official word", 官方尚未回应).
META_WORDS = frozenset(
    """official officially confirm confirmation news word comment respond response statement
    官方 正式 消息 回应 确认 证实""".split()
)

# Words about a claim's standing or its telling, not its content: a headline made of the claim's words
# and these ("Adele's spokesperson denies retirement rumours") says nothing else.
CUE_WORDS = frozenset(
    """deny denies denied denial rumor rumour rumors rumours report claim claims say says spokesperson
    rep confirm confirms confirmed official officially hoax fake false true truth myth debunk debunked
    viral source sources insider insiders really explain explained know check fact experts expert
    analyst analysts tabloid satire satirical alleged allegedly leak leaked news question dismiss
    dismisses insist insists admit admits argue argues theory conspiracy story stories report reports
    probably actually watch video photo""".split()
)
