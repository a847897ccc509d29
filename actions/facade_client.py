"""HTTP client for the contract façade (api/): the action server's only way to contract data.

Every call has a 3-second budget; a façade that is down, slow or answering 5xx raises
FacadeUnavailable so that the bot can offer the other channels instead.
"""
from __future__ import annotations

import asyncio
import hashlib
import hmac
import os
from dataclasses import dataclass
from typing import Any, Dict, Optional, Tuple

import aiohttp

TIMEOUT_SECONDS = 2.0  # under Rasa's 3-s bound on the whole action (bot/action_timeout.py)


class FacadeUnavailable(Exception):
    """The façade did not answer usefully in time."""


class VerificationFailed(Exception):
    """The contract number, CD and birth date did not match (or the contract is locked)."""


class TooManyAttempts(Exception):
    """The façade's rate limit for this conversation was hit."""


class ContractTokenExpired(Exception):
    """The contract token is no longer valid: the holder must verify again."""


@dataclass
class ReissueResult:
    """Outcome of a reissue request: accepted (new or repeated) or refused with a reason."""

    accepted: bool
    repeated: bool = False
    reference: Optional[str] = None
    reason: Optional[str] = None


def client_id(sender_id: str, secret: str) -> str:
    """Keyed hash of the conversation id, sent as X-Client-Id (never the raw id)."""
    return hmac.new(secret.encode(), sender_id.encode(), hashlib.sha256).hexdigest()[:32]


class FacadeClient:
    """Calls the façade with the service token; one instance per request is fine."""

    def __init__(self, base_url: str, service_token: str, timeout: float = TIMEOUT_SECONDS) -> None:
        self.base_url = base_url.rstrip("/")
        self.service_token = service_token
        self.timeout = aiohttp.ClientTimeout(total=timeout)

    @classmethod
    def from_env(cls) -> "FacadeClient":
        """FACADE_URL (default http://127.0.0.1:8000) and FACADE_SERVICE_TOKEN."""
        return cls(os.environ.get("FACADE_URL", "http://127.0.0.1:8000"),
                   os.environ.get("FACADE_SERVICE_TOKEN", ""))

    async def _call(self, method: str, path: str, token: Optional[str] = None,
                    sender_id: Optional[str] = None, **kwargs: Any) -> Tuple[int, Dict[str, Any]]:
        headers = {"Authorization": f"Bearer {self.service_token}"}
        if token:
            headers["X-Contract-Token"] = token
        if sender_id:
            headers["X-Client-Id"] = client_id(sender_id, self.service_token)
        try:
            async with aiohttp.ClientSession(timeout=self.timeout) as session:
                async with session.request(method, self.base_url + path, headers=headers,
                                           **kwargs) as response:
                    body = await response.json(content_type=None)
                    status = response.status
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
            raise FacadeUnavailable(type(error).__name__) from None
        if status >= 500 or not isinstance(body, dict):
            raise FacadeUnavailable(f"HTTP {status}")
        if token and status == 401:
            raise ContractTokenExpired()
        return status, body

    async def verify(self, sender_id: str, contract_number: str, check_digit: str,
                     birth_month_day: str) -> str:
        """A contract token for the holder, or VerificationFailed / TooManyAttempts."""
        status, body = await self._call(
            "POST", "/v1/verify", sender_id=sender_id,
            json={"contract_number": contract_number, "check_digit": check_digit,
                  "birth_month_day": birth_month_day},
        )
        if status == 200:
            return body["token"]
        if status == 429:
            raise TooManyAttempts()
        if status in (401, 422):
            raise VerificationFailed()
        raise FacadeUnavailable(f"HTTP {status}")

    async def _get(self, path: str, token: str, **params: Any) -> Dict[str, Any]:
        status, body = await self._call("GET", path, token=token, params=params)
        if status != 200:
            raise FacadeUnavailable(f"HTTP {status}")
        return body

    async def contract(self, token: str) -> Dict[str, Any]:
        """Contract summary (scheme, status, premium, interval, enrolment, address change)."""
        return await self._get("/v1/contract", token)

    async def payments(self, token: str, as_of: str) -> Dict[str, Any]:
        """Last and next debit, arrears with re-debit dates, prepaid balance."""
        return await self._get("/v1/contract/payments", token, as_of=as_of)

    async def certificate(self, token: str, year: int, as_of: str) -> Dict[str, Any]:
        """Certificate status for a year."""
        return await self._get(f"/v1/contract/certificates/{year}", token, as_of=as_of)

    async def figures(self, token: str, as_of: str) -> Dict[str, Any]:
        """Months and premiums paid, and this year's amount to declare (X30)."""
        return await self._get("/v1/contract/figures", token, as_of=as_of)

    async def reissue(self, token: str, year: int, idempotency_key: str) -> ReissueResult:
        """Requests a certificate reissue; the same key returns the same reference."""
        status, body = await self._call(
            "POST", "/v1/contract/reissue-requests", token=token,
            json={"year": year, "idempotency_key": idempotency_key},
        )
        if status in (200, 201):
            return ReissueResult(True, repeated=status == 200, reference=body["reference"])
        if status == 409:
            return ReissueResult(False, reason=body.get("reason"))
        raise FacadeUnavailable(f"HTTP {status}")
