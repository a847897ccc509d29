"""経営セーフティ共済 figures from the visitor's numbers (T10, T17, seed, X20, X22)."""
import pytest

from actions.calculators.answers import figure_reply


@pytest.mark.parametrize("text, expected", [
    ("セーフティを月20万円で掛けたら、何か月で上限に達します？", "40か月（3年4か月）"),
    ("倒産防止、月5万で払ってます。掛止めできるのは掛金総額がいくらから？", "掛金総額200万円以上"),
    ("新規加入で掛金月額10万円・前納12か月分。口座振替にしたら初回の引き落とし額はいくら？", "14か月分、1,400,000円"),
    ("共済金貸付を6000万円借りたら、返済期間は何年？", "一般的には6年"),
    ("共済金貸付で3,000万円借りた場合、返済期間は？", "一般的には5年"),
    ("共済金貸付で7,000万円借りたら返済は何年", "一般的には7年"),
    ("父が亡くなりました。24か月払っていました。解約手当金の支給率は", "90%（みなし解約）"),
    ("36か月払ってるけど、解散で解約になる場合の支給率って何%？", "100%（みなし解約）"),
    ("毎月10万を24か月かけて任意解約、もどりは？", "約2,040,000円"),
    ("掛金総額200万（50か月分）払ってたけど滞納で機構解約になった。戻りはいくら？", "約1,900,000円"),
])
def test_safety_figure(text, expected):
    assert expected in figure_reply([text], "safety")


def test_shokibo_gets_none_of_them():
    assert figure_reply(["月20万円で掛けたら、何か月で上限に達します？"], "shokibo") is None


@pytest.mark.parametrize("text, expected", [
    ("課税所得300万くらい、月2万円にしたら所得税と住民税あわせてどのくらい減りますか", "48,500円"),
    ("かぜいしょとく720まんで、まいつき5まんかけたら税金どんだけへるん？", "190,200円"),
    ("課税所得1000万、毎月上限の7万いれたら年間なんぼ得するん", "367,000円"),
    ("証明書には1月から9月までの掛金として27万円。10月から12月も毎月3万円ずつ。控除額は", "360,000円"),
])
def test_casual_saving_and_declaration_questions(text, expected):
    assert expected in figure_reply([text], None)


@pytest.mark.parametrize("text", [
    "年末調整で戻ってくる額はいくら？60か月、月2万",
    "総額100万、貸付を2000万受けた。解約したらいくら戻る？",
])
def test_no_estimate_from_unrelated_or_impossible_figures(text):
    reply = figure_reply([text], "safety")
    assert reply is None or "-" not in reply


def test_loan_deduction_and_pausing_payments():
    assert "200万円が掛金総額から差し引かれます" in figure_reply(
        ["共済金の貸付を2,000万円受けた場合、掛金総額から差し引かれる金額は？"], "safety")
    assert "320万円以上" in figure_reply(["掛金月額8万円、払込みを止めるには掛金総額がいくら必要？"], "safety")
