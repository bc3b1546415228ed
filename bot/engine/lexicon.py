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
    while during up down out off s t rt http https www com amp us via one two""".split()
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
    "obtain": "obtain obtains obtaining acquire acquir get gett receive receiv secure win gain grant award",
    "qualification": "qualification qualif qualify qualifi qualified licence license licens permit "
    "approval approv certification certificat accreditation",
    "car": "car vehicle vehicl automobile automobil auto ev",
    "manufacture": "manufacture manufactur produce produc build make mak assemble assembl",
    "price": "price pric cost priced",
    "plan": "plan intend intent",
    "negotiate": "negotiate negotiat talk discuss",
    "company": "company compan firm",
    "ban": "ban prohibit forbid outlaw",
    "kill": "kill murder slay",
    "phone": "phone smartphone handset",
    "president": "president presid",
    "arrest": "arrest detain",
    "photo": "photo picture pictur image imag",
    "video": "video footage clip",
    "resign": "resign quit",
}
EN_SYNONYMS = {word: head for head, words in _SYNONYM_GROUPS.items() for word in words.split()}

ZH_STOP = frozenset(
    """的 了 是 在 和 与 及 或 将 已 已经 也 都 就 而 并 被 把 对 于 为 以 从 到 这 那 这个 那个 其 之 等
    着 过 呢 吗 吧 啊 个 上 中 下 有 该 此 称 表示 据 据悉 消息 报道 相关 方面 目前 近日 今天 今日 日前
    一 一个 我 我们 你 他 她 它 他们 自己 ， 。 、 ： ； ！ ？ “ ” 《 》 （ ） 据报道 传出""".split()
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
)

NEGATORS = frozenset(
    """not no never without neither nor none nobody nothing cannot cant dont doesnt didnt isnt wasnt
    hasnt havent hadnt wont wouldnt arent werent couldnt shouldnt yet_to failed fails fail
    awaiting awaits waiting pending""".split()
)
# Chinese words that contain a negating character but do not negate.
ZH_NEGATOR_EXCEPTIONS = frozenset(
    """未来 不过 不断 不仅 不少 不同 不久 不错 无论 非常 不管 不但 无数 无人机 不仅仅 不得不 无疑 非洲
    不久前 毫无疑问 不可思议 并非事实 不实 不属实""".split()
)
# Words that leave the object of a response unspecified: "did not receive relevant information".
GENERIC_WORDS = frozenset(
    """information inform relevant matter news report rumor rumour claim company compan issue notice
    question respond respons response statement stat comment situation thing detail obtain
    信息 相关 消息 此事 该 传闻 有关 情况 事项 回应 公司 声明 公告
    收到 接到 通知 任何 问题 表示 目前""".split()
)

# Words about the claim's standing rather than its content ("no official word", 官方尚未回应).
META_WORDS = frozenset(
    """official officially confirm confirmation news word comment respond response statement
    官方 正式 消息 回应 确认 证实""".split()
)
