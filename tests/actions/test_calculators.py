"""試算 rules reproduce facts.md section 5's test vectors; messages are read and answered with figures."""
import datetime as dt
import pytest

from actions.calculators.answers import figure_reply
from actions.calculators.reading import months_paid, monthly_premium, taxable_income
from actions.calculators.rules import (safety_loan_limit, safety_refund_rate, shokibo_refund_rate,
                                       tax_saving)

X04 = {2: (20_700, 56_900, 93_200, 129_400), 4: (36_500, 109_500, 182_500, 241_300),
       6: (36_500, 109_500, 182_500, 255_600), 8: (40_100, 120_500, 200_900, 281_200),
       10: (52_400, 157_300, 262_200, 367_000)}


def test_x03_worked_example():
    result = tax_saving(7_200_000, 50_000)
    assert (result.income_tax, result.reconstruction_tax, result.resident_tax, result.total) == (
        127_500, 2_700, 60_000, 190_200)


@pytest.mark.parametrize("income, monthly, expected", [
    (income * 1_000_000, monthly, saving) for income, row in X04.items()
    for monthly, saving in zip((10_000, 30_000, 50_000, 70_000), row)])
def test_x04_every_published_cell(income, monthly, expected):
    assert tax_saving(income, monthly).total == expected


@pytest.mark.parametrize("months, rate", [
    (1, 0), (11, 0), (12, 80), (83, 80), (84, 80.5), (89, 80.5), (120, 85), (125, 85), (180, 92.5),
    (185, 92.5), (240, 100), (245, 100), (246, 100.25), (251, 100.25), (474, 109.75), (479, 109.75),
    (480, 110), (720, 120), (800, 120)])
def test_x10_shokibo_rates(months, rate):
    assert shokibo_refund_rate(months) == rate


@pytest.mark.parametrize("months, rates", [
    (11, (0, 0, 0)), (12, (80, 85, 75)), (23, (80, 85, 75)), (24, (85, 90, 80)), (29, (85, 90, 80)),
    (30, (90, 95, 85)), (35, (90, 95, 85)), (36, (95, 100, 90)), (39, (95, 100, 90)), (40, (100, 100, 95))])
def test_x20_safety_rates(months, rates):
    assert tuple(safety_refund_rate(months, kind) for kind in ("任意解約", "みなし解約", "機構解約")) == rates


def test_x21_loan_limit():
    assert safety_loan_limit(3_000_000, 50_000_000) == 30_000_000
    assert safety_loan_limit(3_000_000, 10_000_000) == 10_000_000
    assert safety_loan_limit(8_000_000, None) == 80_000_000
    assert safety_loan_limit(9_000_000, 100_000_000) == 80_000_000


@pytest.mark.parametrize("text, income, monthly, months", [
    ("課税所得４００万、月３万", 4_000_000, 30_000, None),
    ("所得は4,000,000円で掛金月額7万円", 4_000_000, 70_000, None),
    ("課税所得１，０００万円、掛金月額７万円", 10_000_000, 70_000, None),
    ("月1万円を10年払った", None, 10_000, 120),
    ("月額5万円で36ヶ月", None, 50_000, 36),
    ("3年6か月払った、月1万5千円", None, 15_000, 42),
    ("資本金1000万、年収800万、月3万", None, 30_000, None),
    ("2000年から加入、令和5年に増額", None, None, None),
    ("1" * 400 + "万円で節税", None, None, None),
])
def test_reading_amounts(text, income, monthly, months):
    assert (taxable_income(text), monthly_premium(text, 1_000, 200_000), months_paid(text)) == (
        income, monthly, months)


def test_saving_reply_breakdown_and_follow_up():
    reply = figure_reply(["課税所得400万円で月3万円なら節税額は？"], None)
    assert "109,500円" in reply and "所得税" in reply and "住民税" in reply and "試算" in reply
    assert "182,500円" in figure_reply(["課税所得400万円で月3万円なら節税額は？", "月5万なら節税額は？"], None)
    assert "課税所得" in figure_reply(["月3万円で節税はどれくらい？"], None)  # asks for what is missing
    assert figure_reply(["節税ってどれくらい？"], None) is None


def test_refund_and_loan_replies():
    assert "1,020,000円" in figure_reply(["月1万円を120か月払って解約したらいくら戻る？"], "shokibo")
    assert "1,710,000円" in figure_reply(["月5万円で36か月払って任意解約したらいくら戻る？"], "safety")
    assert "3,000万円" in figure_reply(["掛金総額300万、売掛金5000万が焦げ付いた。貸付はいくら？"], "safety")
    assert figure_reply(["300万払った。いくら借りられる？"], None) is None  # 契約者貸付 or 共済金貸付?
    assert "8,000,000円" in figure_reply(["月20万で60か月、任意解約したらいくら戻る？"], "safety")  # 800万円 cap
    assert "支給率100%" in figure_reply(["中小機構のセーフティ、月5万で40か月。解約したらいくら戻る？"], "safety")
    assert figure_reply(["解約したらいくら戻る？"], None) is None
    assert "支給されません" in figure_reply(["小規模共済１０か月でやめたらお金戻る？"], "shokibo")
    assert "支給率は95%（任意解約）" in figure_reply(["セーフティを36か月で解約したらいくら戻る？"], "safety")
    both = figure_reply(["月1万円で84か月払ってから解約すると、いくらになりますか"], None)
    assert "676,200円" in both and "【経営セーフティ共済】" in both  # no scheme named: both
    only_safety = figure_reply(["掛金月額20万円で24か月、機構解約ならいくら戻る？"], None)
    assert "3,840,000円" in only_safety and "【小規模企業共済】" not in only_safety  # 20万 is no 小規模 amount


def test_benefit_estimate_from_the_x12_table():
    reply = figure_reply(["掛金月額1万円で20年、65歳以上の老齢給付（共済金B）で受け取るといくらになりますか。"], None)
    assert "2,658,800円" in reply and "付加共済金は含みません" in reply
    assert "4,022,000円" in figure_reply(["月2万円で15年払って廃業したら共済金Aはいくら？"], "shokibo")
    assert figure_reply(["月1万円で12年払った共済金Aは？"], "shokibo") is None  # not a published row


@pytest.mark.parametrize("text, scheme, expected", [
    ("小規模共済の9月の掛金、残高不足で引き落とされへんかった。次いつ落ちるん？", "shokibo", "12月の振替日（12月18日(金)）に、9月分と12月分"),
    ("10月分のセーフティ共済の掛金、口座にお金入れ忘れて落ちてなかった", "safety", "12月の振替日（12月28日(月)）に、10月分と12月分"),
    ("6月分が振替不能でした", "shokibo", "8月の振替日（8月18日(火)）"),
])
def test_redebit_day_for_the_failed_month(text, scheme, expected):
    from actions.calculators.redebit import redebit_reply
    assert expected in redebit_reply(text, scheme, dt.date(2026, 12, 2))


def test_redebit_needs_a_month_a_failure_and_a_scheme():
    from actions.calculators.redebit import redebit_reply
    today = dt.date(2026, 12, 2)
    assert redebit_reply("引き落とせなかったらどうなる？", "shokibo", today) is None
    assert redebit_reply("9月分の掛金はいくら？", "shokibo", today) is None
    assert redebit_reply("9月分が落ちなかった", None, today) is None
