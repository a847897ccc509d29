"""config.yml runs the pipeline chosen by measurement (docs/nlu-pipeline.md)."""
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
CHOSEN = ROOT / "scripts" / "pipelines" / "sudachi_ginza_vectors_hiragana_small.yml"


def test_production_pipeline_is_the_chosen_candidate():
    production = yaml.safe_load((ROOT / "config.yml").read_text())
    chosen = yaml.safe_load(CHOSEN.read_text())
    assert production["pipeline"] == chosen["pipeline"]
    assert production["language"] == "ja"
