"""Masking of personal data in user text."""
import pytest

from bot.pii import MASK, contains_personal_data, mask


@pytest.mark.parametrize("text", [
    "1234567-89", "１２３４５６７－８９", "123456789", "契約者番号は1234567 89です", "0401", "4月1日",
    "４月１日", "4/1", "昭和50年4月1日生まれ", "1975/4/1", "090-1234-5678", "050-5541-7171",
    "taro@example.co.jp", "4.1", "11.3", "４．１", "生年月日は1975.4.1です",
])
def test_personal_data_is_masked(text):
    masked = mask(text)
    assert MASK in masked
    assert not any(char.isdigit() for char in masked.replace("昭和", "")), masked
    assert contains_personal_data(text)


@pytest.mark.parametrize("text", [
    "率は1.5%です", "月1.5万円",
    "資本金1000万円です", "従業員は3人", "12月に払いたい", "掛金は月額10000円", "小規模企業共済の掛金はいくら",
    "",
])
def test_amounts_counts_and_plain_questions_are_kept(text):
    assert mask(text) == text
    assert not contains_personal_data(text)
