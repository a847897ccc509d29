"""Reading and writing one table of text cells as CSV (UTF-8, for Excel) or XLSX.

Row numbers are the ones Excel shows: the header is row 1.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.datavalidation import DataValidation

NumberedRow = Tuple[int, List[str]]


class SheetError(Exception):
    """A file that cannot be read as the Q&A table (message in Japanese)."""


def write_table(path: Path, header: Sequence[str], rows: Sequence[Sequence[str]],
                widths: Sequence[int] = (), choices: Dict[int, Sequence[str]] = None) -> None:
    """Writes CSV or XLSX by the file's suffix; `choices` adds drop-down lists to columns (XLSX)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    if path.suffix.lower() == ".csv":
        with path.open("w", encoding="utf-8-sig", newline="") as handle:
            csv.writer(handle).writerows([list(header), *map(list, rows)])
        return
    book = Workbook()
    sheet = book.active
    sheet.title = "Q&A"
    sheet.append(list(header))
    for row in rows:
        sheet.append(list(row))
    for cells in sheet.iter_rows(min_row=2):
        for cell in cells:
            cell.data_type = "s"  # never a formula, even for text starting with "="
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, width in enumerate(widths):
        sheet.column_dimensions[chr(ord("A") + index)].width = width
    for index, values in (choices or {}).items():
        column = chr(ord("A") + index)
        rule = DataValidation(type="list", formula1='"' + ",".join(values) + '"', allow_blank=True)
        rule.add(f"{column}2:{column}{len(rows) + 1000}")
        sheet.add_data_validation(rule)
    sheet.freeze_panes = "A2"
    book.save(path)


def read_table(path: Path) -> List[NumberedRow]:
    """(row number, cells) for every non-empty row, header included; newlines are \\n."""
    if not path.exists():
        raise SheetError(f"ファイル {path} がありません。")
    if path.suffix.lower() == ".csv":
        rows = _read_csv(path)
    elif path.suffix.lower() == ".xlsx":
        rows = _read_xlsx(path)
    else:
        raise SheetError("取り込めるのは .xlsx か .csv のファイルです。")
    return [(number, [c.replace("\r\n", "\n").replace("\r", "\n") for c in cells])
            for number, cells in rows if any(c.strip() for c in cells)]


def _read_csv(path: Path) -> List[NumberedRow]:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise SheetError("CSV が UTF-8 ではありません。Excel では「CSV UTF-8（コンマ区切り）」で"
                         "保存してください。") from None
    return [(i + 1, row) for i, row in enumerate(csv.reader(io.StringIO(text, newline="")))]


def _read_xlsx(path: Path) -> List[NumberedRow]:
    try:
        sheet = load_workbook(path, data_only=True).worksheets[0]
    except Exception as error:  # openpyxl raises many kinds for a broken file
        raise SheetError(f"Excel ファイルとして開けません: {error}") from None
    rows = []
    for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
        rows.append((number, [_cell_text(number, v) for v in values]))
    return rows


def _cell_text(number: int, value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, (dt.date, dt.datetime, dt.time)):
        raise SheetError(f"行 {number}: Excel が「{value}」を日付に変えています。"
                         "セルの書式を「文字列」にして入力し直してください。")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
