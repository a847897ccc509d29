"""Loads one trained NLU model and measures it on held-out test files (prints JSON).

Run in its own process so its peak memory is the model's alone:
    python scripts/nlu_probe.py MODEL.tar.gz tests/nlu/*.yml
"""
from __future__ import annotations

import asyncio
import json
import resource
import statistics
import sys
import time
from pathlib import Path
from typing import Dict, List, Tuple

from rasa.core.agent import Agent
from rasa.shared.nlu.training_data.loading import load_data
from sklearn.metrics import accuracy_score, f1_score

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from actions.suggestions import suggestions  # noqa: E402  (the bot's own もしかして rule)

DECLINED = {"out_of_scope", "nlu_fallback", "human_handoff"}


def examples(paths: List[str]) -> List[Tuple[str, str]]:
    """(text, intent) pairs from Rasa NLU YAML files."""
    pairs: List[Tuple[str, str]] = []
    for path in paths:
        data = load_data(path)
        pairs += [(m.get("text"), m.get("intent")) for m in data.intent_examples]
    return pairs


def percentile(values: List[float], share: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


async def measure(model: str, paths: List[str]) -> Dict[str, float]:
    """Accuracy, macro-F1, out-of-scope decline rate, latency and memory."""
    started = time.perf_counter()
    agent = Agent.load(model)
    load_seconds = time.perf_counter() - started
    pairs = examples(paths)
    await agent.parse_message("ウォームアップ")
    predicted, latencies, rankings, offered = [], [], [], []
    for text, _ in pairs:
        t0 = time.perf_counter()
        result = await agent.parse_message(text)
        latencies.append((time.perf_counter() - t0) * 1000)
        predicted.append(result["intent"]["name"])
        offered.append(suggestions(result.get("intent_ranking", []))
                       if predicted[-1] == "nlu_fallback" else [])
        rankings.append([(r["name"], round(r["confidence"], 4))
                         for r in result.get("intent_ranking", [])
                         if r["name"] != "nlu_fallback"][:2])
    gold = [intent for _, intent in pairs]
    in_scope = [(g, p) for g, p in zip(gold, predicted) if g != "out_of_scope"]
    oos = [p for g, p in zip(gold, predicted) if g == "out_of_scope"]
    return {
        "examples": len(pairs),
        "accuracy": accuracy_score(gold, predicted),
        "macro_f1": f1_score(gold, predicted, average="macro", labels=sorted(set(gold))),
        "in_scope_accuracy": sum(g == p for g, p in in_scope) / max(1, len(in_scope)),
        "out_of_scope_declined": sum(p in DECLINED for p in oos) / max(1, len(oos)),
        "latency_p50_ms": statistics.median(latencies),
        "latency_p95_ms": percentile(latencies, 0.95),
        "load_seconds": load_seconds,
        "serving_peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "errors": [
            {"text": t, "gold": g, "predicted": p, "suggested": o}
            for (t, g), p, o in zip(pairs, predicted, offered) if g != p
        ],
        "rankings": [
            {"gold": g, "top2": r} for (_, g), r in zip(pairs, rankings)
        ],
    }


if __name__ == "__main__":
    if len(sys.argv) < 3 or not Path(sys.argv[1]).exists():
        sys.exit("usage: nlu_probe.py MODEL TEST_FILE...")
    model_path, *test_files = sys.argv[1:]
    print(json.dumps(asyncio.run(measure(model_path, test_files)), ensure_ascii=False))
