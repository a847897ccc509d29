"""docs/answers.md names the sources of every response the bot can send."""
import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def response_names() -> set:
    """Every response defined in the domain and in data/responses/."""
    names = set()
    for path in [ROOT / "domain.yml", *sorted((ROOT / "data" / "responses").glob("*.yml"))]:
        document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        names |= set(document.get("responses") or {})
    return names


def documented_sources() -> dict:
    """response name -> the 'rests on' (last) cell of the table row that names it."""
    sources = {}
    for line in (ROOT / "docs" / "answers.md").read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("| ") and len(cells) >= 3:
            for name in re.findall(r"\butter_\w+", cells[0]):
                sources[name] = cells[-1]
    return sources


def test_every_response_has_its_sources_in_docs_answers():
    sources = documented_sources()
    missing = sorted(name for name in response_names() if not sources.get(name))
    assert not missing, f"add these to docs/answers.md with their fact IDs: {missing}"


def test_docs_answers_lists_no_response_that_does_not_exist():
    assert not sorted(set(documented_sources()) - response_names())
