"""Amounts and months in a visitor's message (「課税所得400万」「月３万」「120か月」), for the 試算."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import List, Optional

_AMOUNT = re.compile(r"(\d+(?:\.\d+)?)\s*億(?:\s*(\d+)\s*万)?|(\d+(?:\.\d+)?)\s*千万|(\d+(?:\.\d+)?)\s*万|(\d{4,})\s*円?")
_MONTHS = re.compile(r"(\d{1,3})\s*(?:か月|ヶ月|カ月|ケ月|ヵ月|ヶげつ|かげつ|月分)")
_YEARS = re.compile(r"(\d{1,2})\s*年(?:間|ちょうど|以上)?\s*(?:払|掛け|加入|続け|納付|ちょうど|間)")


@dataclass(frozen=True)
class Amount:
    """An amount of yen and where it was written (the text just before it)."""

    yen: int
    before: str


def fold(text: Optional[str]) -> str:
    """NFKC, no thousands separators or spaces."""
    return re.sub(r"(?<=\d),(?=\d{3})|\s", "", unicodedata.normalize("NFKC", text or ""))


def amounts(text: Optional[str]) -> List[Amount]:
    """Every amount of yen in the text, in order."""
    folded = fold(text)
    found = []
    for match in _AMOUNT.finditer(folded):
        oku, oku_man, senman, man, plain = match.groups()
        if oku:
            yen = int(float(oku) * 100_000_000) + int(oku_man or 0) * 10_000
        elif senman:
            yen = int(float(senman) * 10_000_000)
        elif man:
            yen = int(float(man) * 10_000)
        else:
            yen = int(plain)
        found.append(Amount(yen, folded[max(0, match.start() - 8):match.start()]))
    return found


def months_paid(text: Optional[str]) -> Optional[int]:
    """Months paid: 「36か月」, or 「10年払って」 as 120."""
    folded = fold(text)
    months = _MONTHS.search(folded)
    if months:
        return int(months.group(1))
    years = _YEARS.search(folded)
    return int(years.group(1)) * 12 if years else None


def taxable_income(text: Optional[str]) -> Optional[int]:
    """課税所得: the amount written after 所得, else the largest amount of 100万円 or more."""
    found = amounts(text)
    named = [a.yen for a in found if "所得" in a.before]
    if named:
        return named[0]
    large = [a.yen for a in found if a.yen >= 1_000_000 and not re.search(r"月", a.before[-3:])]
    return max(large) if large else None


def monthly_premium(text: Optional[str], low: int, high: int) -> Optional[int]:
    """掛金月額: an amount after 月/月額/毎月, else one within the scheme's range."""
    found = amounts(text)
    named = [a.yen for a in found if re.search(r"月額?$|毎月$|月々$|掛金月額$", a.before)]
    if named:
        return named[0]
    within = [a.yen for a in found if low <= a.yen <= high and "所得" not in a.before and "総額" not in a.before]
    return within[0] if within else None


def named_amount(text: Optional[str], pattern: str) -> Optional[int]:
    """The first amount written after words matching the pattern (e.g. 掛金総額)."""
    return next((a.yen for a in amounts(text) if re.search(pattern, a.before)), None)
