"""`make test-content`: the story tests and the held-out NLU test, summarised in Japanese.

`make validate` runs first (the Makefile stops there on errors). This runs `rasa test core`
on tests/stories, measures the model on tests/nlu (never trained on) with the floors of
tests/nlu/test_held_out.py, and prints what passed and which intents were confused.
"""
from __future__ import annotations

import argparse
import asyncio
import glob
import logging
import subprocess
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from typing import Dict, List, Optional, Tuple

import yaml

ROOT = Path(__file__).resolve().parent.parent
STORIES = "tests/stories"
RESULTS = "results/content"
TOP_CONFUSIONS = 10
LABELS = {"accuracy": "正解率", "macro_f1": "マクロF1", "out_of_scope_declined": "対象外の質問を断れた割合"}
INTENT_NOTES = {"nlu_fallback": "nlu_fallback（どれとも判断できず）"}


@dataclass(frozen=True)
class StoryResult:
    """How many test stories there are, and the failed ones with their wrong predictions."""

    total: int
    failed: Dict[str, List[str]]


def count_stories(folder: Path) -> int:
    """Test stories under a folder."""
    return sum(len((yaml.safe_load(p.read_text(encoding="utf-8")) or {}).get("stories") or [])
               for p in sorted(folder.rglob("*.yml")))


def failed_stories(report: Path) -> Dict[str, List[str]]:
    """Story name -> wrong steps, from Rasa's failed_test_stories.yml (`# predicted:` comments)."""
    if not report.exists():
        return {}
    failed: Dict[str, List[str]] = defaultdict(list)
    name = ""
    for line in report.read_text(encoding="utf-8").splitlines():
        stripped = line.strip()
        if stripped.startswith("- story:"):
            name = stripped[len("- story:"):].strip()
            failed.setdefault(name, [])
        elif "# predicted:" in stripped:
            expected, _, predicted = stripped.lstrip("- ").partition("# predicted:")
            failed[name].append(f"期待 {expected.strip()} → 実際 {predicted.strip()}")
    return dict(failed)


def run_stories(model: Path, out: Path) -> StoryResult:
    """Runs `rasa test core` on the test stories (no custom action is executed)."""
    out.mkdir(parents=True, exist_ok=True)
    (out / "failed_test_stories.yml").unlink(missing_ok=True)
    command = [str(ROOT / ".venv" / "bot" / "bin" / "rasa"), "test", "core", "--model", str(model),
               "--stories", STORIES, "--out", str(out), "--no-plot", "--quiet"]
    finished = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    if finished.returncode != 0:
        raise RuntimeError(f"rasa test core が失敗しました:\n{finished.stderr[-3000:]}")
    return StoryResult(count_stories(ROOT / STORIES), failed_stories(out / "failed_test_stories.yml"))


def confusions(errors: List[Dict[str, str]]) -> List[Tuple[str, str, int, str]]:
    """(expected, predicted, count, an example) for the most frequent mix-ups."""
    pairs = Counter((e["gold"], e["predicted"]) for e in errors)
    first = {}
    for error in errors:
        first.setdefault((error["gold"], error["predicted"]), error["text"])
    return [(gold, INTENT_NOTES.get(predicted, predicted), count, first[(gold, predicted)])
            for (gold, predicted), count in pairs.most_common(TOP_CONFUSIONS)]


def verdict(ok: bool) -> str:
    """合格 / 不合格."""
    return "合格" if ok else "不合格"


def nlu_lines(figures: Dict, floors: Dict[str, float]) -> Tuple[List[str], bool]:
    """The NLU part of the report and whether every figure reached its floor."""
    checks = [(LABELS[key], figures[key], floor) for key, floor in floors.items()]
    lines = [f"NLU テスト（tests/nlu、学習に使っていない例文 {figures['examples']}件）"]
    lines += [f"  {label}: {value:.1%}（基準 {floor:.0%} 以上）… {verdict(value >= floor)}"
              for label, value, floor in checks]
    mixed = confusions(figures["errors"])
    if mixed:
        lines.append(f"  取り違え（正解 → 予測、多い順）: 全{len(figures['errors'])}件")
        lines += [f"    {gold} → {predicted}: {count}件（例:「{text}」）"
                  for gold, predicted, count, text in mixed]
    else:
        lines.append("  取り違えはありませんでした。")
    return lines, all(value >= floor for _, value, floor in checks)


def story_lines(result: StoryResult) -> Tuple[List[str], bool]:
    """The story part of the report and whether it passed."""
    passed = result.total - len(result.failed)
    lines = [f"会話テスト（{STORIES}）: {result.total}本中 {passed}本 合格… {verdict(not result.failed)}"]
    for name, steps in result.failed.items():
        lines.append(f"  不合格: {name}")
        lines += [f"    {step}" for step in steps]
    return lines, not result.failed


def main(argv: Optional[List[str]] = None) -> int:
    """CLI: prints the Japanese summary; exit 1 if anything failed."""
    parser = argparse.ArgumentParser(description="内容のテスト（make test-content）")
    parser.add_argument("--model", type=Path, default=ROOT / "models" / "current.tar.gz")
    args = parser.parse_args(argv)
    if not args.model.exists():
        print("モデルがありません。先に make train を実行してください。")
        return 1
    # Both load TensorFlow, so only here; the floors are the ones `make test-nlu` enforces.
    from rasa.utils.log_utils import configure_structlog

    from scripts.nlu_probe import measure
    from tests.nlu.test_held_out import MIN_ACCURACY, MIN_MACRO_F1, MIN_OUT_OF_SCOPE_DECLINED

    configure_structlog(logging.WARNING)  # no per-message debug lines from the model

    floors = {"accuracy": MIN_ACCURACY, "macro_f1": MIN_MACRO_F1,
              "out_of_scope_declined": MIN_OUT_OF_SCOPE_DECLINED}

    print("会話テストを実行しています（1〜2分）…", flush=True)
    stories, stories_ok = story_lines(run_stories(args.model, ROOT / RESULTS))
    print("NLU テストを実行しています（1〜2分）…", flush=True)
    tests = sorted(glob.glob(str(ROOT / "tests" / "nlu" / "*.yml")))
    nlu, nlu_ok = nlu_lines(asyncio.run(measure(str(args.model), tests)), floors)
    print("\n".join(["", "=== 内容のテスト結果 ===", "データ検査（make validate）… 合格",
                     *stories, *nlu, f"総合: {verdict(stories_ok and nlu_ok)}"]))
    return 0 if stories_ok and nlu_ok else 1


if __name__ == "__main__":
    sys.exit(main())
