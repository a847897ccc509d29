"""Eligibility rules of both schemes in one table, and the checker's questions.

Sources: facts.md S01-S04, S06 (小規模企業共済) and T01, T02, T04 (経営セーフティ共済).
The checker asks only what the verdict still needs (`next_question`).
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Dict, List, Mapping, Optional, Tuple

from actions.schemes import SAFETY, SHOKIBO

ELIGIBLE, NOT_ELIGIBLE, CHECK = "eligible", "not_eligible", "check"


@dataclass(frozen=True)
class Industry:
    """An industry choice: its label and size limits (capital in 万円, None = not used)."""

    label: str
    max_employees: int
    max_capital_man: Optional[int] = None


# 小規模企業共済: regular employees at most 20, or 5 in commerce and most services (S01-S03).
SHOKIBO_INDUSTRIES: Dict[str, Industry] = {
    "commerce": Industry("商業（卸売業・小売業）", 5),
    "service": Industry("サービス業（宿泊業・娯楽業以外）", 5),
    "lodging": Industry("宿泊業・娯楽業", 20),
    "general": Industry("建設・製造・運輸・不動産・農業など", 20),
    "professional": Industry("士業法人（弁護士法人・税理士法人など）", 5),
}

# 経営セーフティ共済: capital OR regular employees within the industry's limit (T01).
SAFETY_INDUSTRIES: Dict[str, Industry] = {
    "general": Industry("製造業・建設業・運輸業・その他", 300, 30000),
    "wholesale": Industry("卸売業", 100, 10000),
    "service": Industry("サービス業", 100, 5000),
    "retail": Industry("小売業", 50, 5000),
    "rubber": Industry("ゴム製品製造業", 900, 30000),
    "software": Industry("ソフトウェア業・情報処理サービス業", 300, 30000),
    "ryokan": Industry("旅館業", 200, 5000),
}

INDUSTRIES = {SHOKIBO: SHOKIBO_INDUSTRIES, SAFETY: SAFETY_INDUSTRIES}

SHOKIBO_ROLES = {
    "owner": "個人事業主",
    "officer": "会社などの役員",
    "co_manager": "共同経営者",
    "employee": "従業員・家族従業員",
    "nonprofit": "医療法人・NPO法人などの役員",
    "salaried": "会社員（副業で事業）",
}
SHOKIBO_FINAL_ROLES = (None, "employee", "nonprofit", "salaried")  # decided without size questions
SAFETY_ENTITY_TYPES = {
    "company": "会社",
    "sole": "個人事業主",
    "union": "組合",
    "excluded": "医療法人・NPO法人など",
}
YEARS = {"yes": "1年以上", "no": "1年未満"}

# Keywords that map typed answers onto the choices above (NFKC-folded text).
CHOICE_KEYWORDS: Dict[str, Tuple[Tuple[str, str], ...]] = {
    "elig_role": (
        ("co_manager", r"共同経営"), ("nonprofit", r"医療法人|NPO|特定非営利|社会福祉法人|非営利"),
        ("salaried", r"会社員|サラリーマン|副業|給与|勤め"), ("officer", r"役員|社長|取締役|代表|理事"),
        ("owner", r"個人事業|自営|フリーランス"), ("employee", r"従業員|家族|社員|パート|専従"),
    ),
    "elig_entity_type": (
        ("excluded", r"医療法人|NPO|特定非営利|農事組合|森林組合|農業協同|外国法人"),
        ("union", r"組合"), ("company", r"会社|法人"), ("sole", r"個人"),
    ),
    "elig_years": (
        ("no", r"未満|いいえ|まだ|ない|no"), ("yes", r"以上|はい|ある|yes"),
    ),
    "shokibo_industry": (
        ("professional", r"士業|弁護士|税理士|司法書士|社労士"),
        ("lodging", r"宿泊|娯楽|ホテル|旅館"),
        ("service", r"サービス|飲食|美容|理容"),  # before commerce: 飲食店 is a service
        ("commerce", r"商業|卸|小売|販売|お店|店"),
        ("general", r"建設|製造|運輸|不動産|農業|その他|工事"),
    ),
    "safety_industry": (
        ("rubber", r"ゴム"), ("software", r"ソフトウェア|情報処理|情報サービス|IT"),
        ("ryokan", r"旅館"), ("wholesale", r"卸"), ("service", r"サービス|飲食|美容"),
        ("retail", r"小売|販売|お店|店"), ("general", r"製造|建設|運輸|その他|工事"),
    ),
}

STOP_PATTERN = re.compile(r"やめ|中止|キャンセル|終わり|おわり|止め")
UNKNOWN_PATTERN = re.compile(r"わから|分から|不明")
WORD_COUNTS = {"一人": 1, "ひとり": 1, "二人": 2, "ふたり": 2, "三人": 3, "四人": 4, "五人": 5}


def fold(text: Optional[str]) -> str:
    """NFKC (full-width digits and letters to half-width), no commas or spaces."""
    return re.sub(r"[,\s]", "", unicodedata.normalize("NFKC", text or ""))


def is_stop(text: Optional[str]) -> bool:
    """True when the user wants to leave the checker."""
    return bool(STOP_PATTERN.search(fold(text)))


def parse_choice(kind: str, text: Optional[str], labels: Mapping[str, str]) -> Optional[str]:
    """The choice key a typed or clicked answer means, or None."""
    if text in labels:  # already a choice key (prefilled from the message)
        return text
    folded = fold(text)
    for key, label in labels.items():
        if folded == fold(label):
            return key
    for key, pattern in CHOICE_KEYWORDS[kind]:
        if key in labels and re.search(pattern, folded, re.IGNORECASE):
            return key
    return None


def parse_count(text: Optional[str]) -> Optional[int]:
    """A head count from '3人', '３', 'ふたり', 'いない'; None if unreadable."""
    folded = fold(text)
    if re.search(r"\d\s*(?:人|名)?\s*(?:〜|~|-|ー|から|か|or|または)\s*\d", folded):
        return None  # a range such as 5〜6人 is asked again, not read as its lower end
    if re.search(r"いない|いません|なし|ゼロ|自分だけ", folded):
        return 0
    digits = re.search(r"\d+", folded)
    if digits:
        return int(digits.group())
    for word, count in WORD_COUNTS.items():
        if folded.startswith(word):
            return count
    return None


def parse_capital_man(text: Optional[str]) -> Optional[int]:
    """Capital in 万円 from '3億', '5,000万円', '1億5000万', '10000000円' or '800'."""
    folded = fold(text).replace("千万", "000万")
    match = re.fullmatch(r"(?:(\d+(?:\.\d+)?)億)?(?:(\d+)万)?円?", folded)
    if match and any(match.groups()):
        oku = float(match.group(1) or 0)
        man = int(match.group(2) or 0)
        return int(oku * 10000) + man
    plain = re.fullmatch(r"(\d+)(円?)", folded)
    if plain:
        value = int(plain.group(1))
        return value // 10000 if plain.group(2) or value >= 100000 else value
    return None


def relevant_questions(answers: Mapping[str, Optional[str]]) -> List[str]:
    """The questions on the user's path so far, in order, ending where the verdict is decided."""
    asked = ["scheme"]
    scheme = answers.get("scheme")
    if scheme == SHOKIBO:
        asked.append("elig_role")
        if answers.get("elig_role") in SHOKIBO_FINAL_ROLES:
            return asked
        return asked + ["elig_industry", "elig_employees"]
    if scheme != SAFETY:
        return asked
    asked.append("elig_entity_type")
    if answers.get("elig_entity_type") in (None, "excluded", "union"):
        return asked
    asked.append("elig_years")
    if answers.get("elig_years") in (None, "no"):
        return asked
    asked += ["elig_industry", "elig_employees"]
    if answers.get("elig_industry") is None or answers.get("elig_employees") is None:
        return asked
    if _safety_size_decided(answers):
        return asked
    return asked + ["elig_capital"]


