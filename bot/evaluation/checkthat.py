"""CheckThat! 2020 task 2: rank 10,375 verified claims for each tweet, engine and BM25 side by side."""

from __future__ import annotations

import csv
import os
import sys
import time
from collections import defaultdict
from pathlib import Path

from bot.engine import Claim
from bot.evaluation import vectors
from bot.evaluation.bm25 import BM25
from bot.evaluation.metrics import retrieval_figures

# The shared data sets live beside the repository; RUMORBOT_SHARED_DATA points elsewhere (a worktree, CI).
SHARED_DATA = Path(
    os.environ.get("RUMORBOT_SHARED_DATA") or Path(__file__).resolve().parents[2].parent / "shared" / "data"
)
DEFAULT_DIR = SHARED_DATA / "checkthat2020"


def _rows(path: Path, quoted: bool = False) -> list[list[str]]:
    """TSV rows without the header; claims quote fields that span lines, tweets quote nothing."""
    csv.field_size_limit(sys.maxsize)
    with path.open(encoding="utf-8", newline="") as f:
        if quoted:
            return list(csv.reader(f, delimiter="\t"))[1:]
        return list(csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE))[1:]


def load_claims(folder: Path) -> list[Claim]:
    """Each verified claim, with its fact-check title as a second text."""
    rows = _rows(folder / "verified_claims.docs.tsv", quoted=True)
    return [
        Claim(id=r[0], text=r[1], texts=(r[2],) if len(r) > 2 and r[2] else ()) for r in rows if len(r) > 1
    ]


def load_split(folder: Path, split: str) -> tuple[dict[str, str], dict[str, set[str]]]:
    tweets = {r[0]: r[1] for r in _rows(folder / split / "tweets.queries.tsv") if len(r) > 1}
    qrels: defaultdict[str, set[str]] = defaultdict(set)
    for line in (folder / split / "tweet-vclaim-pairs.qrels").read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) == 4 and parts[3] != "0":
            qrels[parts[0]].add(parts[2])
    return tweets, dict(qrels)


def evaluate(folder: Path, splits: list[str], encoder: str | None = "none") -> dict[str, dict[str, float]]:
    """Figures per split and system: map5, r1, r5; plus build and query timings for the engine (fused
    with `encoder` unless "none"), and with an encoder the encoder alone."""
    claims = load_claims(folder)
    started = time.perf_counter()
    engine = vectors.build(claims, (), encoder)
    built = time.perf_counter() - started
    bm25 = BM25([(c.id, f"{c.text} {' '.join(c.texts)}") for c in claims])
    out: dict[str, dict[str, float]] = {}
    for split in splits:
        tweets, qrels = load_split(folder, split)
        started = time.perf_counter()
        runs = {q: [c for c, _ in engine.rank(t, 5)] for q, t in tweets.items()}
        per_query = (time.perf_counter() - started) / max(1, len(tweets))
        out[f"{split}/engine"] = {
            **retrieval_figures(runs, qrels),
            "build_s": built,
            "query_ms": per_query * 1e3,
        }
        out[f"{split}/bm25"] = retrieval_figures({q: bm25.rank(t, 5) for q, t in tweets.items()}, qrels)
        if engine.semantic is not None:
            out[f"{split}/encoder"] = retrieval_figures(
                {q: [c for c, _ in engine.nearest(t, 5)] for q, t in tweets.items()}, qrels
            )
    return out
