"""Offline comparison of knowledge-item ranker settings on answer-level sets (docs/answer-selection.md).

Parses every question once with the trained NLU (cached), then, for each setting of the weights,
simulates the first reply of a knowledge question (confident item → its composed text; otherwise
the topic's overview) and judges it with the answer-level rules. Fast, so a grid can be compared;
the real figures always come from `make test-answers` on the running stack.
    .venv/bot/bin/python scripts/tune_ranker.py --sets tests/answers/sets [--grid]
"""
from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import itertools
import json
from dataclasses import replace
from pathlib import Path
from typing import Any, Dict, List, Optional, Tuple

import yaml

from actions.answer_dates import date_variables, item_variables
from actions.kb.compose import compose, fill
from actions.kb.items import kb_files, load_kb
from actions.kb.ranker import Ranker, Weights, topic_prior
from actions.knowledge import choose_response
from actions.schemes import detect_scheme
from content_tools.data import load_content
from scripts.answer_judge import KNOWLEDGE, Question, forbidden_hits, load_sets, missed_groups

TODAY = dt.date(2026, 12, 2)
FALLBACK, OUT = "nlu_fallback", "out_of_scope"


def parses(questions: List[Question], model: Path, cache: Path) -> Dict[str, Dict[str, Any]]:
    """NLU results by question text, parsed with the trained model once and cached."""
    known = json.loads(cache.read_text(encoding="utf-8")) if cache.exists() else {}
    missing = sorted({q.text for q in questions} - set(known))
    if missing:
        from rasa.core.agent import Agent

        agent = Agent.load(str(model))
        for text in missing:
            result = asyncio.run(agent.parse_message(text))
            known[text] = {"intent": result["intent"], "intent_ranking": result.get("intent_ranking", [])}
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps(known, ensure_ascii=False), encoding="utf-8")
    return known


def overview_texts(root: Path) -> Dict[str, str]:
    """Response name → first text, from data/responses/ (the topic overviews)."""
    texts: Dict[str, str] = {}
    for path in sorted((root / "data" / "responses").glob("*.yml")):
        for name, variations in (yaml.safe_load(path.read_text(encoding="utf-8")).get("responses") or {}).items():
            texts[name] = variations[0].get("text", "")
    return texts


def first_reply(q: Question, nlu: Dict[str, Any], ranker: Ranker, parts: Any, w: Weights,
                overviews: Dict[str, str], topics: set) -> Tuple[str, str]:
    """(what happened, reply text) for a question's first message under weights w."""
    intent = nlu["intent"]["name"]
    if intent == OUT:
        return "declined", ""
    if intent not in topics and intent != FALLBACK:
        return f"other:{intent}", ""
    ranked = ranker.ranked(parts, w)
    scheme = detect_scheme(q.text)
    if ranker.confident(ranked, w):
        item = ranked[0].item
        if item.declines:
            return "declined", ""
        reply = compose(item, scheme, item_variables(TODAY))
        return ("item", reply.text) if reply else ("ask", "")
    if intent == FALLBACK:
        return "suggest", ""
    decision = choose_response(intent, scheme, overviews)
    if decision is None or decision.ask_scheme:
        return "ask", ""
    return "overview", fill(overviews[decision.response], date_variables(decision.response, TODAY))


def evaluate(questions: List[Question], nlu: Dict[str, Dict[str, Any]], ranker: Ranker, w: Weights,
             overviews: Dict[str, str], topics: set, cache: Dict[str, Any]) -> Dict[str, float]:
    """Simulated right-at-first-reply and declined rates under weights w."""
    right = declined = n_k = n_o = 0
    for q in questions:
        if q.text not in cache:
            cache[q.text] = ranker.components(q.text, topic_prior(nlu[q.text]["intent_ranking"]),
                                              detect_scheme(q.text))
        kind, text = first_reply(q, nlu[q.text], ranker, cache[q.text], w, overviews, topics)
        if q.kind == KNOWLEDGE:
            n_k += 1
            right += bool(text) and not missed_groups(text, q.must) and not forbidden_hits(text, q.must_not)
        else:
            n_o += 1
            declined += kind in ("declined", "suggest")
    return {"right": right / max(n_k, 1), "declined": declined / max(n_o, 1)}


def explain(questions: List[Question], nlu: Dict[str, Dict[str, Any]], ranker: Ranker, w: Weights,
            overviews: Dict[str, str], topics: set, cache: Dict[str, Any]) -> None:
    """Outcomes of knowledge questions by kind, and how many some item could have answered."""
    from collections import Counter

    kinds: Counter = Counter()
    right: Counter = Counter()
    answerable = 0
    variables = item_variables(TODAY)
    for q in (q for q in questions if q.kind == KNOWLEDGE):
        kind, text = first_reply(q, nlu[q.text], ranker, cache[q.text], w, overviews, topics)
        kind = kind.split(":")[0]
        kinds[kind] += 1
        right[kind] += bool(text) and not missed_groups(text, q.must) and not forbidden_hits(text, q.must_not)
        scheme = detect_scheme(q.text) or (q.scheme if q.scheme in ("shokibo", "safety") else q.scheme_guess)
        texts = [r.text for r in (compose(i, scheme, variables) for i in ranker.kb.items) if r]
        answerable += any(not missed_groups(t, q.must) and not forbidden_hits(t, q.must_not) for t in texts)
    n = sum(kinds.values())
    print("first reply by kind: " + ", ".join(f"{k} {v} (right {right[k]})" for k, v in kinds.most_common()))
    print(f"some item's answer would be right: {answerable}/{n} = {answerable / max(n, 1):.3f}")


def grid(base: Weights) -> List[Weights]:
    """Settings around the current weights."""
    values = itertools.product((0.4, 0.8, 1.2), (0.3, 0.6, 1.0), (0.3, 0.6, 0.9), (0.0, 0.5, 1.0), (0.0, 0.1))
    return [replace(base, prior=p, reading=r, answer=a, whole=h, margin=m) for p, r, a, h, m in values]


def main(argv: Optional[List[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", type=Path, default=Path("tests/answers/sets"))
    parser.add_argument("--model", type=Path, default=Path("models/current.tar.gz"))
    parser.add_argument("--cache", type=Path, default=Path("results/tuning/parses.json"))
    parser.add_argument("--grid", action="store_true", help="compare a grid of settings")
    parser.add_argument("--explain", action="store_true", help="outcomes by kind and the content's upper bound")
    args = parser.parse_args(argv)
    root = Path(".")
    questions = [q for qs in load_sets(args.sets).values() for q in qs]
    nlu = parses(questions, args.model, args.cache)
    ranker = Ranker(load_kb(kb_files()))
    overviews = overview_texts(root)
    topics = {t.intent for t in load_content(root).turns if t.action == "action_answer"}
    cache: Dict[str, Any] = {}
    settings = grid(ranker.weights) if args.grid else [ranker.weights]
    results = [(w, evaluate(questions, nlu, ranker, w, overviews, topics, cache)) for w in settings]
    results.sort(key=lambda r: -(r[1]["right"] + 0.5 * r[1]["declined"]))
    print(f"{len(questions)} questions, {len(ranker.kb.items)} items")
    for w, r in results[:15]:
        print(f"right {r['right']:.3f}  declined {r['declined']:.3f}  prior={w.prior} reading={w.reading} "
              f"answer={w.answer} whole={w.whole} confident={w.confident} margin={w.margin}")
    if args.explain:
        explain(questions, nlu, ranker, results[0][0], overviews, topics, cache)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
