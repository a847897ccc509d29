"""Adds an all-hiragana copy of every intent example at training time.

Visitors often type questions in hiragana only (ひきおとし いつ, かけきんの じょうげん).
Sudachi's reading of each training example gives that spelling for free, so the
training data stays as staff wrote it. Messages at inference time are untouched.
"""
from __future__ import annotations

import re
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

KATAKANA_TO_HIRAGANA = {code: code - 0x60 for code in range(ord("ァ"), ord("ヶ") + 1)}
KATAKANA = re.compile(r"[ァ-ヶ]")
KEEP_AS_TYPED = re.compile(r"[0-9A-Za-z０-９Ａ-Ｚａ-ｚ]")


def to_hiragana(text: Text, sudachi: Any) -> Text:
    """The text as it sounds, in hiragana (symbols, digits and latin kept as typed)."""
    parts = []
    for morpheme in sudachi.tokenize(text):
        surface = morpheme.surface()
        reading = morpheme.reading_form()
        keep = (reading == "キゴウ" or not KATAKANA.search(reading)
                or KEEP_AS_TYPED.search(surface))
        parts.append(surface if keep else reading.translate(KATAKANA_TO_HIRAGANA))
    return "".join(parts)


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False
)
class HiraganaAugmenter(GraphComponent):
    """Training-data augmentation: one hiragana variant per intent example."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """No options."""
        return {}

    @staticmethod
    def required_packages() -> List[Text]:
        """Python packages this component needs."""
        return ["sudachipy", "sudachidict_core"]

    @staticmethod
    def supported_languages() -> Optional[List[Text]]:
        """Only Japanese."""
        return ["ja"]

    def __init__(self) -> None:
        """Loads the Sudachi dictionary."""
        from sudachipy import dictionary

        self._sudachi = dictionary.Dictionary().create()

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> HiraganaAugmenter:
        """Creates the component."""
        return cls()

    def variants(self, training_data: TrainingData) -> List[Message]:
        """Hiragana copies of the intent examples that differ from every existing example."""
        seen = {m.get(TEXT) for m in training_data.training_examples}
        extra = []
        for example in training_data.intent_examples:
            text = to_hiragana(example.get(TEXT), self._sudachi)
            if text not in seen:
                seen.add(text)
                extra.append(Message(data={TEXT: text, INTENT: example.get(INTENT)}))
        return extra

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Returns the training data with the hiragana variants added."""
        return training_data.merge(TrainingData(training_examples=self.variants(training_data)))

    def process(self, messages: List[Message]) -> List[Message]:
        """Leaves incoming messages as they are."""
        return messages
