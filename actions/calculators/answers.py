"""Replies with a 試算 when a message asks for a figure and gives what it needs (facts.md section 5).

Each reply says what it assumes, that it is not a guarantee, and where to get the official figure.
Follow-ups keep what was said earlier in the conversation (「月5万なら？」 after 「課税所得400万」).
"""
from __future__ import annotations

import re
from typing import Optional, Sequence

from actions.calculators.declaration import declaration_reply
from actions.calculators.safety_figures import REPAY_WORDS, repayment_period, safety_figure_reply
from actions.calculators.reading import (amounts, fold, man_text, monthly_premium, months_paid, named_amount,
                                        taxable_income)
from actions.calculators.rules import (SAFETY_KINDS, SAFETY_TOTAL_CAP, SHOKIBO_MONTHLY, shokibo_benefit, safety_loan_limit, safety_refund_rate,
                                       shokibo_refund_rate, tax_saving)
from actions.kb.items import SAFETY, SHOKIBO

SAVING_WORDS = re.compile(r"節税|税金.{0,8}(?:減|へ[るり]|安[くな]|得|戻|いくら|どれ|どんだけ)|税.{0,4}(?:いくら|どれくらい)安く"
                          r"|控除.{0,6}いくら得|税.{0,12}(?:減り|減る|へる|へり|安く|安な)|(?:いくら|なんぼ|どれだけ|どんだけ).{0,4}得")
REFUND_WORDS = re.compile(r"解約手当金|解約.{0,12}(?:いくら|戻|返|もら|もど|かえ)|やめ.{0,10}(?:いくら|戻|返|もど)|解約.{0,12}(?:支給率|手当金)"
                          r"|(?:解約|やめ|亡くな|死亡|解散).{0,30}(?:戻|もど|返)(?:って|る|り).{0,8}(?:いくら|金額|額)")
# X20 kinds named by their causes (T41): death, dissolution, transfer → みなし; arrears → 機構.
KIND_WORDS = (("機構解約", re.compile(r"機構解約|滞納")),
              ("みなし解約", re.compile(r"みなし|亡くな|死亡|解散|全部譲渡|会社分割")),
              ("任意解約", re.compile(r"任意")))
LOAN_WORDS = re.compile(r"(?:共済金)?貸付.{0,10}(?:いくら|上限|限度|まで)|いくら.{0,6}借り|借りられ.{0,6}(?:いくら|額)")
UNCOLLECTABLE = r"売掛|回収|焦げ付|不渡|債権"
CALC_WORDS = re.compile(r"試算|計算|シミュレ|節税額|節税.{0,6}(?:どれ|どの|いくら)|(?:いくら|どれ(?:くらい|ぐらい)|どのくらい)節税")
FOLLOW_UP_WORDS = re.compile(r"なら|だと|にしたら|の場合|では|でしたら")
SAVING_NOTE = ("※試算です。掛金を1年間払い込み、所得税（復興特別所得税を含む）と住民税の課税所得を同じ額として計算しました。"
               "将来の税額を保証するものではありません。正確には、中小機構ホームページの加入シミュレーションか税務署でご確認ください。")
MONTHLY_RANGE_TEXT = "小規模企業共済の掛金月額は、1,000円〜70,000円（500円単位）です。その範囲の金額でお知らせください。"
NEED_INCOME = ("節税額を試算できます。「課税所得400万円、月3万円」のように、課税所得（確定申告書の「課税される所得金額」。"
               "年収ではありません）と掛金月額を送ってください。")


def amounts_named(text: str) -> bool:
    """True when the message names any amount of yen (then a missing 掛金月額 is not assumed away)."""
    return bool(amounts(text))


def _yen(value: float) -> str:
    return f"{int(value):,}円"




def saving_reply(texts: Sequence[str]) -> Optional[str]:
    """節税額 (小規模企業共済) for the latest 課税所得 and 掛金月額 said in the conversation (X02)."""
    asked = [t for t in texts[:-1] if SAVING_WORDS.search(fold(t))] + list(texts[-1:])  # earlier 試算 questions
    income = next((i for i in map(taxable_income, reversed(asked)) if i), None)
    monthly = next((m for m in (monthly_premium(t, 500, 10_000_000) for t in reversed(asked)) if m), None)
    if income is None or monthly is None:
        return NEED_INCOME
    if not valid_shokibo_monthly(monthly):
        return MONTHLY_RANGE_TEXT
    return saving_text(income, monthly)


