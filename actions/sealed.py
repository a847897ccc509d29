"""Encrypts identity data kept in slots, so the tracker store only ever holds ciphertext.

The key is derived from FACADE_SERVICE_TOKEN (a secret the action server already needs).
"""
from __future__ import annotations

import base64
import hashlib
import hmac
import os
from typing import Optional

from cryptography.fernet import Fernet, InvalidToken

PREFIX = "enc:"  # bot.tracker_store refuses to store protected slots without it
KEY_LABEL = b"kyosai-assistant/slot-encryption/v1"


def _fernet() -> Fernet:
    secret = os.environ.get("FACADE_SERVICE_TOKEN", "")
    if len(secret) < 16:
        raise RuntimeError("FACADE_SERVICE_TOKEN (16+ characters) must be set for the action server.")
    key = hmac.new(secret.encode(), KEY_LABEL, hashlib.sha256).digest()
    return Fernet(base64.urlsafe_b64encode(key))


def seal(value: str) -> str:
    """The value encrypted for storage in a slot."""
    return PREFIX + _fernet().encrypt(value.encode()).decode()


def unseal(value: Optional[str]) -> Optional[str]:
    """The clear value of a sealed slot, or None if absent or unreadable (e.g. key rotated)."""
    if not value or not value.startswith(PREFIX):
        return None
    try:
        return _fernet().decrypt(value[len(PREFIX):].encode()).decode()
    except InvalidToken:
        return None
