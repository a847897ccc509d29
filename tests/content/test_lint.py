"""Each linter rule on a fixture that must fail, with the file and line it must name."""
from pathlib import Path
from typing import List

import pytest

from content_tools import lint
from content_tools.data import load_content

NLU = "data/nlu/topics.yml"
RESPONSES = "data/responses/topics.yml"
ROOT = Path(__file__).resolve().parents[2]


def problems(root: Path) -> List[lint.Problem]:
    return lint.lint(load_content(root))


def only_error(root: Path) -> lint.Problem:
    found = [p for p in problems(root) if p.error]
    assert len(found) == 1, [str(p) for p in found]
    return found[0]


def test_the_fixture_is_clean(make_project):
    assert problems(make_project()) == []


def test_the_real_data_has_no_errors():
    assert [str(p) for p in problems(ROOT) if p.error] == []


def test_same_example_under_two_intents_names_both(make_project):
    root = make_project((NLU, "    - 詳しく3\n", "    - てすうりょうは　イクラ0\n"),
                        (NLU, "    - 手数料はいくら0\n", "    - てすうりょうは イクラ0\n"))
    found = [p for p in problems(root) if p.error]
    assert [str(p.place) for p in found] == [f"{NLU}:19", f"{NLU}:35"]
    assert found[0].message == found[1].message
    assert "ask_fee" in found[0].message and "ask_more" in found[0].message


def test_intent_with_fewer_than_ten_examples(make_project):
    root = make_project((NLU, "    - 手数料はいくら9\n", ""))
    problem = only_error(root)
    assert str(problem.place) == f"{NLU}:17"
    assert "9件" in problem.message and str(lint.MIN_EXAMPLES) in problem.message


def test_intent_with_no_rule_and_no_answer(make_project):
    root = make_project(("data/rules/rules.yml", "      - intent: greet\n      - action: utter_greet\n",
                         "      - intent: ask_fee\n      - action: utter_greet\n"),
                        ("domain.yml", "responses:\n  utter_greet:", "responses:\n  utter_hello:"),
                        ("data/rules/rules.yml", "action: utter_greet", "action: utter_hello"))
    problem = only_error(root)
    assert str(problem.place) == "domain.yml:3"
    assert "greet" in problem.message and "答える方法がありません" in problem.message


def test_answers_without_a_rule_are_never_used(make_project):
    root = make_project(("data/rules/rules.yml", "      - intent: ask_fee\n      - action: action_answer\n",
                         "      - intent: greet\n      - action: utter_greet\n"))
    problem = only_error(root)
    assert str(problem.place) == "domain.yml:4" and "ルールがありません" in problem.message


def test_rule_to_action_answer_without_answers(make_project):
    root = make_project((RESPONSES, "utter_ask_fee_safety:", "utter_ask_fees_safety:"),
                        (RESPONSES, "utter_ask_fee_shokibo:", "utter_ask_fees_shokibo:"),
                        (RESPONSES, "utter_ask_fee_shokibo_detail:", "utter_ask_fees_shokibo_detail:"))
    problem = only_error(root)
    assert str(problem.place) == "data/rules/rules.yml:9" and "回答がありません" in problem.message


def test_intent_missing_from_the_domain(make_project):
    root = make_project(("domain.yml", "  - ask_more\n", ""))
    messages = [str(p) for p in problems(root) if p.error]
    assert any(m.startswith(f"{NLU}:30:") and "domain.yml の intents にありません" in m for m in messages)


def test_button_to_an_unknown_intent(make_project):
    root = make_project((RESPONSES, 'payload: "/ask_more"', 'payload: "/ask_moar"'))
    messages = [str(p) for p in problems(root) if p.error]
    assert any(m.startswith(f"{RESPONSES}:8:") and "/ask_moar" in m for m in messages)


def test_button_with_an_unknown_entity(make_project):
    root = make_project((RESPONSES, '{{"scheme":"safety"}}', '{{"plan":"safety"}}'))
    problem = only_error(root)
    assert str(problem.place) == f"{RESPONSES}:10" and "plan" in problem.message


def test_button_with_broken_json(make_project):
    root = make_project((RESPONSES, '{{"scheme":"safety"}}', '{{scheme:safety}}'))
    problem = only_error(root)
    assert str(problem.place) == f"{RESPONSES}:10" and "JSON" in problem.message


def test_more_button_without_a_detailed_answer(make_project):
    root = make_project((RESPONSES, "utter_ask_fee_shokibo_detail:", "utter_ask_fee_safety_detail:"))
    problem = only_error(root)
    assert str(problem.place) == f"{RESPONSES}:8" and "utter_ask_fee_shokibo_detail" in problem.message


@pytest.mark.parametrize("number", ["050-5541-7171X", "0120-123-456", "０３（１２３４）５６７８", "0312345678"])
def test_unknown_phone_number(make_project, number):
    root = make_project((RESPONSES, "共済相談室 050-5541-7171", f"共済相談室 {number}"))
    if number.endswith("X"):
        assert problems(root) == []  # the known number, whatever follows it
        return
    problem = only_error(root)
    assert str(problem.place) == f"{RESPONSES}:5" and "電話番号" in problem.message


