"""Search terms of a text for the item ranker: Sudachi lemmas and bigrams of its reading.

Lemmas (split mode A, normalised forms) match 掛け金/掛金 and 申し込み/申込; bigrams of the
hiragana reading match what visitors type in kana or with a wrong kanji (かけきん, 小規模共催).
"""
from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from typing import Any, List, Tuple

from actions.spelling import canonical

# Parts of speech that carry meaning; particles, auxiliaries and symbols are dropped.
CONTENT_POS = {"名詞", "動詞", "形容詞", "形状詞", "副詞", "接尾辞", "接頭辞", "代名詞", "連体詞"}
# Frequent words that say nothing about which question it is.
STOP_LEMMAS = {"する", "ある", "居る", "成る", "為る", "出来る", "こと", "物", "の", "方", "よう", "これ", "それ",
               "ください", "下さる", "いただく", "頂く", "思う", "教える", "知る", "分かる", "良い", "其れ", "此れ",
               "御", "お", "ご", "さん", "様", "私", "うち", "ちょっと", "今", "共済", "制度"}
# Words that point or ask without naming a subject (「あれはいつ」「例のやつ」「どうなった」).
VAGUE_LEMMAS = {"彼れ", "彼の", "其の", "此の", "何", "どう", "いつ", "何時", "例", "奴", "件", "どれ", "どこ", "何処"}
KATAKANA_TO_HIRAGANA = {code: code - 0x60 for code in range(ord("ァ"), ord("ヶ") + 1)}
_NOT_KANA = re.compile(r"[^ぁ-ゖー0-9a-z]")


@lru_cache(maxsize=1)
def _sudachi() -> Tuple[Any, Any]:
    """The Sudachi tokenizer and split mode A, loaded once per process."""
    from sudachipy import dictionary, tokenizer

    return dictionary.Dictionary().create(), tokenizer.Tokenizer.SplitMode.A


def _fold(text: str) -> str:
    """NFKC and lower case, so full-width digits and letters match."""
    return unicodedata.normalize("NFKC", text).lower()


def terms(text: str) -> Tuple[List[str], List[str]]:
    """(content lemmas, reading bigrams) of a text."""
    sudachi, mode = _sudachi()
    lemmas, reading = [], []
    for morpheme in sudachi.tokenize(canonical(_fold(text))[:2000], mode):
        surface = morpheme.surface()
        if not surface.strip():
            continue
        kana = morpheme.reading_form()
        reading.append(kana.translate(KATAKANA_TO_HIRAGANA) if kana != "キゴウ" else "")
        pos = morpheme.part_of_speech()[0]
        lemma = _fold(morpheme.normalized_form())
        if pos in CONTENT_POS and lemma not in STOP_LEMMAS:
            lemmas.append(lemma)
    sound = _NOT_KANA.sub("", "".join(reading))
    return lemmas, [sound[i:i + 2] for i in range(len(sound) - 1)]


def names_a_subject(text: str) -> bool:
    """True when the text has a content word beyond pointers and question words."""
    return any(lemma not in VAGUE_LEMMAS for lemma in terms(text)[0])
