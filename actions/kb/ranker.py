"""Picks the knowledge item that answers a message: BM25 over the items' example questions.

Two BM25 indices (bm25s) over every example question: Sudachi lemmas and bigrams of the reading;
a third over each item's answer text catches facts named in the question (8,000万円, 中 214).
Each is scaled by its best score for the message, then the NLU's topic probabilities are added as
a prior and a scheme the message names demotes items that do not cover it. Weights and thresholds
were chosen by measurement: docs/answer-selection.md.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Dict, List, Mapping, Optional, Sequence, Tuple

import bm25s
import numpy as np

from actions.kb.items import Item, KnowledgeBase
from actions.kb.tokens import terms

Terms = Callable[[str], Tuple[List[str], List[str]]]
Parts = Dict[str, np.ndarray]


@dataclass(frozen=True)
class Weights:
    """How the parts of an item's score are combined, and when the best item is answered."""

    lemma: float = 1.0
    reading: float = 0.6
    answer: float = 0.6
    whole: float = 0.0       # all of an item's questions as one document
    prior: float = 0.8
    other_scheme: float = -0.6
    confident: float = 1.0   # best score needed to answer without asking
    margin: float = 0.05     # and its lead over the runner-up


@dataclass(frozen=True)
class Scored:
    """An item and its score for one message."""

    item: Item
    score: float
    lexical: float


def _index(docs: Sequence[List[str]]) -> Optional[bm25s.BM25]:
    """A BM25 index of tokenised documents (None when there is nothing to index)."""
    if not any(docs):
        return None
    index = bm25s.BM25()
    index.index([doc or ["\u0000"] for doc in docs], show_progress=False)
    return index


def _scaled(index: Optional[bm25s.BM25], query: List[str]) -> np.ndarray:
    """BM25 scores divided by the best one (all zeros when nothing matches)."""
    if index is None or not query:
        return np.zeros(0)
    scores = np.asarray(index.get_scores(query), dtype=float)
    top = scores.max() if scores.size else 0.0
    return scores / top if top > 0 else scores * 0.0


class Ranker:
    """Ranks a knowledge base's items for a message."""

    def __init__(self, kb: KnowledgeBase, weights: Weights = Weights(), tokenize: Terms = terms) -> None:
        self.kb, self.weights, self._terms = kb, weights, tokenize
        owners, lemma_docs, reading_docs = [], [], []
        for position, item in enumerate(kb.items):
            for question in (item.title, *item.questions):
                lemmas, reading = tokenize(question)
                owners.append(position)
                lemma_docs.append(lemmas)
                reading_docs.append(reading)
        self._owners = np.asarray(owners, dtype=int)
        self._lemmas, self._readings = _index(lemma_docs), _index(reading_docs)
        self._answers = _index([tokenize(" ".join(item.answers.values()))[0] for item in kb.items])
        wholes: List[List[str]] = [[] for _ in kb.items]
        for position, lemmas in zip(owners, lemma_docs):
            wholes[position] += lemmas
        self._wholes = _index(wholes)

    def _per_item(self, per_question: np.ndarray) -> np.ndarray:
        """The best question score of each item."""
        best = np.zeros(len(self.kb.items))
        if per_question.size:
            np.maximum.at(best, self._owners, per_question)
        return best

    def components(self, text: str, prior: Mapping[str, float], scheme: Optional[str] = None) -> Parts:
        """Each part of every item's score for a message, before weighting."""
        lemmas, reading = self._terms(text)
        n = len(self.kb.items)
        answers = _scaled(self._answers, lemmas)
        wholes = _scaled(self._wholes, lemmas)
        return {
            "whole": wholes if wholes.size else np.zeros(n),
            "lemma": self._per_item(_scaled(self._lemmas, lemmas)),
            "reading": self._per_item(_scaled(self._readings, reading)),
            "answer": answers if answers.size else np.zeros(n),
            "prior": np.asarray([prior.get(item.topic, 0.0) for item in self.kb.items], dtype=float),
            "other_scheme": np.asarray([bool(scheme) and scheme not in item.schemes
                                        for item in self.kb.items], dtype=float),
        }

    def ranked(self, parts: Parts, weights: Optional[Weights] = None) -> List[Scored]:
        """Items by descending weighted score."""
        w = weights or self.weights
        lexical = (w.lemma * parts["lemma"] + w.reading * parts["reading"] + w.answer * parts["answer"]
                   + w.whole * parts["whole"])
        score = lexical + w.prior * parts["prior"] + w.other_scheme * parts["other_scheme"]
        order = np.argsort(-score, kind="stable")
        return [Scored(self.kb.items[i], float(score[i]), float(lexical[i])) for i in order]

    def rank(self, text: str, prior: Mapping[str, float], scheme: Optional[str] = None) -> List[Scored]:
        """Items by descending score; `prior` maps topics (intents) to probabilities."""
        if not self.kb.items:
            return []
        return self.ranked(self.components(text, prior, scheme))

    def confident(self, ranked: Sequence[Scored], weights: Optional[Weights] = None) -> bool:
        """True when the best item is clearly the answer."""
        w = weights or self.weights
        if not ranked or ranked[0].score < w.confident:
            return False
        return len(ranked) == 1 or ranked[0].score - ranked[1].score >= w.margin


def topic_prior(intent_ranking: Sequence[Mapping[str, object]]) -> Dict[str, float]:
    """Topic probabilities from the NLU's intent ranking."""
    return {str(entry.get("name")): float(entry.get("confidence") or 0.0) for entry in intent_ranking}
