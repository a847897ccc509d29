"""Amounts and months in a visitor's message (「課税所得400万」「月３万」「120か月」), for the 試算."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import List, Optional

# Digits are capped at 12 so that a huge number is no amount at all (and no OverflowError).
_AMOUNT = re.compile(r"(?<![\d.])(?:(\d{1,4}(?:\.\d{1,2})?)億(?:(\d{1,4})千万|(\d{1,4})万)?"
                     r"|(\d{1,4}(?:\.\d{1,2})?)千万|(\d{1,5}(?:\.\d{1,2})?)万(?:(\d)千)?"
                     r"|(\d{4,12})(?:円|(?![\d.年月人か]))|(\d{1,3})千円|(\d{1,3})円)")
_MONTHS = re.compile(r"(?<![\d年])(\d{1,3})(?:か月|ヶ月|カ月|ケ月|ヵ月|かげつ|月分)")
_YEARS = re.compile(r"(?<![\d和成])(\d{1,2})年(?:と?(\d{1,2})(?:か月|ヶ月|カ月|ケ月|ヵ月))?(?:間|ちょうど|以上)?(?:払|掛け|加入し|続け|納付|ちょうど|間|、|で|の)")
AMOUNT_PATTERN = _AMOUNT
_NOT_INCOME = re.compile(r"資本金|年収|売上|所得税|住民税|総額|売掛")


@dataclass(frozen=True)
class Amount:
    """An amount of yen and where it was written (the text just before it)."""

    yen: int
    before: str


_KANA_WORDS = ((re.compile(r"(?<=\d)まん"), "万"), (re.compile(r"(?<=[\d万])えん"), "円"),
               (re.compile(r"かぜいしょとく"), "課税所得"), (re.compile(r"まいつき"), "毎月"),
               (re.compile(r"かけきん"), "掛金"), (re.compile(r"せつぜい"), "節税"), (re.compile(r"つき(?=\d)"), "月"))


def fold(text: Optional[str]) -> str:
    """NFKC, no thousands separators or spaces, 「720まん」「かぜいしょとく」 in kanji."""
    folded = re.sub(r"(?<=\d),(?=\d{3})|\s", "", unicodedata.normalize("NFKC", text or ""))
    for pattern, word in _KANA_WORDS:
        folded = pattern.sub(word, folded)
    return folded


def man_text(yen: int) -> str:
    """30万円 for a round 万 amount, else 12,345円."""
    return f"{yen // 10_000:,}万円" if yen % 10_000 == 0 else f"{yen:,}円"


def amounts(text: Optional[str]) -> List[Amount]:
    """Every amount of yen in the text, in order."""
    folded = fold(text)
    found = []
    for match in _AMOUNT.finditer(folded):
        oku, oku_senman, oku_man, senman, man, man_sen, plain, sen, small = match.groups()
        if oku:
            yen = Decimal(oku) * 100_000_000 + int(oku_senman or 0) * 10_000_000 + int(oku_man or 0) * 10_000
        elif senman:
            yen = Decimal(senman) * 10_000_000
        elif man:
            yen = Decimal(man) * 10_000 + int(man_sen or 0) * 1_000
        elif plain or small:
            yen = Decimal(plain or small)
        else:
            yen = Decimal(sen) * 1_000
        found.append(Amount(int(yen), folded[max(0, match.start() - 8):match.start()]))
    return found


def months_paid(text: Optional[str]) -> Optional[int]:
    """Months paid: 「36か月」, or 「10年払って」 as 120."""
    folded = fold(text)
    years = _YEARS.search(folded)
    if years:
        return int(years.group(1)) * 12 + int(years.group(2) or 0)
    months = _MONTHS.search(folded)
    return int(months.group(1)) if months else None


def taxable_income(text: Optional[str]) -> Optional[int]:
    """課税所得: the amount written after 課税所得/所得, else the largest of 100万円 or more that is
    not a 資本金, 年収, 売上 or tax (X05: ask for 課税所得, not 年収)."""
    found = [a for a in amounts(text) if not _NOT_INCOME.search(a.before)]
    named = [a.yen for a in found if "所得" in a.before]
    if named:
        return named[0]
    large = [a.yen for a in found if a.yen >= 1_000_000 and not re.search(r"月", a.before[-3:])]
    return max(large) if large else None


def monthly_premium(text: Optional[str], low: int, high: int) -> Optional[int]:
    """掛金月額: an amount after 月/月額/毎月, else one within the scheme's range."""
    found = amounts(text)
    named = [a.yen for a in found if re.search(r"月額?(?:は|が)?$|毎月$|月々$", a.before) and low <= a.yen <= high]
    if named:
        return named[0]
    within = [a.yen for a in found if low <= a.yen <= high and "所得" not in a.before and "総額" not in a.before]
    return within[0] if within else None


def named_amount(text: Optional[str], pattern: str) -> Optional[int]:
    """The first amount written right after words matching the pattern (e.g. 掛金総額)."""
    return next((a.yen for a in amounts(text) if re.search(f"(?:{pattern})[^0-9、。,]{{0,5}}$", a.before)), None)
