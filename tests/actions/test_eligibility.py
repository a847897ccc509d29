"""The eligibility rule table, case by case, and parsing of typed answers."""
import pytest

from actions.eligibility import (
    CHECK,
    ELIGIBLE,
    NOT_ELIGIBLE,
    SHOKIBO_ROLES,
    next_question,
    parse_capital_man,
    parse_choice,
    parse_count,
    verdict,
)


def shokibo(role="owner", industry="general", employees=None):
    return {"scheme": "shokibo", "elig_role": role, "elig_industry": industry,
            "elig_employees": employees}


def safety(entity="company", years="yes", industry="general", employees=None, capital=None):
    return {"scheme": "safety", "elig_entity_type": entity, "elig_years": years,
            "elig_industry": industry, "elig_employees": employees, "elig_capital": capital}


@pytest.mark.parametrize(
    "answers, outcome",
    [
        (shokibo("owner", "general", 20), ELIGIBLE),       # S01: up to 20
        (shokibo("owner", "general", 21), NOT_ELIGIBLE),
        (shokibo("officer", "commerce", 5), ELIGIBLE),     # S02: commerce up to 5
        (shokibo("officer", "commerce", 6), NOT_ELIGIBLE),
        (shokibo("owner", "service", 6), NOT_ELIGIBLE),    # S02: services up to 5
        (shokibo("owner", "lodging", 20), ELIGIBLE),       # S01: lodging/entertainment up to 20
        (shokibo("officer", "professional", 5), ELIGIBLE),  # S03: 士業法人 up to 5
        (shokibo("officer", "professional", 6), NOT_ELIGIBLE),
        (shokibo("co_manager", "general", 3), CHECK),      # S04: conditions to confirm
        (shokibo("employee"), NOT_ELIGIBLE),
        (shokibo("nonprofit"), CHECK),                     # S08 (hedged): not told they qualify
        (shokibo("salaried"), NOT_ELIGIBLE),               # S07 criteria, S08 example
    ],
)
def test_shokibo_rules(answers, outcome):
    assert verdict(answers).outcome == outcome


@pytest.mark.parametrize(
    "answers, outcome",
    [
        (safety(employees=300), ELIGIBLE),                           # T01 general: 300 people
        (safety(employees=301, capital=30000), ELIGIBLE),            # or capital 3億
        (safety(employees=301, capital=30001), NOT_ELIGIBLE),
        (safety(employees=301, capital="unknown"), CHECK),
        (safety(industry="retail", employees=50), ELIGIBLE),         # retail: 50 people
        (safety(industry="retail", employees=51, capital=6000), NOT_ELIGIBLE),
        (safety(industry="wholesale", employees=150, capital=10000), ELIGIBLE),
        (safety(industry="rubber", employees=900), ELIGIBLE),
        (safety(industry="ryokan", employees=201, capital=5000), ELIGIBLE),
        (safety(entity="sole", industry="service", employees=101), NOT_ELIGIBLE),
        (safety(years="no"), NOT_ELIGIBLE),                          # one-year rule
        (safety(entity="excluded"), NOT_ELIGIBLE),                   # T02 医療法人 etc.
        (safety(entity="union"), CHECK),                             # T02 unions
    ],
)
def test_safety_rules(answers, outcome):
    assert verdict(answers).outcome == outcome


def test_verdict_reason_names_the_limit():
    assert "5人以下" in verdict(shokibo("owner", "commerce", 6)).reason
    assert "5,000万円" in verdict(safety(industry="retail", employees=51, capital=6000)).reason


@pytest.mark.parametrize(
    "answers, question",
    [
        ({"scheme": None}, "scheme"),
        ({"scheme": "shokibo"}, "elig_role"),
        ({"scheme": "shokibo", "elig_role": "employee"}, None),  # decided: no more questions
        (shokibo("owner", None), "elig_industry"),
        (shokibo("owner", "general"), "elig_employees"),
        ({"scheme": "safety"}, "elig_entity_type"),
        ({"scheme": "safety", "elig_entity_type": "excluded"}, None),
        (safety(years=None, industry=None), "elig_years"),
        (safety(years="no", industry=None), None),
        (safety(employees=10), None),                 # employees alone qualify: no capital question
        (safety(employees=500), "elig_capital"),
        (safety(entity="sole", employees=500), None),  # individuals have no capital
    ],
)
def test_asks_only_what_is_needed(answers, question):
    assert next_question(answers) == question


@pytest.mark.parametrize(
    "text, count",
    [("3人", 3), ("３", 3), ("従業員は１２名です", 12), ("0人", 0), ("いません", 0),
     ("ふたり", 2), ("たくさん", None), ("", None), ("5〜6人", None), ("５～６名", None),
     ("5か6人", None)],
)
def test_parse_count(text, count):
    assert parse_count(text) == count


@pytest.mark.parametrize(
    "text, man",
    [("3億円", 30000), ("5,000万円", 5000), ("5千万", 5000), ("1億5000万円", 15000),
     ("１０００万", 1000), ("10000000円", 1000), ("800", 800), ("多い", None)],
)
def test_parse_capital(text, man):
    assert parse_capital_man(text) == man


@pytest.mark.parametrize(
    "text, role",
    [("個人事業主", "owner"), ("会社などの役員", "officer"), ("うちの会社の取締役です", "officer"),
     ("共同経営者", "co_manager"), ("妻で家族従業員です", "employee"), ("わからん", None),
     ("医療法人の理事です", "nonprofit"), ("NPO法人の代表", "nonprofit"), ("会社員で副業", "salaried")],
)
def test_parse_role(text, role):
    assert parse_choice("elig_role", text, SHOKIBO_ROLES) == role


@pytest.mark.parametrize(
    "kind, text, labels, key",
    [("shokibo_industry", "飲食店", "shokibo", "service"), ("shokibo_industry", "飲食業", "shokibo", "service"),
     ("safety_industry", "飲食店", "safety", "service"), ("safety_industry", "情報サービス業", "safety", "software"),
     ("elig_entity_type", "特定非営利活動法人", None, "excluded"), ("elig_entity_type", "NPO法人", None, "excluded")],
)
def test_industry_and_entity_keywords(kind, text, labels, key):
    from actions.eligibility import INDUSTRIES, SAFETY_ENTITY_TYPES

    choices = ({k: i.label for k, i in INDUSTRIES[labels].items()} if labels
               else SAFETY_ENTITY_TYPES)
    assert parse_choice(kind, text, choices) == key
