"""Near misses named by their own words: another 共済, insurance, pension or tax matter.

A message that names one of these and neither of our schemes is declined politely with where to
ask (`action_out_of_scope`), whatever topic the classifier saw in its other words.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Optional

from actions.schemes import detect_scheme, names_scheme

OTHER_THINGS = re.compile(
    r"県民共済|都民共済|府民共済|道民共済|こくみん共済|全労済|JA共済|農協の共済|共済組合|火災共済|福祉共済|自動車共済"
    r"|中退共|中小企業退職金共済|建退共|特退共|労災|労働保険|雇用保険|社会保険料|健康保険|国民年金|厚生年金"
    r"|経営者保険|生命保険料控除|生命保険の|医療保険|取引信用保険"  # not 倒産保険: visitors call セーフティ that
    r"|予定納税|中間申告|配偶者控除|扶養控除|医療費控除|住宅ローン控除|ふるさと納税|青色申告特別控除|寡婦控除"
    r"|貸倒損失|貸倒引当|債権届出|自己破産|償却資産"  # not 民事再生/破産: kinds of 倒産 (X21)
    r"|小規模宅地|相続税の|贈与税|運転免許|マイナンバー|インボイス|消費税の"
    r"|補助金|助成金|経営相談|事業承継|日本政策金融公庫|政策金融公庫|信用保証協会|セーフティネット保証",
    re.IGNORECASE,
)
# Pensions visitors compare with 小規模企業共済: declined unless the message compares or combines them.
COMPARABLE = re.compile(r"iDeCo|イデコ|いでこ|確定拠出年金|国民年金基金|付加年金", re.IGNORECASE)
COMPARING = re.compile(r"併用|両方|一緒に|同時|どっち|どちら|比べ|違い|ちがい|と共済|共済と")


def other_matter(text: Optional[str]) -> bool:
    """True when the message is about another 共済, insurance, pension or tax matter, not ours."""
    folded = unicodedata.normalize("NFKC", text or "")
    other = bool(OTHER_THINGS.search(folded)) or (bool(COMPARABLE.search(folded)) and not COMPARING.search(folded))
    return other and not names_scheme(folded) and detect_scheme(folded) is None
