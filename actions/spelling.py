"""Common misspellings of the scheme names (and 「****」), folded to one spelling before matching.

Visitors type 「セーフテイ」, 「少規模」 or 「倒産坊止」; the scheme detector and the item ranker see
the official word. The NLU model reads the raw text (its character n-grams absorb typos).
"""
from __future__ import annotations

import re

_FIXES = (
    (re.compile(r"セ[ー-]?フテ[イィー]?|セイフテ[イィ]|せ[ー-]?ふて[いぃ]"), "セーフティ"),  # after NFKC
    (re.compile(r"少規模|小企模|小規摸|小期模|しょーきぼ|ショーキボ"), "小規模"),
    (re.compile(r"倒産坊止|到産防止|倒参防止|とうさん防止"), "倒産防止"),
    (re.compile(r"供済|共斉|強済|協済"), "共済"),
    (re.compile(r"[*＊※]{2,}"), "アスタリスク"),  # the 控除額 printed as 「****」 (S42)
)


def canonical(text: str) -> str:
    """The text with known misspellings of the scheme words replaced by the official ones."""
    for pattern, word in _FIXES:
        text = pattern.sub(word, text)
    return text
