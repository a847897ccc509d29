"""Only responses picked by code may be missing from stories."""
import pytest

from scripts.validate_data import is_expected

FORM_SLOTS = [("eligibility_form", "scheme"), ("eligibility_form", "elig_role")]


@pytest.mark.parametrize(
    "name, expected",
    [
        ("utter_ask_tax_shokibo", True),
        ("utter_ask_tax_safety_detail", True),
        ("utter_ask_co_manager_other", True),
        ("utter_ask_elig_role", True),
        ("utter_ask_eligibility_form_scheme", True),
        ("utter_greet", False),
        ("utter_ask_tax", False),
    ],
)
def test_unused_utterance_warning(name, expected):
    message = f"The utterance '{name}' is not used in any story or rule."
    assert is_expected(message, FORM_SLOTS) is expected


def test_other_warnings_are_never_expected():
    assert not is_expected("Issue found in 'data/nlu/basics.yml': duplicate", FORM_SLOTS)
