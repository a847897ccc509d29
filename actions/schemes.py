"""Recognising which scheme a user means from their own words."""
from __future__ import annotations

import re
import unicodedata
from typing import Optional

from actions.spelling import canonical
from kyosai_calendar import SAFETY, SHOKIBO

SCHEME_NAMES = {SHOKIBO: "小規模企業共済", SAFETY: "経営セーフティ共済"}

_PATTERNS = {
    SHOKIBO: re.compile(r"小規模|しょうきぼ|ショウキボ"),
    SAFETY: re.compile(r"セーフティ|せーふてぃ|セイフティ|倒産防止|とうさんぼうし|トウサンボウシ|倒防"),
}
# Terms only one scheme has (fact sheet, NLU note 3): they settle the scheme when neither is named.
_TERMS = {
    SHOKIBO: re.compile(
        r"(?:払込|払い込み|控除)証明|こうじょしょうめい|等掛金控除|契約者貸付|共済金\s*[AB]|準共済金"
        r"|一括納付申請|小\s*20[45]|小\s*10[17]|共済手帳|自動発送"),
    SAFETY: re.compile(
        r"納付状況兼領収書|共済金(?:の)?貸付|一時貸付|掛け?止め|800\s*万円?(?:に|まで|の上限|を超|到達)|掛金前納申出"
        r"|後納割増|掛金残高証明|中\s*2[01]\d|中\s*1[01]\d|取引先(?:が|の)?倒産"),
}


# The deduction's name contains 小規模 but names a tax item, not the scheme the visitor is in.
_DEDUCTION_NAME = re.compile(r"小規模企業共済等掛金控除")


def _one(patterns: dict, text: str) -> Optional[str]:
    """The one scheme whose pattern matches, or None when none or both do."""
    found = [scheme for scheme, pattern in patterns.items() if pattern.search(text)]
    return found[0] if len(found) == 1 else None


def names_scheme(text: Optional[str]) -> bool:
    """True when the text names either scheme (not only a term of one)."""
    folded = canonical(unicodedata.normalize("NFKC", text or "")).upper()
    return any(pattern.search(folded) for pattern in _PATTERNS.values())


def detect_scheme(text: Optional[str]) -> Optional[str]:
    """The one scheme the text names, or else the one its scheme-only terms belong to."""
    if not text:
        return None
    folded = canonical(unicodedata.normalize("NFKC", text)).upper()
    named = _DEDUCTION_NAME.sub("", folded)
    if any(pattern.search(named) for pattern in _PATTERNS.values()):
        return _one(_PATTERNS, named)
    return _one(_TERMS, folded)
