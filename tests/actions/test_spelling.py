"""Misspelt scheme names are read as the scheme."""
import pytest

from actions.schemes import detect_scheme
from actions.spelling import canonical


@pytest.mark.parametrize("text, scheme", [
    ("セーフテイ共済の前納はいつまで", "safety"), ("ｾｰﾌﾃｲ共済", "safety"), ("せーふてい", "safety"),
    ("倒産坊止共済の掛金", "safety"), ("少規模企業共済の控除", "shokibo"), ("しょーきぼ共済", "shokibo"),
])
def test_misspelt_scheme_is_detected(text, scheme):
    assert detect_scheme(text) == scheme


def test_correct_words_are_unchanged():
    text = "経営セーフティ共済と小規模企業共済、倒産防止共済"
    assert canonical(text) == text


def test_the_deduction_name_does_not_name_the_scheme():
    assert detect_scheme("倒産防止共済の掛金は「小規模企業共済等掛金控除」の欄に書く？") == "safety"
    assert detect_scheme("小規模企業共済等掛金控除の欄はどこ") == "shokibo"
