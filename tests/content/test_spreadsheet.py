"""The Q&A spreadsheet: lossless round-trip, edits that land where they belong, refusals that change nothing."""
import csv
import datetime as dt
import hashlib
import shutil
from pathlib import Path
from typing import Dict, List

import pytest
from openpyxl import Workbook

from content_tools import spreadsheet
from content_tools.data import load_content
from content_tools.lint import lint
from content_tools.sheet_io import SheetError, read_table, write_table

ROOT = Path(__file__).resolve().parents[2]
RESPONSES = "data/responses/topics.yml"
NLU = "data/nlu/topics.yml"


def snapshot(root: Path) -> Dict[str, str]:
    files = [root / "domain.yml", *sorted((root / "data").rglob("*.yml"))]
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in files}


def read_csv(path: Path) -> List[List[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def write_csv(path: Path, rows: List[List[str]]) -> None:
    with path.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)


@pytest.fixture
def real_project(tmp_path: Path) -> Path:
    root = tmp_path / "project"
    shutil.copytree(ROOT / "data", root / "data")
    shutil.copy(ROOT / "domain.yml", root / "domain.yml")
    (root / "actions").mkdir()
    shutil.copy(ROOT / "actions" / "intent_titles.yml", root / "actions" / "intent_titles.yml")
    return root


@pytest.fixture
def sheet(make_project, tmp_path: Path):
    """The small project exported to CSV: (root, csv path, rows)."""
    root = make_project()
    path = tmp_path / "qa.csv"
    spreadsheet.export(root, path)
    return root, path, read_csv(path)


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_round_trip_of_the_real_data_is_lossless(real_project, tmp_path, suffix):
    before = snapshot(real_project)
    path = tmp_path / f"qa.{suffix}"
    count = spreadsheet.export(real_project, path)
    assert spreadsheet.import_sheet(real_project, path) == ([], [])
    assert snapshot(real_project) == before
    again = tmp_path / f"again.{suffix}"
    assert spreadsheet.export(real_project, again) == count
    assert read_table(again) == read_table(path)


def test_export_has_every_example_and_answer_of_each_topic(real_project, tmp_path):
    path = tmp_path / "qa.csv"
    spreadsheet.export(real_project, path)
    rows = read_csv(path)[1:]
    content = load_content(real_project)
    tax_examples = [r[3] for r in rows if r[0] == "ask_tax" and r[1] == "例文"]
    assert tax_examples == [e.text for e in content.examples_of("ask_tax")]
    detail = next(r for r in rows if r[0] == "ask_tax" and r[1] == "詳しく" and r[2] == "経営セーフティ共済")
    assert detail[3] == content.responses["utter_ask_tax_safety_detail"].variations[0].text
    assert "申告の書類 | /ask_tax_filing" in detail[4].split("\n")
    assert {r[0] for r in rows} >= {"ask_overview", "ask_certificate_reissue", "ask_rejoin"}
    assert "greet" not in {r[0] for r in rows}  # basics in domain.yml are not Q&A


def test_changed_answer_rewrites_only_that_answer(sheet):
    root, path, rows = sheet
    before = (root / RESPONSES).read_text(encoding="utf-8").split("\n")
    row = next(r for r in rows if r[3].startswith("経営セーフティ共済の手数料"))
    row[3] = "経営セーフティ共済の手数料は\n無料です。"
    row[4] = "最初から | /greet"
    write_csv(path, rows)
    changes, errors = spreadsheet.import_sheet(root, path)
    assert errors == [] and changes == ["ask_fee: utter_ask_fee_safety を変更"]
    after = (root / RESPONSES).read_text(encoding="utf-8").split("\n")
    assert after[:15] == before[:15]
    assert after[15:] == ['    - text: "経営セーフティ共済の手数料は\\n無料です。"', "      buttons:",
                          '        - title: "最初から"', '          payload: "/greet"', ""]


def test_examples_added_and_removed(sheet):
    root, path, rows = sheet
    rows = [r for r in rows if r[3] != "手数料はいくら3"]
    rows.insert(5, ["ask_fee", "例文", "", "手数料って要る？", ""])
    rows.insert(6, ["ask_fee", "例文", "", "手数料は[小規模](scheme)でもかかる？", ""])
    write_csv(path, rows)
    changes, errors = spreadsheet.import_sheet(root, path)
    assert errors == [] and changes == ["ask_fee: 例文 2件追加、1件削除（10件 → 11件）"]
    examples = [e.text for e in load_content(root).examples_of("ask_fee")]
    assert examples[4:6] == ["手数料って要る？", "手数料は[小規模](scheme)でもかかる？"]
    assert "手数料はいくら3" not in examples and len(examples) == 11
    assert lint(load_content(root)) == []


def test_new_answer_lands_after_the_topic_and_deleted_one_goes(sheet):
    root, path, rows = sheet
    rows = [r for r in rows if r[1] != "詳しく"]
    rows.append(["ask_fee", "詳しく", "経営セーフティ共済", "【手数料（詳しく）】\nかかりません。", ""])
    rows[11][4] = "電話で相談したい | /human_handoff".replace("/human_handoff", '/choose_scheme{{"scheme":"shokibo"}}')
    write_csv(path, rows)
    changes, errors = spreadsheet.import_sheet(root, path)
    assert errors == []
    assert set(changes) == {"ask_fee: utter_ask_fee_shokibo を変更", "ask_fee: utter_ask_fee_safety_detail を追加",
                            "ask_fee: utter_ask_fee_shokibo_detail を削除"}
    content = load_content(root)
    assert list(content.responses)[-3:] == ["utter_ask_fee_shokibo", "utter_ask_fee_safety",
                                            "utter_ask_fee_safety_detail"]
    assert content.responses["utter_ask_fee_shokibo"].variations[0].buttons[0].payload == \
        '/choose_scheme{{"scheme":"shokibo"}}'
    assert "\n\n\n" not in (root / RESPONSES).read_text(encoding="utf-8")
    assert lint(content) == []


def test_import_with_row_errors_changes_nothing(sheet):
    root, path, rows = sheet
    before = snapshot(root)
    rows[2][1] = "質問"
    rows[3][2] = "小規模企業共済"
    rows[12][2] = "セーフティ"
    rows[13][4] = "詳しく /ask_more"
    rows[11][3] = "小規模企業共済の手数料は無料です。"  # a valid change, not applied either
    rows.append(["ask_new_topic", "例文", "", "新しい質問", ""])
    rows.append(["ask_fee", "例文", "", rows[5][3], ""])
    write_csv(path, rows)
    changes, errors = spreadsheet.import_sheet(root, path)
    assert changes == []
    assert [e.split(":")[0] for e in errors] == ["行 3", "行 4", "行 13", "行 14", "行 15", "行 16"]
    assert "ask_new_topic" in errors[4] and "2回" in errors[5]
    assert snapshot(root) == before


def test_lint_errors_refuse_the_import_by_row(sheet):
    root, path, rows = sheet
    before = snapshot(root)
    rows[13][3] = "令和3年から手数料は無料です。問い合わせは 03-1234-5678 へ。"
    rows = rows[:4] + rows[9:]  # ask_fee left with 5 examples, the answer on row 9
    write_csv(path, rows)
    changes, errors = spreadsheet.import_sheet(root, path)
    assert changes == [] and snapshot(root) == before
    assert any(e.startswith("行 9: ") and "年が書かれています" in e for e in errors)
    assert any(e.startswith("行 9: ") and "03-1234-5678" in e for e in errors)
    assert any(e.startswith("行 2: ") and "5件" in e for e in errors)


def test_duplicate_of_an_example_outside_the_sheet_points_to_the_row(make_project, tmp_path):
    root = make_project()
    path = tmp_path / "qa.csv"
    spreadsheet.export(root, path)
    rows = read_csv(path)
    rows[4][3] = "詳しく3"  # ask_more's example; ask_more is not in the sheet and comes later in the file
    write_csv(path, rows)
    changes, errors = spreadsheet.import_sheet(root, path)
    assert changes == [] and len(errors) == 1
    assert errors[0].startswith("行 5: 例文「詳しく3」が複数のインテントにあります")


def test_cli_reports_in_japanese_and_exits_non_zero(sheet, capsys):
    root, path, rows = sheet
    rows[2][1] = "質問"
    write_csv(path, rows)
    assert spreadsheet.main(["import", str(path), "--root", str(root)]) == 1
    out = capsys.readouterr().out
    assert "行 3: 種類「質問」は使えません" in out and "何も変えていません" in out


def test_csv_saved_as_shift_jis_is_refused(sheet):
    root, path, rows = sheet
    path.write_bytes("\n".join(",".join(r) for r in rows).encode("cp932", errors="replace"))
    with pytest.raises(SheetError, match="UTF-8"):
        spreadsheet.import_sheet(root, path)


def test_header_must_be_kept(sheet):
    root, path, rows = sheet
    rows[0][3] = "回答文"
    write_csv(path, rows)
    with pytest.raises(SheetError, match="見出し"):
        spreadsheet.import_sheet(root, path)


def test_xlsx_keeps_formula_like_text_and_refuses_dates(tmp_path):
    path = tmp_path / "t.xlsx"
    write_table(path, ("a", "b"), [["=1+1", "行1\n行2"]])
    assert read_table(path) == [(1, ["a", "b"]), (2, ["=1+1", "行1\n行2"])]
    book = Workbook()
    book.active.append(["a"])
    book.active.append([dt.datetime(2021, 1, 2)])
    book.save(path)
    with pytest.raises(SheetError, match="行 2"):
        read_table(path)
