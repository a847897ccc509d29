"""What a visitor's own message already says about their business, for the eligibility checker.

「小売店で従業員6人、入れる？」 carries the industry and the head count: the checker gives the
verdict it can (here: 小規模 no, because of the head count) and asks only what is still missing.
Values are stored in the checker's slots in the form its validators keep (choice keys, numbers).
"""
from __future__ import annotations

import re
from typing import Dict, List, Mapping, Optional

from actions.eligibility import (CHOICE_KEYWORDS, FINAL_NOTE, INDUSTRIES, NOT_ELIGIBLE,
                                 SHOKIBO_FINAL_ROLES, fold, heading_for, parse_capital_man, verdict)
from actions.schemes import SAFETY, SCHEME_NAMES, SHOKIBO

# What is assumed when the message does not say it, and said so in the reply.
ASSUMED = {
    "elig_role": ("owner", "個人事業主・会社の役員の場合"),
    "elig_entity_type": ("company", "会社または個人事業主の場合"),
    "elig_years": ("yes", "引き続き1年以上事業を行っている場合"),
}

# Industries named in everyday words, before the checker's keywords (工務店 is construction, not a shop).
_EVERYDAY_INDUSTRY = (
    (r"工務店|建設|建築|土木|大工|左官|塗装|電気工事|設備工事", "general", "general"),
    (r"製造|町工場|工場|メーカー", "general", "general"),
    (r"運送|運輸|物流|トラック|タクシー", "general", "general"),
    (r"不動産", "general", "general"),
    (r"農業|農家|漁業|林業", "general", "general"),
    (r"八百屋|商店|雑貨|酒屋|ショップ|小売|販売店|通販|ネットショップ|コンビニ", "commerce", "retail"),
    (r"卸売|卸", "commerce", "wholesale"),
)
_ROLE = (("co_manager", r"共同経営"), ("nonprofit", r"医療法人|NPO|特定非営利|社会福祉法人"),
         ("salaried", r"会社員|サラリーマン|副業"), ("officer", r"社長|取締役|役員|代表者|理事"),
         ("owner", r"個人事業|自営業|フリーランス|個人で"))
_ENTITY = (("excluded", r"医療法人|NPO|特定非営利|農事組合|森林組合|農業協同|外国法人"),
           ("union", r"企業組合|協業組合|事業協同組合|商工組合"),
           ("company", r"株式会社|有限会社|合同会社|合名会社|合資会社|法人成り|会社を経営|会社の社長|社長"),
           ("sole", r"個人事業|自営業|フリーランス|個人で"))
_EMPLOYEES = re.compile(r"(?:従業員|社員|スタッフ|スタイリスト|従業者|職人|パート|アルバイト|雇って|人を使って)[^0-9。、]{0,8}?(\d{1,5})(?:人|名)"
                        r"|(\d{1,5})(?:人|名)(?:の|を)?(?:従業員|社員|スタッフ|雇|使って|規模|常時(?:雇|使))")
_NO_EMPLOYEES = re.compile(r"従業員(?:は|が)?(?:いない|いません|なし|0人)|一人で|ひとりで|1人で(?:やって|経営)")
_RANGE = re.compile(r"\d+\s*(?:人|名)?\s*(?:〜|~|-|ー|から)\s*\d+\s*(?:人|名)")
_CAPITAL = re.compile(r"資本金(?:は|が)?([0-9.,億万千円]+)")
_YOUNG = re.compile(r"(?:開業|創業|設立|始めて|独立)[^0-9。]{0,6}(?:(\d{1,2})(?:か月|ヶ月|カ月|ケ月)|半年)"
                    r"|(?:開業|創業|設立)したばかり|これから開業|開業予定|起業予定|1年未満|一年未満|1年(?:経|た)って(?:い)?ない")
_SEASONED = re.compile(r"(?:開業|創業|設立|事業を始めて|独立して)[^0-9。]{0,6}(\d{1,3})年|(\d{1,3})年(?:以上)?(?:続けて|やって|営業|経営)")


