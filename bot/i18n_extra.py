"""More string tables of `bot.i18n`: the timeline, search by words, channels, suggestions, /mysubs.

Kept apart from `bot.i18n_strings` so that each table stays readable; `bot.i18n` merges them, and
both languages must have the same keys and placeholders here too.
"""

from __future__ import annotations

EN: dict[str, str] = {
    # timeline chart (plain text, not HTML: matplotlib draws it)
    "chart.ylabel": "stories per day",
    "chart.official": "official response",
    "chart.official_label": "{name}: {verb}",
    "chart.empty": "No evidence yet",
    # timeline command
    "usage.timeline": "/timeline &lt;claim or words&gt;, for example /timeline xiaomi-qualification",
    "cmd.timeline": "A claim's story as a chart",
    "timeline.caption": "📈 <b>{claim}</b>: {status}",
    "timeline.empty": "No evidence on <code>{claim}</code> yet: nothing to draw.",
    "button.timeline": "📈 Timeline",
    "button.digest.status": "ℹ️ {claim}",
    "button.digest.mute": "🔇 Mute",
    # search by words
    "find.several": "Several claims match <i>{words}</i>. Pick one:",
    "find.none": "No claim matches <i>{words}</i>.",
    "find.closest": " Closest: {names}.",
    "claims.header_words": "<b>Claims matching <i>{words}</i></b> ({n})",
    # channels
    "channel.private_only": "Subscribe a channel from your private chat with me.",
    "channel.not_found": (
        "I cannot find {channel}. Add me to the channel as an administrator that may post messages, "
        "then try again."
    ),
    "channel.not_channel": "{channel} is not a channel. In a group, send the command in the group itself.",
    "channel.not_admin": "Only an administrator of {channel} can change its subscriptions, and you are not one.",
    "channel.bot_missing": (
        "I am not an administrator of {channel}. Add me as an administrator with the right to post messages."
    ),
    "channel.bot_cannot_post": (
        "I am an administrator of {channel} but may not post messages there. Give me the right to post messages."
    ),
    "channel.sub.done": "✅ {channel} is subscribed to {kind} <code>{name}</code>. Alerts will be posted there.",
    "channel.sub.already": "{channel} is already subscribed to <code>{name}</code>.",
    "channel.unsub.done": "{channel} is unsubscribed from <code>{name}</code>.",
    "channel.unsub.not": "{channel} was not subscribed to <code>{name}</code>.",
    "channel.several": "Several claims match <i>{words}</i>. Send the command again with one id: {names}",
    "mysubs.channel": "<b>Channel {channel}</b>",
    # suggestions
    "usage.suggest": (
        "/suggest &lt;the claim in one sentence&gt;, for example /suggest Xiaomi will list its car unit in Hong Kong"
    ),
    "cmd.suggest": "Suggest a rumor to track",
    "suggest.too_short": "Please say the claim in a sentence of at least {min} characters.",
    "suggest.too_long": "Please keep the claim under {max} characters.",
    "suggest.too_many": "You already have {n} suggestions waiting for the admins. Please wait for their answer.",
    "suggest.duplicate": "You have suggested this already; the admins will answer.",
    "suggest.preview": "💡 <b>Your suggestion</b>\n{text}\n\n<b>What it would match</b>\n<pre>{rules}</pre>",
    "suggest.nearest": "\n\n<b>Already tracked and close to it</b>\n{claims}",
    "suggest.ask": "\n\nSend it to the bot's administrators?",
    "button.suggest.send": "✅ Send to the admins",
    "button.suggest.cancel": "✖ Cancel",
    "suggest.sent": "📨 Sent to the admins. I will tell you their answer here.",
    "suggest.cancelled": "Cancelled: nothing was sent.",
    "suggest.no_admins": "This bot has no administrators to review suggestions.",
    "suggest.private_only": "Please send /suggest to me in a private chat, so that I can tell you the answer.",
    "suggest.admin": (
        "💡 <b>Suggested claim #{id}</b> from {user}\n{text}\n\n<b>What it would match</b>\n<pre>{rules}</pre>"
    ),
    "button.suggest.approve": "✅ Approve",
    "button.suggest.reject": "✖ Reject",
    "suggest.approved_admin": "\n\n✅ Approved by {admin}: tracked as <code>{claim}</code>.",
    "suggest.rejected_admin": "\n\n✖ Rejected by {admin}.",
    "suggest.decided": "Already decided.",
    "suggest.approved": (
        "✅ Your suggestion is tracked now as <code>{claim}</code>, and this chat is subscribed to it:\n{text}"
    ),
    "suggest.rejected": "Your suggestion was not taken up by the admins:\n{text}",
    # /mysubs buttons
    "mysubs.hint": "✖ unsubscribes, 🔇 mutes, 🔔 unmutes.",
    "button.mysubs.unsubscribe": "✖ {name}",
    "button.mysubs.mute": "🔇 {name}",
    "button.mysubs.unmute": "🔔 {name}",
    "mysubs.unmuted": "🔔 <code>{claim}</code> is heard here again.",
    # link previews
    "settings.previews": "Link previews: <b>{value}</b>",
    "previews.on": "on",
    "previews.off": "off",
    "button.previews.on": "Previews on",
    "button.previews.off": "Previews off",
    # the admins' command menu
    "cmd.track": "Admin: track a claim",
    "cmd.untrack": "Admin: stop tracking a claim",
    "cmd.entities": "Admin: parties that answer officially",
    "cmd.entity": "Admin: add or rename an entity",
    "cmd.official": "Admin: whose official voice a feed is",
    "cmd.stats": "Admin: feeds, items, claims, chats, outbox",
    "cmd.addfeed": "Admin: track a feed URL",
    "cmd.feeds": "Admin: feeds and their state",
    "cmd.rmfeed": "Admin: stop tracking a feed",
    # feed administration and the failing-feed notice
    "usage.addfeed": "/addfeed &lt;URL&gt; [name], for example /addfeed https://example.com/rss.xml",
    "usage.rmfeed": "/rmfeed &lt;id or URL&gt; (ids are in /feeds)",
    "feeds.known": "Already tracked as #{id} {name}.",
    "feeds.cannot_add": "Cannot add {url}: {error}",
    "feeds.already": "Already tracked: {url}",
    "feeds.added": (
        "✅ Added feed #{id} <b>{title}</b>: {items} now. They are stored without alerts; new items will alert."
    ),
    "feeds.items.one": "{n} item",
    "feeds.items.many": "{n} items",
    "feeds.none": "No feeds yet. Add one with /addfeed &lt;URL&gt; or send me an OPML file.",
    "feeds.header.one": "<b>{n} feed</b>",
    "feeds.header.many": "<b>{n} feeds</b>",
    "feeds.times": "last success {success} · next check {next}",
    "feeds.last_error": "last error: {error}",
    "feeds.no_feed": "No feed {feed}. /feeds lists them with their ids.",
    "feeds.removed": "Removed feed #{id} {name} with its items and evidence.",
    "feeds.removed_config": (
        " It is in the configuration file: remove it there too, or it comes back at the next start."
    ),
    "feed.state.never": "never polled",
    "feed.state.failing": "failing ({n} errors in a row)",
    "feed.state.erroring.one": "erroring {n} time",
    "feed.state.erroring.many": "erroring {n} times",
    "feed.state.ok": "ok",
    "time.never": "never",
    "time.now": "now",
    "time.in": "in {amount}",
    "time.ago": "{amount} ago",
    "unit.d": "{n} d",
    "unit.h": "{n} h",
    "unit.min": "{n} min",
    "unit.s": "{n} s",
    "opml.summary": "OPML import: added {added}, already tracked {already}, refused {refused}.",
    "opml.more": "…and {n} more refused.",
    "opml.too_big": "OPML refused: file over 5 MiB",
    "opml.empty": "That OPML file lists no http(s) feeds.",
    "feed.failing_notice": (
        "⚠️ Feed <b>{name}</b> is failing: {n} checks in a row went wrong.\nLast error: {error}\n{url}\n"
        "It is still checked, less often; /feeds shows its state."
    ),
    "feed.recovered_notice": "✅ Feed <b>{name}</b> works again.",
    "chat.no_rights_notice": (
        "⚠️ I may no longer send messages in {name}: Telegram says “{reason}”.\n"
        "Its subscriptions are kept and its alerts wait; they go out once I may send there again "
        "(tried every {every})."
    ),
}

