"""`rumorbot eval [labeled|checkthat]`: the engine's figures on our labeled set and on CheckThat! 2020."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from bot.evaluation import checkthat, labeled


def add_parser(subparsers: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    parser = subparsers.add_parser("eval", help="evaluate the engine on labeled data and print figures")
    parser.add_argument("set", nargs="?", choices=("labeled", "checkthat"), default="labeled")
    parser.add_argument("--data", type=Path, help="folder of the data set (default: the usual place)")
    parser.add_argument(
        "--split",
        action="append",
        choices=("train", "dev", "test"),
        help="CheckThat! split(s) to rank (default: dev and test)",
    )
    parser.add_argument("--errors", action="store_true", help="list the labeled set's errors")
    parser.set_defaults(handler=main)


def _labeled(args: argparse.Namespace) -> int:
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
    return 0


def _checkthat(args: argparse.Namespace) -> int:
    folder = args.data or checkthat.DEFAULT_DIR
    if not (folder / "verified_claims.docs.tsv").is_file():
        print(f"rumorbot eval: {folder}: no CheckThat! 2020 data here", file=sys.stderr)
        return 2
    for name, row in checkthat.evaluate(folder, args.split or ["dev", "test"]).items():
        print(name, " ".join(f"{k}={v:.4f}" for k, v in row.items()))
    return 0


def main(args: argparse.Namespace) -> int:
    return _checkthat(args) if args.set == "checkthat" else _labeled(args)
