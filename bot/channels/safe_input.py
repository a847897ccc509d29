"""Checks every public channel applies before input reaches Rasa.

Rasa 3.6's SQL tracker store turns any ValueError raised while it talks to the database
(a lone UTF-16 surrogate cannot be encoded; PostgreSQL refuses NUL) into `sys.exit`, so
identifiers with such characters are refused here and message texts are cleaned.
"""
from __future__ import annotations

import json
import re
from typing import Any, Text

MAX_METADATA_BYTES = 2048
INVALID_JSON_MESSAGE = "リクエスト本文が正しい JSON（UTF-8）ではありません。"

_SURROGATES = re.compile("[\ud800-\udfff]")
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")  # in texts: all but tab and newlines
_NOT_IN_IDS = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")


class RequestError(ValueError):
    """A request a channel refuses: a stable code and a message for the client."""

    def __init__(self, code: Text, message: Text) -> None:
        super().__init__(message)
        self.code = code


def load_json(body: bytes) -> Any:
    """The parsed body; RequestError for bad UTF-8, bad JSON, huge numbers or deep nesting."""
    try:
        return json.loads(body.decode("utf-8"))
    except (ValueError, RecursionError):  # JSONDecodeError, UnicodeDecodeError, int digits
        raise RequestError("invalid_json", INVALID_JSON_MESSAGE) from None


def clean_text(text: Text) -> Text:
    """The text with lone surrogates replaced (U+FFFD) and control characters but tab/newline removed."""
    return _CONTROLS.sub("", _SURROGATES.sub("\ufffd", text))


def is_safe_id(value: Text) -> bool:
    """True for an identifier that every store can keep: no surrogates, no control characters."""
    return not _NOT_IN_IDS.search(value)


def check_metadata(metadata: Any) -> None:
    """Raises RequestError unless metadata is a small JSON object with storable text."""
    if metadata is None:
        return
    if not isinstance(metadata, dict):
        raise RequestError("invalid_metadata", "metadata は JSON オブジェクトにしてください。")
    encoded = json.dumps(metadata, ensure_ascii=False)
    if _SURROGATES.search(encoded) or "\\u0000" in encoded:
        raise RequestError("invalid_metadata", "metadata に使えない文字が含まれています。")
    if len(encoded.encode("utf-8")) > MAX_METADATA_BYTES:
        raise RequestError("invalid_metadata",
                           f"metadata は {MAX_METADATA_BYTES:,} バイト以内にしてください。")
