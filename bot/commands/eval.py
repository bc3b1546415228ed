"""`rumorbot eval [labeled|headlines|checkthat|fit]`: the engine's figures on our labeled sets and on
CheckThat! 2020, fused with the sentence encoder (`--encoder none`: the lexical engine alone); `fit`
refits the fusion's weights and shows how they were chosen."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.encoder import DEFAULT_ENCODER, ENCODERS
from bot.evaluation import checkthat, fit, headlines, labeled


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("eval", help="evaluate the engine on labeled data and print figures")
    parser.add_argument("set", nargs="?", choices=("labeled", "headlines", "checkthat", "fit"), default="labeled")
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


def _labeled(args: argparse.Namespace) -> int:
    report = labeled.evaluate(args.data or labeled.DEFAULT_DIR, args.encoder)
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
    return 0


def _checkthat(args: argparse.Namespace) -> int:
    folder = args.data or checkthat.DEFAULT_DIR
    if not (folder / "verified_claims.docs.tsv").is_file():
        print(f"rumorbot eval: {folder}: no CheckThat! 2020 data here", file=sys.stderr)
        return 2
    for name, row in checkthat.evaluate(folder, args.split or ["dev", "test"], args.encoder).items():
        print(name, " ".join(f"{k}={v:.4f}" for k, v in row.items()))
    return 0


def _headlines(args: argparse.Namespace) -> int:
    splits = args.split or ["dev"]
    if any(s not in headlines.SPLITS for s in splits):
        print(f"rumorbot eval: headlines splits are {', '.join(headlines.SPLITS)}", file=sys.stderr)
        return 2
    for split in splits:
        report = headlines.evaluate(args.data or headlines.DEFAULT_DIR, split, args.encoder)
        m, macro = report.match, report.stance["macro"]
        print(
            f"headlines {split}: n={report.headlines} match: p={m['p']:.3f} r={m['r']:.3f} f1={m['f1']:.3f} "
            f"(tp={m['tp']:.0f} fp={m['fp']:.0f} fn={m['fn']:.0f}) stance macro-f1={macro['f1']:.3f} "
            f"distractors alerting={report.distractors_alerting}/{report.distractors} "
            f"({report.distractors_alerting / max(1, report.distractors):.3f})"
        )
        for label in ("supports", "refutes", "neutral"):
            row = report.stance[label]
            print(f"  stance {label:<8} p={row['p']:.3f} r={row['r']:.3f} f1={row['f1']:.3f} n={row['n']:.0f}")
        if args.errors:
            print("\n".join(report.errors))
    return 0


def _fit(args: argparse.Namespace) -> int:
    if args.encoder == "none":
        print("rumorbot eval fit: the fusion needs an encoder", file=sys.stderr)
        return 2
    print("\n".join(fit.main(args.encoder, write=not args.dry_run)))
    return 0


def main(args: argparse.Namespace) -> int:
    if args.set == "fit":
        return _fit(args)
    if args.set == "headlines":
        return _headlines(args)
    return _checkthat(args) if args.set == "checkthat" else _labeled(args)
