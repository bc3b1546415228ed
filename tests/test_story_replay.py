"""Acceptance: the Xiaomi story replayed through the real bot, checked the way its two users live it.

One replay (about half a minute) is shared by every test of this module: the real `rumorbot run`
process, a fake Telegram and local feeds, the timeline of `tests/story/timeline.py`. What the users saw
comes from the fake Telegram; why (which claim, story, stance, official mark) from the bot's database.
"""

from __future__ import annotations

import asyncio
import contextlib
import sqlite3
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.story.replay import ALICE, WANG, Person, ReplayResult, replay
from tests.story.timeline import BACKLOG, BLOOMBERG_LINK, STEPS, all_posts, post
from tests.story.transcript import html_to_text

TOPIC_CLAIMS = {
    "xiaomi-qualification",
    "xiaomi-baic-oem",
    "xiaomi-chery-brilliance-oem",
    "xiaomi-car-price",
    "xiaomi-mass-production-2024",
}


@dataclass(frozen=True, slots=True)
class Alert:
    """An alert a user received, with what the bot's outbox knows about it."""

    chat_id: int
    text: str
    claim_id: str
    story_id: int
    kind: str


@dataclass(frozen=True, slots=True)
class Found:
    """A row of evidence: what one item says about one claim."""

    claim_id: str
    link: str
    identity: str
    story_id: int
    level: str
    stance: str
    official: str | None
    official_entity: str | None


@dataclass
class Story:
    result: ReplayResult
    alerts: list[Alert]
    evidence: list[Found]
    statuses: dict[str, tuple[str, str]]
    stories: dict[int, set[str]]

    def alerts_to(self, person: Person) -> list[Alert]:
        return [a for a in self.alerts if a.chat_id == person.user_id]

    def evidence_of(self, post_key: str, claim_id: str) -> Found | None:
        p = post(post_key)
        found = [e for e in self.evidence if e.claim_id == claim_id and e.identity == p.identity]
        return found[0] if found else None

    def stories_of(self, post_key: str) -> set[int]:
        p = post(post_key)
        return {e.story_id for e in self.evidence if e.identity == p.identity}

    def status_reply(self, person: Person, command: str) -> str:
        for who, asked, replies in self.result.status_replies:
            if who == person and asked == command:
                return "\n".join(html_to_text(r.text) for r in replies)
        raise KeyError(command)


def _read_db(
    db_path: Path, result: ReplayResult
) -> tuple[list[Alert], list[Found], dict[str, tuple[str, str]], dict[int, set[str]]]:
    with contextlib.closing(sqlite3.connect(db_path)) as db:
        sent = {(r[0], r[1]): r[2:] for r in db.execute(
            "SELECT chat_id, message_id, claim_id, story_id, kind FROM outbox WHERE state = 'sent'")}
        evidence = [Found(*r) for r in db.execute(
            "SELECT e.claim_id, i.link, i.identity, e.story_id, e.level, e.stance, e.official, e.official_entity "
            "FROM evidence e JOIN items i ON i.id = e.item_id")]
        statuses = {r[0]: (r[1], r[2]) for r in db.execute("SELECT id, status, status_reason FROM claims")}
        stories: dict[int, set[str]] = {}
        for story_id, identity in db.execute("SELECT story_id, identity FROM items"):
            stories.setdefault(story_id, set()).add(identity)
    alerts = []
    for person in (ALICE, WANG):
        for line in result.chats[person.key].bot_messages():
            row = sent.get((person.user_id, line.message_id))
            if row is not None:
                alerts.append(Alert(person.user_id, line.text, *row))
    return alerts, evidence, statuses, stories


@pytest.fixture(scope="module")
def story(tmp_path_factory: pytest.TempPathFactory) -> Story:
    """The whole story, replayed once for this module."""
    workdir = tmp_path_factory.mktemp("story")
    result = asyncio.run(replay(workdir))
    return Story(result, *_read_db(result.db_path, result))


def _links(text: str) -> set[str]:
    return {p.link for p in all_posts() if f'href="{p.link}"' in text}


