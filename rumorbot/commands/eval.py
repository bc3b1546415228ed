"""`rumorbot eval [labeled|headlines|zh|checkthat]`: the engine's figures on our labeled sets, the headline
set and CheckThat! 2020."""

from __future__ import annotations

import argparse
from pathlib import Path

from bot.evaluation import checkthat, headlines, labeled, zh
from core.errors import InputError


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("eval", help="evaluate the engine on labeled data and print figures")
    parser.add_argument("set", nargs="?", choices=("labeled", "headlines", "zh", "checkthat"), default="labeled")
    parser.add_argument("--data", type=Path, help="folder of the data set (default: the usual place)")
    parser.add_argument(
        "--split",
        action="append",
        choices=("train", "dev", "test", "heldout"),
        help="CheckThat! split(s) to rank (default: dev and test); headlines: dev (default) or heldout",
    )
    parser.add_argument("--errors", action="store_true", help="list the labeled set's errors")
    parser.set_defaults(handler=main)


def _labeled(args: argparse.Namespace) -> None:
    report = labeled.evaluate(args.data or labeled.DEFAULT_DIR)
    m = report.match
    print(
        f"pairs={report.pairs} match: p={m['p']:.3f} r={m['r']:.3f} f1={m['f1']:.3f} "
        f"(tp={m['tp']:.0f} fp={m['fp']:.0f} fn={m['fn']:.0f})"
    )
    for label, row in report.stance.items():
        print(f"stance {label:<8} p={row['p']:.3f} r={row['r']:.3f} f1={row['f1']:.3f} n={row['n']:.0f}")
    print(f"official accuracy={report.official_accuracy:.3f}")
    if args.errors:
        print("\n".join(report.errors))


def _checkthat(args: argparse.Namespace) -> None:
    folder = args.data or checkthat.DEFAULT_DIR
    if not (folder / "verified_claims.docs.tsv").is_file():
        raise InputError(f"{folder}: no CheckThat! 2020 data here")
    for name, row in checkthat.evaluate(folder, args.split or ["dev", "test"]).items():
        print(name, " ".join(f"{k}={v:.4f}" for k, v in row.items()))


def _headlines(args: argparse.Namespace) -> None:
    splits = args.split or ["dev"]
    if any(s not in headlines.SPLITS for s in splits):
        raise InputError(f"headlines splits are {', '.join(headlines.SPLITS)}")
    for split in splits:
        report = headlines.evaluate(args.data or headlines.DEFAULT_DIR, split)
        m, macro = report.match, report.stance["macro"]
        print(
            f"headlines {split}: n={report.headlines} match: p={m['p']:.3f} r={m['r']:.3f} f1={m['f1']:.3f} "
            f"(tp={m['tp']:.0f} fp={m['fp']:.0f} fn={m['fn']:.0f}) stance macro-f1={macro['f1']:.3f}"
        )
        for label in ("supports", "refutes", "neutral"):
            row = report.stance[label]
            print(f"  stance {label:<8} p={row['p']:.3f} r={row['r']:.3f} f1={row['f1']:.3f} n={row['n']:.0f}")
        if args.errors:
            print("\n".join(report.errors))


def _split_lines(name: str, report: zh.SplitReport) -> list[str]:
    m, macro = report.match, report.stance["macro"]
    lines = [
        f"{name}: n={report.items} match: p={m['p']:.3f} r={m['r']:.3f} f1={m['f1']:.3f} "
        f"(tp={m['tp']:.0f} fp={m['fp']:.0f} fn={m['fn']:.0f}) "
        f"false-alerts={report.false_alert_rate:.3f} ({report.false_alerts}/{report.distractors}) "
        f"stance macro-f1={macro['f1']:.3f} official accuracy={report.official_accuracy:.3f}"
    ]
    for label in ("supports", "refutes", "neutral"):
        row = report.stance[label]
        lines.append(f"  stance {label:<8} p={row['p']:.3f} r={row['r']:.3f} f1={row['f1']:.3f} n={row['n']:.0f}")
    lines.append(f"  found across languages (claims with an English text only): {report.crosslingual_found}"
                 f"/{report.crosslingual}")
    return lines


def _zh(args: argparse.Namespace) -> None:
    folder = args.data
    report = zh.evaluate(folder / "zh-claims.toml", folder / "zh-labeled.jsonl") if folder else zh.evaluate()
    for split in zh.SPLITS:
        print("\n".join(_split_lines(f"zh {split} engine", report.engine[split])))
        print("\n".join(_split_lines(f"zh {split} bigram", report.baseline[split])))
        if args.errors:
            print("\n".join(report.engine[split].errors))
    print(f"bigram threshold={report.threshold:.4f} (best match F1 on dev)")


def main(args: argparse.Namespace) -> None:
    run = {"headlines": _headlines, "checkthat": _checkthat, "zh": _zh}.get(args.set, _labeled)
    run(args)
