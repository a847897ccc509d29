"""Knowledge items to a spreadsheet and back: only edited cells change, bad edits change nothing."""
import csv
import shutil
from pathlib import Path

import pytest

from actions.kb.items import kb_files, load_kb
from content_tools.kb_sheet import export, import_sheet

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def project(tmp_path):
    for name in ("data", "domain.yml", "actions"):
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy
        copy(ROOT / name, tmp_path / name)
    return tmp_path


def edit(path: Path, item_id: str, column: str, value: str) -> None:
    rows = list(csv.reader(path.open(encoding="utf-8-sig")))
    index = rows[0].index(column)
    for row in rows[1:]:
        if row[0] == item_id:
            row[index] = value
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)


def test_round_trip_changes_only_the_edited_answer(project, tmp_path):
    sheet = tmp_path / "kb.csv"
    assert export(project, sheet) == len(load_kb(kb_files(project / "data" / "kb")).items)
    assert import_sheet(project, sheet) == ([], [])
    item = load_kb(kb_files(project / "data" / "kb")).items[0]
    before = (project / "data" / "kb" / item.source).read_text(encoding="utf-8")
    edit(sheet, item.id, "質問の例（1行に1つ）", "\n".join(item.questions + ("新しい言い方の例です",)))
    first = "回答 共通" if "both" in item.answers else ("回答 小規模" if "shokibo" in item.answers else "回答 セーフティ")
    edit(sheet, item.id, first, "直した答えです。")
    changes, problems = import_sheet(project, sheet)
    assert problems == [] and len(changes) == 2
    after = (project / "data" / "kb" / item.source).read_text(encoding="utf-8")
    removed = set(before.splitlines()) - set(after.splitlines())
    added = set(after.splitlines()) - set(before.splitlines())
    assert len(removed) == 1 and len(added) == 2, (removed, added)  # one answer replaced, one question added
    reloaded = load_kb(kb_files(project / "data" / "kb")).get(item.id)
    assert "直した答えです。" in reloaded.answers.values() and "新しい言い方の例です" in reloaded.questions


def test_a_bad_edit_writes_nothing(project, tmp_path):
    sheet = tmp_path / "kb.csv"
    export(project, sheet)
    item = load_kb(kb_files(project / "data" / "kb")).items[0]
    before = {p.name: p.read_text(encoding="utf-8") for p in kb_files(project / "data" / "kb")}
    first = "回答 共通" if "both" in item.answers else ("回答 小規模" if "shokibo" in item.answers else "回答 セーフティ")
    edit(sheet, item.id, first, "2021年12月20日に引き落とします。")
    changes, problems = import_sheet(project, sheet)
    assert problems and any("年" in p for p in problems)
    assert before == {p.name: p.read_text(encoding="utf-8") for p in kb_files(project / "data" / "kb")}
