"""The Japanese test-content summary: failed stories and intent confusions read correctly."""
from pathlib import Path

from content_tools.summary import StoryResult, count_stories, failed_stories, nlu_lines, story_lines

FAILED = """version: "3.1"
stories:
- story: ask_tax (./tests/stories/test_knowledge.yml)
  steps:
  - intent: ask_tax
  - action: action_answer  # predicted: action_suggest
- story: greet (./tests/stories/test_basics.yml)
  steps:
  - user: |
      こんにちは
    intent: greet  # predicted: ask_capabilities: こんにちは
  - action: utter_greet
"""
FLOORS = {"accuracy": 0.93, "macro_f1": 0.93, "out_of_scope_declined": 0.9}


def figures(accuracy: float, errors: list) -> dict:
    return {"examples": 100, "accuracy": accuracy, "macro_f1": 0.95, "out_of_scope_declined": 0.95,
            "errors": errors}


def test_failed_stories_name_the_wrong_steps(tmp_path: Path):
    report = tmp_path / "failed_test_stories.yml"
    report.write_text(FAILED, encoding="utf-8")
    failed = failed_stories(report)
    assert failed == {
        "ask_tax (./tests/stories/test_knowledge.yml)": ["期待 action: action_answer → 実際 action_suggest"],
        "greet (./tests/stories/test_basics.yml)": ["期待 intent: greet → 実際 ask_capabilities: こんにちは"],
    }
    lines, ok = story_lines(StoryResult(total=5, failed=failed))
    assert not ok and "5本中 3本 合格… 不合格" in lines[0]


def test_no_failed_file_means_all_passed(tmp_path: Path):
    assert failed_stories(tmp_path / "missing.yml") == {}
    lines, ok = story_lines(StoryResult(total=2, failed={}))
    assert ok and lines == ["会話テスト（tests/stories）: 2本中 2本 合格… 合格"]


def test_count_stories(tmp_path: Path):
    (tmp_path / "a.yml").write_text("stories:\n- story: a\n  steps: []\n- story: b\n  steps: []\n")
    (tmp_path / "b.yml").write_text("version: '3.1'\n")
    assert count_stories(tmp_path) == 2


def test_confusions_are_listed_most_frequent_first():
    errors = [{"text": "確定申告は？", "gold": "ask_tax", "predicted": "ask_tax_filing"},
              {"text": "年末調整", "gold": "ask_tax", "predicted": "ask_tax_filing"},
              {"text": "やあ", "gold": "greet", "predicted": "thank"},
              {"text": "ぴよ", "gold": "out_of_scope", "predicted": "nlu_fallback"}]
    lines, ok = nlu_lines(figures(0.97, errors), FLOORS)
    assert ok
    assert lines[1] == "  正解率: 97.0%（基準 93% 以上）… 合格"
    assert lines[5] == "    ask_tax → ask_tax_filing: 2件（例:「確定申告は？」）"
    assert lines[6].startswith("    greet → thank: 1件")
    assert lines[7].startswith("    out_of_scope → nlu_fallback（どれとも判断できず）: 1件")


def test_a_figure_under_its_floor_fails():
    lines, ok = nlu_lines(figures(0.90, []), FLOORS)
    assert not ok and "90.0%（基準 93% 以上）… 不合格" in lines[1]
    assert lines[-1] == "  取り違えはありませんでした。"
