"""Knowledge answers, the scheme question and the eligibility checker over REST."""
from tests.integration.rest_client import Chat, payloads


def test_question_for_both_schemes_gets_both_answers_then_one(stack):
    chat = Chat(stack.rasa_url)
    both = chat.text_of("税金の扱いはどうなりますか")
    assert "【小規模企業共済】" in both and "【経営セーフティ共済】" in both
    assert "小規模企業共済等掛金控除" in chat.text_of("小規模企業共済のほうです")


def test_scheme_question_then_follow_up_with_a_computed_debit_date(stack):
    chat = Chat(stack.rasa_url)
    asked = chat.say("/ask_tax")  # the topic without words: which scheme?
    assert "どちらの制度" in asked[0]["text"]
    assert '/choose_scheme{"scheme":"shokibo"}' in payloads(asked)
    answer = chat.text_of('/choose_scheme{"scheme":"shokibo"}')
    assert "小規模企業共済等掛金控除" in answer
    follow_up = chat.text_of("それの引き落とし日は？")
    assert "毎月18日" in follow_up and "12月18日(金)" in follow_up  # pinned to 2026-11-24


def test_scheme_named_in_the_question_is_answered_directly(stack):
    answer = Chat(stack.rasa_url).text_of("倒産防止共済の掛金は経費になりますか")
    assert "損金" in answer and "必要経費" in answer


def test_more_detail_on_request(stack):
    chat = Chat(stack.rasa_url)
    chat.say("小規模企業共済の掛金の控除について教えて")
    assert "詳しく" in chat.text_of("詳しく")


def test_eligibility_checker_over_rest(stack):
    chat = Chat(stack.rasa_url)
    first = chat.text_of("うちの会社は倒産防止共済に入れますか")
    assert "事業の形態" in first
    assert "1年以上" in chat.text_of("会社")
    assert "業種" in chat.text_of("1年以上")
    assert "従業員" in chat.text_of("小売業")
    assert "資本金" in chat.text_of("80人")
    verdict = chat.text_of("3000万円")
    assert "加入できる条件を満たしています" in verdict and "資本金" in verdict


def test_eligibility_checker_can_be_stopped(stack):
    chat = Chat(stack.rasa_url)
    chat.say("加入できるか診断してほしい")
    assert "中止" in chat.text_of("やめる")
    assert chat.text_of("こんにちは").startswith("こんにちは")


def test_scheme_only_terms_and_elliptical_follow_ups(stack):
    chat = Chat(stack.rasa_url)
    certificate = chat.text_of("掛金払込証明書はいつ届きますか")
    assert "11月〜12月初旬" in certificate and "どちらの制度" not in certificate
    assert "等掛金控除" in chat.text_of("小規模企業共済の掛金は経費になりますか")
    for follow_up in ("じゃあセーフティは？", "倒産防止のほうは？"):
        assert "法人なら損金" in chat.text_of(follow_up), follow_up
