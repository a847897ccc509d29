"""The masking tracker store: nothing personal is written, conversations still load."""
import asyncio
import sqlite3

from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from bot.tracker_store import MaskingSQLTrackerStore, masked_event

DOMAIN = Domain.from_yaml("""
version: "3.1"
slots:
  identity_contract:
    type: text
    mappings: [{type: custom}]
  scheme:
    type: text
    mappings: [{type: custom}]
""")


def user(text: str) -> UserUttered:
    return UserUttered(text, intent={"name": "check_contract", "confidence": 0.9},
                       entities=[{"entity": "x", "value": text, "start": 0, "end": len(text)}],
                       parse_data={"text": text})


def test_user_text_parse_data_and_entities_are_masked():
    data = masked_event(user("番号は1234567-89です").as_dict())
    assert data["text"] == "番号は＊＊＊です"
    assert data["parse_data"]["text"] == "番号は＊＊＊です"
    assert data["parse_data"]["entities"][0]["value"] == "番号は＊＊＊です"
    assert data["parse_data"]["intent"]["name"] == "check_contract"


def test_protected_slots_keep_only_sealed_values():
    assert masked_event(SlotSet("identity_contract", "1234567-89").as_dict())["value"] == "＊＊＊"
    assert masked_event(SlotSet("identity_contract", "enc:abc").as_dict())["value"] == "enc:abc"
    assert masked_event(SlotSet("scheme", "shokibo").as_dict())["value"] == "shokibo"


def test_saved_conversation_is_masked_on_disk_and_loads_again(tmp_path):
    db = tmp_path / "tracker.db"
    store = MaskingSQLTrackerStore(domain=DOMAIN, host=f"sqlite:///{db}")
    tracker = DialogueStateTracker.from_events("u1", [
        ActionExecuted("action_listen"), user("1234567-89 0401"),
        SlotSet("identity_contract", "1234567-89"), BotUttered("ご本人確認ができました。"),
    ])
    asyncio.run(store.save(tracker))
    with sqlite3.connect(db) as conn:
        raw = " ".join(row[0] for row in conn.execute("SELECT data FROM events"))
    assert "1234567" not in raw and "0401" not in raw
    loaded = asyncio.run(store.retrieve("u1"))
    assert [e.as_dict()["event"] for e in loaded.events][-3:] == ["user", "slot", "bot"]
    assert loaded.latest_message.text == "＊＊＊"


def test_a_sender_id_the_database_cannot_encode_fails_the_request_not_the_server(tmp_path):
    """Rasa 3.6 turns this ValueError into sys.exit; the store raises an ordinary error."""
    import pytest

    from bot.tracker_store import TrackerStoreError

    store = MaskingSQLTrackerStore(domain=DOMAIN, host=f"sqlite:///{tmp_path / 'tracker.db'}")
    tracker = DialogueStateTracker.from_events("\ud800", [ActionExecuted("action_listen")])
    with pytest.raises(TrackerStoreError):
        asyncio.run(store.save(tracker))
    with pytest.raises(TrackerStoreError):
        asyncio.run(store.retrieve("\ud800"))
    good = DialogueStateTracker.from_events("u2", [ActionExecuted("action_listen"), user("こんにちは")])
    asyncio.run(store.save(good))
    assert asyncio.run(store.retrieve("u2")).latest_message.text == "こんにちは"
