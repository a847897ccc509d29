"""Near misses that name another 共済, insurance or tax matter are declined; ours are not."""
import pytest

from actions.scope import other_matter


@pytest.mark.parametrize("text, declined", [
    ("県民共済の割戻金はいつ？", True),
    ("中退共の掛金は経費になる？", True),
    ("売掛金の貸倒損失はいつ計上できる？", True),
    ("取引先が民事再生、共済金貸付を受けられる？", False),  # a term only セーフティ has
    ("所得税の予定納税を減額したい", True),
    ("中退共と小規模企業共済の違いは？", False),   # one of ours is named
    ("取引先が倒産した。いくら借りられる？", False),
    ("倒産保険の掛金は経費になる？", False),        # what visitors call セーフティ
    ("掛金払込証明書はいつ届く？", False),
])
def test_other_matters(text, declined):
    assert other_matter(text) is declined
