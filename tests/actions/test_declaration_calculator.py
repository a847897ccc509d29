"""X30 for a visitor who gives the figures: certificate (1月〜9月) + 10月〜12月 − 前納減額金."""
import pytest

from actions.calculators.answers import figure_reply
from actions.calculators.declaration import declaration_reply


@pytest.mark.parametrize("text, total", [
    ("証明書の額が45万円で、10〜12月に15万払いました。前納減額金が810円。申告額はいくら？", "599,190円"),
    ("1月〜9月分は450,000円、10月から12月は150,000円、前納減額金810円を受け取った。控除の申告額は", "599,190円"),
    ("年末調整で申告する額、証明書は12万円、10～12月分３万円", "150,000円"),
])
def test_declared_amount_is_computed(text, total):
    assert f"合計 {total}" in declaration_reply(text)


def test_no_discount_line_without_a_discount():
    assert "減額金" not in declaration_reply("控除の申告額は？証明書12万円、10〜12月3万円")


@pytest.mark.parametrize("text", [
    "申告額はいくら？", "証明書の額は12万円です", "10〜12月に3万円払った、申告は？",
])
def test_missing_figures_give_no_sum(text):
    assert declaration_reply(text) is None


def test_safety_is_not_given_the_shokibo_rule():
    assert figure_reply(["控除の申告額は？証明書12万円、10〜12月3万円"], "safety") is None
    assert "150,000円" in figure_reply(["控除の申告額は？証明書12万円、10〜12月3万円"], None)


def test_clauses_split_on_spaces_keep_thousands_separators():
    text = "控除証明書の1〜9月の額が45万円 10〜12月に15万円払った 前納減額金を5,400円受け取った 申告する額はいくら"
    assert "合計 594,600円" in declaration_reply(text)


def test_monthly_late_premium_and_impossible_discount():
    assert "150,000円" in declaration_reply("申告額は？証明書の額45万円、10月から12月は月5万")
    assert declaration_reply("申告額は？証明書1万円、10〜12月1万円、前納減額金が5万円") is None
