"""Trains each candidate NLU pipeline and measures it on the held-out test set.

Prints a Markdown table (accuracy, macro-F1, out-of-scope declines, latency,
training time, memory) and writes the raw figures to results/pipelines.json.
Usage: python scripts/compare_pipelines.py [--candidates NAME ...]
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Dict, List

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
CANDIDATES = {
    "sudachi_sparse": ROOT / "scripts" / "pipelines" / "sudachi_sparse.yml",
    "sudachi_ginza_vectors": ROOT / "scripts" / "pipelines" / "sudachi_ginza_vectors.yml",
    "sudachi_ginza_vectors_hiragana": ROOT / "scripts" / "pipelines" / "sudachi_ginza_vectors_hiragana.yml",
    "spacy_ginza": ROOT / "scripts" / "pipelines" / "spacy_ginza.yml",
}
MEASURE = (
    "import json, resource, subprocess, sys, time\n"
    "t = time.perf_counter(); code = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL,"
    " stderr=subprocess.DEVNULL).returncode\n"
    "print(json.dumps({'code': code, 'seconds': time.perf_counter() - t,"
    " 'peak_rss_mb': resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}))\n"
)


def timed(command: List[str]) -> Dict[str, float]:
    """Runs a command in a fresh wrapper process; returns its time and peak memory."""
    out = subprocess.run([sys.executable, "-c", MEASURE, *command], capture_output=True,
                         text=True, check=True, cwd=ROOT)
    result = json.loads(out.stdout)
    if result["code"] != 0:
        raise RuntimeError(f"command failed: {' '.join(command)}")
    return result


def evaluate(name: str, config: Path, workdir: Path, tests: List[str]) -> Dict[str, object]:
    """Trains one candidate and probes the trained model."""
    train = timed([str(BIN / "rasa"), "train", "nlu", "-c", str(config), "--nlu", "data/nlu",
                   "--out", str(workdir), "--fixed-model-name", name])
    probe = subprocess.run([sys.executable, str(ROOT / "scripts" / "nlu_probe.py"),
                            str(workdir / f"{name}.tar.gz"), *tests],
                           capture_output=True, text=True, check=True, cwd=ROOT)
    figures = json.loads(probe.stdout.strip().splitlines()[-1])
    figures.update(train_seconds=train["seconds"], train_peak_rss_mb=train["peak_rss_mb"])
    return figures


def table(results: Dict[str, Dict[str, object]], baseline: str) -> str:
    """Markdown table, with latency and training time as ratios to the baseline."""
    base = results.get(baseline)
    rows = [
        "| pipeline | accuracy | macro-F1 | out-of-scope declined | p50 ms | p95 ms "
        "| p50 vs stock | train s | train vs stock | train RSS MB | serve RSS MB |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    for name, r in results.items():
        ratio = (lambda key: f"{r[key] / base[key]:.2f}×" if base else "–")
        rows.append(
            f"| {name} | {r['accuracy']:.3f} | {r['macro_f1']:.3f} | {r['out_of_scope_declined']:.3f} "
            f"| {r['latency_p50_ms']:.1f} | {r['latency_p95_ms']:.1f} | {ratio('latency_p50_ms')} "
            f"| {r['train_seconds']:.0f} | {ratio('train_seconds')} | {r['train_peak_rss_mb']:.0f} "
            f"| {r['serving_peak_rss_mb']:.0f} |"
        )
    return "\n".join(rows)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--candidates", nargs="+", choices=sorted(CANDIDATES),
                        default=list(CANDIDATES))
    args = parser.parse_args()
    os.environ.setdefault("RASA_TELEMETRY_ENABLED", "false")
    tests = sorted(glob.glob(str(ROOT / "tests" / "nlu" / "*.yml")))
    results: Dict[str, Dict[str, object]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name in args.candidates:
            print(f"training and measuring {name}...", file=sys.stderr, flush=True)
            results[name] = evaluate(name, CANDIDATES[name], Path(tmp), tests)
    out = ROOT / "results" / "pipelines.json"
    out.parent.mkdir(exist_ok=True)
    out.write_text(json.dumps(results, ensure_ascii=False, indent=1))
    examples = next(iter(results.values()))["examples"]
    print(f"Held-out examples: {examples} (tests/nlu/). Raw figures: {out.relative_to(ROOT)}\n")
    print(table(results, baseline="spacy_ginza"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
