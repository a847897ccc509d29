"""Guard rows that serialise verification attempts per contract ref and per client ref.

Taking a guard writes its row, so the transaction holds that row's lock (PostgreSQL) or the
database write lock (SQLite) until it commits or rolls back; concurrent attempts wait.
"""

import datetime as dt
from collections.abc import Callable
from typing import Any

from sqlalchemy import update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from app.models import VerificationGuard

_INSERTS: dict[str, Callable[[Any], Any]] = {
    "postgresql": postgresql.insert,
    "sqlite": sqlite.insert,
}


def take_guard(session: Session, ref: str, now: dt.datetime) -> None:
    """Create the ref's guard row if missing, then update it to lock it until commit."""
    insert = _INSERTS[session.get_bind().dialect.name]
    session.execute(
        insert(VerificationGuard)
        .values(ref=ref, updated_at=now)
        .on_conflict_do_nothing(index_elements=[VerificationGuard.ref])
    )
    session.execute(
        update(VerificationGuard)
        .where(VerificationGuard.ref == ref)
        .values(updated_at=now)
        .execution_options(synchronize_session=False)
    )
