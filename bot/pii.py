"""Masks personal data (contract numbers, CDs, birth dates, phone numbers, e-mail addresses) in text.

Used wherever user text is stored or shown to staff: the tracker store and the operators' report.
Amounts and counts ("1000万円", "3人") are kept; any other run of four or more digits is masked.
"""
from __future__ import annotations

import re

MASK = "＊＊＊"
# Full-width digits and separators become ASCII; every other character is kept as typed.
_FOLD = str.maketrans("０１２３４５６７８９－／．　＠", "0123456789-/. @")

_SEPARATOR = r"[\s\-‐‑–—―ー−/.]*"
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_ERA_YEAR = re.compile(r"(?:明治|大正|昭和|平成|令和|[MTSHR])\s*\d{1,2}\s*年")
_MONTH_DAY = re.compile(r"(?<!\d)\d{1,2}\s*月\s*\d{1,2}\s*日?")
# 4/1, 1975/4/1 and the dotted 4.1, 1975.4.1 that the identity check accepts (not 1.5% or 1.5万円).
_SLASH_DATE = re.compile(
    r"(?<![\d/.])\d{1,4}\s*[/.]\s*\d{1,2}(?:\s*[/.]\s*\d{1,2})?(?![\d/.])(?!\s*(?:%|万|億|円|人|名|倍|歳|か月|ヶ月|カ月))")
_DIGIT_RUN = re.compile(rf"(?<!\d)\d(?:{_SEPARATOR}\d){{3,}}(?!\d)(?!\s*(?:万|億|円|人|名|社|件|%|歳|才|か月|ヶ月|カ月))")


def mask(text: str) -> str:
    """Text with personal data replaced by ＊＊＊; unchanged when there is none."""
    if not text:
        return text
    folded = text.translate(_FOLD)
    masked = folded
    for pattern in (_EMAIL, _ERA_YEAR, _MONTH_DAY, _SLASH_DATE, _DIGIT_RUN):
        masked = pattern.sub(MASK, masked)
    return text if masked == folded else masked


def contains_personal_data(text: str) -> bool:
    """True if mask() would change the text."""
    return mask(text or "") != (text or "")
