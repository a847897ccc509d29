"""Masking of user texts before the report shows them.

Every user text the report shows goes through `mask_message`, so rows stored before
the masking tracker store existed never show personal data either. This is a local
stand-in; swap its body for the shared PII masker when one exists.
"""
from __future__ import annotations

import re

NUMBER_MASK = "［番号］"
EMAIL_MASK = "［メール］"

# Runs of two or more digits (half- or full-width), possibly split by hyphens, dots or
# spaces: contract numbers, check digits, birthdays, phone numbers, postal codes.
_NUMBER = re.compile(r"[0-9０-９](?:[\s\-‐－ー―.．・]*[0-9０-９])+")
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+[@＠][A-Za-z0-9\-]+(?:[.．][A-Za-z0-9\-]+)+")


def mask_message(text: str) -> str:
    """The text with e-mail addresses and every run of two or more digits replaced."""
    return _NUMBER.sub(NUMBER_MASK, _EMAIL.sub(EMAIL_MASK, text))
