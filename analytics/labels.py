"""Japanese names for what the report counts (channels, intents, handoff reasons)."""
from __future__ import annotations

from typing import Dict

from actions.suggestions import TITLES

CHANNEL_LABELS: Dict[str, str] = {
    "web": "Webチャット",
    "line": "LINE",
    "rest": "REST API",
    "other": "その他",
}

HANDOFF_LABELS: Dict[str, str] = {
    "action_contact_info": "利用者が担当者（電話）を希望",
    "action_give_up": "質問を理解できなかった",
    "action_suggest": "「もしかして」の候補もなかった",
    "action_out_of_scope": "対象外の質問",
    "action_feedback": "「解決しませんでした」の後",
    "action_answer_more": "「詳しく」の説明がなかった",
}

SELF_SERVICE_LABELS: Dict[str, str] = {
    "summary": "契約内容の表示",
    "certificate_status": "証明書の発送状況",
    "payments": "掛金の払込状況",
    "reissue_accepted": "証明書の再発行受付",
}

# Intents without a 「もしかして」 title (actions/intent_titles.yml covers the rest).
OTHER_INTENT_LABELS: Dict[str, str] = {
    "greet": "あいさつ",
    "goodbye": "終わりのあいさつ",
    "thank": "お礼",
    "bot_challenge": "ボットかどうか",
    "affirm": "はい",
    "deny": "いいえ",
    "out_of_scope": "対象外の質問",
    "choose_scheme": "制度の選択",
    "ask_more": "詳しく",
    "feedback": "解決したかの回答",
    "nlu_fallback": "判定できず（フォールバック）",
}


def intent_label(intent: str) -> str:
    """「掛金の金額 (ask_premium)」, or the bare name for an intent without a title."""
    title = TITLES.get(intent) or OTHER_INTENT_LABELS.get(intent)
    return f"{title} ({intent})" if title else intent or "（不明）"


def handoff_label(action: str) -> str:
    """Why the call centre was shown, from the action that showed it."""
    return HANDOFF_LABELS.get(action) or f"その他（{action or '不明'}）"
