"""Training-data importer that keeps answers out of the NLU data (config.yml `importers:`).

Rasa reads data/responses/*.yml as NLU files and fingerprints the NLU data together with
the responses it holds, so with the default importer every change to an answer's text
retrains the whole NLU pipeline (measured: as long as a full retrain, see
docs/content-guide.md), although no NLU component here uses answers (there is no
ResponseSelector). This importer hands those responses to the domain instead, where Rasa
merges them anyway; core training sees the domain without response texts, so an answer
change retrains nothing. Retrieval-intent responses (utter_<intent>/<sub>, used by a
ResponseSelector) stay in the NLU data.
"""
from __future__ import annotations

from typing import Dict, List, Optional, Text

from rasa.shared.core.domain import KEY_RESPONSES, Domain
from rasa.shared.importers.rasa import RasaFileImporter
from rasa.shared.nlu.training_data.training_data import TrainingData
from rasa.shared.utils.common import cached_method

Responses = Dict[Text, List[Dict]]


def is_retrieval_response(name: Text) -> bool:
    """utter_faq/ask_x is a retrieval-intent response."""
    return "/" in name


class AnswersInDomainImporter(RasaFileImporter):
    """RasaFileImporter whose NLU data carries no answers; the domain carries them."""

    @cached_method
    def _nlu_data_with_answers(self, language: Optional[Text]) -> TrainingData:
        return super().get_nlu_data(language)

    def get_nlu_data(self, language: Optional[Text] = "en") -> TrainingData:
        """The NLU data without the (non-retrieval) responses found in data files."""
        data = self._nlu_data_with_answers(language)
        return TrainingData(
            training_examples=data.training_examples,
            entity_synonyms=data.entity_synonyms,
            regex_features=data.regex_features,
            lookup_tables=data.lookup_tables,
            responses={n: r for n, r in data.responses.items() if is_retrieval_response(n)},
        )

    def get_domain(self) -> Domain:
        """The domain file plus the responses from data files (as Rasa would merge them)."""
        answers: Responses = {n: r for n, r in self._nlu_data_with_answers("en").responses.items()
                              if not is_retrieval_response(n)}
        domain = super().get_domain()
        if not answers:
            return domain
        return domain.merge(Domain.from_dict({KEY_RESPONSES: answers}), override=True)
