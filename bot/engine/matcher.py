"""The engine: which claims an item speaks to, with what stance, and whether officially.

Building an Engine derives every claim's rules and indexes them once; `match` then looks up only the
claims that share a selective term with the item, so its cost grows with the item, not the claim set.
Given an encoder (`Semantic`), it also encodes each item once, finds the claims nearest by meaning with
one matrix product, and scores the candidates of both signals with one calibrated probability.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from bot.engine.fusion import features, semantic_verdict
from bot.engine.index import RuleIndex, Scored
from bot.engine.official import official_kind
from bot.engine.ranking import ClaimBM25, fuse
from bot.engine.rules import Rule, alias_marker, prepare, rules_for
from bot.engine.semantic import ClaimSpace, Fusion, Nearest, Semantic, default_fusion, nearest
from bot.engine.stance import Clause, Verdict, is_question, split_clauses, stance
from bot.engine.text import has_chinese, is_chinese, split_sentences, tokens, trim
from core.records import Claim, Entity, Evidence, Item, Level

MATCH_THRESHOLD = 0.5
CANDIDATE_THRESHOLD = 0.3
# Meedan Check's lesson: a very short text matches too easily; ask more of it.
SHORT_TEXT_WORDS = 6
SHORT_TEXT_PENALTY = 0.15
_SUMMARY_CHARS = 4000
_ANSWER_WORDS = 8
_QUESTION_END = re.compile(r"(?<=[?？])\s+")
# An item speaks to a handful of claims at most; beyond that, candidates are noise in /status.
MAX_EVIDENCE = 8
# The lexical floor of a candidate for fusion: a claim the item says a fifth of may still be its topic.
FUSED_FLOOR = 0.15
# An item is encoded when it says this much of some claim in selective words: a named party is enough
# (IBM for "International Business Machines will cut its workforce"), one common word of many is not.
GATE_SHARE = 0.15
# Claims by meaning that may enter a ranking: as deep as BM25's. Reciprocal ranks 1/(k + rank) with a
# small k: the first places of each ranking count most.
_RANK_DEPTH = 30
_RRF_K = 10
# Items read for the gate and kept until they are matched: a few polls' worth.
_READ_CACHE = 4096
OTHER_TEXTS_SHARE = 0.25
# Markup, links and @handles carry no claim and, being rare, would weigh heavily.
_NOISE = re.compile(r"<[^>]+>|(?:https?://|www\.|pic\.twitter\.com/)\S+")
# @LindseyGrahamSC and #Trump2020 name people and things: keep their words, drop the sigil.
_HANDLE = re.compile(r"(?<!\w)[@#]([A-Za-z]\w*)")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])|(?<=[A-Za-z])(?=[0-9])|_")


def _clean(text: str) -> str:
    text = _NOISE.sub(" ", text)
    return _HANDLE.sub(lambda m: " " + _CAMEL.sub(" ", m.group(1)) + " ", text).strip()


@dataclass(frozen=True, slots=True)
class ItemView:
    """An item read once: its clauses, its sentences as token surfaces, and all its terms."""

    clauses: tuple[Clause, ...]
    sentences: tuple[tuple[str, tuple[str, ...], frozenset[str]], ...]
    terms: frozenset[str]
    words: int


class Engine:
    """Matches items against a fixed set of claims; build a new one when the claims change."""

    def __init__(
        self,
        claims: Iterable[Claim],
        entities: Iterable[Entity] = (),
        semantic: Semantic | None = None,
        fusion: Fusion | None = None,
    ) -> None:
        self.claims = tuple(claims)
        self._marker = alias_marker(entities)
        rules = [r for i, c in enumerate(self.claims) for r in rules_for(i, c, self._marker)]
        self._index = RuleIndex(rules, self._marker.alias_terms())
        self._rules_of: dict[int, list[int]] = {}
        for k, rule in enumerate(self._index.rules):
            self._rules_of.setdefault(rule.claim, []).append(k)
        self._segment = any(has_chinese(t) for t in self._index.weight)
        self._ranking: ClaimBM25 | None = None
        self.semantic = semantic
        self._space: ClaimSpace | None = None
        self._sentences: tuple[tuple[str, ...], np.ndarray] | None = None
        self._read: dict[tuple[str, str, tuple[str, ...]], ItemView] = {}
        self.fusion = fusion or (default_fusion(semantic.weights) if semantic else None)
        # Which languages each claim is written in: an item in another one can meet it only by meaning.
        self._languages = [{is_chinese(t) for t in (c.text, *c.texts)} for c in self.claims]
        self._row_chinese = [is_chinese(t) for c in self.claims for t in (c.text, *c.texts)]
        if semantic is not None and self.claims:
            texts = [(i, t) for i, c in enumerate(self.claims) for t in (c.text, *c.texts)]
            self._space = ClaimSpace(texts, len(self.claims), semantic)

    @property
    def computed_vectors(self) -> dict[str, np.ndarray]:
        """Vectors this engine had to encode (claim texts it was not given): worth keeping."""
        return self._space.computed if self._space else {}

    def describe(self, claim: Claim) -> str:
        """The rules derived for `claim`, one line per text: who it is about, what it says, numbers."""
        lines = []
        for rule in rules_for(0, claim, self._marker):
            who = ", ".join(sorted(rule.subject)) or "-"
            what = ", ".join(sorted(rule.predicate)) or "-"
            lines.append(f"who: {who}\nwhat: {what}" + (f"\nnumbers: {', '.join(sorted(rule.numbers))}"
                                                       if rule.numbers else ""))
        return "\n\n".join(lines)

    def read(self, title: str, summary: str = "", segment: bool | None = None) -> ItemView:
        """Split an item into sentences and clauses and collect its terms."""
        segment = self._segment if segment is None else segment
        title = _clean(title)
        summary = _clean(summary[:_SUMMARY_CHARS])
        # Feeds of posts (Weibo, X, Telegram bridges) title an item with the start of its text: read it once.
        repeated = bool(title) and summary.startswith(title.rstrip(".…").rstrip())
        # A headline is one sentence, but for a question it answers itself: "Did X happen? No".
        texts = _QUESTION_END.split(title) if title and not repeated else []
        texts += split_sentences(summary)
        clauses: list[Clause] = []
        sentences = []
        for k, sentence in enumerate(texts):
            marked = prepare(sentence, self._marker)
            question = is_question(sentence)
            # "Did X happen? Probably not": a short sentence after a question is its answer.
            after = texts[k + 1] if question and k + 1 < len(texts) else ""
            answer = after if after and len(after.split()) <= _ANSWER_WORDS else ""
            # Each clause is tokenised once; the sentence's tokens are its clauses' tokens.
            parts = [
                Clause(sentence, part.lower(), tuple(tokens(part, segment)), question, answer)
                for part in split_clauses(marked)
            ]
            clauses.extend(parts)
            toks = [tok for part in parts for tok in part.tokens]
            sentences.append((sentence, tuple(s for s, _ in toks), frozenset(t for _, t in toks if t)))
        terms = frozenset(t for _, _, ts in sentences for t in ts)
        words = sum(len(s) for _, s, _ in sentences)
        return ItemView(tuple(clauses), tuple(sentences), terms, words)

    def _bm25(self) -> ClaimBM25:
        """BM25 over the claims' terms, built on the first ranking: matching never needs it."""
        if self._ranking is None:
            bags: list[list[str]] = [[] for _ in self.claims]
            for rule in self._index.rules:
                bags[rule.claim].extend(rule.bag)
            self._ranking = ClaimBM25(bags)
        return self._ranking

    def rank(self, text: str, limit: int = 5, vector: np.ndarray | None = None) -> list[tuple[str, float]]:
        """The claims closest to a text, best first, with no thresholds: for evaluation.

        With an encoder and a fitted share, the lexical ranking and the ranking by meaning are fused by
        their reciprocal ranks, meaning weighing `rank_share` (`vector`: the text already encoded)."""
        view = self.read(text)
        per_claim: dict[int, list[float]] = {}
        for scored in self._index.search(set(view.terms)):
            per_claim.setdefault(scored.rule.claim, []).append(scored.similarity)
        best = {claim: _agreement(sims) for claim, sims in per_claim.items()}
        fused = fuse(best, self._bm25().scores(set(view.terms)))
        share = self.fusion.rank_share if self.fusion else 0.0
        if share and self._space is not None and self.semantic is not None:
            if vector is None:
                vector = self.semantic.encode([text])[0]
            [near] = nearest(self._space, vector[None, :], _RANK_DEPTH)
            lexical = sorted(fused, key=fused.__getitem__, reverse=True)[:_RANK_DEPTH]
            fused = {claim: 1 / (_RRF_K + r) for r, claim in enumerate(lexical)}
            for r, claim in enumerate(near.top(_RANK_DEPTH)):
                fused[claim] = fused.get(claim, 0.0) + share / (_RRF_K + r)
        ranked = sorted(fused.items(), key=lambda kv: kv[1], reverse=True)[:limit]
        return [(self.claims[i].id, round(s, 4)) for i, s in ranked]

    def candidate_features(self, items: Sequence[Item]) -> list[list[tuple[str, dict[str, float]]]]:
        """For each item, every candidate claim by either signal with its features (none when the gate
        skips the item): what the fusion is fitted on."""
        views = [self._view(item) for item in items]
        near = self._near(self._vectors(items, views, {}))
        return [
            [(self.claims[s.rule.claim].id, f) for s, f in self.candidates(views[k], near[k])] if k in near else []
            for k in range(len(items))
        ]

    def match(self, item: Item) -> list[Evidence]:
        """Return the evidence `item` gives on each claim it speaks to, best first."""
        return self.match_many([item])[0]

    def match_many(
        self, items: Sequence[Item], encoded: Mapping[str, np.ndarray] | None = None
    ) -> list[list[Evidence]]:
        """Evidence for each item; with an encoder, the items worth it are encoded in one batch
        (`encoded`: vectors already computed by `encode_items`, off the caller's event loop)."""
        if self._space is None or self.semantic is None or self.fusion is None:
            return [self._lexical(item, self._view(item)) for item in items]
        # Items just read by `texts_to_encode` are not read again.
        views = [self._read.pop(_read_key(item)) if _read_key(item) in self._read else self._view(item)
                 for item in items]
        near = self._near(self._vectors(items, views, encoded or {}))
        return [
            self._fused(item, view, near[k]) if k in near else []
            for k, (item, view) in enumerate(zip(items, views, strict=True))
        ]

    def _near(self, vectors: dict[int, np.ndarray]) -> dict[int, Nearest]:
        """Each encoded item's standing against the claims, all items in one product."""
        assert self._space is not None
        assert self.semantic is not None
        if not vectors:
            return {}
        keys = list(vectors)
        found = nearest(self._space, np.stack([vectors[k] for k in keys]), self.semantic.top_k)
        return dict(zip(keys, found, strict=True))

    def encode_items(self, items: Sequence[Item]) -> dict[str, np.ndarray]:
        """Vectors of the items worth encoding, by the text encoded, to hand to `match_many`."""
        return self.encode_texts(self.texts_to_encode(items))

    def texts_to_encode(self, items: Sequence[Item]) -> list[str]:
        """What the encoder would be given for these items: those the gate lets through. Reading an item
        stems its words with a stemmer that is not thread-safe: call this in the thread that matches."""
        if self._space is None or self.semantic is None:
            return []
        views = [self._view(item) for item in items]
        if len(self._read) > _READ_CACHE:
            self._read.clear()
        self._read.update((_read_key(item), view) for item, view in zip(items, views, strict=True))
        return list(dict.fromkeys(item_text(items[k]) for k in self._worth(views)))

    def encode_texts(self, texts: Sequence[str]) -> dict[str, np.ndarray]:
        """The encoder alone, no reading: the slow part of matching, safe to run in a worker thread."""
        if self.semantic is None or not texts:
            return {}
        return dict(zip(texts, self.semantic.encode(list(texts)), strict=True))

    def _worth(self, views: Sequence[ItemView]) -> list[int]:
        """Positions of the items worth encoding (the gate)."""
        assert self.semantic is not None
        if not self.semantic.gate:
            return list(range(len(views)))
        return [k for k, view in enumerate(views) if self._index.shares_any(set(view.terms), GATE_SHARE)]

    def _vectors(
        self, items: Sequence[Item], views: Sequence[ItemView], encoded: Mapping[str, np.ndarray]
    ) -> dict[int, np.ndarray]:
        """The vector of each item worth encoding, by position.

        An item that says too little of any claim in selective words is not encoded (most of a real feed):
        by meaning alone, without the claim's parties or rarer words, an item is not evidence on it.
        """
        assert self.semantic is not None
        texts = {k: item_text(items[k]) for k in self._worth(views)}
        missing = [k for k, text in texts.items() if text not in encoded]
        out = {k: encoded[text] for k, text in texts.items() if text in encoded}
        if missing:
            fresh = self.semantic.encode([texts[k] for k in missing])
            out.update({k: fresh[row] for row, k in enumerate(missing)})
        return out

    def _view(self, item: Item) -> ItemView:
        view = self.read(item.title, item.summary)
        # A party's own feed need not name itself: "the company has not received…" is BAIC speaking.
        speaker = {f"@{e}" for e in item.official_for}
        return ItemView(view.clauses, view.sentences, view.terms | speaker, view.words)

    def _lexical(self, item: Item, view: ItemView) -> list[Evidence]:
        short = view.words < SHORT_TEXT_WORDS
        floor = CANDIDATE_THRESHOLD + (SHORT_TEXT_PENALTY if short else 0.0)
        found: list[Evidence] = []
        seen: set[int] = set()
        # Twice the evidence cap in rules: a claim's texts in other languages may take several places.
        bar = MATCH_THRESHOLD + (SHORT_TEXT_PENALTY if short else 0.0)
        for scored in self._index.above(set(view.terms), floor, 2 * MAX_EVIDENCE, bar):
            if scored.score < floor:
                break
            if scored.rule.claim not in seen:
                seen.add(scored.rule.claim)
                level: Level = "match" if scored.score >= bar else "candidate"
                found.append(self._evidence(item, view, scored, level, min(scored.score, 1.0)))
                if len(found) == MAX_EVIDENCE:
                    break
        return found

    def candidates(self, view: ItemView, near: Nearest) -> list[tuple[Scored, dict[str, float]]]:
        """Every (claim, features) candidate of an item from both signals: its lexical best rules above a
        low floor, and the claims nearest by meaning. Evaluation fits the fusion on these."""
        assert self._space is not None
        assert self.semantic is not None
        terms = set(view.terms)
        short = view.words < SHORT_TEXT_WORDS
        bar = MATCH_THRESHOLD + (SHORT_TEXT_PENALTY if short else 0.0)
        best: dict[int, Scored] = {}
        for scored in self._index.above(terms, FUSED_FLOOR, 2 * MAX_EVIDENCE, bar):
            best.setdefault(scored.rule.claim, scored)
        lexical = set(best)
        for claim in near.top(self.semantic.top_k):
            if claim not in best and (found := self._best_rule(claim, terms, bar)) is not None:
                best[claim] = found
        chinese = is_chinese(" ".join(s for s, _, _ in view.sentences))
        bars = (bar, CANDIDATE_THRESHOLD + (SHORT_TEXT_PENALTY if short else 0.0))
        return [
            (scored, features(self._index, scored, terms, near, claim, short, bars if claim in lexical else None,
                              chinese not in self._languages[claim]))
            for claim, scored in best.items()
        ]

    def _best_rule(self, claim: int, terms: set[str], bar: float) -> Scored | None:
        numbers = {t for t in terms if t.startswith("#")}
        weight, cues = self._index.item_weight(terms), self._index.cue_weight(terms)
        scored = [self._index.score(k, terms, numbers, weight, cues, bar) for k in self._rules_of.get(claim, ())]
        return max(scored, key=lambda s: s.score, default=None)

    def _fused(self, item: Item, view: ItemView, near: Nearest) -> list[Evidence]:
        assert self.fusion is not None
        kept = []
        for scored, row in self.candidates(view, near):
            head = self.fusion.head(row)
            p = head.probability(row)
            # The lexical engine's own matches stay, with the weight they had (its rules are what tell
            # look-alikes apart, at a precision of 0.99 on our sets): meaning adds what words miss.
            if row["lex_match"]:
                kept.append((max(p, row["lex"]), "match", scored, row["cos"]))
            elif p >= head.match:
                kept.append((p, "match", scored, row["cos"]))
            elif p >= head.candidate or row["lex_candidate"]:
                kept.append((p, "candidate", scored, row["cos"]))
        kept.sort(key=lambda k: k[0], reverse=True)
        return [
            self._evidence(item, view, scored, level, p, cos)  # type: ignore[arg-type]
            for p, level, scored, cos in kept[:MAX_EVIDENCE]
        ]

    def _evidence(
        self, item: Item, view: ItemView, scored: Scored, level: Level, score: float, cosine: float | None = None
    ) -> Evidence:
        claim = self.claims[scored.rule.claim]
        speaker = frozenset(f"@{e}" for e in item.official_for)
        verdict = stance(list(view.clauses), scored.rule, speaker)
        # Only a match pays for encoding its item's sentences; a one-sentence candidate costs nothing.
        if verdict is None and cosine is not None and (level == "match" or len(view.sentences) == 1):
            verdict = self._stance_by_meaning(item, view, scored.rule, speaker)
        sentence = verdict.sentence if verdict else _best_sentence(view, scored.rule)
        wanted = scored.rule.predicate | scored.rule.extra
        relevant = [
            (c.text, [s for s, _ in c.tokens])
            for c in view.clauses
            if c.sentence == sentence or c.terms & wanted
        ]
        official, entity = official_kind(claim, item.official_for, relevant)
        return Evidence(
            item_id=item.id,
            claim_id=claim.id,
            score=round(score, 4),
            level=level,
            stance=verdict.stance if verdict else "neutral",
            cue=verdict.cue if verdict else "",
            official=official,
            official_entity=entity,
            sentence=trim(sentence),
            semantic=None if cosine is None else round(cosine, 4),
        )

    def _stance_by_meaning(self, item: Item, view: ItemView, rule: Rule, speaker: frozenset[str]) -> Verdict | None:
        """The stance of the sentence nearest the claim by meaning, for a match that shares no predicate
        word with it (a claim set without Chinese leaves Chinese unsegmented: read it again, segmented)."""
        if not view.sentences:
            return None
        if not self._segment and has_chinese(item.title + item.summary):
            view = self.read(item.title, item.summary, segment=True)
        sentence = view.sentences[0][0]
        if len(view.sentences) > 1 and self._space is not None and self.semantic is not None:
            texts = tuple(s for s, _, _ in view.sentences)
            rows = self._space.matrix[self._space.owner == rule.claim]
            sims = (self._sentence_vectors(texts) @ rows.T).max(axis=1)
            sentence = texts[int(np.argmax(sims))]
        return semantic_verdict(list(view.clauses), rule, sentence, speaker)

    def _sentence_vectors(self, texts: tuple[str, ...]) -> np.ndarray:
        """An item's sentences encoded once, however many of its matches need them."""
        assert self.semantic is not None
        if self._sentences is None or self._sentences[0] != texts:
            self._sentences = (texts, self.semantic.encode(list(texts)))
        return self._sentences[1]

    def clearly_nearest(self, vector: np.ndarray, claim_ids: Sequence[str], margin: float) -> str | None:
        """The one of `claim_ids` nearest a text by meaning, when it leads the next by `margin` of its own
        height above the text's background level; None when none leads so (or there is no encoder).

        The claims are compared in a language every one of them is written in, when there is one: a
        claim is not nearer a Chinese query for merely having a Chinese text beside its English one."""
        if self._space is None or len(claim_ids) < 2:
            return None
        wanted = {claim_id: k for k, claim_id in enumerate(c.id for c in self.claims) if claim_id in claim_ids}
        shared = set.intersection(*(self._languages[k] for k in wanted.values()))
        sims = self._space.matrix @ vector
        rows = [(claim, sim) for claim, chinese, sim in zip(self._space.owner, self._row_chinese, sims, strict=True)
                if claim in wanted.values() and (not shared or chinese in shared)]
        best: dict[int, float] = {}
        for claim, sim in rows:
            best[int(claim)] = max(best.get(int(claim), -1.0), float(sim))
        (first, top), (_, second) = sorted(best.items(), key=lambda kv: kv[1], reverse=True)[:2]
        level = float(self._space.levels(vector[None, :])[0])
        return self.claims[first].id if top > level and top - second >= margin * (top - level) else None

    def nearest(self, text: str, limit: int = 3) -> list[tuple[str, float]]:
        """The claims nearest a text by meaning, best first, with their cosines: for `/track`."""
        if self._space is None or self.semantic is None or not text.strip():
            return []
        [near] = nearest(self._space, self.semantic.encode([text]), limit)
        return [(self.claims[i].id, round(float(near.cosines[i]), 4)) for i in near.top(limit)]


def _read_key(item: Item) -> tuple[str, str, tuple[str, ...]]:
    """What an item's reading depends on."""
    return item.title, item.summary, item.official_for


def item_text(item: Item) -> str:
    """What is encoded of an item: its title and the start of its summary, once if they repeat."""
    title, summary = _clean(item.title), _clean(item.summary[:_SUMMARY_CHARS])
    if not title or summary.startswith(title.rstrip(".…").rstrip()):
        return summary or title
    return f"{title}. {summary}" if summary else title


def _agreement(similarities: list[float]) -> float:
    """A claim's best text decides; its other texts agreeing with the item add a little (tuned on
    CheckThat! train and dev, where a claim's second text is its fact-check title)."""
    ordered = sorted(similarities, reverse=True)
    return ordered[0] + OTHER_TEXTS_SHARE * sum(ordered[1:])


def _best_sentence(view: ItemView, rule: Rule) -> str:
    if not view.sentences:
        return ""
    return max(view.sentences, key=lambda s: len(s[2] & rule.terms))[0]