def valid_shokibo_monthly(monthly: int) -> bool:
    """1,000円〜70,000円 in steps of 500円 (S20)."""
    return SHOKIBO_MONTHLY[0] <= monthly <= SHOKIBO_MONTHLY[1] and monthly % 500 == 0


def saving_text(income: int, monthly: int) -> str:
    """The 節税額 breakdown for a 課税所得 and a valid 掛金月額 (X02), with what it assumes."""
    result = tax_saving(income, monthly)
    return (f"【小規模企業共済】節税額の試算\n課税所得{man_text(income)}・掛金月額{man_text(monthly)}（年{man_text(monthly * 12)}）の場合\n"
            f"・所得税 {_yen(result.income_tax)}\n・復興特別所得税 {_yen(result.reconstruction_tax)}\n"
            f"・住民税 {_yen(result.resident_tax)}\n合計 {_yen(result.total)} の節税です。\n{SAVING_NOTE}")


def refund_reply(text: str, scheme: str) -> Optional[str]:
    """解約手当金 for 掛金月額 × months (X10 / X20), or None when the message lacks them."""
    months = months_paid(text)
    if months is None:
        return None
    if scheme == SHOKIBO:
        monthly = monthly_premium(text, *SHOKIBO_MONTHLY)
        rate = shokibo_refund_rate(months)
        if monthly is None:
            return _rate_only(SHOKIBO, months, f"{rate:g}%") if not amounts_named(text) else None
        if monthly % 500:
            return None
        return (f"【小規模企業共済】解約手当金の試算\n掛金月額{man_text(monthly)}を{months}か月（掛金{_yen(monthly * months)}）の場合、"
                f"支給率{rate:g}%で約{_yen(monthly * months * rate / 100)}です。\n"
                "※試算です。掛金を同じ額で払い続けた場合です。2004年4月より前の掛金は計算に入れていません。"
                "ご自身の額は、自動発送サービスか共済相談室でご確認ください。")
    monthly = monthly_premium(text, 5_000, 200_000)
    kind = next((k for k, pattern in KIND_WORDS if pattern.search(fold(text))), SAFETY_KINDS[0])
    rate = safety_refund_rate(months, kind)
    given_total = named_amount(text, r"総額|合計|積み立て")
    if monthly is None and given_total is None:
        return _rate_only(SAFETY, months, f"{rate}%（{kind}）") if not amounts_named(text) else None
    if given_total is None and monthly % 5_000:
        return None
    total = min(given_total or monthly * months, SAFETY_TOTAL_CAP)  # 掛金 stops at 800万円 (T10)
    paid = f"掛金月額{man_text(monthly)}を{months}か月" if given_total is None else f"{months}か月納付"
    loan = named_amount(text, r"貸付を?|借りた|借り入れ")
    basis = f"掛金総額{_yen(total)}"
    if loan:  # 1/10 of a 共済金貸付 is deducted from 掛金総額 (X20, X21)
        if loan // 10 > total:
            return None
        total -= loan // 10
        basis += f"から貸付{man_text(loan)}の10分の1を引いた{_yen(total)}"
    return (f"【経営セーフティ共済】解約手当金の試算\n{paid}（{basis}）、"
            f"{kind}の場合、支給率{rate}%で約{_yen(total * rate / 100)}です。\n"
            "※試算です。共済金貸付を受けていると、その額の10分の1などが差し引かれます。正確な額は共済相談室でご確認ください。")


def _rate_only(scheme: str, months: int, rate: str) -> str:
    """The 支給率 for months paid when the message gives no 掛金月額 (X10 / X20)."""
    name = "小規模企業共済" if scheme == SHOKIBO else "経営セーフティ共済"
    if months < 12:
        return (f"【{name}】\n納付が{months}か月（12か月未満）で解約すると、解約手当金は支給されません。\n"
                "掛金は戻りません。")
    loan = "\n共済金の貸付を受けたことがあると、その額の10分の1などが差し引かれます。" if scheme == SAFETY else ""
    return (f"【{name}】\n{months}か月納付して解約した場合の支給率は{rate}です。\n"
            f"解約手当金は、払い込んだ掛金の合計にこの率を掛けた額です（試算。掛金月額を送っていただければ計算します）。{loan}")


