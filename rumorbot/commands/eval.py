"""`rumorbot eval [labeled|headlines|zh|checkthat|fit]`: the engine's figures on our labeled sets, the
headline set and CheckThat! 2020, fused with the sentence encoder (`--encoder none`: the lexical engine
alone); `fit` refits the fusion's weights and shows how they were chosen."""

from __future__ import annotations

import argparse
from collections.abc import Iterable, Mapping
from pathlib import Path

from bot.encoder import DEFAULT_ENCODER, ENCODERS
from bot.evaluation import checkthat, fit, headlines, labeled, zh
from core.errors import InputError
from core.records import STANCES


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("eval", help="evaluate the engine on labeled data and print figures")
    parser.add_argument("set", nargs="?", choices=("labeled", "headlines", "zh", "checkthat", "fit"), default="labeled")
    parser.add_argument("--data", type=Path, help="folder of the data set (default: the usual place)")
    parser.add_argument(
        "--split",
        action="append",
        choices=("train", "dev", "test", "heldout"),
        help="CheckThat! split(s) to rank (default: dev and test); headlines: dev (default) or heldout",
    )
    parser.add_argument("--errors", action="store_true", help="list the labeled set's errors")
    parser.add_argument(
        "--encoder",
        choices=(*ENCODERS, "none"),
        default=DEFAULT_ENCODER,
        help=f"sentence encoder fused with the lexical engine (default {DEFAULT_ENCODER}; none: lexical alone)",
    )
    parser.add_argument("--dry-run", action="store_true", help="fit: show the figures, keep the shipped weights")
    parser.set_defaults(handler=main)


def _match(m: Mapping[str, float]) -> str:
    return (f"match: p={m['p']:.3f} r={m['r']:.3f} f1={m['f1']:.3f} "
            f"(tp={m['tp']:.0f} fp={m['fp']:.0f} fn={m['fn']:.0f})")


def _stance(stance: Mapping[str, Mapping[str, float]], labels: Iterable[str], indent: str = "") -> list[str]:
    rows = [(label, stance[label]) for label in labels]
    return [f"{indent}stance {label:<8} p={row['p']:.3f} r={row['r']:.3f} f1={row['f1']:.3f} n={row['n']:.0f}"
            for label, row in rows]


def _labeled(args: argparse.Namespace) -> None:
    report = labeled.evaluate(args.data or labeled.DEFAULT_DIR, args.encoder)
    print(f"pairs={report.pairs} {_match(report.match)}")
    print("\n".join(_stance(report.stance, report.stance)))
    print(f"official accuracy={report.official_accuracy:.3f}")
    if args.errors:
        print("\n".join(report.errors))


def _checkthat(args: argparse.Namespace) -> None:
    folder = args.data or checkthat.DEFAULT_DIR
    if not (folder / "verified_claims.docs.tsv").is_file():
        raise InputError(f"{folder}: no CheckThat! 2020 data here")
    for name, row in checkthat.evaluate(folder, args.split or ["dev", "test"], args.encoder).items():
        print(name, " ".join(f"{k}={v:.4f}" for k, v in row.items()))


def _headlines(args: argparse.Namespace) -> None:
    splits = args.split or ["dev"]
    if any(s not in headlines.SPLITS for s in splits):
        raise InputError(f"headlines splits are {', '.join(headlines.SPLITS)}")
    for split in splits:
        report = headlines.evaluate(args.data or headlines.DEFAULT_DIR, split, args.encoder)
        print(
            f"headlines {split}: n={report.headlines} {_match(report.match)} "
            f"stance macro-f1={report.stance['macro']['f1']:.3f} "
            f"distractors alerting={report.distractors_alerting}/{report.distractors} "
            f"({report.distractors_alerting / max(1, report.distractors):.3f})"
        )
        print("\n".join(_stance(report.stance, STANCES, "  ")))
        if args.errors:
            print("\n".join(report.errors))


def _split_lines(name: str, report: zh.SplitReport) -> list[str]:
    lines = [
        f"{name}: n={report.items} {_match(report.match)} "
        f"false-alerts={report.false_alert_rate:.3f} ({report.false_alerts}/{report.distractors}) "
        f"stance macro-f1={report.stance['macro']['f1']:.3f} official accuracy={report.official_accuracy:.3f}",
        *_stance(report.stance, STANCES, "  "),
    ]
    lines.append(f"  found across languages (claims with an English text only): {report.crosslingual_found}"
                 f"/{report.crosslingual}")
    return lines


def _zh(args: argparse.Namespace) -> None:
    folder = args.data
    claims, items = (folder / "zh-claims.toml", folder / "zh-labeled.jsonl") if folder else (zh.CLAIMS, zh.ITEMS)
    report = zh.evaluate(claims, items, args.encoder)
    for split in zh.SPLITS:
        print("\n".join(_split_lines(f"zh {split} engine", report.engine[split])))
        print("\n".join(_split_lines(f"zh {split} bigram", report.baseline[split])))
        if args.errors:
            print("\n".join(report.engine[split].errors))
    print(f"bigram threshold={report.threshold:.4f} (best match F1 on dev)")


def _fit(args: argparse.Namespace) -> None:
    if args.encoder == "none":
        raise InputError("the fusion needs an encoder")
    print("\n".join(fit.main(args.encoder, write=not args.dry_run)))


def main(args: argparse.Namespace) -> None:
    run = {"headlines": _headlines, "checkthat": _checkthat, "zh": _zh, "fit": _fit}.get(args.set, _labeled)
    run(args)
