"""A small valid project (domain, NLU, responses, rules, titles) that tests break one way at a time."""
from pathlib import Path
from typing import Callable, Dict, Tuple

import pytest


def examples(*texts: str) -> str:
    """A `examples: |` body, one line per text."""
    return "".join(f"    - {t}\n" for t in texts)


FILES: Dict[str, str] = {
    "domain.yml": """version: "3.1"
intents:
  - greet
  - ask_fee
  - ask_more
  - choose_scheme
entities:
  - scheme
slots:
  scheme:
    type: text
    mappings:
      - type: from_entity
        entity: scheme
actions:
  - action_answer
  - action_answer_more
responses:
  utter_greet:
    - text: "こんにちは。"
""",
    "data/nlu/topics.yml": 'version: "3.1"\n\nnlu:\n'
    "- intent: greet\n  examples: |\n"
    + examples(*[f"こんにちは{i}" for i in range(10)])
    + "\n- intent: ask_fee\n  examples: |\n"
    + examples(*[f"手数料はいくら{i}" for i in range(10)])
    + "\n- intent: ask_more\n  examples: |\n"
    + examples(*[f"詳しく{i}" for i in range(10)])
    + "\n- intent: choose_scheme\n  examples: |\n"
    + examples(*[f"小規模企業共済{i}" for i in range(10)]),
    "data/responses/topics.yml": """version: "3.1"
responses:
  # ask_fee
  utter_ask_fee_shokibo:
    - text: "小規模企業共済の手数料はかかりません。\\n共済相談室 050-5541-7171 にお問い合わせください。"
      buttons:
        - title: "詳しく"
          payload: "/ask_more"
        - title: "経営セーフティ共済では"
          payload: '/choose_scheme{{"scheme":"safety"}}'

  utter_ask_fee_shokibo_detail:
    - text: "【手数料（詳しく）】\\nhttps://www.smrj.go.jp/kyosai/index.html"

  utter_ask_fee_safety:
    - text: "経営セーフティ共済の手数料もかかりません。"
""",
    "data/rules/rules.yml": """version: "3.1"
rules:
  - rule: greet
    steps:
      - intent: greet
      - action: utter_greet
  - rule: answer ask_fee
    steps:
      - intent: ask_fee
      - action: action_answer
  - rule: more
    steps:
      - intent: ask_more
      - action: action_answer_more
  - rule: scheme
    steps:
      - intent: choose_scheme
      - action: action_answer
""",
    "actions/intent_titles.yml": "ask_fee: 手数料\n",
}

Edit = Tuple[str, str, str]  # (file, old text, new text)


@pytest.fixture
def make_project(tmp_path: Path) -> Callable[..., Path]:
    """Writes the small project with some edits applied; each edit's old text must be there."""

    def make(*edits: Edit) -> Path:
        files = dict(FILES)
        for file, old, new in edits:
            assert old in files.get(file, ""), f"{old!r} not in {file}"
            files[file] = files[file].replace(old, new, 1)
        for name, text in files.items():
            path = tmp_path / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
        return tmp_path

    return make