def next_question(answers: Mapping[str, Optional[str]]) -> Optional[str]:
    """The next slot to ask, or None when the verdict is decided."""
    return next((slot for slot in relevant_questions(answers) if answers.get(slot) is None), None)


def _safety_size_decided(answers: Mapping[str, Optional[str]]) -> bool:
    """True once employees alone qualify, or a sole proprietor is over the limit."""
    industry = SAFETY_INDUSTRIES.get(answers.get("elig_industry") or "")
    employees = parse_count(str(answers.get("elig_employees") or ""))
    if industry is None or employees is None:
        return False
    if employees <= industry.max_employees:
        return True
    return answers.get("elig_entity_type") == "sole"


@dataclass(frozen=True)
class Verdict:
    """The checker's result: eligible / not eligible / to be confirmed, with its reason."""

    outcome: str
    reason: str


def verdict(answers: Mapping[str, Optional[str]]) -> Verdict:
    """Applies the rule table to the answers collected by the checker."""
    if answers.get("scheme") == SHOKIBO:
        return _shokibo_verdict(answers)
    return _safety_verdict(answers)


def _shokibo_verdict(answers: Mapping[str, Optional[str]]) -> Verdict:
    role = answers.get("elig_role")
    if role == "employee":
        return Verdict(NOT_ELIGIBLE, "小規模企業共済に加入できるのは、個人事業主、会社などの役員、共同経営者の方です。従業員や家族従業員の立場では加入できません。\nご家族の方でも、要件を満たせば共同経営者として加入できる場合があります。")
    if role == "nonprofit":
        return Verdict(CHECK, "一般的には、医療法人など非営利法人の役員は、小規模企業共済に加入できないとされています。\n加入窓口か共済相談室でご確認ください。")
    if role == "salaried":
        return Verdict(NOT_ELIGIBLE, "個人事業主として加入するには、会社に雇用されておらず給与所得がないこと、開業届を出して事業所得で確定申告していることが判断の基準です。\nアパート経営などを兼業している会社員の方は、一般的には加入できないとされています。ご事情が違う場合は、加入窓口か共済相談室でご確認ください。")
    industry = SHOKIBO_INDUSTRIES[answers["elig_industry"]]
    employees = int(answers["elig_employees"])
    if employees > industry.max_employees:
        return Verdict(NOT_ELIGIBLE, f"{industry.label}では、常時使用する従業員が{industry.max_employees}人以下であることが条件です（ご回答: {employees}人）。")
    reason = f"{industry.label}で、常時使用する従業員が{industry.max_employees}人以下の条件を満たしています。"
    if role == "co_manager":
        return Verdict(CHECK, reason + "\n共同経営者は個人事業主1人につき2人までで、経営に参画し報酬を受けていることが条件です。")
    return Verdict(ELIGIBLE, reason)


