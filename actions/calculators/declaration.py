"""The amount a 小規模企業共済 holder declares (X30), from figures the visitor gives.

「証明書の額（1月〜9月）45万、10〜12月に15万、前納減額金810円」 → 450,000 + 150,000 − 810.
"""
from __future__ import annotations

import re
from typing import Optional

from actions.calculators.reading import AMOUNT_PATTERN, amounts, fold

DECLARE_WORDS = re.compile(r"申告|控除|年末調整|いくら.{0,4}(?:書|記入)")
# What an amount is, by the last of these words written just before it.
_KINDS = (("discount", re.compile(r"減額金")), ("late", re.compile(r"10月|11月|12月")),
          ("certified", re.compile(r"証明書|9月|1月")))


_CLAUSE = re.compile(r"[、。!?！？\s]+")
_EACH_MONTH = re.compile(r"毎月|月々|ずつ|各月|月額|(?<!\d)月\d")


def _kind(clause: str) -> Optional[str]:
    """The kind a clause names: the last of its kind words before its first amount."""
    first = AMOUNT_PATTERN.search(clause)
    head = clause[:first.start()] if first else clause
    best = max(((m.end(), kind) for kind, pattern in _KINDS for m in pattern.finditer(head)),
               default=None)
    return best[1] if best else None


def _figures(text: str) -> dict:
    """{kind: yen} from the clauses that name a kind and an amount; 毎月 X in 10〜12月 is 3 × X."""
    found: dict = {}
    for clause in (fold(part) for part in _CLAUSE.split(text or "")):
        kind, amount = _kind(clause), next(iter(amounts(clause)), None)
        if kind and amount and kind not in found:
            months = 3 if kind == "late" and _EACH_MONTH.search(clause) else 1
            found[kind] = amount.yen * months
    return found


def declaration_reply(text: str) -> Optional[str]:
    """申告額 = 1月〜9月 on the certificate + 10月〜12月 paid − 前納減額金 (X30), or None."""
    if not DECLARE_WORDS.search(fold(text)):
        return None
    found = _figures(text)
    if "certified" not in found or "late" not in found:
        return None
    discount = found.get("discount", 0)
    total = found["certified"] + found["late"] - discount
    if total < 0:
        return None
    discount_line = f"・前納減額金の受取り: −{discount:,}円\n" if discount else ""
    return (f"【小規模企業共済】申告額の試算\n・1月〜9月（掛金払込証明書の額）: {found['certified']:,}円\n"
            f"・10月〜12月に払い込んだ掛金: {found['late']:,}円\n{discount_line}"
            f"合計 {total:,}円を、小規模企業共済等掛金控除として申告します。\n"
            "※いただいた額での試算です。12月の引落しができなかった分は入れません。")
