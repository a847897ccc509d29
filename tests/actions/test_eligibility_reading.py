"""Reading the checker's answers from the visitor's own message, and the verdicts they settle."""
import pytest

from actions.eligibility_reading import eligibility_reply, read_situation


@pytest.mark.parametrize("text, scheme, expected", [
    ("小売店で従業員6人、入れる？", "shokibo", {"elig_industry": "commerce", "elig_employees": "6"}),
    ("小売店で従業員6人、入れる？", "safety", {"elig_industry": "retail", "elig_employees": "6"}),
    ("工務店で社員１５人の会社の社長です", "shokibo",
     {"elig_industry": "general", "elig_employees": "15", "elig_role": "officer"}),
    ("うちは個人で八百屋、パートさん含めて従業員が6人", "safety",
     {"elig_industry": "retail", "elig_employees": "6", "elig_entity_type": "sole"}),
    ("NPO法人の理事です", "shokibo", {"elig_role": "nonprofit"}),
    ("NPO法人の理事です", "safety", {"elig_entity_type": "excluded"}),
    ("開業して半年でも入れる？", "safety", {"elig_years": "no"}),
    ("創業10年、株式会社で資本金1000万円、社員120人のサービス業", "safety",
     {"elig_industry": "service", "elig_employees": "120", "elig_entity_type": "company",
      "elig_capital": "1000", "elig_years": "yes"}),
    ("従業員5〜6人の飲食店", "shokibo", {"elig_industry": "service"}),
    ("一人でやっている美容室です", "shokibo", {"elig_industry": "service", "elig_employees": "0"}),
    ("加入できますか", "shokibo", {}),
])
def test_reads_what_the_message_says(text, scheme, expected):
    assert read_situation(text, scheme) == expected


def test_head_count_over_the_limit_settles_shokibo_for_any_role():
    reply = eligibility_reply("小売業で従業員6人ですが加入できますか", None)
    shokibo, safety = reply.split("\n\n")[:2]
    assert "加入条件を満たしていません" in shokibo and "5人以下" in shokibo and "個人事業主" not in shokibo
    assert "加入できる条件を満たしています" in safety and "1年以上事業を行っている場合" in safety


def test_named_scheme_answers_only_that_scheme_and_too_little_says_nothing():
    assert eligibility_reply("開業して半年です。セーフティ入れる？", "safety").startswith("【経営セーフティ共済】")
    assert "【小規模企業共済】" not in eligibility_reply("開業して半年です。セーフティ入れる？", "safety")
    assert eligibility_reply("小規模企業共済に入れますか", None) is None


@pytest.mark.parametrize("text, scheme, expected", [
    ("開業1年未満、従業員3人の小売店", "safety", {"elig_years": "no", "elig_industry": "retail", "elig_employees": "3"}),
    ("パート3人と社員10人の小売店", "shokibo", {"elig_industry": "commerce"}),
    ("NPOではなく株式会社です", "safety", {"elig_entity_type": "company"}),
])
def test_negations_ranges_and_several_counts(text, scheme, expected):
    assert read_situation(text, scheme) == expected
