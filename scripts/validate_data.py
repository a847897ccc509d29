"""`make validate`: Rasa's data validation, failing on any warning except known-good ones.

Responses that the actions pick by name (utter_<intent>_<scheme>[_detail], and
utter_<intent>[_detail] for an intent that rules answer with action_answer; see
actions/knowledge.py) and form questions (utter_ask_<slot>) are used without
appearing in a story, so Rasa's "not used in any story or rule" warning is
expected for them and only for them.
"""
from __future__ import annotations

import re
import sys
import warnings
from typing import Collection, List, Set

from rasa.shared.core.events import ActionExecuted, UserUttered
from rasa.shared.importers.importer import TrainingDataImporter
from rasa.validator import Validator

from content_tools.lint import BUTTON_ONLY as BUTTON_ONLY_INTENTS  # intents only buttons send

UNUSED = re.compile(r"The utterance '(?P<name>\w+)' is not used in any story or rule\.")
PICKED_BY_ACTIONS = re.compile(r"utter_\w+?_(shokibo|safety|other)(_detail)?")
SENT_BY_ACTIONS = {"utter_anything_else", "utter_greet"}  # actions/knowledge.py, self_service.py, greeting.py
ANSWER_ACTION = "action_answer"
NO_EXAMPLES = re.compile(r"The intent '(?P<name>\w+)' is listed in the domain file, but is not found in the NLU training data\.")


def answered_by_code(validator: Validator) -> Set[str]:
    """Intents that a rule or story answers with action_answer."""
    topics = set()
    for step in validator.story_graph.story_steps:
        for event, following in zip(step.events, step.events[1:]):
            if (isinstance(event, UserUttered) and isinstance(following, ActionExecuted)
                    and following.action_name == ANSWER_ACTION):
                topics.add(event.intent_name)
    return topics


def is_expected(message: str, form_slots: List[str], topics: Collection[str] = ()) -> bool:
    """True for the unused-utterance warning of a response picked by code."""
    no_examples = NO_EXAMPLES.fullmatch(message.strip())
    if no_examples:
        return no_examples.group("name") in BUTTON_ONLY_INTENTS
    match = UNUSED.fullmatch(message.strip())
    if not match:
        return False
    name = match.group("name")
    if PICKED_BY_ACTIONS.fullmatch(name) or name in SENT_BY_ACTIONS:
        return True
    if any(name in (f"utter_{topic}", f"utter_{topic}_detail") for topic in topics):
        return True
    return any(name in (f"utter_ask_{slot}", f"utter_ask_{form}_{slot}")
               for form, slot in form_slots)


def main() -> int:
    importer = TrainingDataImporter.load_from_config(
        config_path="config.yml", domain_path="domain.yml", training_data_paths=["data"]
    )
    validator = Validator.from_importer(importer)
    form_slots = [(form, slot) for form, spec in validator.domain.forms.items()
                  for slot in spec.get("required_slots", [])]
    topics = answered_by_code(validator)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        checks = [
            validator.verify_domain_validity(),
            validator.verify_actions_in_stories_rules(),
            validator.verify_forms_in_stories_rules(),
            validator.verify_form_slots(),
            validator.verify_slot_mappings(),
            validator.verify_intents_in_stories(True),
            validator.verify_utterances_in_stories(True),
            validator.verify_story_structure(True, max_history=5),
            validator.verify_nlu(True),
        ]
    problems = [str(w.message) for w in caught
                if issubclass(w.category, UserWarning)
                and not is_expected(str(w.message), form_slots, topics)]
    for problem in problems:
        print(f"WARNING: {problem}", file=sys.stderr)
    if not all(checks) or problems:
        print(f"Data validation failed ({len(problems)} warnings).", file=sys.stderr)
        return 1
    print("Data validation passed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
