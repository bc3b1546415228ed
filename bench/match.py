"""Matching throughput at realistic scale: 10,375 CheckThat! claims, a stream of tweets and Weibo posts.

Prints the claim-set load time, items/s of `Engine.match` on one core, peak RSS, and the same stream
through the naive loop (every claim scored for every item) on a sample, for the ratio between them.
Then the fused engine (lexical + sentence encoder) over the same claims and stream, in batches of 32
items as a poll hands them over: items/s, the share of items the gate lets through to the encoder,
load time with the claim vectors read from a SQLite database (as the bot does) and without them
(every claim text encoded: measured on a sample of claim texts and scaled, unless `--cold`), and the
process's peak RSS. Run it on one core: `OMP_NUM_THREADS=1 taskset -c 0 python bench/match.py`.
Ends with one line `bench match: key=value ...`.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import resource
import sys
import time
from pathlib import Path

# The encoder's own threads would make CPU time over-count one core's work: one thread, one core.
os.environ.setdefault("OMP_NUM_THREADS", "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

from bot.encoder import DEFAULT_ENCODER, TextEncoder, load_encoder  # noqa: E402
from bot.engine import Claim, Engine, Item  # noqa: E402
from bot.engine.semantic import BACKGROUND, Semantic  # noqa: E402
from bot.engine.text import _chinese_tokens  # noqa: E402
from bot.evaluation.checkthat import DEFAULT_DIR, load_claims, load_split  # noqa: E402
from config.settings import DEFAULT_CONFIG, load_settings  # noqa: E402
from storage import connect, transaction, vectors  # noqa: E402

WEIBO = DEFAULT_DIR.parent / "ced-weibo" / "ced_original_microblogs.jsonl"
NAIVE_SAMPLE = 100
BATCH = 32
COLD_SAMPLE = 1000
# Claim vectors survive between runs here, so that only the first run pays the full encoding.
VECTORS_DB = ROOT / ".cache" / "bench-vectors.sqlite3"
# The machine is shared: the best of a few passes is the engine's speed, the rest is other load.
PASSES = 3


def stream() -> list[Item]:
    """Every CheckThat! tweet and every CED Weibo post, interleaved like a mixed feed."""
    texts = [t for split in ("train", "dev", "test") for t in load_split(DEFAULT_DIR, split)[0].values()]
    if WEIBO.is_file():
        # split on newlines only: posts contain U+2028, which splitlines() would cut at
        for line in WEIBO.read_text(encoding="utf-8").split("\n"):
            if line.strip():
                texts.append(json.loads(line)["text"])
    random.Random(0).shuffle(texts)
    return [Item(id=str(i), title=t[:80], summary=t) for i, t in enumerate(texts)]


def run(engine: Engine, items: list[Item]) -> tuple[float, float, int, int]:
    """One pass over the stream from a cold segmentation cache: CPU and wall seconds, matches, candidates.

    CPU time is what one core spends on the stream; wall time also counts waiting for other processes
    on a shared machine.
    """
    _chinese_tokens.cache_clear()
    cpu, wall = time.process_time(), time.perf_counter()
    matches = candidates = 0
    for item in items:
        for evidence in engine.match(item):
            matches += evidence.level == "match"
            candidates += evidence.level == "candidate"
    return time.process_time() - cpu, time.perf_counter() - wall, matches, candidates


def naive(engine: Engine, items: list[Item]) -> float:
    """Items/s when every rule is scored for every item: what the inverted index saves."""
    index = engine._index  # the benchmark measures the engine's own scoring, so it reaches inside
    started = time.process_time()
    for item in items:
        terms = set(engine.read(item.title, item.summary).terms)
        numbers = {t for t in terms if t.startswith("#")}
        weight = index.item_weight(terms)
        scored = [index.score(i, terms, numbers, weight) for i in range(len(index.rules))]
        scored.sort(key=lambda s: s.score, reverse=True)
    return len(items) / (time.process_time() - started)


def run_fused(engine: Engine, items: list[Item]) -> tuple[float, int, int, int]:
    """One pass in batches, as a poll hands items over: CPU seconds, matches, candidates, items encoded."""
    _chinese_tokens.cache_clear()
    cpu = time.process_time()
    matches = candidates = encoded = 0
    for start in range(0, len(items), BATCH):
        batch = items[start : start + BATCH]
        vectors_ = engine.encode_items(batch)
        encoded += len(vectors_)
        for found in engine.match_many(batch, vectors_):
            matches += sum(e.level == "match" for e in found)
            candidates += sum(e.level == "candidate" for e in found)
    return time.process_time() - cpu, matches, candidates, encoded


async def _stored_vectors(encoder: TextEncoder, texts: list[str]) -> tuple[dict[str, np.ndarray], float]:
    """The claim vectors from the database, encoding and storing those missing; and the read time."""
    VECTORS_DB.parent.mkdir(exist_ok=True)
    db = await connect(VECTORS_DB)
    try:
        known = await vectors.load_vectors(db, encoder.version, texts)
        missing = [t for t in dict.fromkeys(texts) if t not in known]
        for start in range(0, len(missing), 256):
            chunk = missing[start : start + 256]
            async with transaction(db):
                await vectors.save_vectors(db, encoder.version, dict(zip(chunk, encoder.items(chunk), strict=True)), 0)
        started = time.perf_counter()
        known = await vectors.load_vectors(db, encoder.version, texts)
        return known, time.perf_counter() - started
    finally:
        await db.close()


def fused(claims: list[Claim], items: list[Item], cold: bool) -> dict[str, float]:
    """The fused engine's figures over the same claims and stream."""
    name = os.environ.get("BENCH_ENCODER", DEFAULT_ENCODER)
    started = time.perf_counter()
    encoder = load_encoder(name)
    encoder.items(["warm-up"])
    model_s = time.perf_counter() - started
    texts = [t for c in claims for t in (c.text, *c.texts)] + list(BACKGROUND)
    known, read_s = asyncio.run(_stored_vectors(encoder, texts))
    started = time.perf_counter()
    engine = Engine(claims, (), Semantic(encoder.items, encoder.version, known, weights=encoder.name))
    load_s = model_s + read_s + time.perf_counter() - started
    if cold:
        started = time.perf_counter()
        Engine(claims, (), Semantic(encoder.items, encoder.version, {}, weights=encoder.name))
        cold_s = model_s + time.perf_counter() - started
    else:
        sample = random.Random(1).sample(texts, min(COLD_SAMPLE, len(texts)))
        started = time.perf_counter()
        for k in range(0, len(sample), 64):
            encoder.items(sample[k : k + 64])
        cold_s = load_s + (time.perf_counter() - started) * len(texts) / len(sample)
    cpu, matches, candidates, encoded = run_fused(engine, items)
    return {
        "fused_items_per_s": len(items) / cpu,
        "fused_load_s": load_s,
        "fused_load_cold_s": cold_s,
        "fused_encoded_share": encoded / len(items),
        "fused_matches": matches,
        "fused_candidates": candidates,
        "fused_peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def measure(cold: bool = False) -> dict[str, float]:
    """Every figure of the benchmark, by name."""
    claims = load_claims(DEFAULT_DIR)
    items = stream()
    Engine([Claim("warm-up", "预热")]).read("预热")  # jieba's one-time load is not the claim set's
    started = time.perf_counter()
    engine = Engine(claims)
    load_s = time.perf_counter() - started  # wall time: what a user waits for after /track
    cpu, wall, matches, candidates = min(run(engine, items) for _ in range(PASSES))
    # The same stream once the claim set has Chinese terms too: now every Weibo post is segmented.
    seed = load_settings(DEFAULT_CONFIG)
    mixed = Engine([*claims, *seed.claims], seed.entities)
    mixed_cpu = min(run(mixed, items) for _ in range(PASSES))[0]
    naive_rate = naive(engine, items[:NAIVE_SAMPLE])
    peak_lexical = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    rules = len(engine._index.rules)
    del engine, mixed
    figures = fused(claims, items, cold)
    return {
        "claims": len(claims),
        "rules": rules,
        "items": len(items),
        "items_per_s": len(items) / cpu,
        "items_per_s_wall": len(items) / wall,
        "items_per_s_with_zh_claims": len(items) / mixed_cpu,
        "load_s": load_s,
        "peak_rss_mb": peak_lexical,
        "naive_items_per_s": naive_rate,
        "speedup": len(items) / cpu / naive_rate,
        "matches": matches,
        "candidates": candidates,
        **figures,
        "fused_over_lexical": figures["fused_items_per_s"] / (len(items) / cpu),
    }


def main() -> None:
    f = measure(cold="--cold" in sys.argv)
    print(
        f"claims: {f['claims']:.0f} ({f['rules']:.0f} rules with their second texts), "
        f"load: {f['load_s']:.2f} s"
    )
    print(
        f"items: {f['items']:.0f} tweets and Weibo posts at {f['items_per_s']:.0f} items/s on one core "
        f"(CPU time, best of {PASSES} passes; {f['items_per_s_wall']:.0f} items/s by the wall clock); "
        f"{f['matches']:.0f} matches, {f['candidates']:.0f} candidates"
    )
    print(f"with the example config's bilingual claims added: {f['items_per_s_with_zh_claims']:.0f} items/s")
    print(
        f"naive loop: {f['naive_items_per_s']:.1f} items/s on {NAIVE_SAMPLE} items; "
        f"the index is {f['speedup']:.0f}x faster"
    )
    print(f"peak RSS: {f['peak_rss_mb']:.0f} MB")
    print(
        f"fused ({os.environ.get('BENCH_ENCODER', DEFAULT_ENCODER)}): {f['fused_items_per_s']:.0f} items/s on one core "
        f"({f['fused_over_lexical']:.3f} of the lexical engine's), {f['fused_encoded_share']:.1%} of items encoded, "
        f"{f['fused_matches']:.0f} matches, {f['fused_candidates']:.0f} candidates; load {f['fused_load_s']:.2f} s "
        f"with stored claim vectors, {f['fused_load_cold_s']:.0f} s without; peak RSS {f['fused_peak_rss_mb']:.0f} MB"
    )
    two = ("load_s", "naive_items_per_s", "fused_load_s", "fused_load_cold_s", "fused_over_lexical",
           "fused_encoded_share")
    figures = " ".join(f"{k}={v:.2f}" if k in two else f"{k}={v:.0f}" for k, v in f.items())
    print(f"bench match: {figures}")


if __name__ == "__main__":
    main()
