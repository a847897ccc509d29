"""What the bot sends for a knowledge item: its text for a scheme (or both) and its buttons."""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Dict, List, Mapping, Optional

from actions.kb.items import BOTH, SAFETY, SHOKIBO, Item
from actions.schemes import SCHEME_NAMES

# Both schemes' answers go in one message when together they fit a phone screen with buttons
# (360 px: about 17 full-width characters a line; content_tools/lint.py has the same budget).
PHONE_CHARS_PER_LINE = 17
MAX_COMBINED_LINES = 20  # about one 390×844 screen of chat text
MAX_BUTTONS = 4
MORE_BUTTON = {"title": "詳しく", "payload": "/ask_more"}
ITEM_PAYLOAD_PREFIX = "item:"


@dataclass(frozen=True)
class Reply:
    """A message: text and quick replies; `scheme` is the scheme answered for (None: both/common)."""

    text: str
    buttons: List[Dict[str, str]]
    scheme: Optional[str]


def item_payload(item_id: str, scheme: Optional[str] = None) -> str:
    """The button payload that asks for an item (and optionally a scheme)."""
    entities = {"item": item_id, **({"scheme": scheme} if scheme else {})}
    return "/choose_item" + json.dumps(entities, ensure_ascii=False, separators=(",", ":"))


def button_payload(raw: str) -> str:
    """A button payload as written by content staff: `item:<id>` or an intent payload."""
    if raw.startswith(ITEM_PAYLOAD_PREFIX):
        return item_payload(raw[len(ITEM_PAYLOAD_PREFIX):].strip())
    return raw


def fill(text: str, variables: Mapping[str, str]) -> str:
    """Fills {placeholders} with this year's dates; unknown names stay, lines left empty go."""
    for name, value in variables.items():
        text = text.replace("{" + name + "}", value)
    return "\n".join(line for line in text.split("\n") if line.strip())


def phone_lines(text: str) -> int:
    """Lines the text takes on a 360 px phone."""
    return sum(max(1, math.ceil(len(line) / PHONE_CHARS_PER_LINE)) for line in text.split("\n"))


def _headed(scheme: str, text: str) -> str:
    return f"【{SCHEME_NAMES[scheme]}】\n{text}"


def _buttons(item: Item, scheme: Optional[str], has_detail: bool) -> List[Dict[str, str]]:
    """詳しく, the other scheme's answer, then the item's own next steps (at most four)."""
    buttons = [dict(MORE_BUTTON)] if has_detail else []
    if scheme and BOTH not in item.answers and len(item.answers) == 2:
        other = SAFETY if scheme == SHOKIBO else SHOKIBO
        buttons.append({"title": f"{SCHEME_NAMES[other]}の場合", "payload": item_payload(item.id, other)})
    buttons += [{"title": b["title"], "payload": button_payload(b["payload"])} for b in item.buttons]
    return buttons[:MAX_BUTTONS]


def compose(item: Item, scheme: Optional[str], variables: Mapping[str, str]) -> Optional[Reply]:
    """The reply for an item; None when the scheme must be asked first (both answers too long)."""
    if BOTH in item.answers:
        text = fill(item.answers[BOTH], variables)
        return Reply(text, _buttons(item, None, bool(item.details)), None)
    if scheme in item.answers or len(item.answers) == 1:
        chosen = scheme if scheme in item.answers else next(iter(item.answers))
        text = _headed(chosen, fill(item.answers[chosen], variables))
        return Reply(text, _buttons(item, chosen, item.detail_for(chosen) is not None), chosen)
    parts = [_headed(s, fill(item.answers[s], variables)) for s in (SHOKIBO, SAFETY)]
    text = "\n\n".join(parts)
    if phone_lines(text) > MAX_COMBINED_LINES:
        return None
    return Reply(text, _buttons(item, None, bool(item.details)), None)


def compose_detail(item: Item, scheme: Optional[str], variables: Mapping[str, str]) -> Optional[str]:
    """The 「詳しく」 text of an item for a scheme (both, headed, when the scheme is open)."""
    if scheme is None and len(item.details) == 2:
        return "\n\n".join(_headed(s, fill(item.details[s], variables)) for s in (SHOKIBO, SAFETY))
    detail = item.detail_for(scheme)
    return fill(detail, variables) if detail else None
