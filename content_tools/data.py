"""The assistant's content (domain, NLU examples, responses, rules, stories) with file and line.

Everything is read with ruamel.yaml's round-trip loader, which remembers where each
item stands, so the linter and the spreadsheet import can name file and line.
Lines are 1-based, paths relative to the project root.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterator, List, Optional, Set, Tuple

from ruamel.yaml import YAML
from ruamel.yaml.scalarstring import LiteralScalarString

DOMAIN_FILE = "domain.yml"
DATA_DIR = "data"
ANNOTATION = re.compile(r"\[([^\]]+)\](?:\([^)]*\)|\{[^}]*\})")


@dataclass(frozen=True)
class Place:
    """A line in a project file."""

    file: str
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class Example:
    """One NLU training example."""

    intent: str
    text: str
    place: Place

    @property
    def plain(self) -> str:
        """The example without entity annotations: [小規模](scheme) -> 小規模."""
        return ANNOTATION.sub(r"\1", self.text)


@dataclass(frozen=True)
class Button:
    """A button under a response; place is the payload's line."""

    title: str
    payload: str
    place: Place


@dataclass(frozen=True)
class Variation:
    """One variation of a response (the text one message shows)."""

    text: str
    buttons: Tuple[Button, ...]
    place: Place
    keys: Tuple[str, ...]
    block: bool = False

    def place_of(self, offset: int) -> Place:
        """The line of the character at `offset` in the text (a `|` block spans lines)."""
        if not self.block:
            return self.place
        return Place(self.place.file, self.place.line + 1 + self.text.count("\n", 0, offset))


@dataclass(frozen=True)
class Response:
    """A named response with its variations."""

    name: str
    place: Place
    variations: Tuple[Variation, ...]


@dataclass(frozen=True)
class Turn:
    """A user turn in a rule or story and the action that follows it (if any)."""

    intent: str
    action: Optional[str]
    place: Place


@dataclass
class Content:
    """Everything the linter and the spreadsheet need, from one project folder."""

    root: Path
    domain_intents: Dict[str, Place] = field(default_factory=dict)
    entities: Set[str] = field(default_factory=set)
    slots: Set[str] = field(default_factory=set)
    examples: List[Example] = field(default_factory=list)
    intent_blocks: Dict[str, List[Place]] = field(default_factory=dict)
    responses: Dict[str, Response] = field(default_factory=dict)
    turns: List[Turn] = field(default_factory=list)

    def examples_of(self, intent: str) -> List[Example]:
        """The intent's examples in file order."""
        return [e for e in self.examples if e.intent == intent]


def read_yaml(path: Path) -> Any:
    """Loads a YAML file with positions (ruamel round-trip)."""
    return YAML(typ="rt").load(path.read_text(encoding="utf-8"))


def data_files(root: Path) -> List[Path]:
    """domain.yml and every YAML file under data/, in a stable order."""
    found = [p for p in (root / DATA_DIR).rglob("*") if p.suffix in (".yml", ".yaml")]
    return [root / DOMAIN_FILE] + sorted(found)


def relative(root: Path, path: Path) -> str:
    """A project-relative path with forward slashes."""
    return path.relative_to(root).as_posix()


def key_place(file: str, mapping: Any, key: Any) -> Place:
    """Where a mapping key stands."""
    return Place(file, mapping.lc.key(key)[0] + 1)


def item_place(file: str, sequence: Any, index: int) -> Place:
    """Where a sequence item stands."""
    return Place(file, sequence.lc.item(index)[0] + 1)


def load_content(root: Path) -> Content:
    """Reads domain.yml and data/ under `root`."""
    content = Content(root=root)
    for path in data_files(root):
        if not path.exists():
            continue
        document = read_yaml(path)
        if not isinstance(document, dict):
            continue
        file = relative(root, path)
        if path.name == DOMAIN_FILE and path.parent == root:
            _read_domain(content, file, document)
        _read_nlu(content, file, document.get("nlu") or [])
        _read_responses(content, file, document.get("responses") or {})
        for section in ("rules", "stories"):
            for flow in document.get(section) or []:
                _read_steps(content, file, flow.get("steps") or [])
    return content


def _read_domain(content: Content, file: str, domain: Any) -> None:
    intents = domain.get("intents") or []
    for index, entry in enumerate(intents):
        name = next(iter(entry)) if isinstance(entry, dict) else str(entry)
        content.domain_intents[name] = item_place(file, intents, index)
    for entry in domain.get("entities") or []:
        content.entities.add(next(iter(entry)) if isinstance(entry, dict) else str(entry))
    content.slots.update((domain.get("slots") or {}).keys())


def _read_nlu(content: Content, file: str, blocks: Any) -> None:
    for block in blocks:
        if not isinstance(block, dict) or "intent" not in block:
            continue
        intent = str(block["intent"])
        content.intent_blocks.setdefault(intent, []).append(key_place(file, block, "intent"))
        for text, place in _examples(file, block):
            content.examples.append(Example(intent, text, place))


def _examples(file: str, block: Any) -> Iterator[Tuple[str, Place]]:
    """(text, place) for a block's examples, whether a `|` string or a list of dicts."""
    examples = block.get("examples")
    if isinstance(examples, str):
        first = block.lc.value("examples")[0] + 2
        for offset, line in enumerate(examples.split("\n")):
            stripped = line.strip()
            if stripped.startswith("- "):
                yield stripped[2:].strip(), Place(file, first + offset)
    elif isinstance(examples, list):
        for index, item in enumerate(examples):
            text = item.get("text") if isinstance(item, dict) else item
            if text:
                yield str(text).strip(), item_place(file, examples, index)


def _read_responses(content: Content, file: str, responses: Any) -> None:
    for name, variations in responses.items():
        read = tuple(_variation(file, v) for v in variations or [] if isinstance(v, dict))
        content.responses[str(name)] = Response(str(name), key_place(file, responses, name), read)


def _variation(file: str, variation: Any) -> Variation:
    text = variation.get("text")
    place = key_place(file, variation, "text") if "text" in variation else Place(file, variation.lc.line + 1)
    buttons = variation.get("buttons") or []
    return Variation(
        text=str(text or ""),
        buttons=tuple(
            Button(str(b.get("title", "")), str(b.get("payload", "")),
                   key_place(file, b, "payload") if "payload" in b else item_place(file, buttons, i))
            for i, b in enumerate(buttons) if isinstance(b, dict)
        ),
        place=place,
        keys=tuple(str(k) for k in variation.keys()),
        block=isinstance(text, LiteralScalarString),
    )


def _read_steps(content: Content, file: str, steps: Any) -> None:
    for index, step in enumerate(steps):
        if not isinstance(step, dict):
            continue
        following = steps[index + 1] if index + 1 < len(steps) else None
        action = following.get("action") if isinstance(following, dict) else None
        alternatives = step.get("or") if isinstance(step.get("or"), list) else [step]
        for alternative in alternatives:
            if isinstance(alternative, dict) and alternative.get("intent"):
                place = item_place(file, steps, index)
                content.turns.append(Turn(str(alternative["intent"]), action, place))
