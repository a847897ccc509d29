"""Answer-level evaluation against the real stack: what users see, checked against floors.yml.

Starts the façade, the action server and Rasa (SQLite, free ports, pinned clock) once for this
module, runs every set in tests/answers/sets/, prints the summary, writes results/answers/ and
fails when the union or a set falls below its regression floor.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

import pytest
import yaml

from scripts import answer_eval as ev
from scripts import answer_judge as jd
from scripts.stack import DEFAULT_MODEL, Stack, StackConfig, random_secrets

ROOT = Path(__file__).resolve().parents[2]
SETS = Path(os.environ.get("ANSWER_SETS") or ROOT / "tests" / "answers" / "sets")  # another folder: a fresh set
FLOORS = ROOT / "tests" / "answers" / "floors.yml"
OUT = Path(os.environ.get("ANSWER_OUT") or ROOT / "results" / "answers")
PINNED_NOW = "2026-12-02T10:00:00+09:00"  # a Wednesday morning: the call centre is open
PINNED_DAY = PINNED_NOW[:10]


@pytest.fixture(scope="module")
def stack(tmp_path_factory) -> Iterator[Stack]:
    """A running stack for this module, stopped whatever happens."""
    if not DEFAULT_MODEL.exists():
        message = f"no trained model at {DEFAULT_MODEL} (make train)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    workdir = tmp_path_factory.mktemp("answers-stack")
    config = StackConfig.isolated(workdir, extra_env={"ASSISTANT_NOW": PINNED_NOW}, seed_as_of=PINNED_DAY)
    running = Stack(config, random_secrets())
    try:
        running.start()
        yield running
    finally:
        running.stop()


def test_answers_meet_the_floors(stack: Stack, capsys) -> None:
    """Runs every set, prints and writes the report, and checks the regression floors."""
    if not jd.load_sets(SETS):
        pytest.skip(f"no test sets in {SETS}")
    summary, text = ev.run(stack.rasa_url, stack.secrets["RASA_AUTH_TOKEN"], SETS, OUT)
    with capsys.disabled():
        print(f"\n\nAnswer-level evaluation (clock pinned to {PINNED_NOW})\n\n{text}\n"
              f"\nreports: {OUT / 'report.md'}, {OUT / 'report.json'}, {OUT / 'failures.json'}\n")
    floors = yaml.safe_load(FLOORS.read_text(encoding="utf-8")) or {}
    problems = ev.floor_violations(summary, floors)
    assert not problems, "below the regression floors in tests/answers/floors.yml:\n" + "\n".join(problems)
