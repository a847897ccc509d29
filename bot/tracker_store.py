"""SQL tracker store that masks personal data before anything is written.

User texts (and the parse data's text and entity values) pass through `bot.pii.mask`; slots that
hold identity data are stored only in the encrypted form the actions give them, never in clear.
"""
from __future__ import annotations

import contextlib
import json
from typing import Any, Dict, Generator

from rasa.core.tracker_store import SQLTrackerStore, ensure_schema_exists
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

from bot.pii import MASK, mask

ENCRYPTED_PREFIX = "enc:"  # actions.sealed.PREFIX
PROTECTED_SLOTS = ("identity_contract", "identity_birthday", "contract_token")


def masked_event(data: Dict[str, Any]) -> Dict[str, Any]:
    """A copy of a serialised event with personal data masked."""
    data = json.loads(json.dumps(data))
    if data.get("event") == "user":
        data["text"] = mask(data.get("text") or "")
        parse = data.get("parse_data") or {}
        if "text" in parse:
            parse["text"] = mask(parse["text"] or "")
        for entity in parse.get("entities") or []:
            if isinstance(entity.get("value"), str):
                entity["value"] = mask(entity["value"])
    elif data.get("event") == "slot" and data.get("name") in PROTECTED_SLOTS:
        value = data.get("value")
        if value is not None and not str(value).startswith(ENCRYPTED_PREFIX):
            data["value"] = MASK
    return data


class TrackerStoreError(RuntimeError):
    """A database error for one conversation; the server keeps running."""


class MaskingSQLTrackerStore(SQLTrackerStore):
    """SQLTrackerStore whose stored events never contain raw personal data."""

    @contextlib.contextmanager
    def session_scope(self) -> Generator[Any, None, None]:
        """Like Rasa's, but a ValueError (e.g. text the database cannot encode) fails this request
        instead of calling `sys.exit` for the whole server, as Rasa 3.6 does."""
        session = self.sessionmaker()
        try:
            ensure_schema_exists(session)
            yield session
        except ValueError as error:
            session.rollback()
            raise TrackerStoreError(type(error).__name__) from None
        finally:
            session.close()

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Stores the tracker's new events, masked."""
        await self.stream_events(tracker)
        with self.session_scope() as session:
            for event in self._additional_events(session, tracker):
                data = masked_event(event.as_dict())
                intent = data.get("parse_data", {}).get("intent", {}).get(INTENT_NAME_KEY)
                session.add(
                    self.SQLEvent(
                        sender_id=tracker.sender_id,
                        type_name=event.type_name,
                        timestamp=data.get("timestamp"),
                        intent_name=intent,
                        action_name=data.get("name"),
                        data=json.dumps(data),
                    )
                )
            session.commit()
