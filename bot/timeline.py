"""How a claim unfolded, day by day: stories per day by stance, official responses, status changes.

Pure: built from the claim's story evidence (one vote per story, as the status counts it), in the
reader's time zone. The status along the top is the status the evidence up to the end of each day
gives, so the picture and `/status` always agree.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, tzinfo

from bot.engine.status import claim_status, per_story
from core.records import Stance, Status, StoryEvidence


@dataclass(frozen=True, slots=True)
class DayCount:
    """How many stories of one day support, refute, or only report the claim."""

    day: date
    supports: int = 0
    refutes: int = 0
    neutral: int = 0

    def of(self, stance: Stance) -> int:
        return {"supports": self.supports, "refutes": self.refutes, "neutral": self.neutral}[stance]

    @property
    def total(self) -> int:
        return self.supports + self.refutes + self.neutral


@dataclass(frozen=True, slots=True)
class OfficialMark:
    """An official response: on which day, by whom (display name), and which way."""

    day: date
    name: str
    stance: Stance


@dataclass(frozen=True, slots=True)
class StatusChange:
    """From this day on the claim stood at `status`."""

    day: date
    status: Status


@dataclass(frozen=True, slots=True)
class Timeline:
    """Everything the chart shows, already decided; the chart only draws it."""

    title: str
    days: tuple[DayCount, ...]
    officials: tuple[OfficialMark, ...]
    statuses: tuple[StatusChange, ...]

    @property
    def empty(self) -> bool:
        return not self.days


def build_timeline(
    title: str, evidence: Sequence[StoryEvidence], names: Mapping[str, str], tz: tzinfo
) -> Timeline:
    """The timeline of a claim from its stories' evidence, days counted in `tz`."""
    stories = sorted(per_story(evidence), key=lambda e: (e.published, e.story_id))
    counts: dict[date, dict[Stance, int]] = {}
    officials: list[OfficialMark] = []
    for e in stories:
        day = e.published.astimezone(tz).date()
        per_stance = counts.setdefault(day, {"supports": 0, "refutes": 0, "neutral": 0})
        per_stance[e.stance] += 1
        if e.official is not None:
            entity = e.official_entity or ""
            officials.append(OfficialMark(day, names.get(entity, entity), e.stance))
    days = tuple(DayCount(d, c["supports"], c["refutes"], c["neutral"]) for d, c in sorted(counts.items()))
    return Timeline(title, days, tuple(officials), _status_changes(stories, names, tz))


def _status_changes(
    stories: Sequence[StoryEvidence], names: Mapping[str, str], tz: tzinfo
) -> tuple[StatusChange, ...]:
    """The status at the end of each day with evidence, kept where it differs from the day before."""
    changes: list[StatusChange] = []
    previous: Status = "unverified"
    for i, e in enumerate(stories):
        day = e.published.astimezone(tz).date()
        if i + 1 < len(stories) and stories[i + 1].published.astimezone(tz).date() == day:
            continue  # the day is not over yet
        status = claim_status(stories[: i + 1], names).status
        if status != previous or not changes:
            changes.append(StatusChange(day, status))
            previous = status
    return tuple(changes)
