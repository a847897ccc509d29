"""A verified holder's own figures, from the façade's /v1/contract/figures: texts only.

申告額 follows X30 (小規模) and T20/T21 (セーフティ); 解約手当金 X10/X20 and the 共済金貸付 limit
X21 use actions/calculators/rules.py. Every figure is a 試算 and says what it assumes.
"""
from __future__ import annotations

import datetime as dt
import re
from typing import Any, Dict, List

from actions.calculators.rules import (
    SAFETY_KINDS,
    SAFETY_TOTAL_CAP,
    safety_loan_limit,
    safety_refund_rate,
    shokibo_refund_rate,
)
from actions.contract_texts import jp_date, yen

# A message that asks about the writer's own contract (「私の」「自分の」), not the rule in general.
OWN_WORDS = re.compile(r"(?:私|わたし|自分|僕|ぼく|俺)(?:の|が今)|うちの|契約で|契約番号|本人確認")
ESTIMATE_NOTE = "※ご契約の記録から計算した試算で、確定額ではありません。"
ROUTE_NOTE = "正確な額は共済相談室でご確認ください。"


def _due_line(amounts: Dict[str, Any]) -> List[str]:
    if not amounts["due"]:
        return []
    dates = "・".join(jp_date(dt.date.fromisoformat(day)) for day in amounts["due_dates"])
    return [f"・これから引き落とされる掛金: {yen(amounts['due'])}（{dates}）"]


def _failed_line(amounts: Dict[str, Any]) -> List[str]:
    if not amounts["failed_unpaid"]:
        return []
    return [f"引き落とせなかった掛金{yen(amounts['failed_unpaid'])}は、今年中に払い込まれないため入れていません。"]


def declaration_text(figures: Dict[str, Any]) -> str:
    """The year's amount to declare: 小規模 by X30, セーフティ as the year's 損金・必要経費."""
    amounts = figures["year_amounts"]
    year = amounts["year"]
    if figures["scheme"] == "shokibo":
        lines = [f"【小規模企業共済】{year}年分の申告額の試算",
                 f"・1月〜9月の掛金（掛金払込証明書の額）: {yen(amounts['jan_sep_paid'])}",
                 f"・10月〜12月に払い込んだ掛金: {yen(amounts['oct_dec_paid'])}",
                 *_due_line(amounts),
                 f"・前納減額金の受取り（差し引き）: −{yen(amounts['prepayment_discount'])}",
                 f"合計 {yen(amounts['total'])}（小規模企業共済等掛金控除）",
                 *_failed_line(amounts),
                 "これから引き落とされる分は、引き落とされた場合の額です。" if amounts["due"] else "",
                 ESTIMATE_NOTE]
    else:
        lines = [f"【経営セーフティ共済】{year}年（1月〜12月）に引き落とされた掛金の試算",
                 f"・1月〜9月: {yen(amounts['jan_sep_paid'])}",
                 f"・10月〜12月: {yen(amounts['oct_dec_paid'])}",
                 *_due_line(amounts),
                 f"合計 {yen(amounts['total'])}",
                 *_failed_line(amounts),
                 "法人は損金、個人事業主は事業所得の必要経費にでき、国税庁の明細書に記入します。",
                 "前納の一括引落しはこの合計に入っていません（前納期間が1年以内なら、支払った年分に算入できます）。",
                 ESTIMATE_NOTE]
    return "\n".join(line for line in lines if line)


def _shokibo_refund(figures: Dict[str, Any]) -> str:
    levels = figures["premium_levels"]
    months, total = figures["months_paid"], figures["premiums_total"]
    if figures["paid_before_rate_table"] or len(levels) != 1:
        reason = ("2004年4月より前の掛金があるため" if figures["paid_before_rate_table"]
                  else "納付の記録がないため" if not levels else "掛金月額の変更があるため")
        return (f"【小規模企業共済】{reason}、チャットでは解約手当金を計算できません。\n"
                "自動発送サービスか共済相談室でご確認ください。")
    rate = shokibo_refund_rate(months)
    if rate == 0:
        return (f"【小規模企業共済】納付は{months}か月です。\n"
                "12か月未満で解約すると、解約手当金は支給されません。")
    return (f"【小規模企業共済】解約手当金の試算\n納付{months}か月・掛金{yen(total)}、支給率{rate:g}%で"
            f"約{yen(int(total * rate / 100))}です。\n"
            f"{ESTIMATE_NOTE}今月の時点で解約した場合で、付加共済金は含みません。{ROUTE_NOTE}")


def _safety_refund(figures: Dict[str, Any]) -> str:
    months = figures["months_paid"]
    total = min(figures["premiums_total"], SAFETY_TOTAL_CAP)
    rates = [f"・{kind}: 支給率{safety_refund_rate(months, kind)}%で約"
             f"{yen(total * safety_refund_rate(months, kind) // 100)}" for kind in SAFETY_KINDS]
    return "\n".join([
        f"【経営セーフティ共済】解約手当金の試算（納付{months}か月・掛金総額{yen(total)}）", *rates,
        f"共済金貸付の上限は掛金総額の10倍で{yen(safety_loan_limit(total, None))}です"
        "（回収困難額が小さければその額まで）。",
        f"{ESTIMATE_NOTE}共済金貸付や未納があるとその分が差し引かれ、前納でまだ充当されていない掛金は含みません。"
        f"{ROUTE_NOTE}"])


def refund_text(figures: Dict[str, Any]) -> str:
    """The holder's own 解約手当金 estimate (X10 / X20), and for セーフティ the loan limit (X21)."""
    if figures["status"] == "cancelled":
        return "このご契約はすでに解約されています。解約手当金については共済相談室にお問い合わせください。"
    return _shokibo_refund(figures) if figures["scheme"] == "shokibo" else _safety_refund(figures)