def test_before_the_story_each_user_only_gets_answers_to_their_commands(story: Story) -> None:
    """Items already in the feeds at the first poll do not alert: the chats hold /start and /subscribe only."""
    for person in (ALICE, WANG):
        lines = story.result.chats[person.key].lines
        before = lines[: next(i for i, line in enumerate(lines) if line.speaker == "step")]
        assert [line.speaker for line in before] == ["user", "bot", "user", "bot"]
        assert not any(_links(a.text) & {p.link for p in BACKLOG} for a in story.alerts_to(person))


def test_english_user_hears_only_about_the_claim_she_follows(story: Story) -> None:
    """Alice subscribed to xiaomi-qualification: every alert she gets is about it and names it."""
    alerts = story.alerts_to(ALICE)
    assert alerts
    assert {a.claim_id for a in alerts} == {"xiaomi-qualification"}
    assert all("xiaomi-qualification" in a.text for a in alerts)


def test_every_alert_is_about_a_claim_its_story_speaks_to(story: Story) -> None:
    """No false alarms: the items of each alerted story include one that a reader labels with its claim."""
    by_identity = {p.identity: p for p in all_posts()}
    for alert in story.alerts:
        posts = [by_identity[i] for i in story.stories.get(alert.story_id, set()) if i in by_identity]
        labelled = sorted({c for p in posts for c in p.about})
        assert alert.claim_id in labelled, (alert.claim_id, [p.key for p in posts], html_to_text(alert.text))


def test_topic_subscriber_hears_about_every_claim_of_the_topic(story: Story) -> None:
    """小王 subscribed to the topic xiaomi-auto: the story gives him alerts on each of its five claims."""
    alerts = story.alerts_to(WANG)
    assert {a.claim_id for a in alerts} == TOPIC_CLAIMS
    assert all(a.claim_id in a.text for a in alerts)


def test_rumor_reports_alert_the_topic_subscriber_as_soon_as_they_appear(story: Story) -> None:
    """The first media reports of the BAIC rumor are evidence on xiaomi-baic-oem that does not refute it."""
    first_step = story.result.steps[0][WANG.key]
    assert any("xiaomi-baic-oem" in line.text for line in first_step)
    for key in ("baic-rumor-en", "baic-rumor-zh"):
        found = story.evidence_of(key, "xiaomi-baic-oem")
        assert found is not None, key
        assert (found.level, found.official) == ("match", None), key
        assert found.stance in ("supports", "neutral"), key


def test_baic_announcement_is_alerted_as_an_official_response(story: Story) -> None:
    """BAIC Blue Valley's announcement, from its own feed, reaches the topic subscriber as BAIC's official word."""
    found = story.evidence_of("baic-announcement", "xiaomi-baic-oem")
    assert found is not None
    assert (found.level, found.official, found.official_entity) == ("match", "source", "baic")
    announcement = post("baic-announcement").link
    official = [a for a in story.alerts_to(WANG) if announcement in _links(a.text)]
    assert [(a.claim_id, a.kind) for a in official] == [("xiaomi-baic-oem", "official")]
    assert any(name in official[0].text for name in ("BAIC", "北汽蓝谷", "北汽"))


def test_baic_announcement_is_read_as_a_denial(story: Story) -> None:
    """BAIC says it "did not receive relevant information" (未收到相关信息): its answer refutes the OEM claim."""
    found = story.evidence_of("baic-announcement", "xiaomi-baic-oem")
    assert found is not None
    assert found.stance == "refutes"


def test_bloomberg_report_refutes_the_qualification_claim(story: Story) -> None:
    """Bloomberg's report that Xiaomi lacks the qualification is refuting evidence, alerted to both users."""
    found = story.evidence_of("bloomberg-no-qualification", "xiaomi-qualification")
    assert found is not None
    assert (found.level, found.stance, found.official) == ("match", "refutes", None)
    for person in (ALICE, WANG):
        assert [a.claim_id for a in story.alerts_to(person) if BLOOMBERG_LINK in _links(a.text)] == [
            "xiaomi-qualification"
        ]


