"""Recognising which scheme a user means from their own words."""
from __future__ import annotations

import re
import unicodedata
from typing import Optional

from kyosai_calendar import SAFETY, SHOKIBO

SCHEME_NAMES = {SHOKIBO: "小規模企業共済", SAFETY: "経営セーフティ共済"}

_PATTERNS = {
    SHOKIBO: re.compile(r"小規模|しょうきぼ|ショウキボ"),
    SAFETY: re.compile(r"セーフティ|せーふてぃ|セイフティ|倒産防止|とうさんぼうし|トウサンボウシ|倒防"),
}


def detect_scheme(text: Optional[str]) -> Optional[str]:
    """The one scheme the text names, or None when it names neither or both."""
    if not text:
        return None
    folded = unicodedata.normalize("NFKC", text)
    found = [scheme for scheme, pattern in _PATTERNS.items() if pattern.search(folded)]
    return found[0] if len(found) == 1 else None