def test_known_phone_number_in_full_width_digits(make_project):
    root = make_project((RESPONSES, "共済相談室 050-5541-7171", "共済相談室 ０５０－５５４１－７１７１"))
    assert problems(root) == []


def test_unknown_url(make_project):
    root = make_project((RESPONSES, "https://www.smrj.go.jp/kyosai/index.html",
                         "https://www.smrj.go.jp/kyosai/old.html。"))
    problem = only_error(root)
    assert str(problem.place) == f"{RESPONSES}:13"
    assert "https://www.smrj.go.jp/kyosai/old.html " in problem.message


def test_contact_in_a_block_text_names_its_own_line(make_project):
    root = make_project((RESPONSES, '- text: "経営セーフティ共済の手数料もかかりません。"',
                         "- text: |\n        経営セーフティ共済の手数料もかかりません。\n        電話 03-1234-5678"))
    assert str(only_error(root).place) == f"{RESPONSES}:18"


def test_answer_too_long_for_a_phone(make_project):
    long_text = "あ" * (lint.PHONE_CHARS_PER_LINE * lint.MAX_ANSWER_LINES + 1)
    root = make_project((RESPONSES, "経営セーフティ共済の手数料もかかりません。", long_text))
    problem = only_error(root)
    assert str(problem.place) == f"{RESPONSES}:16" and "長すぎます" in problem.message


def test_detail_answers_may_be_longer(make_project):
    text = "あ" * (lint.PHONE_CHARS_PER_LINE * lint.MAX_ANSWER_LINES + 1)
    assert problems(make_project((RESPONSES, "【手数料（詳しく）】", text))) == []


def test_many_short_lines_count_as_lines(make_project):
    text = "\\n".join(["・短い"] * (lint.MAX_ANSWER_LINES + 1))
    root = make_project((RESPONSES, "経営セーフティ共済の手数料もかかりません。", text))
    assert "長すぎます" in only_error(root).message


def test_button_title_too_long(make_project):
    root = make_project((RESPONSES, 'title: "経営セーフティ共済では"', 'title: "経営セーフティ共済の場合の手数料はどうなりますか"'))
    problem = only_error(root)
    assert str(problem.place) == f"{RESPONSES}:10" and "文字以内" in problem.message


@pytest.mark.parametrize("year", ["2021年", "令和3年", "令和元年", "R3", "Ｒ５", "2024/10/1", "平成三十年"])
def test_hard_coded_year(make_project, year):
    root = make_project((RESPONSES, "手数料もかかりません。", f"手数料は{year}からかかりません。"))
    problem = only_error(root)
    assert str(problem.place) == f"{RESPONSES}:16" and "年が書かれています" in problem.message


@pytest.mark.parametrize("text", ["前年1月〜12月の分", "10月15日まで", "2年を経過する日", "1,000円から",
                                  "2024年10月1日以後に解約", "令和6年（2024年）10月1日以後"])
def test_dates_without_a_year_are_fine(make_project, text):
    assert problems(make_project((RESPONSES, "手数料もかかりません。", text))) == []


def test_placeholder_no_code_fills(make_project):
    root = make_project((RESPONSES, "手数料もかかりません。", "次の振替日は{next_debit}です。"))
    problem = only_error(root)
    assert str(problem.place) == f"{RESPONSES}:16" and "{next_debit}" in problem.message


def test_placeholders_filled_by_code_or_slots_are_fine(make_project):
    root = make_project((RESPONSES, "utter_ask_fee_shokibo_detail:", "utter_ask_debit_date_shokibo:"),
                        (RESPONSES, "手数料もかかりません。", "{scheme}の手数料もかかりません。"),
                        ("domain.yml", "  - greet\n", "  - greet\n  - ask_debit_date\n"))
    messages = [str(p) for p in problems(root)]
    assert not any("差し込み" in m for m in messages)


def test_topic_without_a_title_is_a_warning(make_project):
    root = make_project(("actions/intent_titles.yml", "ask_fee: 手数料\n", "{}\n"))
    found = problems(root)
    assert [(str(p.place), p.error) for p in found] == [("data/rules/rules.yml:9", False)]


def test_intents_handled_by_custom_actions_are_accepted(make_project):
    root = make_project(("data/rules/rules.yml", "      - action: utter_greet\n", "      - action: action_check_contract\n"))
    assert problems(root) == []


def test_cli_exit_code_and_japanese_report(make_project, capsys):
    assert lint.main([str(make_project())]) == 0
    assert "エラーはありません" in capsys.readouterr().out
    assert lint.main([str(make_project((NLU, "    - 手数料はいくら9\n", "")))]) == 1
    out = capsys.readouterr().out
    assert f"{NLU}:17: エラー:" in out and "エラー 1件" in out
