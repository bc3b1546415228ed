"""The string tables of `bot.i18n`: English and Chinese, same keys, same placeholders."""

from __future__ import annotations

EN: dict[str, str] = {
    # start and help
    "start": (
        "👋 <b>rumorbot</b> follows rumors in the news and tells you when a source weighs in, "
        "and above all when the company or regulator concerned answers officially.\n\n"
        "Begin with /claims to see what is tracked, then <code>/subscribe &lt;claim or topic&gt;</code>.\n"
        "/settings chooses what you hear and when; /help lists every command."
    ),
    "help": (
        "<b>Commands</b>\n"
        "/claims [topic or words] – tracked claims, with buttons to subscribe\n"
        "/topics – topics (groups of claims)\n"
        "/subscribe &lt;claim|topic|words&gt; – get alerts\n"
        "/subscribe @channel &lt;claim|topic&gt; – alerts in a channel you administer\n"
        "/unsubscribe &lt;claim|topic|words&gt; – stop them\n"
        "/mysubs – this chat's subscriptions, with buttons\n"
        "/status &lt;claim|words&gt; – where a claim stands and why\n"
        "/timeline &lt;claim|words&gt; – the claim's story as a chart\n"
        "/suggest &lt;claim&gt; – suggest a rumor to track\n"
        "/settings – alert level, delivery, quiet hours, language, link previews\n"
        "/help – this list"
    ),
    "help.admin": (
        "\n\n<b>Admin</b>\n"
        "/track &lt;id&gt; &lt;topic&gt; &lt;text&gt; – track a claim\n"
        "/untrack &lt;id&gt; – stop tracking it\n"
        "/entities – parties that answer officially\n"
        "/entity &lt;id&gt; &lt;name&gt;, &lt;name&gt;… – add or rename one\n"
        "/official &lt;feed id|url&gt; &lt;entity…|none&gt; – whose official voice a feed is\n"
        "/stats – feeds, items, claims, chats, outbox\n"
        "/addfeed &lt;url&gt; [name] – track a feed\n"
        "/feeds – feeds and their state\n"
        "/rmfeed &lt;id|url&gt; – stop tracking a feed\n"
        "Send an OPML file to import its feeds."
    ),
    # usage lines
    "usage.start": "/start",
    "usage.help": "/help",
    "usage.topics": "/topics",
    "usage.mysubs": "/mysubs",
    "usage.claims": "/claims [topic or words], for example /claims xiaomi-auto or /claims Xiaomi price",
    "usage.subscribe": (
        "/subscribe &lt;claim, topic or words&gt;, for example /subscribe xiaomi-auto or /subscribe Xiaomi "
        "qualification; /subscribe @channel &lt;claim or topic&gt; for a channel you administer"
    ),
    "usage.unsubscribe": "/unsubscribe &lt;claim, topic or words&gt;, for example /unsubscribe xiaomi-auto",
    "usage.status": "/status &lt;claim or words&gt;, for example /status xiaomi-qualification or /status 小米 资质",
    "usage.settings": (
        "/settings, or /settings level official|all|status, /settings delivery instant|hourly|daily, "
        "/settings quiet 22:00-07:00 [time zone]|off, /settings timezone Asia/Shanghai, /settings language en|zh|auto, "
        "/settings previews on|off"
    ),
    "usage.track": (
        "/track &lt;id&gt; &lt;topic&gt; &lt;text&gt;, "
        "for example /track xiaomi-ipo xiaomi-auto Xiaomi Auto will list in Hong Kong"
    ),
    "usage.untrack": "/untrack &lt;id&gt;",
    "usage.entities": "/entities",
    "usage.entity": (
        "/entity &lt;id&gt; &lt;name&gt;, &lt;name&gt;…, for example /entity baic BAIC Blue Valley, 北汽蓝谷"
    ),
    "usage.official": "/official &lt;feed id or url&gt; &lt;entity id&gt;… (or none)",
    "usage.stats": "/stats",
    # errors and refusals
    "unknown_command": "I don't know that command. /help lists what I can do.",
    "plain_text": "I answer commands only: try /claims to see what is tracked, or /help for everything.",
    "error": "Sorry, something went wrong on my side. Please try again in a moment.",
    "usage": "Usage: {usage}",
    "not_admin": "Only the bot's administrators can do that.",
    "group_admins_only": "Only the group's administrators can change its subscriptions and settings.",
    "bad_id": "<code>{value}</code> is not a valid id: use lower-case letters, digits, '-' or '_'.",
    "button_expired": "This button no longer works. Try the command again.",
    # claims and topics
    "claims.none": "No claims yet.",
    "claims.none_in_topic": "No claims in topic <code>{topic}</code>. Topics: {topics}",
    "claims.header": "<b>Tracked claims</b> ({first}–{last} of {total})",
    "claims.header_topic": "<b>Claims in {topic}</b> ({first}–{last} of {total})",
    "claims.footer": "Press a button to subscribe, or /status &lt;claim&gt; for the details.",
    "claims.prev": "◀ Previous",
    "claims.next": "Next ▶",
    "topics.none": "No topics yet.",
    "topics.line.one": "{n} claim",
    "topics.line.many": "{n} claims",
    "topics.footer": "Subscribe to a whole topic with /subscribe &lt;topic&gt;",
    "none": "none yet",
    # subscriptions
    "sub.unknown": "No claim or topic called <code>{name}</code>.",
    "sub.did_you_mean": " Did you mean {names}?",
    "sub.see_claims": " See /claims.",
    "sub.done": "✅ Subscribed to {kind} <code>{name}</code>. You will hear of new evidence and official responses.",
    "sub.already": "Already subscribed to <code>{name}</code>.",
    "unsub.done": "Unsubscribed from <code>{name}</code>.",
    "unsub.not": "This chat was not subscribed to <code>{name}</code>.",
    "mysubs.none": "No subscriptions yet. See /claims, then /subscribe &lt;claim or topic&gt;.",
    "mysubs.header": "<b>Subscriptions</b>",
    "mysubs.thread": " (topic thread {thread})",
    "mysubs.muted": " 🔇 muted",
    "kind.claim": "claim",
    "kind.topic": "topic",
    "mute.done": "🔇 Muted <code>{claim}</code> here. /subscribe {claim} to hear about it again.",
    # status
    "status.unknown": "No claim called <code>{claim}</code>.",
    "status.line": "Status: {icon} <b>{status}</b> – {reason}",
    "status.no_reason": "no evidence yet",
    "status.counts": "{stories} from {sources}.",
    "status.stories.one": "{n} story",
    "status.stories.many": "{n} stories",
    "status.sources.one": "{n} source",
    "status.sources.many": "{n} sources",
    "status.official": "<b>Official responses</b>",
    "status.evidence": "<b>Latest evidence</b>",
    "status.related": "<b>Possibly related</b>",
    "status.official_by": "🏛 official ({name}), ",
    "status.unverified": "unverified",
    "status.disputed": "disputed",
    "status.leaning true": "leaning true",
    "status.leaning false": "leaning false",
    "status.confirmed": "confirmed",
    "status.denied": "denied",
    "stance.supports": "supports",
    "stance.refutes": "refutes",
    "stance.neutral": "neutral",
    # alerts
    "alert.official": "🏛 <b>Official response from {name}</b> ({how}): {verb}",
    "alert.how.source": "statement",
    "alert.how.reported": "reported statement",
    "alert.verb.supports": "confirms",
    "alert.verb.refutes": "denies",
    "alert.verb.neutral": "comments",
    "alert.evidence": "📰 New evidence: {stance}",
    "alert.stance.supports": "supports the claim",
    "alert.stance.refutes": "refutes the claim",
    "alert.stance.neutral": "reports it, no side",
    "alert.status": "Status: {old} → <b>{new}</b>",
    "alert.source": "source",
    "button.status": "Full status",
    "button.mute": "Mute this claim",
    "button.subscribe": "➕ {claim}",
    # settings
    "settings.header": "<b>Settings for this chat</b>",
    "settings.level": "Alerts: <b>{value}</b>",
    "settings.delivery": "Delivery: <b>{value}</b>",
    "settings.quiet": "Quiet hours: <b>{value}</b>",
    "settings.quiet_off": "none",
    "settings.timezone": "Time zone: <b>{value}</b>",
    "settings.language": "Language: <b>{value}</b>",
    "settings.language_auto": "each user's Telegram language",
    "settings.hint": (
        "Press a button, or type\n<code>/settings quiet 22:00-07:00 Asia/Shanghai</code>,\n"
        "<code>/settings quiet off</code>, <code>/settings timezone Asia/Shanghai</code>."
    ),
    "settings.saved": "Saved.",
    "settings.bad_quiet": "Quiet hours look like <code>22:00-07:00</code> (or <code>off</code>).",
    "settings.bad_timezone": (
        "<code>{value}</code> is not a time zone I know. Try <code>Asia/Shanghai</code> or <code>UTC</code>."
    ),
    "level.official": "official responses only",
    "level.all": "all evidence",
    "level.status": "status changes only",
    "delivery.instant": "instant",
    "delivery.hourly": "hourly digest",
    "delivery.daily": "daily digest",
    "button.level.official": "Official only",
    "button.level.all": "All evidence",
    "button.level.status": "Status changes",
    "button.delivery.instant": "Instant",
    "button.delivery.hourly": "Hourly",
    "button.delivery.daily": "Daily",
    "button.language.auto": "Auto",
    "button.quiet.off": "No quiet hours",
    "button.quiet.night": "Quiet 22:00–07:00",
    # admin
    "track.done": "✅ Tracking <code>{claim}</code> in topic <code>{topic}</code>.",
    "track.updated": "✅ Updated <code>{claim}</code> (topic <code>{topic}</code>).",
    "track.text_too_long": "The claim text must be at most {limit} characters.",
    "track.rules": "<b>What it will match</b>",
    "track.text": "Text: {text}",
    "untrack.done": "Stopped tracking <code>{claim}</code>; its subscriptions are removed.",
    "untrack.config": " It is in the configuration file and comes back at the next start unless removed there.",
    "entities.none": "No entities yet. Add one with /entity &lt;id&gt; &lt;name&gt;, &lt;name&gt;…",
    "entities.header": "<b>Entities</b>",
    "entities.feeds": "official feeds: {feeds}",
    "entity.done": "✅ Entity <code>{entity}</code>: {names}",
    "official.no_feed": "No feed <code>{feed}</code>. See /feeds.",
    "official.unknown_entity": "No entity called <code>{entity}</code>. See /entities.",
    "official.done": "✅ {feed} now speaks officially for: {entities}",
    "stats.text": (
        "<b>Stats</b>\nFeeds: {feeds} ({failing} failing)\nItems: {items}\nClaims: {claims}\n"
        "Chats: {chats}\nOutbox: {backlog} pending{oldest}"
    ),
    "stats.oldest": ", oldest {minutes} min",
    "stats.failing": "<b>Failing feeds</b>",
    # command menu
    "cmd.start": "What this bot does",
    "cmd.help": "List the commands",
    "cmd.claims": "Tracked claims",
    "cmd.topics": "Topics of claims",
    "cmd.subscribe": "Get alerts on a claim or topic",
    "cmd.unsubscribe": "Stop alerts on a claim or topic",
    "cmd.mysubs": "This chat's subscriptions",
    "cmd.status": "Where a claim stands and why",
    "cmd.settings": "Alert level, delivery, quiet hours, language",
}

