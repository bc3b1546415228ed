"""Chinese word segmentation with jieba's dictionary, for runs of Chinese characters only.

jieba's own `cut` spends most of its time on generic machinery (regex splitting, generators, a DAG as a
dict of lists). Our runs are already pure Chinese, so the same maximum-probability route over the same
dictionary is computed directly: identical words, in about two thirds of the time. jieba is loaded
once, lazily and quietly; it prints to stderr on first load otherwise.

Where we differ from jieba: the dictionary glues some negators to their verbs (未获, 没拿到, 无证), and such
rare words are split, so the negator reads as a negator and the verb meets the claim's verb; our own
words (lexicon.ZH_WORDS) are given the frequency of common news words.
"""

from __future__ import annotations

import logging
import math
from typing import Any

from bot.engine.lexicon import (
    ZH_GLUED_MAX_FREQ,
    ZH_NEGATION_PREFIXES,
    ZH_NEGATORS,
    ZH_NOT_NEGATIONS,
    ZH_WORDS,
)

_OUR_WORDS_FREQ = 1000
_NEGATING_START = frozenset(p[0] for p in ZH_NEGATION_PREFIXES)


class Segmenter:
    """jieba's dictionary (with our extra words) and a route search over it."""

    def __init__(self) -> None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        tokenizer: Any = jieba.Tokenizer()
        tokenizer.initialize()
        for word in ZH_WORDS:
            # Our words are common in news: frequent enough to win over a split through a longer word
            # (网传说法 is 网传 说法, not 网 传说 法).
            tokenizer.add_word(word, max(tokenizer.suggest_freq(word, False), _OUR_WORDS_FREQ))
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
        words: list[str] = []
        i = 0
        while i < n:
            word = run[i : i + step[i]]
            if word[0] in _NEGATING_START and len(word) > 1:
                words.extend(self.unglue(word))
            else:
                words.append(word)
            i += step[i]
        return words

    def unglue(self, word: str) -> list[str]:
        """A rare word made of a negator and a known word, as those two words; any other word whole."""
        if word in ZH_NEGATORS or word in ZH_NOT_NEGATIONS:
            return [word]
        for prefix in ZH_NEGATION_PREFIXES:
            rest = word[len(prefix) :]
            if not (word.startswith(prefix) and rest and self._freq.get(rest)):
                continue
            # A two-character negator (从未, 没有) never lexicalises; 不 and 无 often do (不断, 无比).
            if len(prefix) > 1 or self._freq.get(word, 0) <= ZH_GLUED_MAX_FREQ:
                return [prefix, rest]
            break
        return [word]

    def parts(self, word: str) -> list[str]:
        """The dictionary words of two or more characters inside a longer word (塑料袋: 塑料)."""
        n = len(word)
        return [
            word[i:j] for i in range(n) for j in range(i + 2, n + 1) if (i, j) != (0, n) and self._freq.get(word[i:j])
        ]
