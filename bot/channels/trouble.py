"""The reply a channel gives itself when the assistant produced nothing for a message.

That happens when an action fails or the action server does not answer in time
(`bot.action_timeout`): the user gets an apology and the call centre instead of silence.
"""
from __future__ import annotations

from actions.clock import now_jst
from actions.contact import contact_text

TROUBLE_INTRO = (
    "申し訳ありません。ただいま回答を準備できませんでした。\n"
    "少し時間をおいて、もう一度お送りください。"
)


def trouble_text() -> str:
    """The apology with the call centre's number and today's hours."""
    return f"{TROUBLE_INTRO}\n\n{contact_text(now_jst())}"
