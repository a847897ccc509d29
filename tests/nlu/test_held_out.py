"""The production model on the held-out NLU test sets (never trained on).

Two sets, gated on their union:
  * the original set: every other tests/nlu/*.yml (test_basics.yml + test_knowledge.yml); its
    error *categories* were used to brief later training data, so it is somewhat optimistic;
  * the fresh set: test_knowledge_2.yml, written independently of the training data in the
    style of phone users (hiragana, typos, full-width digits, fragments, scheme synonyms).

These floors guard against regressions at the level reached so far; the knowledge
issue's targets (accuracy 95 %, macro-F1 0.93, out-of-scope declined 90 %) and the
measured figures, per set and for the union, are in docs/nlu-pipeline.md.
Per-set figures and the confusion listing are written to results/nlu/held_out.json.
"""
import asyncio
import collections
import json
from pathlib import Path

import pytest
from sklearn.metrics import f1_score

from scripts.nlu_probe import DECLINED, examples, measure

# Floors on the union of both sets (docs/nlu-pipeline.md, "Second, fresh held-out set").
MIN_ACCURACY = 0.93
MIN_MACRO_F1 = 0.93
MIN_OUT_OF_SCOPE_DECLINED = 0.90

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "models" / "current.tar.gz"
HERE = ROOT / "tests" / "nlu"
FRESH = [HERE / "test_knowledge_2.yml"]
SETS = {  # every tests/nlu/*.yml is in the union; "original" is all but the fresh set
    "original": sorted(p for p in HERE.glob("*.yml") if p not in FRESH),
    "fresh": FRESH,
}
# Phrases users reported as misread (issue #3). Not a held-out set: they were seen failing, so
# they are a regression check only and stay out of the figures.
REPORTED = HERE / "reported" / "known_confusions.yml"
REPORT = ROOT / "results" / "nlu" / "held_out.json"


def figures_of(pairs, predicted):
    """Accuracy, macro-F1 and out-of-scope declines for (text, gold) pairs."""
    gold = [g for _, g in pairs]
    oos = [p for g, p in zip(gold, predicted) if g == "out_of_scope"]
    return {
        "examples": len(pairs),
        "accuracy": sum(g == p for g, p in zip(gold, predicted)) / len(gold),
        "macro_f1": f1_score(gold, predicted, average="macro", labels=sorted(set(gold))),
        "out_of_scope": len(oos),
        "out_of_scope_declined": sum(p in DECLINED for p in oos) / max(1, len(oos)),
    }


def split(measured, groups):
    """Predictions per group (measure() lists the errors in example order)."""
    errors = iter(measured["errors"])
    pending = next(errors, None)
    result = {}
    for name, paths in groups.items():
        pairs = examples([str(p) for p in paths])
        predicted = []
        for text, gold in pairs:
            if pending and (pending["text"], pending["gold"]) == (text, gold):
                predicted.append(pending["predicted"])
                pending = next(errors, None)
            else:
                predicted.append(gold)
        result[name] = (pairs, predicted)
    return result


def report(measured):
    """Figures for the union and each set, the reported phrases, and the confusion listing."""
    groups = split(measured, {**SETS, "reported": [REPORTED]})
    union_pairs = groups["original"][0] + groups["fresh"][0]
    union_predicted = groups["original"][1] + groups["fresh"][1]
    figures = {"union": figures_of(union_pairs, union_predicted)}
    figures.update({name: figures_of(*groups[name]) for name in SETS})
    figures["reported_wrong"] = [
        {"text": t, "gold": g, "predicted": p} for (t, g), p in zip(*groups["reported"]) if g != p]
    errors = [{"text": t, "gold": g, "predicted": p}
              for (t, g), p in zip(union_pairs, union_predicted) if g != p]
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


def test_fresh_set_covers_the_knowledge_intents_and_out_of_scope():
    pairs = examples([str(p) for p in SETS["fresh"]])
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
