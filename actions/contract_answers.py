"""Answers for contract self-service: the verified holder's request, recovery, and the general
answer a message with figures (or a general 申告額/解約手当金 question) gets first."""
from __future__ import annotations

import datetime as dt
import os
from typing import List, Optional, Text

from rasa_sdk import Tracker
from rasa_sdk.events import EventType, FollowupAction, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions import contract_texts as texts
from actions.facade_client import ContractTokenExpired, FacadeClient, FacadeUnavailable
from actions.holder_figures import OWN_WORDS, declaration_text, refund_text
from actions.kb.compose import item_payload
from actions import knowledge
from actions.knowledge import answer_figure, answer_item, current_scheme, rank_message
from actions.suggestions import SUGGEST_TEXT
from actions.sealed import unseal

IDLE_MINUTES = int(os.environ.get("IDENTITY_IDLE_MINUTES", "5"))
MAX_MINUTES = int(os.environ.get("IDENTITY_MAX_MINUTES", "10"))  # ≤ the façade token's lifetime
FORM_SLOTS = ("identity_contract", "identity_birthday", "identity_failures", "identity_stopped")
IDENTITY_SLOTS = ("contract_token", "identity_verified", "identity_verified_at",
                  "identity_last_used", "reissue_pending", "reissue_year")
OWN_FIGURE_REQUESTS = ("declaration", "refund")
MAX_CHOICES = 3
CONFIRM_BUTTONS = [
    {"title": "はい、申し込む", "payload": "/affirm"},
    {"title": "やめる", "payload": "/deny"},
]


def certificate_year(today: dt.date) -> int:
    """The year whose certificate users need now: this year from October, else last year."""
    return today.year if today.month >= 10 else today.year - 1


def identity_expired(tracker: Tracker, now: dt.datetime) -> bool:
    """True when the verified identity is older than MAX_MINUTES or idle for IDLE_MINUTES."""
    verified_at = tracker.get_slot("identity_verified_at")
    last_used = tracker.get_slot("identity_last_used") or verified_at
    if not verified_at or not unseal(tracker.get_slot("contract_token")):
        return True
    return (now - dt.datetime.fromisoformat(verified_at) > dt.timedelta(minutes=MAX_MINUTES)
            or now - dt.datetime.fromisoformat(last_used) > dt.timedelta(minutes=IDLE_MINUTES))


def forget() -> List[EventType]:
    """Events that drop every piece of identity data."""
    return [SlotSet(slot, None) for slot in FORM_SLOTS + IDENTITY_SLOTS] + [
        SlotSet("identity_verified", False), SlotSet("reissue_pending", False)]


def unavailable(dispatcher: CollectingDispatcher, now: dt.datetime) -> None:
    """Tells the user the contract data cannot be checked now, with the other channels."""
    dispatcher.utter_message(text=f"{texts.UNAVAILABLE}\n\n{texts.other_channels(now)}")


def check_again(dispatcher: CollectingDispatcher, request: Text) -> List[EventType]:
    """The identity has expired: forget it, say so, and start a new check for the request."""
    dispatcher.utter_message(text=texts.EXPIRED)
    return forget() + start_identity_check(request)


def start_identity_check(request: Text) -> List[EventType]:
    """Remembers the request and starts the identity form."""
    return [SlotSet("contract_request", request), FollowupAction("identity_form")]


async def answer(request: Text, token: Text, dispatcher: CollectingDispatcher,
                 now: dt.datetime) -> List[EventType]:
    """Answers a verified holder's request; may raise FacadeUnavailable / ContractTokenExpired."""
    client = FacadeClient.from_env()
    today = now.date().isoformat()
    used = [SlotSet("identity_last_used", now.isoformat())]
    if request == "payments":
        payments = await client.payments(token, today)
        dispatcher.utter_message(text=texts.payments_text(payments), buttons=[
            texts.MENU_BUTTONS[0], texts.MENU_BUTTONS[3]])
        return used + [SlotSet("self_service", "payments")]
    if request in ("declaration", "refund"):
        figures = await client.figures(token, today)
        text = declaration_text(figures) if request == "declaration" else refund_text(figures)
        other = texts.MENU_BUTTONS[5 if request == "declaration" else 4]
        dispatcher.utter_message(text=text, buttons=[other, texts.MENU_BUTTONS[3]])
        return used + [SlotSet("self_service", request)]
    if request in ("certificate_status", "reissue"):
        year = certificate_year(now.date())
        status = await client.certificate(token, year, today)
        if request == "certificate_status":
            buttons = [texts.MENU_BUTTONS[2]] if status["reissuable"] else []
            dispatcher.utter_message(text=texts.certificate_text(status),
                                     buttons=buttons + [texts.MENU_BUTTONS[1], texts.MENU_BUTTONS[3]])
            return used + [SlotSet("self_service", "certificate_status")]
        if not status["reissuable"]:
            refusal = texts.REFUSALS.get(status.get("reissue_refusal") or "", "")
            dispatcher.utter_message(text=f"{texts.certificate_text(status)}\n\n{refusal}".strip(),
                                     buttons=[texts.MENU_BUTTONS[3]])
            return used
        dispatcher.utter_message(text=texts.reissue_question(year), buttons=CONFIRM_BUTTONS)
        return used + [SlotSet("reissue_pending", True), SlotSet("reissue_year", year)]
    contract = await client.contract(token)
    dispatcher.utter_message(text=texts.summary_text(contract), buttons=texts.MENU_BUTTONS)
    return used + [SlotSet("self_service", "summary")]


async def answer_or_recover(request: Text, tracker: Tracker, dispatcher: CollectingDispatcher,
                            now: dt.datetime) -> List[EventType]:
    """answer(), turning an expired token into a new identity check and an outage into routes."""
    try:
        return await answer(request, unseal(tracker.get_slot("contract_token")) or "",
                            dispatcher, now)
    except ContractTokenExpired:
        return check_again(dispatcher, request)
    except FacadeUnavailable:
        unavailable(dispatcher, now)
        return []


def general_answer(dispatcher: CollectingDispatcher, tracker: Tracker, request: Text,
                   verified: bool) -> Optional[List[EventType]]:
    """A 試算 of figures the message gives; for 申告額/解約手当金 not said to be one's own, the
    item that answers it (or the likeliest items), each with an offer to compute one's own."""
    text = tracker.latest_message.get("text") or ""
    if text.startswith("/") or OWN_WORDS.search(text):
        return None  # a button, or a question about one's own contract: the contract answers it
    figure = answer_figure(dispatcher, tracker)
    if figure is not None or verified or request not in OWN_FIGURE_REQUESTS:
        return figure
    own = {"title": texts.OWN_FIGURES_BUTTON, "payload": f"/my_{request}"}
    ranked = rank_message(tracker)
    if knowledge.KNOWLEDGE.get().confident(ranked):
        events = answer_item(dispatcher, ranked[0].item, current_scheme(tracker))
        dispatcher.utter_message(text=texts.OWN_FIGURES_OFFER, buttons=[own])
        return events
    choices = [{"title": s.item.title, "payload": item_payload(s.item.id)}
               for s in ranked if not s.item.declines][:MAX_CHOICES]
    dispatcher.utter_message(text=SUGGEST_TEXT, buttons=choices + [own])
    return []
