"""Masking user texts before the report shows them."""
import pytest

from analytics.masking import mask_message


@pytest.mark.parametrize("text, shown", [
    ("契約者番号は1234567、CDは89です", "契約者番号は［番号］、CDは［番号］です"),
    ("生年月日は０４０１", "生年月日は［番号］"),
    ("電話は090-1234-5678まで", "電話は［番号］まで"),
    ("〒100 0013 東京都", "〒［番号］ 東京都"),
    ("連絡先 taro.yamada+kyosai@example.co.jp へ", "連絡先 ［メール］ へ"),
    ("従業員は3人です", "従業員は3人です"),
    ("掛金はいくら？", "掛金はいくら？"),
])
def test_mask_message(text, shown):
    assert mask_message(text) == shown
