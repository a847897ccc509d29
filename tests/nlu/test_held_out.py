"""The production model on the held-out NLU test sets (never trained on).

Seven sets, gated on their union, none ever trained on:
  * original: test_basics.yml, test_knowledge.yml, test_self_service.yml (session 1);
  * fresh: test_knowledge_2.yml, in the style of phone users (hiragana, typos, full-width
    digits, fragments, scheme synonyms);
  * blind … blind_5: test_knowledge_3.yml … test_knowledge_7.yml, each written by a writer who saw neither
    the training data, the other sets nor any model error, from the intent definitions and the
    domain sources only.
After each set's first measurement, the *categories* of its errors briefed new training
examples (never its sentences), so only a set's first-sight figures are unbiased; they are
recorded in docs/nlu-pipeline.md with the targets (accuracy 95 %, macro-F1 0.93, out-of-scope
declined 90 %). Per-set figures and every error go to results/nlu/held_out.json.
"""
import asyncio
import collections
import json
import os
from pathlib import Path

import pytest
from sklearn.metrics import f1_score

from scripts.nlu_probe import DECLINED, examples, measure

# Floors on the union of all sets (docs/nlu-pipeline.md, "Blind held-out sets").
MIN_ACCURACY = 0.94
MIN_MACRO_F1 = 0.95
MIN_OUT_OF_SCOPE_DECLINED = 0.92

ROOT = Path(__file__).resolve().parents[2]
MODEL = Path(os.environ.get("EVAL_MODEL") or ROOT / "models" / "current.tar.gz")  # or a candidate
HERE = ROOT / "tests" / "nlu"
LATER = {  # set name -> file, in the order they were written
    "fresh": HERE / "test_knowledge_2.yml",
    "blind": HERE / "test_knowledge_3.yml",
    "blind_2": HERE / "test_knowledge_4.yml",
    "blind_3": HERE / "test_knowledge_5.yml",
    "blind_4": HERE / "test_knowledge_6.yml",
    "blind_5": HERE / "test_knowledge_7.yml",
}
SETS = {  # every tests/nlu/*.yml is in the union
    "original": sorted(p for p in HERE.glob("*.yml") if p not in LATER.values()),
    **{name: [path] for name, path in LATER.items()},
}
# Phrases users reported as misread (issue #3). Not a held-out set: they were seen failing, so
# they are a regression check only and stay out of the figures.
REPORTED = HERE / "reported" / "known_confusions.yml"
REPORT = ROOT / "results" / "nlu" / "held_out.json"


def figures_of(pairs, predicted, offered):
    """Accuracy, macro-F1, out-of-scope declines and one-tap answers for (text, gold) pairs."""
    gold = [g for _, g in pairs]
    oos = [p for g, p in zip(gold, predicted) if g == "out_of_scope"]
    in_scope = [(g, p, o) for g, p, o in zip(gold, predicted, offered) if g != "out_of_scope"]
    return {
        "examples": len(pairs),
        "accuracy": sum(g == p for g, p in zip(gold, predicted)) / len(gold),
        # as the user sees it: an out-of-scope message is handled right when it is declined
        "handled_right": sum(g == p or (g == "out_of_scope" and p in DECLINED)
                             for g, p in zip(gold, predicted)) / len(gold),
        "macro_f1": f1_score(gold, predicted, average="macro", labels=sorted(set(gold))),
        "out_of_scope": len(oos),
        "out_of_scope_declined": sum(p in DECLINED for p in oos) / max(1, len(oos)),
        # answered right at once, or the right question is one of the 「もしかして」 buttons
        "in_scope_one_tap": sum(g == p or g in o for g, p, o in in_scope) / max(1, len(in_scope)),
    }


def split(measured, groups):
    """Predictions per group (measure() lists the errors in example order)."""
    errors = iter(measured["errors"])
    pending = next(errors, None)
    result = {}
    for name, paths in groups.items():
        pairs = examples([str(p) for p in paths])
        predicted, offered = [], []
        for text, gold in pairs:
            if pending and (pending["text"], pending["gold"]) == (text, gold):
                predicted.append(pending["predicted"])
                offered.append(pending["suggested"])
                pending = next(errors, None)
            else:
                predicted.append(gold)
                offered.append([])
        result[name] = (pairs, predicted, offered)
    return result


def report(measured):
    """Figures for the union and each set, the reported phrases, and the confusion listing."""
    groups = split(measured, {**SETS, "reported": [REPORTED]})
    union_pairs, union_predicted, union_offered = (
        [item for name in SETS for item in groups[name][column]] for column in range(3))
    figures = {"union": figures_of(union_pairs, union_predicted, union_offered)}
    figures.update({name: figures_of(*groups[name]) for name in SETS})
    figures["reported_wrong"] = [
        {"text": t, "gold": g, "predicted": p}
        for (t, g), p, _ in zip(*groups["reported"]) if g != p]
    errors = [{"text": t, "gold": g, "predicted": p, "suggested": o}
              for (t, g), p, o in zip(union_pairs, union_predicted, union_offered) if g != p]
    confusions = collections.Counter((e["gold"], e["predicted"]) for e in errors)
    figures["confusions"] = [{"gold": g, "predicted": p, "count": n}
                             for (g, p), n in confusions.most_common()]
    figures["errors"] = errors
    return figures


@pytest.fixture(scope="module")
def figures():
    if not MODEL.exists():
        pytest.fail("No trained model: run `make train` first.")
    paths = [str(p) for group in SETS.values() for p in group] + [str(REPORTED)]
    measured = asyncio.run(measure(str(MODEL), paths))
    result = report(measured)
    REPORT.parent.mkdir(parents=True, exist_ok=True)
    REPORT.write_text(json.dumps(result, ensure_ascii=False, indent=1))
    return result


@pytest.mark.parametrize("name", list(LATER))
def test_later_sets_cover_the_knowledge_intents_and_out_of_scope(name):
    pairs = examples([str(p) for p in SETS[name]])
    counts = collections.Counter(intent for _, intent in pairs)
    assert sum(n for intent, n in counts.items() if intent != "out_of_scope") >= 150
    assert counts["out_of_scope"] >= 30
    assert all(counts[intent] >= 5 for intent in counts
               if intent.startswith("ask_") and intent != "ask_more")


def test_held_out_set_is_large_enough(figures):
    assert figures["union"]["examples"] >= 500


def test_intent_accuracy(figures):
    assert figures["union"]["accuracy"] >= MIN_ACCURACY, figures["errors"][:20]


def test_macro_f1(figures):
    assert figures["union"]["macro_f1"] >= MIN_MACRO_F1


def test_out_of_scope_is_declined_or_handed_off(figures):
    assert figures["union"]["out_of_scope_declined"] >= MIN_OUT_OF_SCOPE_DECLINED


def test_reported_phrases_are_understood(figures):
    assert figures["reported_wrong"] == []
