"""Matching throughput at realistic scale: 10,375 CheckThat! claims, a stream of tweets and Weibo posts.

Prints the claim-set load time, items/s of `Engine.match` on one core, peak RSS, and the same stream
through the naive loop (every claim scored for every item) on a sample, for the ratio between them.
Ends with one line `bench match: key=value ...`.
"""

from __future__ import annotations

import json
import random
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.engine import Claim, Engine, Item  # noqa: E402
from bot.engine.text import _chinese_tokens  # noqa: E402
from bot.evaluation.checkthat import DEFAULT_DIR, load_claims, load_split  # noqa: E402
from config.settings import DEFAULT_CONFIG, load_settings  # noqa: E402

WEIBO = DEFAULT_DIR.parent / "ced-weibo" / "ced_original_microblogs.jsonl"
NAIVE_SAMPLE = 100
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


def measure() -> dict[str, float]:
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
    return {
        "claims": len(claims),
        "rules": len(engine._index.rules),
        "items": len(items),
        "items_per_s": len(items) / cpu,
        "items_per_s_wall": len(items) / wall,
        "items_per_s_with_zh_claims": len(items) / mixed_cpu,
        "load_s": load_s,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "naive_items_per_s": naive_rate,
        "speedup": len(items) / cpu / naive_rate,
        "matches": matches,
        "candidates": candidates,
    }


def main() -> None:
    f = measure()
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
    figures = " ".join(
        f"{k}={v:.2f}" if k in ("load_s", "naive_items_per_s") else f"{k}={v:.0f}" for k, v in f.items()
    )
    print(f"bench match: {figures}")


if __name__ == "__main__":
    main()