def _first(patterns, text: str) -> Optional[str]:
    """The first choice whose words appear, not negated (「NPOではなく株式会社」)."""
    for key, pattern in patterns:
        for match in re.finditer(pattern, text, re.IGNORECASE):
            if not re.match(r"(?:法人)?(?:では|じゃ)(?:なく|ない)", text[match.end():]):
                return key
    return None


def _industry(scheme: str, text: str) -> Optional[str]:
    for pattern, shokibo, safety in _EVERYDAY_INDUSTRY:
        if re.search(pattern, text):
            return shokibo if scheme == SHOKIBO else safety
    for key, pattern in CHOICE_KEYWORDS[f"{scheme}_industry"]:
        if key in INDUSTRIES[scheme] and key != "general" and re.search(pattern, text, re.IGNORECASE):
            return key
    return None


def _employees(text: str) -> Optional[int]:
    if _RANGE.search(text):
        return None
    if _NO_EMPLOYEES.search(text):
        return 0
    counts = [int(m.group(1) or m.group(2)) for m in _EMPLOYEES.finditer(text)]
    return counts[0] if len(counts) == 1 else None  # several head counts: the checker asks


def _years(text: str) -> Optional[str]:
    young = _YOUNG.search(text)
    if young:
        return "no" if not young.group(1) or int(young.group(1)) < 12 else "yes"
    seasoned = _SEASONED.search(text)
    return "yes" if seasoned and int(seasoned.group(1) or seasoned.group(2)) >= 1 else None


def read_situation(text: Optional[str], scheme: str) -> Dict[str, str]:
    """The checker's answers (slot → value) that the message states for one scheme."""
    folded = fold(text)
    found: Dict[str, Optional[str]] = {"elig_industry": _industry(scheme, folded)}
    employees = _employees(folded)
    found["elig_employees"] = None if employees is None else str(employees)
    if scheme == SHOKIBO:
        found["elig_role"] = _first(_ROLE, folded)
    else:
        found["elig_entity_type"] = _first(_ENTITY, folded)
        found["elig_years"] = _years(folded)
        capital = _CAPITAL.search(folded)
        man = parse_capital_man(capital.group(1)) if capital else None
        found["elig_capital"] = None if man is None else str(man)
    return {slot: value for slot, value in found.items() if value is not None}


def _decided(scheme: str, situation: Mapping[str, str]) -> bool:
    """True when the message settles the verdict, possibly with stated assumptions."""
    sized = "elig_industry" in situation and "elig_employees" in situation
    if scheme == SHOKIBO:
        return situation.get("elig_role") in SHOKIBO_FINAL_ROLES[1:] or sized
    return (situation.get("elig_entity_type") in ("excluded", "union")
            or situation.get("elig_years") == "no" or sized)


def scheme_verdict(text: Optional[str], scheme: str) -> Optional[str]:
    """The verdict block for one scheme, or None when the message does not say enough."""
    situation = read_situation(text, scheme)
    if not _decided(scheme, situation):
        return None
    answers: Dict[str, Optional[str]] = {"scheme": scheme, **situation}
    notes: List[str] = []
    for slot, (value, note) in ASSUMED.items():
        if (slot == "elig_role") == (scheme == SHOKIBO) and answers.get(slot) is None:
            answers[slot], notes = value, notes + [note]
    result = verdict(answers)
    reason = result.reason if result.outcome == NOT_ELIGIBLE or not notes else (
        f"{result.reason}\n（{'、'.join(notes)}）")
    heading = heading_for(result.outcome, SCHEME_NAMES[scheme]).replace("ご回答の内容", "ご質問の内容")
    reason = reason.replace("（ご回答: ", "（ご質問では ")
    return f"【{SCHEME_NAMES[scheme]}】\n{heading}\n{reason}"


def eligibility_reply(text: Optional[str], scheme: Optional[str]) -> Optional[str]:
    """The verdicts the message settles (its scheme, or each scheme it settles), else None."""
    blocks = [b for b in (scheme_verdict(text, s) for s in ((scheme,) if scheme else (SHOKIBO, SAFETY))) if b]
    if not blocks:
        return None
    return "\n\n".join(blocks) + f"\n\n{FINAL_NOTE}"
