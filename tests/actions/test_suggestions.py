"""「もしかして」 candidates from the intent ranking."""
import asyncio

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.suggestions import TITLES, ActionSuggest, suggestions


def test_every_title_fits_a_quick_reply():
    assert all(len(title) <= 20 for title in TITLES.values())


def test_picks_up_to_three_known_intents_above_the_floor():
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.5},
        {"name": "ask_tax", "confidence": 0.4},
        {"name": "greet", "confidence": 0.3},
        {"name": "ask_tax_filing", "confidence": 0.35},
        {"name": "ask_certificate", "confidence": 0.2},
        {"name": "ask_loan", "confidence": 0.15},
        {"name": "ask_enrol", "confidence": 0.05},
    ]
    assert suggestions(ranking) == ["ask_tax", "ask_tax_filing", "ask_certificate"]


def run(ranking, text="税金のこと"):
    dispatcher = CollectingDispatcher()
    latest = {"intent": {"name": "nlu_fallback"}, "intent_ranking": ranking, "text": text}
    asyncio.run(ActionSuggest().run(dispatcher, Tracker("u", {}, latest, [], False, None, {},
                                                        "action_listen"), {}))
    return dispatcher.messages[0]


def test_offers_buttons_and_a_way_out():
    message = run([{"name": "ask_tax", "confidence": 0.4}])
    assert message["text"].startswith("もしかして")
    assert [b["payload"] for b in message["buttons"]] == ["/ask_tax", "/out_of_scope"]


def test_gives_up_with_the_call_centre_when_nothing_fits():
    message = run([{"name": "greet", "confidence": 0.9}])
    assert "050-5541-7171" in message["text"] and not message["buttons"]


def test_a_message_that_names_nothing_gets_no_guesses():
    for text in ("あれどうなった", "例のやつ", "で？"):
        message = run([{"name": "ask_certificate", "confidence": 0.45}], text)
        assert "050-5541-7171" in message["text"] and not message["buttons"], text
