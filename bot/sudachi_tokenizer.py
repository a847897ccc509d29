"""Rasa tokenizer for Japanese built on SudachiPy.

Tokens keep exact character offsets into the original text; their lemma is
Sudachi's normalised form (NFKC, lower-cased), so 掛金/掛け金 and 申込/申し込み
share features in CountVectorsFeaturizer (which uses lemmas by default). Every run of
pictographs (emoji, ★) shares one lemma, so an emoji never seen in training still has a feature.
"""
from __future__ import annotations

import unicodedata
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token, Tokenizer
from rasa.shared.nlu.training_data.message import Message

SPLIT_MODES = ("A", "B", "C")
PICTOGRAPH_LEMMA = "__pictograph__"
# Symbols, plus the modifiers, variation selectors and joiners that emoji sequences carry.
PICTOGRAPH_CATEGORIES = {"So", "Sk", "Mn", "Cf"}


def normalise_lemma(form: Text) -> Text:
    """Folds width and case so full-width and half-width forms share a feature."""
    return unicodedata.normalize("NFKC", form).lower()


def is_pictographic(surface: Text) -> bool:
    """True for a run of emoji or pictorial symbols (at least one 'So' character)."""
    categories = {unicodedata.category(char) for char in surface}
    return "So" in categories and categories <= PICTOGRAPH_CATEGORIES


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False
)
class SudachiTokenizer(Tokenizer):
    """Splits Japanese text into Sudachi morphemes with normalised lemmas."""

    @staticmethod
    def supported_languages() -> Optional[List[Text]]:
        """Only Japanese."""
        return ["ja"]

    @staticmethod
    def required_packages() -> List[Text]:
        """Python packages this component needs."""
        return ["sudachipy", "sudachidict_core"]

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """Default config: split mode plus the standard tokenizer options."""
        return {
            "split_mode": "C",
            "intent_tokenization_flag": False,
            "intent_split_symbol": "_",
            "token_pattern": None,
            "prefix_separator_symbol": None,
        }

    def __init__(self, config: Dict[Text, Any]) -> None:
        """Loads the Sudachi dictionary once per component."""
        super().__init__(config)
        from sudachipy import dictionary, tokenizer

        mode = str(config.get("split_mode", "C")).upper()
        if mode not in SPLIT_MODES:
            raise ValueError(f"split_mode must be one of {SPLIT_MODES}, got {mode!r}")
        self._mode = getattr(tokenizer.Tokenizer.SplitMode, mode)
        self._sudachi = dictionary.Dictionary().create()

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> SudachiTokenizer:
        """Creates the component (nothing to train or persist)."""
        return cls(config)

    def tokenize(self, message: Message, attribute: Text) -> List[Token]:
        """Tokenizes one attribute of a message, dropping whitespace morphemes."""
        text = message.get(attribute) or ""
        tokens = []
        for morpheme in self._sudachi.tokenize(text, self._mode):
            surface = morpheme.surface()
            if not surface.strip():
                continue
            tokens.append(
                Token(
                    surface,
                    morpheme.begin(),
                    morpheme.end(),
                    lemma=PICTOGRAPH_LEMMA if is_pictographic(surface)
                    else normalise_lemma(morpheme.normalized_form()),
                )
            )
        return self._apply_token_pattern(tokens)
