"""Reads a contract number + CD and a birth month-day from what users type.

Accepts full-width digits, spaces and hyphens (1234567-89, 123456789, １２３４５６７ ８９) and
birth dates as 0401, 4月1日, 4/1 or with a year (昭和50年4月1日, 1975/4/1).
"""
from __future__ import annotations

import datetime as dt
import re
import unicodedata
from typing import NamedTuple, Optional

_DASH = r"[\-‐‑–—―ー−]"
_CONTRACT = re.compile(rf"(?<!\d)(\d{{7}})\s*{_DASH}?\s*(\d{{2}})(?!\d)")
_MONTH_DAY_KANJI = re.compile(r"(?<!\d)(\d{1,2})\s*月\s*(\d{1,2})\s*日?")
_MONTH_DAY_SLASH = re.compile(r"(?<![\d/])(?:\d{4}\s*[/.\-]\s*)?(\d{1,2})\s*[/.]\s*(\d{1,2})(?![\d/])")
_MONTH_DAY_DIGITS = re.compile(r"(?<!\d)(\d{2})(\d{2})(?!\d)")
STOP_WORDS = re.compile(r"やめ|止め|中止|キャンセル|終わり|おわり|終了|もういい")


class ContractId(NamedTuple):
    """The 7-digit 共済契約者番号 and its 2-digit check digit (CD)."""

    number: str
    check_digit: str

    def joined(self) -> str:
        """1234567-89."""
        return f"{self.number}-{self.check_digit}"


def fold(text: str) -> str:
    """NFKC-normalised text (full-width digits and hyphens become ASCII)."""
    return unicodedata.normalize("NFKC", text or "")


def parse_contract(text: str) -> Optional[ContractId]:
    """The contract number and CD in the text, if written as 7 + 2 digits."""
    match = _CONTRACT.search(fold(text))
    return ContractId(match.group(1), match.group(2)) if match else None


def _valid(month: int, day: int) -> bool:
    try:
        dt.date(2000, month, day)  # a leap year, so 2月29日 is accepted
    except ValueError:
        return False
    return True


def parse_birthday(text: str) -> Optional[str]:
    """The birth month-day as MMDD, ignoring any contract number in the same text."""
    folded = _CONTRACT.sub(" ", fold(text))
    for pattern in (_MONTH_DAY_KANJI, _MONTH_DAY_SLASH, _MONTH_DAY_DIGITS):
        match = pattern.search(folded)
        if match:
            month, day = int(match.group(1)), int(match.group(2))
            return f"{month:02d}{day:02d}" if _valid(month, day) else None
    return None


def is_stop(text: str) -> bool:
    """True when the user wants to stop the identity check."""
    return bool(STOP_WORDS.search(fold(text)))


def split_joined(value: str) -> ContractId:
    """ContractId from its joined form (as kept in the sealed slot)."""
    number, check_digit = value.split("-")
    return ContractId(number, check_digit)
