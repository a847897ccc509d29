"""Reading contract numbers and birth month-days as users type them."""
import pytest

from actions.identity import ContractId, is_stop, parse_birthday, parse_contract, split_joined


@pytest.mark.parametrize("text", [
    "1234567-89", "123456789", "1234567 89", "１２３４５６７－８９", "１２３４５６７８９",
    "契約者番号は1234567ー89です", "番号 1234567−89",
])
def test_contract_number_and_cd_are_read_in_every_usual_form(text):
    assert parse_contract(text) == ContractId("1234567", "89")


@pytest.mark.parametrize("text", ["12345", "1234567", "12345678", "1234567890", "わからない", ""])
def test_other_numbers_are_not_taken_for_a_contract(text):
    assert parse_contract(text) is None


@pytest.mark.parametrize("text, expected", [
    ("0401", "0401"), ("４月１日", "0401"), ("4/1", "0401"), ("昭和50年4月1日", "0401"),
    ("1975/4/1", "0401"), ("12月31日生まれ", "1231"), ("2月29日", "0229"),
    ("1234567-89 0401", "0401"), ("1234567-89", None), ("1332", None), ("2月30日", None),
    ("よくわからない", None),
])
def test_birth_month_day(text, expected):
    assert parse_birthday(text) == expected


def test_stop_words_and_joined_form():
    assert is_stop("やめる") and is_stop("キャンセルします") and is_stop("終わり")
    assert not is_stop("0401")
    assert split_joined(ContractId("1234567", "89").joined()) == ContractId("1234567", "89")
