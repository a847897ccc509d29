"""The real knowledge items (data/kb/): valid, linted clean, and covering every [OFFICIAL] fact."""
import os
from pathlib import Path

import pytest

from actions.kb.items import kb_files, load_kb
from content_tools.data import load_content
from content_tools.lint_kb import fact_statuses, knowledge_items

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def statuses():
    found = fact_statuses(ROOT)
    if found is None:
        if os.environ.get("CI") == "true":
            pytest.fail("../shared/knowledge/facts.md is missing (CI copies ../shared beside the checkout)")
        pytest.skip("../shared/knowledge/facts.md is not beside the checkout")
    return found


def test_every_official_fact_is_cited_by_an_item(statuses):
    cited = {fact for item in load_kb(kb_files()).items for fact in item.facts}
    official = {fact for fact, status in statuses.items() if status == "OFFICIAL"}
    uncited = sorted(official - cited)
    assert not uncited, f"[OFFICIAL] facts no knowledge item cites: {uncited}"


def test_items_pass_the_content_linter(statuses):
    errors = [str(p) for p in knowledge_items(load_content(ROOT)) if p.error]
    assert not errors, "\n".join(errors)


def test_every_kb_file_is_listed_in_the_content_guide():
    guide = (ROOT / "docs" / "content-guide.md").read_text(encoding="utf-8")
    missing = [p.name for p in kb_files() if f"data/kb/{p.name}" not in guide]
    assert not missing, f"list these in docs/content-guide.md section 0: {missing}"
