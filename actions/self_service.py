"""Contract self-service: identity check, status answers and certificate reissue via the façade.

Flow: a request intent → action_contract_request, which answers at once when the holder is
verified, else starts identity_form; when the form completes, action_verify_identity asks the
façade and answers the pending request. Identity data lives only in sealed (encrypted) slots.
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa_sdk import Action, FormValidationAction, Tracker
from rasa_sdk.events import EventType, SlotSet
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

from actions import contract_texts as texts
from actions.clock import now_jst
from actions.contract_answers import (
    FORM_SLOTS,
    IDLE_MINUTES,
    answer,
    answer_or_recover,
    certificate_year,
    check_again,
    forget,
    general_answer,
    identity_expired,
    start_identity_check,
    unavailable,
)
from actions.facade_client import (
    ContractTokenExpired,
    FacadeClient,
    FacadeUnavailable,
    TooManyAttempts,
    VerificationFailed,
    client_id,
)
from actions.identity import is_stop, parse_birthday, parse_contract, split_joined
from actions.sealed import seal, unseal

REQUESTS = {
    "check_contract": "summary",
    "my_certificate": "certificate_status",
    "my_payments": "payments",
    "request_reissue": "reissue",
    "my_declaration": "declaration",
    "my_refund": "refund",
}
MAX_FORMAT_FAILURES = 3
MAX_VERIFY_FAILURES = 3


class ActionContractRequest(Action):
    """Answers a contract question, or first asks the holder to prove who they are."""

    def name(self) -> Text:
        return "action_contract_request"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        now = now_jst()
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        request = REQUESTS.get(intent, "summary")
        reset = [SlotSet("reissue_pending", False)]
        general = general_answer(dispatcher, tracker, request, bool(tracker.get_slot("identity_verified")))
        if general is not None:
            return reset + general
        if not tracker.get_slot("identity_verified"):
            if (tracker.get_slot("verify_failures") or 0) >= MAX_VERIFY_FAILURES:
                dispatcher.utter_message(text=f"{texts.TOO_MANY}\n\n{texts.other_channels(now)}")
                return reset
            return reset + start_identity_check(request)
        if identity_expired(tracker, now):
            return check_again(dispatcher, request)
        return reset + [SlotSet("contract_request", request)] + await answer_or_recover(
            request, tracker, dispatcher, now)


class ValidateIdentityForm(FormValidationAction):
    """Reads the contract number + CD and the birth month-day; re-asks, stops, or gives up."""

    def name(self) -> Text:
        return "validate_identity_form"

    async def required_slots(self, domain_slots: List[Text], dispatcher: CollectingDispatcher,
                             tracker: Tracker, domain: DomainDict) -> List[Text]:
        """Nothing more to ask once the user stopped or gave up."""
        return [] if tracker.get_slot("identity_stopped") else ["identity_contract", "identity_birthday"]

    def _failed(self, slot: Text, tracker: Tracker, dispatcher: CollectingDispatcher,
                retry: Text) -> Dict[Text, Any]:
        failures = int(tracker.get_slot("identity_failures") or 0) + 1
        if failures >= MAX_FORMAT_FAILURES:
            dispatcher.utter_message(
                text=f"{texts.GAVE_UP_FORMAT}\n\n{texts.other_channels(now_jst())}")
            return {slot: None, "identity_failures": failures, "identity_stopped": "failures"}
        dispatcher.utter_message(text=retry)
        return {slot: None, "identity_failures": failures}

    def _reply(self, tracker: Tracker, slot: Text, found: bool) -> Dict[Text, Any]:
        """The raw reply, to be validated, when it answers `slot` or (at the start) contains it."""
        text = tracker.latest_message.get("text") or ""
        requested = tracker.get_slot("requested_slot")
        return {slot: text} if requested == slot or (requested is None and found) else {}

    async def extract_identity_contract(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                        domain: DomainDict) -> Dict[Text, Any]:
        text = tracker.latest_message.get("text") or ""
        return self._reply(tracker, "identity_contract", parse_contract(text) is not None)

    async def extract_identity_birthday(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                                        domain: DomainDict) -> Dict[Text, Any]:
        text = tracker.latest_message.get("text") or ""
        together = parse_contract(text) is not None and parse_birthday(text) is not None
        if tracker.get_slot("requested_slot") == "identity_contract" and together:
            return {"identity_birthday": text}
        return self._reply(tracker, "identity_birthday", together)

    async def validate_identity_contract(self, value: Any, dispatcher: CollectingDispatcher,
                                         tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if is_stop(str(value)):
            return {"identity_contract": None, "identity_stopped": "user"}
        contract = parse_contract(str(value))
        if contract is None:
            return self._failed("identity_contract", tracker, dispatcher, texts.RETRY_CONTRACT)
        return {"identity_contract": seal(contract.joined())}

    async def validate_identity_birthday(self, value: Any, dispatcher: CollectingDispatcher,
                                         tracker: Tracker, domain: DomainDict) -> Dict[Text, Any]:
        if is_stop(str(value)):
            return {"identity_birthday": None, "identity_stopped": "user"}
        birthday = parse_birthday(str(value))
        if birthday is None:
            return self._failed("identity_birthday", tracker, dispatcher, texts.RETRY_BIRTHDAY)
        return {"identity_birthday": seal(birthday)}


class ActionVerifyIdentity(Action):
    """Checks the collected identity with the façade, then answers the pending request."""

    def name(self) -> Text:
        return "action_verify_identity"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        now = now_jst()
        reset = [SlotSet(slot, None) for slot in FORM_SLOTS]
        stopped = tracker.get_slot("identity_stopped")
        contract = unseal(tracker.get_slot("identity_contract"))
        birthday = unseal(tracker.get_slot("identity_birthday"))
        if stopped or not contract or not birthday:
            if stopped != "failures":
                dispatcher.utter_message(text=texts.STOPPED)
            return reset
        contract_id = split_joined(contract)
        failures = int(tracker.get_slot("verify_failures") or 0)
        try:
            token = await FacadeClient.from_env().verify(
                tracker.sender_id, contract_id.number, contract_id.check_digit, birthday)
        except VerificationFailed:
            failures += 1
            if failures >= MAX_VERIFY_FAILURES:
                dispatcher.utter_message(text=f"{texts.TOO_MANY}\n\n{texts.other_channels(now)}")
            else:
                dispatcher.utter_message(text=texts.NOT_VERIFIED, buttons=texts.RETRY_BUTTONS)
            return reset + [SlotSet("verify_failures", failures)]
        except TooManyAttempts:
            dispatcher.utter_message(text=f"{texts.TOO_MANY}\n\n{texts.other_channels(now)}")
            return reset + [SlotSet("verify_failures", MAX_VERIFY_FAILURES)]
        except FacadeUnavailable:
            unavailable(dispatcher, now)
            return reset
        dispatcher.utter_message(text=texts.VERIFIED.format(idle=IDLE_MINUTES))
        verified = reset + [
            SlotSet("contract_token", seal(token)), SlotSet("identity_verified", True),
            SlotSet("identity_verified_at", now.isoformat()),
            SlotSet("identity_last_used", now.isoformat()), SlotSet("verify_failures", 0),
        ]
        request = tracker.get_slot("contract_request") or "summary"
        try:
            return verified + await answer(request, token, dispatcher, now)
        except (FacadeUnavailable, ContractTokenExpired):
            unavailable(dispatcher, now)
            return verified


class ActionConfirm(Action):
    """はい/いいえ: sends or drops a pending reissue request; otherwise asks what else."""

    def name(self) -> Text:
        return "action_confirm"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        if not tracker.get_slot("reissue_pending"):
            dispatcher.utter_message(response="utter_anything_else")
            return []
        now = now_jst()
        done = [SlotSet("reissue_pending", False)]
        year = int(tracker.get_slot("reissue_year") or certificate_year(now.date()))
        if (tracker.latest_message.get("intent") or {}).get("name") != "affirm":
            dispatcher.utter_message(text=texts.REISSUE_CANCELLED, buttons=[texts.MENU_BUTTONS[3]])
            return done
        if identity_expired(tracker, now):
            return check_again(dispatcher, "reissue")
        token = unseal(tracker.get_slot("contract_token")) or ""
        client = FacadeClient.from_env()
        key = f"chat-{client_id(tracker.sender_id, client.service_token)[:24]}-{year}"
        try:
            result = await client.reissue(token, year, key)
        except ContractTokenExpired:
            return check_again(dispatcher, "reissue")
        except FacadeUnavailable:
            unavailable(dispatcher, now)
            return done
        used = done + [SlotSet("identity_last_used", now.isoformat())]
        if not result.accepted:
            refusal = texts.REFUSALS.get(result.reason or "", texts.NOT_ACCEPTED)
            dispatcher.utter_message(text=f"{refusal}\n\n{texts.call_centre_text(now)}",
                                     buttons=[texts.MENU_BUTTONS[3]])
            return used
        dispatcher.utter_message(text=texts.reissue_accepted(result.reference or "", result.repeated),
                                 buttons=[texts.MENU_BUTTONS[3]])
        return used + [SlotSet("self_service", "reissue_accepted")]


class ActionForgetIdentity(Action):
    """「終わり」: forgets the verified identity and everything typed for it."""

    def name(self) -> Text:
        return "action_forget_identity"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: DomainDict) -> List[EventType]:
        known = tracker.get_slot("identity_verified") or tracker.get_slot("contract_token")
        dispatcher.utter_message(text=texts.FORGOTTEN if known else texts.NOTHING_TO_FORGET)
        return forget() + [SlotSet("contract_request", None)]
