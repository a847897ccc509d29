"""Hiragana training variants from Sudachi readings."""
import pytest
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.hiragana_augmenter import HiraganaAugmenter, to_hiragana


@pytest.fixture(scope="module")
def augmenter() -> HiraganaAugmenter:
    return HiraganaAugmenter()


def test_reading_in_hiragana(augmenter):
    assert to_hiragana("掛金の申込", augmenter._sudachi) == "かけきんのもうしこみ"
    assert to_hiragana("セーフティ共済 800万", augmenter._sudachi) == "せーふてぃきょうさい 800万"
    assert to_hiragana("OK？１２月", augmenter._sudachi) == "OK？１２がつ"


def test_adds_one_variant_per_new_spelling(augmenter):
    data = TrainingData(training_examples=[
        Message(data={"text": "控除証明書", "intent": "ask_certificate"}),
        Message(data={"text": "こうじょしょうめいしょ", "intent": "ask_certificate"}),
        Message(data={"text": "掛金", "intent": "ask_premium"}),
    ])
    merged = augmenter.process_training_data(data)
    texts = {(m.get("text"), m.get("intent")) for m in merged.training_examples}
    assert ("かけきん", "ask_premium") in texts
    assert len(merged.training_examples) == 4  # こうじょしょうめいしょ already there


def test_messages_at_inference_are_untouched(augmenter):
    message = Message(data={"text": "掛金"})
    assert augmenter.process([message])[0].get("text") == "掛金"
