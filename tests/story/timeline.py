"""The Xiaomi car story as a timeline of feed items, told in our own words from the seed story's facts.

Six feeds: an English tech-news site, a finance wire, a Chinese tech-news site, a Bloomberg-style
newsroom, BAIC Blue Valley's own announcements (it speaks for `baic`), and a headlines aggregator that
republishes other newsrooms' reports under the same title and link. Each feed starts with an older,
unrelated item (what is there at the first poll never alerts); then the story unfolds in steps.

Every post has a `role` saying what it is in the story, so that the acceptance test can state what
should happen to it without repeating its text:

| role         | what it is                                                     |
| ------------ | -------------------------------------------------------------- |
| `backlog`    | already in a feed at the bot's first poll; never alerts        |
| `report`     | a news report on one of the tracked claims                     |
| `official`   | a statement from the party concerned, in its own feed          |
| `syndicated` | a copy of an earlier report (same title and link)              |
| `distractor` | news about Xiaomi phones or other carmakers; must never alert  |
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Role = Literal["backlog", "report", "official", "syndicated", "distractor"]
Format = Literal["rss", "atom"]


@dataclass(frozen=True, slots=True)
class Feed:
    """A feed the replay serves on the local feed server at `path`."""

    key: str
    name: str
    path: str
    format: Format = "rss"
    official_for: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Post:
    """One item published in one feed. `key` names it in tests; `guid` defaults to the link.

    `about` lists the claims the item really speaks to, as a careful reader would label it; posts that
    tell the same news (a copy, a rewrite, the same report in another language) share a `news` label.
    """

    key: str
    feed: str
    title: str
    summary: str
    link: str
    role: Role = "report"
    guid: str = ""
    about: tuple[str, ...] = ()
    news: str = ""

    @property
    def identity(self) -> str:
        return self.guid or self.link

    @property
    def same_news(self) -> str:
        return self.news or self.key


@dataclass(frozen=True, slots=True)
class Step:
    """A moment of the story: its date in the story, what happened, and the posts that appear."""

    when: str
    headline: str
    posts: tuple[Post, ...]


FEEDS: tuple[Feed, ...] = (
    Feed("technews", "TechPulse", "/technews/rss.xml"),
    Feed("markets", "Asia Markets Wire", "/markets/rss.xml"),
    Feed("kuaibao", "科技快报", "/kuaibao/rss.xml"),
    Feed("bloomberg", "Bloomberg", "/bloomberg/technology.atom", "atom"),
    Feed("baic", "北汽蓝谷公告 (BAIC Blue Valley announcements)", "/baic/announcements.atom", "atom", ("baic",)),
    Feed("headlines", "Daily Headlines", "/headlines/rss.xml"),
)

BACKLOG: tuple[Post, ...] = (
    Post(
        "tsmc-quarter", "technews", "TSMC third-quarter profit beats estimates as AI chip demand holds up",
        "The chipmaker kept its full-year outlook and said demand for advanced packaging remains strong.",
        "https://techpulse.example/2023/10/tsmc-q3", "backlog",
    ),
    Post(
        "yuan-steady", "markets", "Yuan steadies as central bank sets firmer fixing",
        "The onshore yuan edged up against the dollar after a stronger-than-expected midpoint.",
        "https://marketswire.example/fx/yuan-fixing", "backlog",
    ),
    Post(
        "mate60-sales", "kuaibao", "华为Mate 60 Pro开售首周销量强劲",
        "多家门店反馈，华为新机开售首周供不应求，部分型号需要排队提货。",
        "https://kuaibao.example/news/mate60-first-week", "backlog",
    ),
    Post(
        "bloomberg-old", "bloomberg", "Alibaba Weighs Options for Cloud Unit After Scrapping Spinoff",
        "The e-commerce company is reviewing the future of its cloud business amid US chip curbs.",
        "https://bloomberg.example/news/2023-10-alibaba-cloud", "backlog",
    ),
    Post(
        "baic-half-year", "baic", "北汽蓝谷新能源科技股份有限公司2023年半年度报告",
        "公司发布2023年半年度报告，披露上半年经营情况及主要财务数据。",
        "https://baicbluevalley.example/ir/2023-half-year-report", "backlog",
    ),
    Post(
        "headlines-old", "headlines", "Oil prices climb as supply worries return",
        "Brent crude rose for a third day on concerns about tighter supplies.",
        "https://headlines.example/markets/oil-climb", "backlog",
    ),
)

OEM = ("xiaomi-baic-oem",)
CHERY = ("xiaomi-chery-brilliance-oem",)
PRICE = ("xiaomi-car-price",)
MASS = ("xiaomi-mass-production-2024",)
QUAL = ("xiaomi-qualification",)

BLOOMBERG_LINK = "https://bloomberg.example/news/2023-10-24/xiaomi-has-yet-to-win-approval-to-make-cars"
BLOOMBERG_TITLE = "Xiaomi Has Yet to Win Beijing's Approval to Make Its Own Cars"

STEPS: tuple[Step, ...] = (
    Step("17–18 Oct 2023", "Media report that BAIC Blue Valley will build Xiaomi's cars", (
        Post(
            "baic-rumor-en", "technews", "Xiaomi said to tap BAIC Blue Valley to build its electric cars",
            "Xiaomi is in talks to have state-owned BAIC Blue Valley manufacture some of its electric vehicles "
            "under contract, according to people familiar with the matter, as the phone maker looks for "
            "capacity beyond its own Beijing plant.",
            "https://techpulse.example/2023/10/xiaomi-baic-contract-manufacturing",
            about=OEM, news="baic-rumor",
        ),
        Post(
            "baic-rumor-zh", "kuaibao", "传小米汽车将由北汽蓝谷代工生产",
            "据媒体报道，小米汽车正与北汽蓝谷洽谈新能源汽车代工事宜，北汽蓝谷或将为小米生产部分车型。",
            "https://kuaibao.example/news/xiaomi-baic-oem-rumor",
            about=OEM, news="baic-rumor",
        ),
        Post(
            "baic-shares", "markets", "BAIC Blue Valley shares jump 22% in three days on Xiaomi production talk",
            "Shares of BAIC Blue Valley have risen 22.18% over three straight sessions amid reports that it "
            "could assemble cars for Xiaomi. In a filing late on Wednesday the company said its day-to-day "
            "operations had not changed significantly.",
            "https://marketswire.example/equities/baic-blue-valley-rally",
            about=OEM,
        ),
        Post(
            "xiaomi-14-launch", "technews", "Xiaomi 14 sells out in minutes as HyperOS makes its debut",
            "Xiaomi's new flagship phone, priced from 3,999 yuan, is the first to run the company's HyperOS "
            "and Qualcomm's Snapdragon 8 Gen 3 chip.",
            "https://techpulse.example/2023/10/xiaomi-14-sells-out", "distractor",
        ),
    )),
    Step("19 Oct 2023", "BAIC Blue Valley answers: it has received no such information", (
        Post(
            "baic-announcement", "baic", "北汽蓝谷关于媒体报道的澄清公告",
            "近日，有媒体报道称小米汽车拟由本公司代工生产。经公司核实，公司未收到相关信息。"
            "公司将严格按照有关规定履行信息披露义务，敬请广大投资者注意投资风险。",
            "https://baicbluevalley.example/ir/2023-10-19-clarification", "official",
            about=OEM, news="baic-answer",
        ),
        Post(
            "baic-answer-en", "markets", "BAIC Blue Valley says it has no information on building cars for Xiaomi",
            "Responding to media reports on Thursday, BAIC Blue Valley said it \"did not receive relevant "
            "information\" about producing vehicles for Xiaomi.",
            "https://marketswire.example/equities/baic-responds-xiaomi-reports",
            about=OEM, news="baic-answer",
        ),
        Post(
            "byd-price-cut", "markets", "BYD trims Seal prices by up to 20,000 yuan as EV price war deepens",
            "BYD's Seal sedan now starts at 169,800 yuan after the carmaker cut prices across several trims "
            "to defend its market share.",
            "https://marketswire.example/autos/byd-seal-price-cut", "distractor",
        ),
    )),
    Step("20 Oct 2023", "What the talks were: BAIC said no in August; Chery and Brilliance were asked too", (
        Post(
            "baic-talks-failed", "technews",
            "Xiaomi and BAIC failed to agree on contract production after August talks, sources say",
            "Xiaomi approached BAIC at the end of August to discuss having it build new-energy vehicles, but "
            "the two sides did not reach a final agreement, according to people familiar with the talks.",
            "https://techpulse.example/2023/10/xiaomi-baic-talks-failed",
            about=OEM,
        ),
        Post(
            "chery-brilliance-zh", "kuaibao", "消息称小米还曾与奇瑞、华晨等车企洽谈代工",
            "知情人士透露，小米汽车还与奇瑞、华晨等多家车企进行过接触，拟由对方负责生产、小米负责销售，"
            "但具体结果尚不得而知。",
            "https://kuaibao.example/news/xiaomi-chery-brilliance-talks",
            about=CHERY,
        ),
        Post(
            "chery-exports", "kuaibao", "奇瑞9月出口汽车超10万辆 同比增长逾五成",
            "奇瑞集团公布9月产销数据，单月出口量创历史新高，海外市场贡献持续提升。",
            "https://kuaibao.example/news/chery-september-exports", "distractor",
        ),
    )),
    Step("late Oct 2023", "Price and production: insiders talk, the factory is nearly ready", (
        Post(
            "price-zh", "kuaibao", "小米汽车高配版售价曝光：25万至30万元",
            "有知情人士指出，小米汽车首款车型高配版定价区间为25万元至30万元，入门版售价暂未公布。",
            "https://kuaibao.example/news/xiaomi-car-price-leak",
            about=PRICE,
        ),
        Post(
            "mass-production-en", "technews", "Xiaomi's first car on track for mass production in first half of 2024",
            "Xiaomi's factory in Beijing's Yizhuang district, with capacity for 150,000 vehicles a year, is "
            "largely finished, and Lei Jun is aiming to sell 100,000 cars in 2024.",
            "https://techpulse.example/2023/10/xiaomi-mass-production-2024",
            about=MASS,
        ),
        Post(
            "li-mega", "technews", "Li Auto begins mass production of its MEGA electric minivan",
            "The first MEGA vehicles rolled off the line at Li Auto's Changzhou plant ahead of deliveries "
            "planned for next year.",
            "https://techpulse.example/2023/10/li-auto-mega-production", "distractor",
        ),
    )),
    Step("24 Oct 2023", "Bloomberg: Xiaomi does not have the qualification to build cars", (
        Post(
            "bloomberg-no-qualification", "bloomberg", BLOOMBERG_TITLE,
            "Xiaomi Corp. hasn't obtained the government qualification it needs to manufacture electric "
            "vehicles, people familiar with the matter said, a setback for the smartphone maker's plan to "
            "start deliveries next year.",
            BLOOMBERG_LINK, guid="tag:bloomberg.example,2023:xiaomi-approval",
            about=QUAL, news="bloomberg",
        ),
        Post(
            "bloomberg-rewrite-zh", "kuaibao", "彭博：小米尚未拿到造车资质",
            "据彭博社援引知情人士报道，小米目前仍未获得生产电动汽车所需的资质，这可能影响其明年交付计划。",
            "https://kuaibao.example/news/bloomberg-xiaomi-no-qualification",
            about=QUAL, news="bloomberg",
        ),
    )),
    Step("25 Oct 2023", "Other reports: Xiaomi does have it; the Bloomberg report is republished", (
        Post(
            "has-qualification-zh", "kuaibao", "小米汽车已获得纯电动车生产资质，官方暂未回应",
            "据多家媒体报道，小米汽车已拿到纯电动汽车生产资质，可以自主生产。对此，小米方面暂未作出官方回应。",
            "https://kuaibao.example/news/xiaomi-gets-ev-qualification",
            about=QUAL, news="has-qualification",
        ),
        Post(
            "has-qualification-en", "technews", "Xiaomi has secured approval to build EVs on its own, reports say",
            "Xiaomi has obtained the qualification to produce electric vehicles without a partner, according "
            "to Chinese media reports. The company has not commented.",
            "https://techpulse.example/2023/10/xiaomi-secures-ev-approval",
            about=QUAL, news="has-qualification",
        ),
        Post(
            "bloomberg-syndicated", "headlines", BLOOMBERG_TITLE,
            "Xiaomi Corp. hasn't obtained the government qualification it needs to manufacture electric "
            "vehicles, people familiar with the matter said.",
            BLOOMBERG_LINK, "syndicated", guid="headlines-88213",
            about=QUAL, news="bloomberg",
        ),
        Post(
            "xiaomi-phone-zh", "kuaibao", "小米14 Pro开售即售罄，雷军：产能正在加紧爬坡",
            "小米14 Pro首销火爆，多个版本一度缺货。雷军表示，工厂正在全力提升产能，尽快满足用户需求。",
            "https://kuaibao.example/news/xiaomi-14-pro-sold-out", "distractor",
        ),
    )),
)


def all_posts() -> tuple[Post, ...]:
    """Every post, backlog first, in the order the story publishes them."""
    return BACKLOG + tuple(p for step in STEPS for p in step.posts)


def post(key: str) -> Post:
    """The post called `key`."""
    for p in all_posts():
        if p.key == key:
            return p
    raise KeyError(key)
