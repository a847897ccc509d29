"""Knowledge items to a spreadsheet and back: `make kb-export` / `make kb-import`.

One row per item. Import changes the items whose cells changed (title, questions, answers, 「詳しく」),
in place in their data/kb/ file (ruamel round-trip: comments and order stay); it checks the result
with the item loader and the content linter and writes nothing when anything is wrong.
"""
from __future__ import annotations

import argparse
import io
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Dict, List, Optional, Sequence, Tuple

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from actions.kb.items import ANSWER_KEYS, ItemError, kb_files, load_kb
from content_tools.data import load_content
from content_tools.lint_kb import KB_FOLDER, knowledge_items
from content_tools.sheet_io import SheetError, read_table, write_table

HEADER = ("id", "ファイル", "話題", "ボタン名", "根拠", "質問の例（1行に1つ）",
          "回答 小規模", "回答 セーフティ", "回答 共通", "詳しく 小規模", "詳しく セーフティ", "詳しく 共通")
EDITABLE = {"ボタン名": "title", "質問の例（1行に1つ）": "questions"}
TEXTS = [(f"回答 {label}", "answer", key) for label, key in zip(("小規模", "セーフティ", "共通"), ANSWER_KEYS)] + \
        [(f"詳しく {label}", "detail", key) for label, key in zip(("小規模", "セーフティ", "共通"), ANSWER_KEYS)]
WIDTHS = (28, 18, 20, 18, 14, 40, 50, 50, 50, 40, 40, 40)


def _yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 100_000  # never fold a long answer
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


def export(root: Path, path: Path) -> int:
    """Writes every item to `path` (.xlsx or .csv); returns the number of rows."""
    rows = []
    for item in load_kb(kb_files(root / KB_FOLDER)).items:
        rows.append([item.id, item.source, item.topic, item.title, ", ".join(item.facts), "\n".join(item.questions),
                     *(item.answers.get(key, "") for key in ANSWER_KEYS),
                     *(item.details.get(key, "") for key in ANSWER_KEYS)])
    write_table(path, HEADER, rows, WIDTHS)
    return len(rows)


def _wanted(path: Path) -> Dict[str, Dict[str, str]]:
    """Rows of the sheet by item id (cells by header)."""
    table = read_table(path)
    if not table or tuple(table[0][1][:len(HEADER)]) != HEADER:
        raise SheetError("1行目の見出しが違います。make kb-export で書き出した表を使ってください。")
    return {cells[0]: dict(zip(HEADER, cells)) for _, cells in table[1:] if cells and cells[0]}


def _apply(item: Dict, row: Dict[str, str], changes: List[str]) -> None:
    """Changes one item's mapping in place to the row's editable cells."""
    title = row.get("ボタン名", "").strip()
    if title and title != item.get("title"):
        item["title"] = DoubleQuotedScalarString(title)
        changes.append(f"{item['id']}: ボタン名")
    questions = [q.strip() for q in row.get("質問の例（1行に1つ）", "").split("\n") if q.strip()]
    if questions and questions != [str(q) for q in item.get("questions", [])]:
        item["questions"] = questions
        changes.append(f"{item['id']}: 質問の例")
    for header, field, key in TEXTS:
        text = row.get(header, "").strip()
        current = item.get(field)
        old = (current if isinstance(current, str) else None) if key == "both" else (
            current.get(key) if isinstance(current, dict) else None)
        if (text or None) == (str(old).strip() if old is not None else None):
            continue
        if key == "both":
            item[field] = DoubleQuotedScalarString(text) if text else None
        else:
            if not isinstance(item.get(field), dict):
                item[field] = {}
            if text:
                item[field][key] = DoubleQuotedScalarString(text)
            else:
                item[field].pop(key, None)
        if item.get(field) in (None, {}):
            item.pop(field, None)
        changes.append(f"{item['id']}: {header}")


def import_sheet(root: Path, path: Path) -> Tuple[List[str], List[str]]:
    """(changes, problems); files are written only when there is no problem."""
    wanted = _wanted(path)
    yaml, texts, changes = _yaml(), {}, []
    known = set()
    for file in kb_files(root / KB_FOLDER):
        data = yaml.load(file.read_text(encoding="utf-8"))
        before = len(changes)
        for item in data.get("items", []):
            known.add(item["id"])
            if item["id"] in wanted:
                _apply(item, wanted[item["id"]], changes)
        if len(changes) > before:
            out = io.StringIO()
            yaml.dump(data, out)
            texts[file.name] = out.getvalue()
    problems = [f"id {i} はどのファイルにもありません（新しい項目はファイルに直接書いてください）"
                for i in sorted(set(wanted) - known)]
    problems += _check(root, texts)
    if not problems:
        for name, text in texts.items():
            (root / KB_FOLDER / name).write_text(text, encoding="utf-8")
    return changes, problems


def _check(root: Path, texts: Dict[str, str]) -> List[str]:
    """Problems of the project as it would be with the new files (checked in a copy)."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "project"
        shutil.copytree(root, copy, ignore=shutil.ignore_patterns(".venv", ".git", "models", "results", "*.db"))
        for name, text in texts.items():
            (copy / KB_FOLDER / name).write_text(text, encoding="utf-8")
        try:
            load_kb(kb_files(copy / KB_FOLDER))
        except ItemError as error:
            return [str(error)]
        return [str(p) for p in knowledge_items(load_content(copy)) if p.error]


def main(argv: Optional[Sequence[str]] = None) -> int:
    """CLI: export or import the knowledge items."""
    parser = argparse.ArgumentParser(description="質問ごとの回答（data/kb/）を Excel に書き出す・取り込む")
    parser.add_argument("command", choices=("export", "import"))
    parser.add_argument("file", type=Path)
    parser.add_argument("--root", type=Path, default=Path("."))
    args = parser.parse_args(argv)
    try:
        if args.command == "export":
            print(f"{export(args.root, args.file)} 項目を {args.file} に書き出しました。")
            return 0
        changes, problems = import_sheet(args.root, args.file)
    except SheetError as error:
        print(f"エラー: {error}")
        return 1
    for line in problems:
        print(f"エラー: {line}")
    if problems:
        print("問題があるため、何も変更していません。")
        return 1
    print("\n".join(changes) or "変更はありません。")
    print(f"{len(changes)} か所を変更しました。make validate で確かめてください。" if changes else "")
    return 0


if __name__ == "__main__":
    sys.exit(main())