@pytest.mark.parametrize(
    ("key", "stance"),
    [
        # Stated as fact ("has obtained … the official side has not responded yet"): it takes the claim's side.
        ("has-qualification-zh", "supports"),
        # Attributed to unnamed reports ("…, reports say"): it passes the rumor on without vouching for it.
        ("has-qualification-en", "neutral"),
    ],
)
def test_reports_that_xiaomi_has_the_qualification(story: Story, key: str, stance: str) -> None:
    """Each report that Xiaomi got its qualification is unofficial evidence on the claim and reaches Alice."""
    found = story.evidence_of(key, "xiaomi-qualification")
    assert found is not None
    assert found.story_id in {a.story_id for a in story.alerts_to(ALICE)}
    assert (found.level, found.stance, found.official) == ("match", stance, None)


def test_distractors_never_alert(story: Story) -> None:
    """News about Xiaomi phones and other carmakers is not evidence on any claim and alerts nobody."""
    distractors = [p for p in all_posts() if p.role == "distractor"]
    assert len(distractors) >= 5
    for p in distractors:
        assert [e.claim_id for e in story.evidence if e.identity == p.identity and e.level == "match"] == [], p.key
        assert not [a for a in story.alerts if p.link in _links(a.text)], p.key
        assert not story.stories_of(p.key) & {a.story_id for a in story.alerts}, p.key


def test_a_story_holds_only_items_that_tell_the_same_news(story: Story) -> None:
    """Different news never share a story (that would swallow the later one's alerts)."""
    by_identity = {p.identity: p for p in all_posts()}
    for story_id, identities in story.stories.items():
        news = {by_identity[i].same_news for i in identities if i in by_identity}
        assert len(news) <= 1, (story_id, sorted(by_identity[i].key for i in identities if i in by_identity))


def test_a_syndicated_copy_does_not_alert_again(story: Story) -> None:
    """The aggregator's copy of the Bloomberg report joins the original's story; nobody hears of it twice."""
    assert story.stories_of("bloomberg-syndicated") <= story.stories_of("bloomberg-no-qualification")
    syndicated_step = next(i for i, s in enumerate(STEPS) if any(p.role == "syndicated" for p in s.posts))
    for person in (ALICE, WANG):
        again = [line for line in story.result.steps[syndicated_step][person.key] if BLOOMBERG_LINK in line.text]
        assert again == []


def test_oem_claim_ends_officially_denied(story: Story) -> None:
    """In the end xiaomi-baic-oem is denied on BAIC's word, and /status says so, naming the official response."""
    assert story.statuses["xiaomi-baic-oem"][0] == "denied"
    official_on_oem = {(e.official_entity, e.stance) for e in story.evidence
                       if e.claim_id == "xiaomi-baic-oem" and e.official and e.level == "match"}
    assert ("baic", "refutes") in official_on_oem
    reply = story.status_reply(ALICE, "/status xiaomi-baic-oem")
    assert "denied" in reply
    assert "official" in reply.lower()
    assert story.status_reply(WANG, "/status xiaomi-baic-oem")


def test_qualification_claim_has_no_official_response(story: Story) -> None:
    """Neither Xiaomi nor MIIT said anything: no evidence on xiaomi-qualification is official."""
    assert [e for e in story.evidence if e.claim_id == "xiaomi-qualification" and e.official] == []
    assert story.statuses["xiaomi-qualification"][0] not in ("confirmed", "denied")


def test_qualification_claim_ends_disputed(story: Story) -> None:
    """Two reports say Xiaomi has the qualification, two that it has not: disputed, and /status says so."""
    assert story.statuses["xiaomi-qualification"][0] == "disputed"
    assert "disputed" in story.status_reply(ALICE, "/status xiaomi-qualification")


def test_the_bot_stops_cleanly_when_interrupted(story: Story) -> None:
    """SIGINT at the end of the replay ends the bot with exit code 0 and no traceback in its log."""
    assert story.result.exit_code == 0
    assert "Traceback" not in story.result.log_path.read_text(encoding="utf-8")


def test_readme_shows_how_to_try_the_bot_without_a_token() -> None:
    """The README documents `make demo` with an excerpt of its transcript, and the Makefile has the target."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "`make demo`" in readme
    assert "🤖 bot: 🔔 xiaomi-qualification" in readme
    assert "\ndemo:" in (ROOT / "Makefile").read_text(encoding="utf-8")
