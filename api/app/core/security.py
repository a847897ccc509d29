"""Keyed hashes for log/audit references and signed, expiring contract tokens."""

import base64
import datetime as dt
import hashlib
import hmac
import secrets

from app.core.config import Settings

_TOKEN_VERSION = "v1"


def _derived_key(settings: Settings, purpose: str) -> bytes:
    """Derive a purpose-specific key from the service token."""
    secret = settings.facade_service_token.get_secret_value().encode()
    return hmac.new(secret, purpose.encode(), hashlib.sha256).digest()


def _keyed_ref(settings: Settings, value: str) -> str:
    """HMAC-SHA256 of a value as 64 hex characters."""
    key = _derived_key(settings, "ref")
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def contract_ref(settings: Settings, contract_number: str) -> str:
    """Reference that stands for a contract number in attempts, audit entries and logs."""
    return _keyed_ref(settings, f"contract:{contract_number}")


def client_ref(settings: Settings, client_id: str) -> str:
    """Reference that stands for a client id (hashed conversation id or remote address)."""
    return _keyed_ref(settings, f"client:{client_id}")


def texts_equal(given: str, expected: str) -> bool:
    """Constant-time comparison of two strings."""
    return hmac.compare_digest(given.encode(), expected.encode())


def _b64(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _signature(settings: Settings, payload: str) -> str:
    key = _derived_key(settings, "contract-token")
    return _b64(hmac.new(key, payload.encode(), hashlib.sha256).digest())


def issue_contract_token(
    settings: Settings, contract_id: int, now: dt.datetime
) -> tuple[str, dt.datetime]:
    """Return an opaque token for the contract and its expiry time."""
    expires_at = now + dt.timedelta(seconds=settings.facade_token_ttl_seconds)
    payload = _b64(f"{contract_id}:{int(expires_at.timestamp())}:{secrets.token_hex(8)}".encode())
    return f"{_TOKEN_VERSION}.{payload}.{_signature(settings, payload)}", expires_at


def read_contract_token(settings: Settings, token: str, now: dt.datetime) -> int | None:
    """Return the contract id of a valid, unexpired token, otherwise None."""
    parts = token.split(".")
    if len(parts) != 3 or parts[0] != _TOKEN_VERSION:
        return None
    _, payload, signature = parts
    if not texts_equal(signature, _signature(settings, payload)):
        return None
    try:
        contract_id, expires, _nonce = _unb64(payload).decode().split(":")
        if now.timestamp() >= int(expires):
            return None
        return int(contract_id)
    except ValueError:
        return None