def loan_reply(text: str) -> Optional[str]:
    """共済金貸付の上限 for a 掛金総額 and a 回収困難額 (X21), or None when the total is missing."""
    total = named_amount(text, r"総額|払った|払い込んだ|積み立て")
    if total is None:
        return None
    uncollectable = named_amount(text, UNCOLLECTABLE)
    limit = safety_loan_limit(total, uncollectable)
    basis = f"掛金総額{man_text(total)}の10倍（{man_text(total * 10)}）"
    if uncollectable is not None:
        basis += f"と回収困難な額{man_text(uncollectable)}の少ないほう"
    repayment = repayment_period(limit) if limit > 0 and REPAY_WORDS.search(fold(text)) else ""
    return (f"【経営セーフティ共済】共済金貸付の試算\n{basis}で、上限は約{man_text(limit)}です（貸付残高は8,000万円まで）。\n"
            f"無担保・無保証人・無利子です。借りると、その10分の1（{man_text(limit // 10)}）が掛金総額から控除されます。\n"
            f"{repayment}※試算です。実際の額は審査で決まります。登録取扱機関か共済相談室でご確認ください。")


BENEFIT_WORDS = re.compile(r"共済金(?:の)?\s*([AB])|老齢給付|(廃業)")


def benefit_reply(text: str) -> Optional[str]:
    """基本共済金 for 掛金月額 × a published number of years (X12, hedged: a third-party table)."""
    match = BENEFIT_WORDS.search(fold(text).upper())
    months = months_paid(text)
    monthly = monthly_premium(text, *SHOKIBO_MONTHLY) or (10_000 if "1万" in fold(text) else None)
    if not match or months is None or months % 12 or monthly is None:
        return None
    kind = match.group(1) or ("A" if match.group(2) else "B")
    amount = shokibo_benefit(months // 12, monthly, kind)
    if amount is None:
        return None
    return (f"【小規模企業共済】共済金{kind}の目安（試算）\n掛金月額{man_text(monthly)}で{months // 12}年の場合、"
            f"基本共済金は約{_yen(amount)}です。\n"
            "一般的な早見表（月額1万円の額）を掛金月額に比例させた目安です。付加共済金は含みません。"
            "ご自身の額は、共済相談室でご確認ください。")


def asks_saving_figure(text: str, scheme: Optional[str]) -> bool:
    """True for a request to compute the 節税額 (「節税額を知りたい」), figures given or not."""
    folded = fold(text)
    about_the_tool = re.search(r"均等割|前提|保証", folded)  # how the simulator works, not a 試算
    return (scheme != SAFETY and not about_the_tool and bool(SAVING_WORDS.search(folded))
            and bool(CALC_WORDS.search(folded)))


def saving_follow_up(text: str, income: Optional[int]) -> Optional[str]:
    """「月5万なら？」 after a 節税額 試算: the same 課税所得 with the new 掛金月額 (X02), or None."""
    folded = fold(text)
    if not isinstance(income, int) or len(folded) > 30 or not FOLLOW_UP_WORDS.search(folded) or taxable_income(text):
        return None
    monthly = monthly_premium(text, 1, 10_000_000)
    if monthly is None:
        return None
    return saving_text(income, monthly) if valid_shokibo_monthly(monthly) else MONTHLY_RANGE_TEXT


def figure_reply(texts: Sequence[str], scheme: Optional[str]) -> Optional[str]:
    """A 試算 reply for the latest message (texts: the conversation's messages, latest last), or None."""
    text = texts[-1] if texts else ""
    folded = fold(text)
    declared = declaration_reply(text) if scheme != SAFETY else None
    if declared:
        return declared
    safety = safety_figure_reply(text) if scheme != SHOKIBO else None
    if safety:
        return safety
    if SAVING_WORDS.search(folded) and scheme != SAFETY and (taxable_income(text) or monthly_premium(text, *SHOKIBO_MONTHLY)):
        return saving_reply(texts)
    benefit = benefit_reply(text) if scheme != SAFETY else None
    if benefit:
        return benefit
    if REFUND_WORDS.search(folded):
        if scheme:
            return refund_reply(text, scheme)
        both = [r for r in (refund_reply(text, SHOKIBO), refund_reply(text, SAFETY)) if r]
        return "\n\n".join(both) or None  # each scheme whose 掛金 range fits the amount
    if LOAN_WORDS.search(folded) or re.search(UNCOLLECTABLE, folded):
        return loan_reply(text) if scheme == SAFETY else None  # 小規模's 契約者貸付 is another rule
    return None
