"""`rumorbot match --claims FILE --items FILE`: the engine alone, offline, one JSON line per match."""

from __future__ import annotations

import argparse
import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.engine import Claim, Engine, Entity, Evidence, Item
from config.settings import load_settings
from core.errors import ConfigError, InputError


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser(
        "match", help="match items against claims, offline; one JSON line per match"
    )
    parser.add_argument("--claims", required=True, type=Path, help="claims: the TOML config or JSONL")
    parser.add_argument("--items", required=True, type=Path, help="items: JSONL")
    parser.add_argument("--candidates", action="store_true", help="also print candidate-level evidence")
    parser.set_defaults(handler=main)


def _jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(f"{path}: cannot read: {err}") from err
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as err:
            raise InputError(f"{path}:{number}: not valid JSON: {err.msg}") from err
        if not isinstance(row, dict):
            raise InputError(f"{path}:{number}: expected a JSON object")
        yield number, row


def _text(row: dict[str, Any], key: str, where: str, required: bool = False) -> str:
    value = row.get(key, "")
    if value is None:
        value = ""
    if not isinstance(value, str | int) or isinstance(value, bool) or (required and not str(value).strip()):
        raise InputError(
            f"{where}: {key!r} must be a non-empty string" if required else f"{where}: bad {key!r}"
        )
    return str(value)


def _strings(row: dict[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = row.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InputError(f"{where}: {key!r} must be a list of strings")
    return tuple(value)


def load_claims(path: Path) -> tuple[list[Claim], list[Entity], dict[str, tuple[str, ...]]]:
    """Claims and entities from a TOML config (with feeds' `official_for`) or claims from JSONL."""
    if path.suffix.lower() == ".toml":
        try:
            settings = load_settings(path)
        except ConfigError as err:
            raise InputError(str(err)) from err
        official = {key: f.official_for for f in settings.feeds for key in (f.url, f.name)}
        return list(settings.claims), list(settings.entities), official
    claims = []
    for number, row in _jsonl(path):
        where = f"{path}:{number}"
        claims.append(
            Claim(
                id=_text(row, "id", where, True),
                text=_text(row, "text", where, True),
                topic=_text(row, "topic", where),
                texts=_strings(row, "texts", where),
                keywords=_strings(row, "keywords", where),
                officials=_strings(row, "officials", where),
            )
        )
    return claims, [], {}


def _published(value: Any, where: str) -> datetime | None:
    if not value:
        return None
    try:
        return datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError as err:
        raise InputError(f"{where}: 'published' is not an ISO date: {value!r}") from err


def load_items(path: Path, official: dict[str, tuple[str, ...]]) -> Iterator[Item]:
    for number, row in _jsonl(path):
        where = f"{path}:{number}"
        source = _text(row, "source", where)
        yield Item(
            id=_text(row, "id", where, True),
            title=_text(row, "title", where),
            summary=_text(row, "summary", where),
            link=_text(row, "link", where),
            source=source,
            published=_published(row.get("published"), where),
            official_for=_strings(row, "official_for", where) or official.get(source, ()),
        )


def as_json(evidence: Evidence) -> str:
    return json.dumps(
        {
            "item": evidence.item_id,
            "claim": evidence.claim_id,
            "score": evidence.score,
            "stance": evidence.stance,
            "official": evidence.official is not None,
            "evidence": evidence.sentence,
            "official_kind": evidence.official,
            "official_entity": evidence.official_entity,
            "cue": evidence.cue,
            "level": evidence.level,
        },
        ensure_ascii=False,
    )


def main(args: argparse.Namespace) -> None:
    claims, entities, official = load_claims(args.claims)
    engine = Engine(claims, entities)
    for item in load_items(args.items, official):
        for evidence in engine.match(item):
            if evidence.level == "match" or args.candidates:
                print(as_json(evidence))
