"""Runs the recount query of docs/analytics.md, so the documented definition stays true."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Dict

import sqlalchemy as sa

from analytics.report import Period

DOC = Path(__file__).resolve().parents[2] / "docs" / "analytics.md"


def documented_sql() -> str:
    """The SQL block that follows the `analytics-sql` marker."""
    doc = DOC.read_text(encoding="utf-8")
    match = re.search(r"<!-- analytics-sql.*?-->\s*```sql\n(.*?)```", doc, re.S)
    assert match, "docs/analytics.md lost its recount query"
    return match.group(1)


def recount(url: str, period: Period, sender_like: str = "%") -> Dict[str, int]:
    """The documented query's figures for the period."""
    start, end = period.bounds()
    engine = sa.create_engine(url, future=True)
    try:
        with engine.connect() as connection:
            row = connection.execute(sa.text(documented_sql()), {
                "start_epoch": start.timestamp(), "end_epoch": end.timestamp(),
                "sender_like": sender_like,
            }).mappings().one()
    finally:
        engine.dispose()
    return {key: int(value) for key, value in row.items()}
