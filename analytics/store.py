"""Reading conversations from the tracker store's `events` table (SQLite or PostgreSQL)."""
from __future__ import annotations

import datetime as dt
import json
import os
from itertools import groupby
from operator import itemgetter
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Tuple

import sqlalchemy as sa
from sqlalchemy.engine import make_url

from analytics.events import Conversation, split_sessions

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_TRACKER_STORE_URL = f"sqlite:///{ROOT / 'var' / 'tracker.db'}"

EVENTS = sa.table(
    "events",
    sa.column("id", sa.Integer),
    sa.column("sender_id", sa.String),
    sa.column("timestamp", sa.Float),
    sa.column("data", sa.Text),
)


class StoreError(RuntimeError):
    """The tracker store cannot be read (message in Japanese, for operators)."""


def tracker_store_url() -> str:
    """TRACKER_STORE_URL, else the local SQLite file `make run` uses."""
    return os.environ.get("TRACKER_STORE_URL") or DEFAULT_TRACKER_STORE_URL


def _engine(url: str) -> sa.engine.Engine:
    """An engine for the URL; a missing SQLite file is an error, not a new empty database."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        if not parsed.database or not Path(parsed.database).exists():
            raise StoreError(f"トラッカーストアのファイルがありません: {parsed.database}")
    return sa.create_engine(url, future=True)


def _senders_active(start: float, end: float, sender_prefix: Optional[str]) -> sa.sql.Select:
    """Senders with any event in [start, end)."""
    query = sa.select(EVENTS.c.sender_id).where(
        EVENTS.c.timestamp >= start, EVENTS.c.timestamp < end
    )
    if sender_prefix:
        query = query.where(EVENTS.c.sender_id.startswith(sender_prefix, autoescape=True))
    return query.distinct()


def _stored_events(url: str, start: float, end: float,
                   sender_prefix: Optional[str]) -> Iterator[Tuple[str, Dict[str, Any]]]:
    """Every event of the active senders, ordered by sender and storage order."""
    active = _senders_active(start, end, sender_prefix).subquery()
    query = (
        sa.select(EVENTS.c.sender_id, EVENTS.c.data)
        .where(EVENTS.c.sender_id.in_(sa.select(active.c.sender_id)))
        .order_by(EVENTS.c.sender_id, EVENTS.c.id)
    )
    engine = _engine(url)
    try:
        with engine.connect() as connection:
            for sender_id, data in connection.execute(query):
                yield sender_id, json.loads(data)
    except sa.exc.OperationalError as error:
        raise StoreError(f"トラッカーストアを読めません（{type(error.orig).__name__}）") from error
    except sa.exc.ProgrammingError as error:
        raise StoreError("トラッカーストアに events テーブルがありません") from error
    finally:
        engine.dispose()


def load_conversations(url: str, start: dt.datetime, end: dt.datetime,
                       sender_prefix: Optional[str] = None) -> List[Conversation]:
    """Conversations whose first event lies in [start, end), whole even if they run past `end`."""
    first, last = start.timestamp(), end.timestamp()
    conversations: List[Conversation] = []
    rows = _stored_events(url, first, last, sender_prefix)
    for sender_id, group in groupby(rows, key=itemgetter(0)):
        for conversation in split_sessions(sender_id, (event for _, event in group)):
            began = conversation.events[0].get("timestamp") or 0
            if first <= began < last:
                conversations.append(conversation)
    return conversations
