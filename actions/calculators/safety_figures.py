"""経営セーフティ共済 figures from a visitor's numbers: months to the 800万円 cap (T10), the 掛止め
threshold (T17), the first debit with a prepayment (seed) and the loan repayment period (X22)."""
from __future__ import annotations

import re
from typing import Optional

from actions.calculators.reading import amounts, fold, man_text, monthly_premium, named_amount
from actions.calculators.rules import SAFETY_LOAN_CAP, SAFETY_TOTAL_CAP

HEADER = "【経営セーフティ共済】"
CAP_WORDS = re.compile(r"上限|800万|いっぱい|満額|限度")
MONTHS_WORDS = re.compile(r"何か月|何ヶ月|何カ月|何ヵ月|なんかげつ|何年|いつ")
PAUSE_WORDS = re.compile(r"掛け?止め|払い?込みを.{0,8}止め")
FIRST_DEBIT_WORDS = re.compile(r"初回|最初の引き?落と?し|最初に引")
PREPAY_MONTHS = re.compile(r"前納(?:欄に|を|は|で)?(\d{1,2})(?:か月|ヶ月|カ月|ヵ月)"
                           r"|(\d{1,2})(?:か月|ヶ月|カ月|ヵ月)分?(?:を|の)?前納")
REPAY_WORDS = re.compile(r"返済|償還")
# X22 ([SECONDARY]): loan amount below → years, 6か月据置を含む.
REPAYMENT_YEARS = ((50_000_000, 5), (65_000_000, 6), (SAFETY_LOAN_CAP + 1, 7))


def _monthly(text: str) -> Optional[int]:
    monthly = monthly_premium(text, 5_000, 200_000)
    return monthly if monthly is not None and monthly % 5_000 == 0 else None


def cap_reply(text: str) -> Optional[str]:
    """「月20万なら何か月で上限？」 → 800万円 ÷ 掛金月額, rounded up."""
    folded = fold(text)
    monthly = _monthly(text)
    if not (CAP_WORDS.search(folded) and MONTHS_WORDS.search(folded)) or monthly is None:
        return None
    months = -(-SAFETY_TOTAL_CAP // monthly)
    years = f"（{months // 12}年{months % 12}か月）" if months >= 12 and months % 12 else ""
    return (f"{HEADER}\n掛金月額{monthly:,}円なら、{months}か月{years}で掛金総額が上限の800万円に達します。\n"
            "800万円に達すると引落しは自動で止まり、『掛金積立て限度のお知らせ』が届きます。")


def pause_reply(text: str) -> Optional[str]:
    """「月5万、掛止めは総額いくらから？」 → 40 × 掛金月額 (T17)."""
    monthly = _monthly(text)
    if not PAUSE_WORDS.search(fold(text)) or monthly is None:
        return None
    return (f"{HEADER}\n掛止めは、掛金総額が掛金月額の40倍以上ならできます。\n"
            f"月額{monthly:,}円なら、掛金総額{man_text(monthly * 40)}以上です。\n"
            "書類は『掛金納付掛止届出書』（様式 中 211）です。")


def first_debit_reply(text: str) -> Optional[str]:
    """New member, 前納N か月 by 口座振替: the first debit is the prepayment + 2 months (seed)."""
    folded = fold(text)
    prepay = PREPAY_MONTHS.search(folded)
    monthly = _monthly(text)
    if not FIRST_DEBIT_WORDS.search(folded) or not prepay or monthly is None:
        return None
    prepaid = int(prepay.group(1) or prepay.group(2))
    months = prepaid + 2
    return (f"{HEADER}\n初回の口座振替は、前納{prepaid}か月分と2か月分（申込月分・翌月分）で"
            f"{months}か月分、{monthly * months:,}円です（掛金月額{monthly:,}円の場合）。\n"
            "初回は通常、申込月の2か月後です。書類の不備などで3か月後になると、前納分と3か月分になります。")


def repayment_reply(text: str) -> Optional[str]:
    """「共済金貸付で6,000万借りたら返済は何年？」 → the period by amount (X22, a secondary source)."""
    folded = fold(text)
    if not REPAY_WORDS.search(folded) or not re.search(r"貸付|借り", folded) or "総額" in folded:
        return None  # with a 掛金総額 the loan limit is computed first (loan_reply)
    loan = named_amount(text, r"貸付|借り|で") or max((a.yen for a in amounts(text)), default=None)
    if loan is None or not 0 < loan <= SAFETY_LOAN_CAP:
        return None
    return f"{HEADER}\n{repayment_period(loan)}実際の条件は登録取扱機関か共済相談室でご確認ください。"


def repayment_period(loan: int) -> str:
    """The repayment period of a 共済金貸付 of this amount (X22), as one sentence."""
    years = next(y for limit, y in REPAYMENT_YEARS if loan < limit)
    return (f"共済金貸付{loan // 10_000:,}万円の返済期間は、一般的には{years}年とされています"
            "（6か月の据置期間を含む、毎月均等返済）。\n")


DEDUCTED_WORDS = re.compile(r"差し引|引かれ|控除され|減る")


def loan_deduction_reply(text: str) -> Optional[str]:
    """「共済金貸付を2,000万円受けたら掛金総額から引かれるのは？」 → 1/10 of the loan (X21)."""
    folded = fold(text)
    loan = named_amount(text, r"貸付を?|借り")
    if loan is None or not DEDUCTED_WORDS.search(folded) or "総額" not in folded or not 0 < loan <= SAFETY_LOAN_CAP:
        return None
    return (f"{HEADER}\n共済金貸付{man_text(loan)}なら、その10分の1の{man_text(loan // 10)}が掛金総額から差し引かれます。\n"
            "解約手当金は、差し引いた後の掛金総額で計算されます。")


def safety_figure_reply(text: str) -> Optional[str]:
    """The first of these 試算 the message asks for and gives the numbers of, or None."""
    return (cap_reply(text) or pause_reply(text) or first_debit_reply(text) or loan_deduction_reply(text)
            or repayment_reply(text))
