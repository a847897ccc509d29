"""A bound on Rasa's calls to the action server.

Rasa 3.6 waits up to 300 s for a custom action (`rasa.core.actions.action.DEFAULT_REQUEST_TIMEOUT`,
not configurable in endpoints.yml), so one frozen action server would hold every conversation.
Past the bound the action fails, Rasa logs it and carries on, and the channel answers with
`bot.channels.trouble` instead of an empty reply.
"""
from __future__ import annotations

import os
from typing import Optional

import rasa.core.actions.action as rasa_action

ENV_NAME = "ACTION_TIMEOUT_SECONDS"
DEFAULT_SECONDS = 3.0


def install(seconds: Optional[float] = None) -> float:
    """Sets the bound (argument, else $ACTION_TIMEOUT_SECONDS, else 3 s) and returns it."""
    value = seconds if seconds is not None else float(os.environ.get(ENV_NAME) or DEFAULT_SECONDS)
    if value <= 0:
        raise ValueError(f"{ENV_NAME} must be positive")
    rasa_action.DEFAULT_REQUEST_TIMEOUT = value  # type: ignore[assignment]
    return value