ZH: dict[str, str] = {
    "start": (
        "👋 <b>rumorbot</b> 跟踪新闻中的传闻：有新的消息来源表态时通知你，"
        "尤其是相关公司或监管部门正式回应时。\n\n"
        "先用 /claims 查看正在跟踪的传闻，然后 <code>/subscribe &lt;传闻或话题&gt;</code>。\n"
        "/settings 设置接收什么、何时接收；/help 列出全部命令。"
    ),
    "help": (
        "<b>命令</b>\n"
        "/claims [话题或关键词] – 正在跟踪的传闻，可按按钮订阅\n"
        "/topics – 话题（传闻分组）\n"
        "/subscribe &lt;传闻|话题|关键词&gt; – 订阅提醒\n"
        "/subscribe @频道 &lt;传闻|话题&gt; – 在你管理的频道接收提醒\n"
        "/unsubscribe &lt;传闻|话题|关键词&gt; – 取消订阅\n"
        "/mysubs – 本聊天的订阅，附按钮\n"
        "/status &lt;传闻|关键词&gt; – 传闻的现状及依据\n"
        "/timeline &lt;传闻|关键词&gt; – 传闻的时间线图\n"
        "/suggest &lt;传闻&gt; – 建议跟踪一条传闻\n"
        "/settings – 提醒级别、推送方式、免打扰时段、语言、链接预览\n"
        "/help – 本列表"
    ),
    "help.admin": (
        "\n\n<b>管理员</b>\n"
        "/track &lt;id&gt; &lt;话题&gt; &lt;内容&gt; – 跟踪一条传闻\n"
        "/untrack &lt;id&gt; – 停止跟踪\n"
        "/entities – 可以正式回应的各方\n"
        "/entity &lt;id&gt; &lt;名称&gt;, &lt;名称&gt;… – 添加或改名\n"
        "/official &lt;源 id|网址&gt; &lt;实体…|none&gt; – 设定某个源代表谁的官方声音\n"
        "/stats – 源、条目、传闻、聊天、待发队列\n"
        "/addfeed &lt;网址&gt; [名称] – 添加一个源\n"
        "/feeds – 各个源及其状态\n"
        "/rmfeed &lt;id|网址&gt; – 删除一个源\n"
        "发送 OPML 文件即可导入其中的源。"
    ),
    "usage.start": "/start",
    "usage.help": "/help",
    "usage.topics": "/topics",
    "usage.mysubs": "/mysubs",
    "usage.claims": "/claims [话题或关键词]，例如 /claims xiaomi-auto 或 /claims 小米 售价",
    "usage.subscribe": (
        "/subscribe &lt;传闻、话题或关键词&gt;，例如 /subscribe xiaomi-auto 或 /subscribe 小米 资质；"
        "频道管理员可用 /subscribe @频道 &lt;传闻或话题&gt;"
    ),
    "usage.unsubscribe": "/unsubscribe &lt;传闻、话题或关键词&gt;，例如 /unsubscribe xiaomi-auto",
    "usage.status": "/status &lt;传闻或关键词&gt;，例如 /status xiaomi-qualification 或 /status 小米 资质",
    "usage.settings": (
        "/settings，或 /settings level official|all|status、/settings delivery instant|hourly|daily、"
        "/settings quiet 22:00-07:00 [时区]|off、/settings timezone Asia/Shanghai、/settings language en|zh|auto、"
        "/settings previews on|off"
    ),
    "usage.track": (
        "/track &lt;id&gt; &lt;话题&gt; &lt;内容&gt;，例如 /track xiaomi-ipo xiaomi-auto 小米汽车将在香港上市"
    ),
    "usage.untrack": "/untrack &lt;id&gt;",
    "usage.entities": "/entities",
    "usage.entity": (
        "/entity &lt;id&gt; &lt;名称&gt;, &lt;名称&gt;…，例如 /entity baic BAIC Blue Valley, 北汽蓝谷"
    ),
    "usage.official": "/official &lt;源 id 或网址&gt; &lt;实体 id&gt;…（或 none）",
    "usage.stats": "/stats",
    "unknown_command": "我不认识这个命令。/help 列出我能做的事。",
    "plain_text": "我只回应命令：试试 /claims 查看正在跟踪的传闻，或 /help 查看全部命令。",
    "error": "抱歉，我这边出了点问题，请稍后再试。",
    "usage": "用法：{usage}",
    "not_admin": "只有机器人的管理员可以这样做。",
    "group_admins_only": "只有群管理员可以更改本群的订阅和设置。",
    "bad_id": "<code>{value}</code> 不是有效的 id：请使用小写字母、数字、“-”或“_”。",
    "button_expired": "这个按钮已失效，请重新发送命令。",
    "claims.none": "还没有传闻。",
    "claims.none_in_topic": "话题 <code>{topic}</code> 下没有传闻。话题：{topics}",
    "claims.header": "<b>正在跟踪的传闻</b>（第 {first}–{last} 条，共 {total} 条）",
    "claims.header_topic": "<b>{topic} 下的传闻</b>（第 {first}–{last} 条，共 {total} 条）",
    "claims.footer": "按按钮订阅，或用 /status &lt;传闻&gt; 查看详情。",
    "claims.prev": "◀ 上一页",
    "claims.next": "下一页 ▶",
    "topics.none": "还没有话题。",
    "topics.line.one": "{n} 条传闻",
    "topics.line.many": "{n} 条传闻",
    "topics.footer": "用 /subscribe &lt;话题&gt; 订阅整个话题",
    "none": "暂无",
    "sub.unknown": "没有叫 <code>{name}</code> 的传闻或话题。",
    "sub.did_you_mean": " 你是不是指 {names}？",
    "sub.see_claims": " 请看 /claims。",
    "sub.done": "✅ 已订阅{kind} <code>{name}</code>。有新证据或官方回应时会通知你。",
    "sub.already": "已经订阅了 <code>{name}</code>。",
    "unsub.done": "已取消订阅 <code>{name}</code>。",
    "unsub.not": "本聊天没有订阅 <code>{name}</code>。",
    "mysubs.none": "还没有订阅。先看 /claims，再 /subscribe &lt;传闻或话题&gt;。",
    "mysubs.header": "<b>订阅</b>",
    "mysubs.thread": "（话题帖 {thread}）",
    "mysubs.muted": " 🔇 已静音",
    "kind.claim": "传闻",
    "kind.topic": "话题",
    "mute.done": "🔇 已在此静音 <code>{claim}</code>。用 /subscribe {claim} 恢复通知。",
    "status.unknown": "没有叫 <code>{claim}</code> 的传闻。",
    "status.line": "现状：{icon} <b>{status}</b> – {reason}",
    "status.no_reason": "暂无证据",
    "status.counts": "来自 {sources}的 {stories}。",
    "status.stories.one": "{n} 篇报道",
    "status.stories.many": "{n} 篇报道",
    "status.sources.one": "{n} 个来源",
    "status.sources.many": "{n} 个来源",
    "status.official": "<b>官方回应</b>",
    "status.evidence": "<b>最新证据</b>",
    "status.related": "<b>可能相关</b>",
    "status.official_by": "🏛 官方（{name}），",
    "status.unverified": "未证实",
    "status.disputed": "有争议",
    "status.leaning true": "倾向属实",
    "status.leaning false": "倾向不实",
    "status.confirmed": "已证实",
    "status.denied": "已否认",
    "stance.supports": "支持",
    "stance.refutes": "反驳",
    "stance.neutral": "中立",
    "alert.official": "🏛 <b>{name} 官方回应</b>（{how}）：{verb}",
    "alert.how.source": "声明",
    "alert.how.reported": "转述的声明",
    "alert.verb.supports": "证实",
    "alert.verb.refutes": "否认",
    "alert.verb.neutral": "表态",
    "alert.evidence": "📰 新证据：{stance}",
    "alert.stance.supports": "支持该传闻",
    "alert.stance.refutes": "反驳该传闻",
    "alert.stance.neutral": "仅报道，未表态",
    "alert.status": "现状：{old} → <b>{new}</b>",
    "alert.source": "来源",
    "button.status": "完整现状",
    "button.mute": "静音此传闻",
    "button.subscribe": "➕ {claim}",
    "settings.header": "<b>本聊天的设置</b>",
    "settings.level": "提醒：<b>{value}</b>",
    "settings.delivery": "推送：<b>{value}</b>",
    "settings.quiet": "免打扰：<b>{value}</b>",
    "settings.quiet_off": "无",
    "settings.timezone": "时区：<b>{value}</b>",
    "settings.language": "语言：<b>{value}</b>",
    "settings.language_auto": "跟随每位用户的 Telegram 语言",
    "settings.hint": (
        "按按钮，或输入\n<code>/settings quiet 22:00-07:00 Asia/Shanghai</code>、<code>/settings quiet off</code>、\n"
        "<code>/settings timezone Asia/Shanghai</code>。"
    ),
    "settings.saved": "已保存。",
    "settings.bad_quiet": "免打扰时段的格式是 <code>22:00-07:00</code>（或 <code>off</code>）。",
    "settings.bad_timezone": (
        "我不认识时区 <code>{value}</code>。试试 <code>Asia/Shanghai</code> 或 <code>UTC</code>。"
    ),
    "level.official": "仅官方回应",
    "level.all": "全部证据",
    "level.status": "仅现状变化",
    "delivery.instant": "即时",
    "delivery.hourly": "每小时摘要",
    "delivery.daily": "每日摘要",
    "button.level.official": "仅官方",
    "button.level.all": "全部证据",
    "button.level.status": "现状变化",
    "button.delivery.instant": "即时",
    "button.delivery.hourly": "每小时",
    "button.delivery.daily": "每日",
    "button.language.auto": "自动",
    "button.quiet.off": "不设免打扰",
    "button.quiet.night": "免打扰 22:00–07:00",
    "track.done": "✅ 开始跟踪 <code>{claim}</code>，话题 <code>{topic}</code>。",
    "track.updated": "✅ 已更新 <code>{claim}</code>（话题 <code>{topic}</code>）。",
    "track.text_too_long": "传闻内容最多 {limit} 个字符。",
    "track.rules": "<b>匹配规则</b>",
    "track.text": "内容：{text}",
    "untrack.done": "已停止跟踪 <code>{claim}</code>，相关订阅已删除。",
    "untrack.config": " 它写在配置文件里，除非从那里删除，下次启动时会恢复。",
    "entities.none": "还没有实体。用 /entity &lt;id&gt; &lt;名称&gt;, &lt;名称&gt;… 添加。",
    "entities.header": "<b>实体</b>",
    "entities.feeds": "官方源：{feeds}",
    "entity.done": "✅ 实体 <code>{entity}</code>：{names}",
    "official.no_feed": "没有源 <code>{feed}</code>。见 /feeds。",
    "official.unknown_entity": "没有叫 <code>{entity}</code> 的实体。见 /entities。",
    "official.done": "✅ {feed} 现在是这些实体的官方来源：{entities}",
    "stats.text": (
        "<b>统计</b>\n源：{feeds}（{failing} 个失败）\n条目：{items}\n传闻：{claims}\n"
        "聊天：{chats}\n待发队列：{backlog}{oldest}"
    ),
    "stats.oldest": "，最早的已等 {minutes} 分钟",
    "stats.failing": "<b>失败的源</b>",
    "cmd.start": "这个机器人做什么",
    "cmd.help": "命令列表",
    "cmd.claims": "正在跟踪的传闻",
    "cmd.topics": "传闻话题",
    "cmd.subscribe": "订阅传闻或话题的提醒",
    "cmd.unsubscribe": "取消传闻或话题的提醒",
    "cmd.mysubs": "本聊天的订阅",
    "cmd.status": "传闻的现状及依据",
    "cmd.settings": "提醒级别、推送方式、免打扰、语言",
}
