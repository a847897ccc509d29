"""The 試算 over REST on the real stack: the guided 節税額 calculator, its follow-ups, typed figures,
and the season-aware greeting (clock pinned in conftest.py)."""
from tests.integration.rest_client import Chat, payloads


def test_guided_tax_saving_calculator_and_a_follow_up(stack):
    chat = Chat(stack.rasa_url)
    asked = chat.text_of("節税額を知りたい")
    assert "課税所得" in asked and "年収や売上ではありません" in asked
    assert "年収や売上ではなく" in chat.text_of("年収600万")
    assert "掛金月額" in chat.text_of("４００万円")
    result = chat.say("月3万")
    text = "\n".join(m.get("text") or "" for m in result)
    assert "合計 109,500円" in text and "所得税 72,000円" in text and "住民税 36,000円" in text
    assert '/calc_tax_saving{"monthly":"10000"}' in payloads(result)
    assert "合計 36,500円" in chat.text_of('/calc_tax_saving{"monthly":"10000"}')  # X04: 400万・月1万
    assert "掛金月額7万円" in chat.text_of("月7万なら？")


def test_calculator_can_be_stopped_and_the_bot_goes_on(stack):
    chat = Chat(stack.rasa_url)
    chat.say("節税額を試算したい")
    assert "中止" in chat.text_of("やめる")
    assert "11月" in chat.text_of("掛金払込証明書はいつ届きますか")


def test_typed_figures_are_computed_at_once(stack):
    chat = Chat(stack.rasa_url)
    assert "190,200円" in chat.text_of("課税所得720万円で月5万円なら節税額はいくら？")  # X02 worked example
    refund = chat.text_of("小規模企業共済を月1万円で120か月払ってやめたらいくら戻る？")
    assert "解約手当金" in refund and "試算" in refund


def test_greeting_follows_the_season(stack):
    greeting = Chat(stack.rasa_url).say("/greet")
    titles = [b["title"] for m in greeting for b in m.get("buttons", [])]
    assert titles[0] == "証明書はいつ届く？" and "控除証明書の発送時期" in greeting[0]["text"]  # 24 November
