"""Sudachi tokenizer: offsets, normalised lemmas and whitespace handling."""
import pytest
from rasa.shared.nlu.training_data.message import Message

from bot.sudachi_tokenizer import SudachiTokenizer


@pytest.fixture(scope="module")
def tokenizer() -> SudachiTokenizer:
    return SudachiTokenizer({**SudachiTokenizer.get_default_config()})


def lemmas(tokenizer: SudachiTokenizer, text: str) -> list:
    return [t.lemma for t in tokenizer.tokenize(Message(data={"text": text}), "text")]


def test_okurigana_variants_share_lemmas(tokenizer):
    assert lemmas(tokenizer, "掛金の申込")[0] == lemmas(tokenizer, "掛け金の申し込み")[0]
    assert lemmas(tokenizer, "掛金の申込")[-1] == lemmas(tokenizer, "掛け金の申し込み")[-1]


def test_full_width_digits_and_latin_fold_to_half_width(tokenizer):
    assert "1234567" in lemmas(tokenizer, "番号は１２３４５６７です")
    assert "ok" in lemmas(tokenizer, "ＯＫ")


def test_offsets_point_into_the_original_text(tokenizer):
    text = "倒産防止共済の　控除証明書を なくしました"
    for token in tokenizer.tokenize(Message(data={"text": text}), "text"):
        assert text[token.start:token.end] == token.text
        assert token.text.strip()


def test_empty_and_emoji_text(tokenizer):
    assert lemmas(tokenizer, "") == []
    assert lemmas(tokenizer, "😀😀")


def test_every_pictograph_run_shares_one_lemma(tokenizer):
    assert lemmas(tokenizer, "😂😂😂") == lemmas(tokenizer, "🐱🍣") == lemmas(tokenizer, "❤️")
    assert lemmas(tokenizer, "はい👍") == ["はい", lemmas(tokenizer, "🌸")[0]]
    assert lemmas(tokenizer, "ＯＫ、はい") == ["ok", "、", "はい"]


def test_rejects_unknown_split_mode():
    with pytest.raises(ValueError):
        SudachiTokenizer({**SudachiTokenizer.get_default_config(), "split_mode": "Z"})
