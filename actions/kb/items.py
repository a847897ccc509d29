"""Knowledge items (data/kb/*.yml): one per question a visitor asks, with its answer per scheme.

Pure Python + PyYAML, so content staff can check a file without the bot environment:
    python3 -m actions.kb.items data/kb/premiums.yml
"""
from __future__ import annotations

import os
import re
import sys
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional, Tuple

import yaml

SHOKIBO, SAFETY, BOTH = "shokibo", "safety", "both"
ANSWER_KEYS = (SHOKIBO, SAFETY, BOTH)
OUT_OF_SCOPE = "out_of_scope"  # topic of an item that declines a near-miss question
# KNOWLEDGE_DIR points the action server at another copy (tests that edit items live).
KB_DIR = Path(os.environ.get("KNOWLEDGE_DIR") or Path(__file__).resolve().parents[2] / "data" / "kb")
MIN_QUESTIONS = 3
MAX_TITLE_CHARS = 20
MAX_BUTTONS = 3
ITEM_ID = re.compile(r"^[a-z0-9_]{3,60}$")
FACT_ID = re.compile(r"^(?:[CSTHX]\d{2}|seed)$")


class ItemError(ValueError):
    """A problem in a knowledge file, with the file and item it is in (message in Japanese)."""


@dataclass(frozen=True)
class Item:
    """One question and its answer; `answers` maps shokibo/safety/both to the text."""

    id: str
    topic: str
    title: str
    facts: Tuple[str, ...]
    questions: Tuple[str, ...]
    answers: Mapping[str, str]
    details: Mapping[str, str] = field(default_factory=dict)
    buttons: Tuple[Mapping[str, str], ...] = ()
    source: str = ""
    line: int = 0

    @property
    def schemes(self) -> Tuple[str, ...]:
        """The schemes this item answers for (both for a common answer)."""
        if BOTH in self.answers:
            return (SHOKIBO, SAFETY)
        return tuple(s for s in (SHOKIBO, SAFETY) if s in self.answers)

    @property
    def declines(self) -> bool:
        """True for a near-miss item that declines and says where to ask."""
        return self.topic == OUT_OF_SCOPE

    def answer_for(self, scheme: Optional[str]) -> Optional[str]:
        """The answer for a scheme, the common answer, or None when the scheme must be asked."""
        if BOTH in self.answers:
            return self.answers[BOTH]
        if scheme in self.answers:
            return self.answers[scheme]
        if len(self.answers) == 1:
            return next(iter(self.answers.values()))
        return None

    def detail_for(self, scheme: Optional[str]) -> Optional[str]:
        """The 「詳しく」 text for a scheme, if the item has one."""
        return self.details.get(BOTH) or self.details.get(scheme or "") or (
            next(iter(self.details.values())) if len(self.details) == 1 else None)


