"""Chinese word segmentation with jieba's dictionary, for runs of Chinese characters only.

jieba's own `cut` spends most of its time on generic machinery (regex splitting, generators, a DAG as a
dict of lists). Our runs are already pure Chinese, so the same maximum-probability route over the same
dictionary is computed directly: identical words, in about two thirds of the time. jieba is loaded
once, lazily and quietly; it prints to stderr on first load otherwise.
"""

from __future__ import annotations

import logging
import math
from typing import Any

from bot.engine.lexicon import ZH_WORDS


class Segmenter:
    """jieba's dictionary (with our extra words) and a route search over it."""

    def __init__(self) -> None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        tokenizer: Any = jieba.Tokenizer()
        tokenizer.initialize()
        for word in ZH_WORDS:
            tokenizer.add_word(word)
        # FREQ holds every word and, with frequency 0, every prefix of a word: the prefix test that
        # stops the scan at each position early.
        self._freq: dict[str, int] = tokenizer.FREQ
        self._log_total = math.log(tokenizer.total)
        self._logp: dict[str, float] = {}

    def _learn(self, word: str) -> float:
        """The log probability of a word, computed once: `cut` asks for the same few thousand often."""
        p = self._logp[word] = math.log(self._freq.get(word) or 1) - self._log_total
        return p

    def cut(self, run: str) -> list[str]:
        """The most probable split of `run` into dictionary words (jieba's cut with HMM off)."""
        n, freq, known, learn = len(run), self._freq, self._logp, self._learn
        best = [0.0] * (n + 1)
        step = [1] * (n + 1)
        for i in range(n - 1, -1, -1):
            char = run[i]
            p = known.get(char)
            score, end = (learn(char) if p is None else p) + best[i + 1], i + 1
            j = i + 2
            while j <= n and (word := run[i:j]) in freq:
                if freq[word]:
                    p = known.get(word)
                    candidate = (learn(word) if p is None else p) + best[j]
                    if candidate >= score:  # jieba breaks ties towards the longer word
                        score, end = candidate, j
                j += 1
            best[i], step[i] = score, end - i
        words, i = [], 0
        while i < n:
            words.append(run[i : i + step[i]])
            i += step[i]
        return words