def _safety_verdict(answers: Mapping[str, Optional[str]]) -> Verdict:
    entity = answers.get("elig_entity_type")
    if entity == "excluded":
        return Verdict(NOT_ELIGIBLE, "医療法人、農事組合法人、NPO法人、森林組合、農業協同組合、外国法人などは加入できません。")
    if entity == "union":
        return Verdict(CHECK, "企業組合、協業組合、共同生産・共同販売などの共同事業を行う事業協同組合・事業協同小組合・商工組合は加入できます。該当するかは加入窓口でご確認ください。")
    if answers.get("elig_years") == "no":
        return Verdict(NOT_ELIGIBLE, "経営セーフティ共済に加入できるのは、引き続き1年以上事業を行っている中小企業者です。")
    industry = SAFETY_INDUSTRIES[answers["elig_industry"]]
    employees = int(answers["elig_employees"])
    limits = f"{industry.label}では、資本金{_yen(industry.max_capital_man)}以下、または常時使用する従業員{industry.max_employees}人以下のどちらかを満たすことが条件です。"
    if employees <= industry.max_employees:
        return Verdict(ELIGIBLE, limits + f"\n従業員数（{employees}人）が条件を満たしています。")
    capital = answers.get("elig_capital")
    if entity == "sole" or capital is None or capital == "unknown":
        outcome = NOT_ELIGIBLE if entity == "sole" else CHECK
        return Verdict(outcome, limits + f"\n従業員数（{employees}人）は上限を超えています。")
    if int(capital) <= industry.max_capital_man:
        return Verdict(ELIGIBLE, limits + f"\n資本金（{_yen(int(capital))}）が条件を満たしています。")
    return Verdict(NOT_ELIGIBLE, limits + "\n資本金・従業員数のどちらも上限を超えています。")


OUTCOME_HEADINGS = {
    ELIGIBLE: "ご回答の内容では、{name}に加入できます（加入できる条件を満たしています）。",
    CHECK: "ご回答の内容では、{name}に加入できる可能性があります。詳しい条件は加入窓口でご確認ください。",
    NOT_ELIGIBLE: "ご回答の内容では、{name}には加入できません（加入条件を満たしていません）。",
}
FINAL_NOTE = "最終的な加入の可否は、申込みの際に審査されます。"


def heading_for(outcome: str, name: str) -> str:
    """The verdict's first line for a scheme name."""
    return OUTCOME_HEADINGS[outcome].format(name=name)


def _yen(man: int) -> str:
    """Formats an amount in 万円 as 3億円 / 5,000万円."""
    if man >= 10000 and man % 10000 == 0:
        return f"{man // 10000}億円"
    return f"{man:,}万円"