ZH: dict[str, str] = {
    "chart.ylabel": "每日报道数",
    "chart.official": "官方回应",
    "chart.official_label": "{name}：{verb}",
    "chart.empty": "暂无证据",
    "usage.timeline": "/timeline &lt;传闻或关键词&gt;，例如 /timeline xiaomi-qualification",
    "cmd.timeline": "传闻的时间线图",
    "timeline.caption": "📈 <b>{claim}</b>：{status}",
    "timeline.empty": "<code>{claim}</code> 还没有证据，无法绘图。",
    "button.timeline": "📈 时间线",
    "button.digest.status": "ℹ️ {claim}",
    "button.digest.mute": "🔇 静音",
    "find.several": "有多个传闻符合 <i>{words}</i>，请选择：",
    "find.none": "没有传闻符合 <i>{words}</i>。",
    "find.closest": " 最接近的：{names}。",
    "claims.header_words": "<b>符合 <i>{words}</i> 的传闻</b>（{n}）",
    "channel.private_only": "请在与我的私聊中为频道订阅。",
    "channel.not_found": "找不到 {channel}。请把我加为该频道可发消息的管理员，然后重试。",
    "channel.not_channel": "{channel} 不是频道。群组请直接在群里发送命令。",
    "channel.not_admin": "只有 {channel} 的管理员可以更改它的订阅，而你不是管理员。",
    "channel.bot_missing": "我不是 {channel} 的管理员。请把我加为管理员，并允许发布消息。",
    "channel.bot_cannot_post": "我是 {channel} 的管理员，但没有发布消息的权限。请允许我发布消息。",
    "channel.sub.done": "✅ {channel} 已订阅{kind} <code>{name}</code>，提醒将发布到该频道。",
    "channel.sub.already": "{channel} 已经订阅了 <code>{name}</code>。",
    "channel.unsub.done": "{channel} 已取消订阅 <code>{name}</code>。",
    "channel.unsub.not": "{channel} 没有订阅 <code>{name}</code>。",
    "channel.several": "有多个传闻符合 <i>{words}</i>。请用其中一个 id 重新发送命令：{names}",
    "mysubs.channel": "<b>频道 {channel}</b>",
    "usage.suggest": "/suggest &lt;一句话说明传闻&gt;，例如 /suggest 小米汽车将在香港上市",
    "cmd.suggest": "建议跟踪一条传闻",
    "suggest.too_short": "请用至少 {min} 个字说明这条传闻。",
    "suggest.too_long": "请把传闻控制在 {max} 个字以内。",
    "suggest.too_many": "你已有 {n} 条建议在等待管理员处理，请等待答复。",
    "suggest.duplicate": "你已经建议过这一条，管理员会答复。",
    "suggest.preview": "💡 <b>你的建议</b>\n{text}\n\n<b>将会匹配的内容</b>\n<pre>{rules}</pre>",
    "suggest.nearest": "\n\n<b>已在跟踪的相近传闻</b>\n{claims}",
    "suggest.ask": "\n\n发送给机器人的管理员吗？",
    "button.suggest.send": "✅ 发送给管理员",
    "button.suggest.cancel": "✖ 取消",
    "suggest.sent": "📨 已发送给管理员，我会在这里告诉你答复。",
    "suggest.cancelled": "已取消，没有发送任何内容。",
    "suggest.no_admins": "这个机器人没有可以审核建议的管理员。",
    "suggest.private_only": "请在与我的私聊中发送 /suggest，以便我告诉你结果。",
    "suggest.admin": "💡 <b>建议的传闻 #{id}</b>，来自 {user}\n{text}\n\n<b>将会匹配的内容</b>\n<pre>{rules}</pre>",
    "button.suggest.approve": "✅ 批准",
    "button.suggest.reject": "✖ 拒绝",
    "suggest.approved_admin": "\n\n✅ 已由 {admin} 批准：跟踪为 <code>{claim}</code>。",
    "suggest.rejected_admin": "\n\n✖ 已由 {admin} 拒绝。",
    "suggest.decided": "已经处理过了。",
    "suggest.approved": "✅ 你的建议已开始跟踪，id 为 <code>{claim}</code>，本聊天已订阅：\n{text}",
    "suggest.rejected": "管理员没有采纳你的建议：\n{text}",
    "mysubs.hint": "✖ 取消订阅，🔇 静音，🔔 取消静音。",
    "button.mysubs.unsubscribe": "✖ {name}",
    "button.mysubs.mute": "🔇 {name}",
    "button.mysubs.unmute": "🔔 {name}",
    "mysubs.unmuted": "🔔 本聊天将重新收到 <code>{claim}</code> 的提醒。",
    "settings.previews": "链接预览：<b>{value}</b>",
    "previews.on": "开",
    "previews.off": "关",
    "button.previews.on": "开启预览",
    "button.previews.off": "关闭预览",
    "cmd.track": "管理员：跟踪一条传闻",
    "cmd.untrack": "管理员：停止跟踪传闻",
    "cmd.entities": "管理员：可以官方回应的各方",
    "cmd.entity": "管理员：添加或重命名实体",
    "cmd.official": "管理员：设置源代表谁的官方声音",
    "cmd.stats": "管理员：源、条目、传闻、聊天、待发队列",
    "cmd.addfeed": "管理员：添加一个源",
    "cmd.feeds": "管理员：各个源及其状态",
    "cmd.rmfeed": "管理员：删除一个源",
    "usage.addfeed": "/addfeed &lt;网址&gt; [名称]，例如 /addfeed https://example.com/rss.xml",
    "usage.rmfeed": "/rmfeed &lt;id 或网址&gt;（id 见 /feeds）",
    "feeds.known": "已在跟踪：#{id} {name}。",
    "feeds.cannot_add": "无法添加 {url}：{error}",
    "feeds.already": "已在跟踪：{url}",
    "feeds.added": "✅ 已添加源 #{id} <b>{title}</b>：目前有 {items}。这些条目只存储、不提醒；之后的新条目会提醒。",
    "feeds.items.one": "{n} 条",
    "feeds.items.many": "{n} 条",
    "feeds.none": "还没有源。用 /addfeed &lt;网址&gt; 添加，或发给我一个 OPML 文件。",
    "feeds.header.one": "<b>{n} 个源</b>",
    "feeds.header.many": "<b>{n} 个源</b>",
    "feeds.times": "上次成功 {success} · 下次检查 {next}",
    "feeds.last_error": "上次错误：{error}",
    "feeds.no_feed": "没有源 {feed}。/feeds 列出所有源及其 id。",
    "feeds.removed": "已删除源 #{id} {name}，及其条目和证据。",
    "feeds.removed_config": " 它在配置文件中：请也在那里删除，否则下次启动时会恢复。",
    "feed.state.never": "尚未检查",
    "feed.state.failing": "失败（连续 {n} 次出错）",
    "feed.state.erroring.one": "出错 {n} 次",
    "feed.state.erroring.many": "出错 {n} 次",
    "feed.state.ok": "正常",
    "time.never": "从未",
    "time.now": "现在",
    "time.in": "{amount}后",
    "time.ago": "{amount}前",
    "unit.d": "{n} 天",
    "unit.h": "{n} 小时",
    "unit.min": "{n} 分钟",
    "unit.s": "{n} 秒",
    "opml.summary": "OPML 导入：新增 {added}，已在跟踪 {already}，拒绝 {refused}。",
    "opml.more": "……另有 {n} 个被拒绝。",
    "opml.too_big": "OPML 被拒绝：文件超过 5 MiB",
    "opml.empty": "这个 OPML 文件没有列出 http(s) 源。",
    "feed.failing_notice": (
        "⚠️ 源 <b>{name}</b> 出现故障：连续 {n} 次检查出错。\n上次错误：{error}\n{url}\n"
        "仍会继续检查，但频率降低；/feeds 可查看其状态。"
    ),
    "feed.recovered_notice": "✅ 源 <b>{name}</b> 已恢复正常。",
    "chat.no_rights_notice": (
        "⚠️ 我目前无法在 {name} 发送消息：Telegram 回复“{reason}”。\n"
        "该群的订阅仍然保留，提醒会暂存；一旦我重新获得发言权限就会发出（每 {every} 重试一次）。"
    ),
}
