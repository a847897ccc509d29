"""Line-level edits of the YAML data: replace one response or one intent's examples.

Everything outside the edited lines (comments, blank lines, quoting) stays byte for byte,
so an import that changes one answer shows as a one-answer diff.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, List, Sequence, Tuple

from ruamel.yaml.scalarstring import LiteralScalarString

Buttons = Tuple[Tuple[str, str], ...]  # (title, payload) pairs
Variations = Tuple[Tuple[str, Buttons], ...]  # (text, buttons) per variation


@dataclass(frozen=True)
class Edit:
    """Replace lines [start, end) (0-based) with `lines`; start == end inserts."""

    start: int
    end: int
    lines: Tuple[str, ...]


def apply_edits(text: str, edits: Sequence[Edit]) -> str:
    """The text with non-overlapping edits applied (bottom-up, so positions stay valid)."""
    lines = text.split("\n")
    for edit in sorted(edits, key=lambda e: (e.start, e.end), reverse=True):
        lines[edit.start:edit.end] = list(edit.lines)
    return "\n".join(lines)


def quote(value: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(value, ensure_ascii=False)


def quote_payload(payload: str) -> str:
    """Payloads with JSON inside are single-quoted, as in the existing files."""
    if '"' in payload:
        return "'" + payload.replace("'", "''") + "'"
    return quote(payload)


def render_response(name: str, variations: Variations, indent: int) -> Tuple[str, ...]:
    """A response in the project's style, its key indented by `indent` spaces."""
    pad = " " * indent
    lines = [f"{pad}{name}:"]
    for text, buttons in variations:
        lines.append(f"{pad}  - text: {quote(text)}")
        if buttons:
            lines.append(f"{pad}    buttons:")
        for title, payload in buttons:
            lines.append(f"{pad}      - title: {quote(title)}")
            lines.append(f"{pad}        payload: {quote_payload(payload)}")
    return tuple(lines)


def response_span(lines: List[str], document: Any, name: str) -> Tuple[int, int]:
    """Lines [start, end) of a response: its key to its last line, without trailing blanks/comments."""
    responses = document["responses"]
    names = list(responses)
    start = responses.lc.key(name)[0]
    position = names.index(name)
    if position + 1 < len(names):
        end = responses.lc.key(names[position + 1])[0]
    else:
        keys = list(document)
        after = keys[keys.index("responses") + 1:]
        end = document.lc.key(after[0])[0] if after else len(lines)
    while end > start + 1 and (not lines[end - 1].strip() or lines[end - 1].lstrip().startswith("#")):
        end -= 1
    return start, end


def indent_of(line: str) -> int:
    """Leading spaces of a line."""
    return len(line) - len(line.lstrip(" "))


def replace_response(lines: List[str], document: Any, name: str, variations: Variations) -> Edit:
    """Rewrites one response in place."""
    start, end = response_span(lines, document, name)
    return Edit(start, end, render_response(name, variations, indent_of(lines[start])))


def delete_response(lines: List[str], document: Any, name: str) -> Edit:
    """Removes one response and the blank line that separated it."""
    start, end = response_span(lines, document, name)
    if start > 0 and not lines[start - 1].strip() and (end >= len(lines) or not lines[end].strip()):
        start -= 1
    return Edit(start, end, ())


def insert_responses(lines: List[str], document: Any, after: str,
                     new: Sequence[Tuple[str, Variations]]) -> Edit:
    """Adds responses right after the response `after`, each preceded by a blank line."""
    start, end = response_span(lines, document, after)
    added: List[str] = []
    for name, variations in new:
        added += ["", *render_response(name, variations, indent_of(lines[start]))]
    return Edit(end, end, tuple(added))


def examples_span(block: Any) -> Tuple[int, int]:
    """Lines [start, end) holding an NLU block's `examples: |` body."""
    examples = block["examples"]
    if not isinstance(examples, LiteralScalarString):
        raise ValueError("examples are not a `|` block")
    first = block.lc.value("examples")[0] + 1
    body = examples.rstrip("\n")
    return first, first + (len(body.split("\n")) if body else 0)


def replace_examples(lines: List[str], block: Any, texts: Sequence[str]) -> Edit:
    """Rewrites an intent's examples, keeping the block's indentation."""
    start, end = examples_span(block)
    pad = " " * (indent_of(lines[start]) if end > start else block.lc.col + 2)
    return Edit(start, end, tuple(f"{pad}- {text}" for text in texts))
