"""Only responses picked by code may be missing from stories."""
from pathlib import Path

import pytest
from rasa.shared.importers.importer import TrainingDataImporter
from rasa.validator import Validator

from scripts.validate_data import answered_by_code, is_expected

ROOT = Path(__file__).resolve().parents[2]

FORM_SLOTS = [("eligibility_form", "scheme"), ("eligibility_form", "elig_role")]


@pytest.mark.parametrize(
    "name, expected",
    [
        ("utter_ask_tax_shokibo", True),
        ("utter_ask_tax_safety_detail", True),
        ("utter_ask_co_manager_other", True),
        ("utter_ask_elig_role", True),
        ("utter_ask_eligibility_form_scheme", True),
        ("utter_greet", True),
        ("utter_goodbye", False),
        ("utter_ask_tax", False),
    ],
)
def test_unused_utterance_warning(name, expected):
    message = f"The utterance '{name}' is not used in any story or rule."
    assert is_expected(message, FORM_SLOTS) is expected


def test_other_warnings_are_never_expected():
    assert not is_expected("Issue found in 'data/nlu/basics.yml': duplicate", FORM_SLOTS)


@pytest.mark.parametrize(
    "name, expected",
    [("utter_ask_office_address", True), ("utter_ask_office_address_detail", True),
     ("utter_goodbye", False), ("utter_ask_office", False)],
)
def test_common_answer_of_an_intent_answered_by_action_answer(name, expected):
    message = f"The utterance '{name}' is not used in any story or rule."
    assert is_expected(message, FORM_SLOTS, topics={"ask_office_address"}) is expected


def test_topics_are_the_intents_rules_answer_with_action_answer():
    importer = TrainingDataImporter.load_from_config(
        config_path=str(ROOT / "config.yml"), domain_path=str(ROOT / "domain.yml"),
        training_data_paths=[str(ROOT / "data")],
    )
    topics = answered_by_code(Validator.from_importer(importer))
    assert {"ask_tax", "ask_overview", "choose_scheme"} <= topics
    assert not topics & {"greet", "human_handoff", "ask_more"}