@dataclass(frozen=True)
class KnowledgeBase:
    """All items, by id, in file order."""

    items: Tuple[Item, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_id", {item.id: item for item in self.items})

    def get(self, item_id: Optional[str]) -> Optional[Item]:
        """The item with this id, or None."""
        return self._by_id.get(item_id or "")  # type: ignore[attr-defined]


def _texts(raw: Any, where: str, name: str) -> Dict[str, str]:
    """An answer field: a string (common answer) or a mapping scheme → text."""
    if isinstance(raw, str):
        raw = {BOTH: raw}
    if not isinstance(raw, dict) or not raw:
        raise ItemError(f"{where}: {name} は文字列か、shokibo / safety / both ごとの文字列にしてください")
    unknown = set(raw) - set(ANSWER_KEYS)
    if unknown:
        raise ItemError(f"{where}: {name} に使えるのは shokibo / safety / both だけです（{sorted(map(str, unknown))}）")
    if BOTH in raw and len(raw) > 1:
        raise ItemError(f"{where}: {name} の both は、shokibo / safety と一緒には使えません")
    for key, text in raw.items():
        if not isinstance(text, str) or not text.strip():
            raise ItemError(f"{where}: {name} の {key} が空です")
    return {key: text.strip() for key, text in raw.items()}


def _strings(raw: Any, where: str, name: str) -> Tuple[str, ...]:
    """A list of non-empty strings."""
    if not isinstance(raw, list) or not all(isinstance(x, (str, int)) and str(x).strip() for x in raw):
        raise ItemError(f"{where}: {name} は文字列のリストにしてください")
    return tuple(str(x).strip() for x in raw)


def parse_item(raw: Any, source: str, line: int = 0) -> Item:
    """Checks one item's fields and builds it; raises ItemError with a Japanese message."""
    where = f"{source}:{line}" if line else source
    if not isinstance(raw, dict):
        raise ItemError(f"{where}: 項目は「id: …」から始まる形にしてください")
    item_id = str(raw.get("id", ""))
    where = f"{where} ({item_id or 'id なし'})"
    if not ITEM_ID.match(item_id):
        raise ItemError(f"{where}: id は半角の英小文字・数字・_ で 3〜60 文字にしてください")
    unknown = set(raw) - {"id", "topic", "title", "facts", "questions", "answer", "detail", "buttons"}
    if unknown:
        raise ItemError(f"{where}: 知らない欄があります: {sorted(map(str, unknown))}")
    topic, title = str(raw.get("topic") or ""), str(raw.get("title") or "").strip()
    if not topic:
        raise ItemError(f"{where}: topic（インテント名）がありません")
    if not title or len(title) > MAX_TITLE_CHARS:
        raise ItemError(f"{where}: title（ボタンの文字）は 1〜{MAX_TITLE_CHARS} 文字にしてください")
    facts = _strings(raw.get("facts"), where, "facts")
    bad = [f for f in facts if not FACT_ID.match(f)]
    if not facts or bad:
        raise ItemError(f"{where}: facts には facts.md の番号（S21 など）か seed を書いてください {bad}")
    questions = _strings(raw.get("questions"), where, "questions")
    if len(questions) < MIN_QUESTIONS:
        raise ItemError(f"{where}: questions（質問の例）を {MIN_QUESTIONS} つ以上書いてください")
    answers = _texts(raw.get("answer"), where, "answer")
    details = _texts(raw["detail"], where, "detail") if raw.get("detail") is not None else {}
    if set(details) - set(answers) - {BOTH}:
        raise ItemError(f"{where}: detail の制度が answer にありません")
    buttons = raw.get("buttons") or []
    if not isinstance(buttons, list) or len(buttons) > MAX_BUTTONS or not all(
        isinstance(b, dict) and set(b) == {"title", "payload"} for b in buttons
    ):
        raise ItemError(f"{where}: buttons は title と payload の組を {MAX_BUTTONS} つまでにしてください")
    return Item(item_id, topic, title, facts, questions, answers, details,
                tuple({"title": str(b["title"]), "payload": str(b["payload"])} for b in buttons),
                source, line)


class _LineLoader(yaml.SafeLoader):
    """A YAML loader that records each mapping's line, so errors point at the item."""


def _mapping_with_line(loader: yaml.SafeLoader, node: yaml.MappingNode) -> Dict[str, Any]:
    mapping = loader.construct_mapping(node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping_with_line)


def load_file(path: Path) -> List[Item]:
    """The items of one file (a mapping with `items:`)."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)  # noqa: S506
    except yaml.YAMLError as error:
        raise ItemError(f"{path.name}: YAML の書き方に誤りがあります: {error}") from None
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise ItemError(f"{path.name}: ファイルは「items:」で始めてください")
    items = []
    for raw in data["items"]:
        line = raw.pop("__line__", 0) if isinstance(raw, dict) else 0
        for key in ("answer", "detail"):
            if isinstance(raw, dict) and isinstance(raw.get(key), dict):
                raw[key].pop("__line__", None)
        for button in (raw.get("buttons") or []) if isinstance(raw, dict) else []:
            if isinstance(button, dict):
                button.pop("__line__", None)
        items.append(parse_item(raw, path.name, line))
    return items


def kb_files(directory: Path = KB_DIR) -> List[Path]:
    """The knowledge files, in name order."""
    return sorted(directory.glob("*.yml"))


def load_kb(paths: Iterable[Path]) -> KnowledgeBase:
    """All items of the files; ids must be unique across files."""
    items: List[Item] = []
    seen: Dict[str, str] = {}
    for path in paths:
        for item in load_file(path):
            if item.id in seen:
                raise ItemError(f"{item.source}:{item.line}: id「{item.id}」は {seen[item.id]} にもあります")
            seen[item.id] = f"{item.source}:{item.line}"
            items.append(item)
    return KnowledgeBase(tuple(items))


def normalise(text: str) -> str:
    """Width- and case-folded text, for comparing phrasings."""
    return " ".join(unicodedata.normalize("NFKC", text).lower().split())


def main(argv: List[str]) -> int:
    """Checks the given knowledge files (default: all of data/kb/) and prints a summary."""
    paths = [Path(p) for p in argv] or kb_files()
    try:
        kb = load_kb(paths)
    except ItemError as error:
        print(f"エラー: {error}")
        return 1
    print(f"OK: {len(kb.items)} 項目（{', '.join(p.name for p in paths)}）")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
