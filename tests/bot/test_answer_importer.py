"""Editing an answer changes neither the NLU data's fingerprint nor the domain core trains on."""
import shutil
from pathlib import Path

import pytest
from rasa.graph_components.providers.domain_for_core_training_provider import (
    DomainForCoreTrainingProvider,
)
from rasa.shared.importers.importer import TrainingDataImporter

ROOT = Path(__file__).resolve().parents[2]
ANSWER = "utter_ask_tax_shokibo"
DEFAULT_CONFIG = "recipe: default.v1\nlanguage: ja\n"


def load(root: Path, config: Path = None):
    importer = TrainingDataImporter.load_from_config(
        config_path=str(config or root / "config.yml"), domain_path=str(root / "domain.yml"),
        training_data_paths=[str(root / "data")],
    )
    return importer.get_nlu_data("ja"), importer.get_domain()


@pytest.fixture(scope="module")
def projects(tmp_path_factory):
    """The real data, and a copy whose ask_tax answer for 小規模企業共済 reads differently
    (with Rasa's default config beside it, which has no importer)."""
    edited = tmp_path_factory.mktemp("edited")
    for name in ("data", "domain.yml", "config.yml"):
        copy = shutil.copytree if (ROOT / name).is_dir() else shutil.copy
        copy(ROOT / name, edited / name)
    (edited / "default.yml").write_text(DEFAULT_CONFIG)
    path = edited / "data" / "responses" / "tax.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("小規模企業共済の掛金は", "小規模企業共済の掛金（月額）は", 1), encoding="utf-8")
    assert path.read_text(encoding="utf-8") != text
    return ROOT, edited


def test_answers_reach_the_domain_not_the_nlu_data(projects):
    nlu, domain = load(projects[0])
    assert ANSWER in domain.responses and "utter_greet" in domain.responses
    assert nlu.responses == {}
    assert len(nlu.intent_examples) > 1000


def test_an_edited_answer_keeps_nlu_and_core_fingerprints(projects):
    (nlu, domain), (nlu_edited, domain_edited) = load(projects[0]), load(projects[1])
    assert domain.responses[ANSWER] != domain_edited.responses[ANSWER]
    assert nlu.fingerprint() == nlu_edited.fingerprint()
    prune = DomainForCoreTrainingProvider.create_pruned_version
    assert prune(domain).fingerprint() == prune(domain_edited).fingerprint()


def test_without_the_importer_an_edited_answer_changes_the_nlu_fingerprint(projects):
    default = projects[1] / "default.yml"
    nlu, _ = load(projects[0], config=default)
    nlu_edited, _ = load(projects[1], config=default)
    assert nlu.fingerprint() != nlu_edited.fingerprint()
