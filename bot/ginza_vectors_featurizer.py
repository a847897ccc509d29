"""Dense features from GiNZA's word vectors, looked up by Sudachi lemma.

Only the vector table of the `ja_ginza` package is loaded (under a second, no
spaCy pipeline runs per message): each token's vector is found by its Sudachi
normalised form, falling back to its surface form; unknown words get zeros.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Text, Type

import numpy as np
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.constants import DENSE_FEATURIZABLE_ATTRIBUTES, FEATURIZER_CLASS_ALIAS, TOKENS_NAMES
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.shared.nlu.constants import FEATURE_TYPE_SENTENCE, FEATURE_TYPE_SEQUENCE
from rasa.shared.nlu.training_data.features import Features
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.utils.tensorflow.constants import MEAN_POOLING, POOLING

from bot.sudachi_tokenizer import SudachiTokenizer


def load_ginza_vectors() -> Any:
    """Loads the word-vector table shipped with the ja_ginza package."""
    import ja_ginza
    from spacy.vocab import Vocab

    package = Path(ja_ginza.__file__).parent
    vocab_dir = next(package.glob("ja_ginza-*/vocab"))
    return Vocab().from_disk(vocab_dir)


@DefaultV1Recipe.register(
    DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False
)
class GinzaVectorsFeaturizer(DenseFeaturizer, GraphComponent):
    """Adds GiNZA word vectors as sequence and sentence features."""

    @classmethod
    def required_components(cls) -> List[Type]:
        """Needs Sudachi tokens (their lemmas are the vector keys)."""
        return [SudachiTokenizer]

    @staticmethod
    def required_packages() -> List[Text]:
        """Python packages this component needs."""
        return ["spacy", "ja_ginza"]

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        """Mean pooling for the sentence vector, as SpacyFeaturizer does."""
        return {**DenseFeaturizer.get_default_config(), POOLING: MEAN_POOLING}

    def __init__(self, config: Dict[Text, Any], name: Text) -> None:
        """Loads the vector table once."""
        super().__init__(name, config)
        self._vocab = load_ginza_vectors()
        self._width = self._vocab.vectors.shape[1]

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> GinzaVectorsFeaturizer:
        """Creates the component (nothing to train)."""
        return cls(config, execution_context.node_name)

    def _vector(self, lemma: Text, surface: Text) -> np.ndarray:
        for key in (lemma, surface):
            if key and self._vocab.has_vector(key):
                return self._vocab.get_vector(key)
        return np.zeros(self._width, dtype=np.float32)

    def _featurize(self, message: Message, attribute: Text) -> None:
        tokens = message.get(TOKENS_NAMES[attribute])
        if not tokens:
            return
        sequence = np.array([self._vector(t.lemma, t.text) for t in tokens])
        sentence = self.aggregate_sequence_features(sequence, self._config[POOLING])
        alias = self._config[FEATURIZER_CLASS_ALIAS]
        message.add_features(Features(sequence, FEATURE_TYPE_SEQUENCE, attribute, alias))
        message.add_features(Features(sentence, FEATURE_TYPE_SENTENCE, attribute, alias))

    def process(self, messages: List[Message]) -> List[Message]:
        """Featurizes incoming messages."""
        for message in messages:
            for attribute in DENSE_FEATURIZABLE_ATTRIBUTES:
                self._featurize(message, attribute)
        return messages

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        """Featurizes the training examples in place."""
        self.process(training_data.training_examples)
        return training_data

    @classmethod
    def validate_config(cls, config: Dict[Text, Any]) -> None:
        """Nothing to validate beyond the defaults."""
