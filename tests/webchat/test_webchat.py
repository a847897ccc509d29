"""The web chat in headless Chromium against the real stack, on a phone and on a desktop."""
from __future__ import annotations

import json
import re

import pytest
import requests

from scripts.stack import free_port
from tests.webchat.chat_page import WEBHOOK, ChatPage, Forwarder

FEEDBACK_YES = '/feedback{"resolved":"yes"}'
JAPANESE = re.compile(r"[ぁ-んァ-ヶ一-龯]")
CORS = {"Access-Control-Allow-Origin": "*", "Access-Control-Allow-Headers": "Content-Type",
        "Access-Control-Allow-Methods": "POST, OPTIONS"}

DEEP_ACTIVE = """() => {
    let el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    if (!el) return null;
    const style = getComputedStyle(el);
    return {id: el.id, cls: el.className, outline: style.outlineStyle, width: style.outlineWidth};
}"""

CONTRAST = """selectors => {
    const root = document.querySelector('#kyosai-chat').shadowRoot;
    const rgba = c => (c.match(/[\\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => {
        const f = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = el => {
        for (let e = el; e; e = e.parentElement || e.getRootNode().host) {
            const c = rgba(getComputedStyle(e).backgroundColor);
            if (c.length === 3 || (c.length === 4 && c[3] > 0)) return c.slice(0, 3);
        }
        return [255, 255, 255];
    };
    const out = {};
    for (const sel of selectors) {
        const el = root.querySelector(sel);
        if (!el) { out[sel] = null; continue; }
        const [a, b] = [lum(rgba(getComputedStyle(el).color)), lum(background(el))].sort((x, y) => y - x);
        out[sel] = (a + 0.05) / (b + 0.05);
    }
    return out;
}"""


def open_chat(context_factory, chat_stack, kind: str, query: str = "", **overrides) -> ChatPage:
    """A fresh browser context (empty storage) on the standalone page."""
    page = context_factory(kind, **overrides).new_page()
    return ChatPage(page, chat_stack.webchat_url + query).open()


def type_with_ime(chat: ChatPage, text: str) -> None:
    """Japanese input: the Enter that confirms a conversion must not send; the next Enter does."""
    before = len(chat.posts)
    chat.input.fill(text)
    chat.input.dispatch_event("compositionstart", {"data": ""})
    chat.input.dispatch_event("keydown", {"key": "Enter", "code": "Enter", "keyCode": 229,
                                          "isComposing": True, "bubbles": True, "cancelable": True})
    chat.page.wait_for_timeout(300)
    assert len(chat.posts) == before, "the Enter that confirms an IME conversion sent the message"
    assert chat.input.input_value() == text
    chat.input.dispatch_event("compositionend", {"data": text})
    chat.input.press("Enter")


def tracker_user_texts(chat_stack, sender: str):
    reply = requests.get(f"{chat_stack.rasa_url}/conversations/{sender}/tracker",
                         params={"token": chat_stack.secrets["RASA_AUTH_TOKEN"]}, timeout=10)
    assert reply.status_code == 200
    return [e.get("text") or "" for e in reply.json()["events"] if e["event"] == "user"]


def test_conversation_feedback_reload_and_restart(chat_stack, context_factory, device, artifacts):
    chat = open_chat(context_factory, chat_stack, device)

    # First open of a new conversation: "/greet", answered with the greeting; no user bubble.
    chat.wait_bot_count(1)
    assert chat.bot_bubbles().first.text_content().startswith("こんにちは")
    assert chat.messages_sent() == ["/greet"] and chat.user_bubbles().count() == 0
    sender = chat.storage()["sender"]
    assert all(p["input_channel"] == "web" and p["sender"] == sender for p in chat.posts)

    # A question typed with an IME.
    type_with_ime(chat, "こんにちは")
    chat.wait_bot_count(2)
    assert chat.messages_sent()[-1] == "こんにちは"
    assert chat.texts(chat.user_bubbles()) == ["こんにちは"]
    assert chat.bot_bubbles().nth(1).text_content().startswith("こんにちは")
    assert chat.input.input_value() == ""

    # Quick replies of the latest answer only; clicking one shows its title, sends its payload.
    assert chat.page.locator(".kc-choices").count() == 1
    assert chat.page.locator(".kc-msg").last.locator(".kc-choice", has_text="何を聞けますか").count() == 1
    count = chat.bot_bubbles().count()
    chat.page.get_by_role("button", name="何を聞けますか").click()
    chat.wait_bot_count(count + 1)
    assert chat.messages_sent()[-1] == "/ask_capabilities"
    assert chat.texts(chat.user_bubbles())[-1] == "何を聞けますか"
    assert "/ask_capabilities" not in chat.page.locator(".kc-log").text_content()
    answer = chat.bot_bubbles().nth(count).text_content()
    assert answer and not answer.startswith("こんにちは")

    # Feedback under the latest answer only.
    assert chat.page.locator(".kc-feedback").count() == 1
    assert chat.page.locator(".kc-msg").last.locator(".kc-feedback").count() == 1
    chat.screenshot(artifacts / f"{device}-conversation.png")
    count = chat.bot_bubbles().count()
    with chat.page.expect_response(
        lambda r: r.url.endswith(WEBHOOK) and r.request.method == "POST"
        and (r.request.post_data or "").find("feedback") >= 0
    ) as answered:
        chat.page.get_by_role("button", name="解決しました", exact=True).click()
    assert answered.value.status == 200
    assert chat.messages_sent()[-1] == FEEDBACK_YES
    assert answered.value.json(), "no bot reply to the feedback"
    chat.wait_bot_count(count + 1)
    assert chat.texts(chat.user_bubbles())[-1] == "解決しました"
    assert chat.page.locator(".kc-feedback").count() == 0  # not under the reply to feedback
    assert any(t.startswith("/feedback") for t in tracker_user_texts(chat_stack, sender))
    chat.screenshot(artifacts / f"{device}-after-feedback.png")

    # A reload keeps the conversation (same sender, same history) and does not greet again.
    bots, users = chat.texts(chat.bot_bubbles()), chat.texts(chat.user_bubbles())
    posts = len(chat.posts)
    chat.page.reload()
    chat.page.wait_for_selector(".kc-panel:not([hidden])")
    chat.page.wait_for_timeout(300)
    assert chat.texts(chat.bot_bubbles()) == bots and chat.texts(chat.user_bubbles()) == users
    assert chat.storage()["sender"] == sender and len(chat.posts) == posts

    # 「最初から」: /restart for the old conversation, a new sender, cleared history, the greeting.
    chat.page.get_by_role("button", name="最初から").click()
    chat.wait_bot_count(1)
    chat.idle()
    assert {"sender": sender, "message": "/restart", "input_channel": "web"} in chat.posts
    new_sender = chat.storage()["sender"]
    assert new_sender != sender and chat.posts[-1] == {
        "sender": new_sender, "message": "/greet", "input_channel": "web"}
    assert chat.user_bubbles().count() == 0 and chat.bot_bubbles().count() == 1
    assert chat.bot_bubbles().first.text_content().startswith("こんにちは")
    assert len(chat.storage()["items"]) == 1
    chat.page.reload()
    chat.page.wait_for_selector(".kc-panel:not([hidden])")
    assert chat.bot_bubbles().count() == 1 and chat.storage()["sender"] == new_sender
    assert chat.errors == []


def test_enter_shift_enter_and_the_safari_ime_enter(chat_stack, context_factory, device):
    chat = open_chat(context_factory, chat_stack, device)
    chat.wait_bot_count(1)
    chat.input.fill("一行目")
    chat.input.press("Shift+Enter")
    chat.input.press_sequentially("二行目")
    assert chat.input.input_value() == "一行目\n二行目"
    # Safari confirms a conversion with keyCode 229 after compositionend: still no send.
    code = chat.page.evaluate("""() => {
        const input = document.querySelector('#kyosai-chat').shadowRoot.querySelector('#kc-input');
        const event = new KeyboardEvent('keydown', {key: 'Enter', keyCode: 229, bubbles: true, cancelable: true});
        input.dispatchEvent(event);
        return event.keyCode;
    }""")
    assert code == 229
    chat.page.wait_for_timeout(300)
    assert chat.messages_sent() == ["/greet"]
    chat.input.press("Enter")
    chat.wait_bot_count(2)
    assert chat.messages_sent()[-1] == "一行目\n二行目"
    bubble = chat.user_bubbles().last
    assert bubble.text_content() == "一行目\n二行目"
    assert bubble.bounding_box()["height"] > 50  # two lines are shown
    # An empty message is not sent.
    chat.input.fill("   ")
    chat.input.press("Enter")
    chat.page.wait_for_timeout(200)
    assert chat.messages_sent()[-1] == "一行目\n二行目"


def test_user_text_cannot_run_script(chat_stack, context_factory, device):
    chat = open_chat(context_factory, chat_stack, device)
    chat.wait_bot_count(1)
    attack = "<img src=x onerror=window.__xss=1>"
    chat.send(attack)
    chat.wait_bot_count(2)
    for _ in range(2):  # as sent, and rendered again from the saved history
        assert chat.user_bubbles().last.text_content() == attack
        assert chat.page.locator(".kc-log img").count() == 0
        assert chat.page.evaluate("() => window.__xss") is None
        chat.page.reload()
        chat.page.wait_for_selector(".kc-panel:not([hidden])")
        chat.wait_bot_count(2)
    assert chat.dialogs == [] and chat.errors == []


def test_bot_text_links_and_line_breaks_are_safe(chat_stack, context_factory, device, artifacts):
    """Bot text (here a stand-in for Rasa) is text; only http(s) URLs become links."""
    text = ("<img src=x onerror=window.__xss=2><script>window.__xss=3</script>\n"
            "詳しくは https://www.smrj.go.jp/kyosai/index.html でご確認ください。\n"
            "javascript:alert(1) data:text/html,<b>x</b> "
            "（https://example.com/a_(b)）と http://example.org/x?y=1&z=2.")
    buttons = [{"title": "<img src=x onerror=window.__xss=4>", "payload": "/ask_capabilities"}]

    def fake_rasa(route):
        if route.request.method == "OPTIONS":
            route.fulfill(status=204, headers=CORS)
            return
        route.fulfill(status=200, headers={**CORS, "Content-Type": "application/json"},
                      body=json.dumps([{"recipient_id": "x", "text": text, "buttons": buttons}]))

    page = context_factory(device).new_page()
    page.route(f"**{WEBHOOK}", fake_rasa)
    chat = ChatPage(page, chat_stack.webchat_url).open()
    chat.wait_bot_count(1)
    bubble = chat.bot_bubbles().first
    assert "<img src=x onerror=window.__xss=2><script>" in bubble.text_content()
    assert "javascript:alert(1)" in bubble.text_content()
    assert chat.page.locator(".kc-log img, .kc-log script, .kc-log b").count() == 0
    links = bubble.locator("a")
    assert [links.nth(i).get_attribute("href") for i in range(links.count())] == [
        "https://www.smrj.go.jp/kyosai/index.html", "https://example.com/a_(b)",
        "http://example.org/x?y=1&z=2"]
    for i in range(links.count()):
        assert links.nth(i).get_attribute("target") == "_blank"
        assert links.nth(i).get_attribute("rel") == "noopener noreferrer"
    assert bubble.evaluate("el => getComputedStyle(el).whiteSpace") == "pre-wrap"
    assert bubble.evaluate("el => el.innerText.split('\\n').length") >= 3
    chat.screenshot(artifacts / f"{device}-bot-text.png")
    # The quick reply's title is shown as text; its payload is what is sent.
    page.locator(".kc-choice").click()
    chat.wait_bot_count(2)
    assert chat.user_bubbles().last.text_content() == buttons[0]["title"]
    assert chat.messages_sent()[-1] == "/ask_capabilities"
    assert chat.page.locator(".kc-log img").count() == 0
    assert chat.page.evaluate("() => window.__xss") is None
    assert chat.dialogs == [] and chat.errors == []


def test_server_down_shows_retry_and_recovers(chat_stack, context_factory, device, artifacts):
    port = free_port()  # nothing listens here until the Forwarder starts
    chat = open_chat(context_factory, chat_stack, device, query=f"?rasa=http://127.0.0.1:{port}")
    alert = chat.page.get_by_role("alert")
    alert.wait_for()
    assert "接続できませんでした" in alert.text_content()
    retry = chat.page.get_by_role("button", name="再送信")
    box = retry.bounding_box()
    assert box["height"] >= 44 and box["width"] >= 44
    ratios = chat.page.evaluate(CONTRAST, [".kc-error p", ".kc-retry"])
    assert all(r >= 4.5 for r in ratios.values()), ratios
    chat.screenshot(artifacts / f"{device}-server-down.png")

    with Forwarder(port, chat_stack.config.rasa_port):  # the server is back
        retry.click()
        chat.wait_bot_count(1)
        assert chat.bot_bubbles().first.text_content().startswith("こんにちは")
        assert chat.page.get_by_role("alert").count() == 0

    # Down again: the question stays, marked unsent, and goes out on 「再送信」.
    chat.send("こんにちは")
    alert.wait_for()
    assert chat.page.locator(".kc-user.kc-unsent").count() == 1
    with Forwarder(port, chat_stack.config.rasa_port):
        chat.page.get_by_role("button", name="再送信").click()
        chat.wait_bot_count(2)
        assert chat.page.locator(".kc-unsent").count() == 0
        assert chat.page.get_by_role("alert").count() == 0
        assert chat.messages_sent().count("こんにちは") == 2  # the failed try and the retry

        # A 5xx answer is an error with retry too.
        chat.page.route(f"**{WEBHOOK}", lambda route: route.fulfill(status=503, headers=CORS, body="down")
                        if route.request.method == "POST" else route.fulfill(status=204, headers=CORS))
        chat.send("こんにちは")
        alert.wait_for()
        assert "サーバーでエラーが発生しました" in alert.text_content()
        chat.page.unroute(f"**{WEBHOOK}")
        chat.page.get_by_role("button", name="再送信").click()
        chat.wait_bot_count(3)
    assert chat.errors == []


def test_keyboard_only(chat_stack, context_factory):
    chat = open_chat(context_factory, chat_stack, "desktop")
    chat.wait_bot_count(1)
    page = chat.page
    seen = []
    for _ in range(20):
        page.keyboard.press("Tab")
        seen.append(page.evaluate(DEEP_ACTIVE))
        if seen[-1] and seen[-1]["id"] == "kc-input":
            break
    order = [s["id"] or s["cls"] for s in seen if s]
    assert "kc-input" in order, order
    assert order.index("kc-restart") < order.index("kc-close") < order.index("kc-choice") < order.index("kc-input")
    focused = seen[-1]
    assert focused["outline"] == "solid" and focused["width"] == "3px"  # visible focus

    page.keyboard.type("こんにちは")
    page.keyboard.press("Enter")
    chat.wait_bot_count(2)
    page.keyboard.press("Tab")
    assert page.evaluate(DEEP_ACTIVE)["cls"] == "kc-send"

    page.keyboard.press("Escape")  # closes the desktop panel, focus back on the launcher
    assert chat.panel.is_hidden()
    active = page.evaluate(DEEP_ACTIVE)
    assert "kc-launcher" in active["cls"] and active["outline"] == "solid"
    assert chat.launcher.get_attribute("aria-expanded") == "false"
    page.keyboard.press("Enter")
    assert chat.panel.is_visible() and page.evaluate(DEEP_ACTIVE)["id"] == "kc-input"
    assert chat.launcher.get_attribute("aria-expanded") == "true"
    assert chat.bot_bubbles().count() == 2


@pytest.mark.parametrize("width", [360, 390, 430])
def test_phone_is_full_screen_with_big_tap_targets(chat_stack, context_factory, artifacts, width):
    chat = open_chat(context_factory, chat_stack, "phone", viewport={"width": width, "height": 800})
    chat.wait_bot_count(1)
    chat.send("こんにちは")
    chat.wait_bot_count(2)
    page = chat.page
    box = chat.panel.bounding_box()
    assert (box["x"], box["y"], box["width"], box["height"]) == (0, 0, width, 800)
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width
    assert page.evaluate("""() => { const s = document.querySelector('#kyosai-chat')
        .shadowRoot.querySelector('.kc-scroll'); return s.scrollWidth <= s.clientWidth; }""")
    buttons = page.locator(".kc-panel button")
    for i in range(buttons.count()):
        b = buttons.nth(i).bounding_box()
        assert b["width"] >= 44 and b["height"] >= 44, (buttons.nth(i).text_content(), b)
        assert b["x"] >= 0 and b["x"] + b["width"] <= width
    assert chat.input.bounding_box()["height"] >= 44
    if width == 360:
        chat.screenshot(artifacts / "phone-360-conversation.png")

    # The on-screen keyboard shrinks the viewport: the input stays in view.
    page.set_viewport_size({"width": width, "height": 420})
    page.wait_for_timeout(200)
    field = chat.input.bounding_box()
    assert field["y"] >= 0 and field["y"] + field["height"] <= 420
    assert chat.panel.bounding_box()["height"] == 420
    if width == 360:
        chat.screenshot(artifacts / "phone-360-keyboard.png")


def test_desktop_launcher_and_panel(chat_stack, context_factory, artifacts):
    chat = open_chat(context_factory, chat_stack, "desktop")
    chat.wait_bot_count(1)
    box = chat.panel.bounding_box()
    assert box["width"] == 400 and box["x"] > 900 and box["y"] > 0
    chat.page.get_by_role("button", name="チャットを閉じる").click()
    assert chat.panel.is_hidden()
    launcher = chat.launcher.bounding_box()
    assert launcher["height"] >= 44 and launcher["x"] + launcher["width"] <= 1366
    chat.screenshot(artifacts / "desktop-closed.png")
    chat.page.reload()  # closed stays closed in this tab
    chat.page.wait_for_selector(".kc-launcher")
    chat.page.wait_for_timeout(200)
    assert chat.panel.is_hidden()
    chat.launcher.click()
    assert chat.panel.is_visible() and chat.bot_bubbles().count() == 1
    assert chat.messages_sent() == ["/greet"]


def test_accessibility_basics(chat_stack, context_factory, device):
    chat = open_chat(context_factory, chat_stack, device)
    chat.wait_bot_count(1)
    chat.send("小規模企業共済の掛金はいくらからですか")  # an answer: quick replies and feedback buttons
    chat.wait_bot_count(2)
    chat.idle()
    page = chat.page
    assert page.evaluate("() => document.documentElement.lang") == "ja"
    log = page.locator("[role=log]")
    assert log.get_attribute("aria-live") == "polite"
    assert page.get_by_role("dialog", name=re.compile("共済チャットボット")).is_visible()
    assert page.get_by_role("textbox", name="ご質問").is_visible()
    # Every control is labelled in Japanese.
    labels = page.evaluate("""() => [...document.querySelector('#kyosai-chat').shadowRoot
        .querySelectorAll('button, textarea')].map(b => b.getAttribute('aria-label') || b.textContent
        || b.getAttribute('placeholder'))""")
    assert labels and all(JAPANESE.search(label or "") for label in labels), labels
    # WCAG AA contrast for text.
    ratios = page.evaluate(CONTRAST, [
        ".kc-bot .kc-bubble", ".kc-user .kc-bubble", ".kc-choice", ".kc-fb", ".kc-feedback-q",
        ".kc-title", ".kc-subtitle", ".kc-restart", ".kc-send", ".kc-input", ".kc-hint",
    ])
    assert all(r is not None and r >= 4.5 for r in ratios.values()), ratios


def test_demo_contract_in_full_width_digits_gets_its_certificate_status(chat_stack, context_factory,
                                                                         artifacts):
    chat = open_chat(context_factory, chat_stack, "phone")
    chat.wait_bot_count(1)
    for text, prompt in (("私の証明書はもう発送されましたか", "共済契約者番号"),
                         ("１２３４５６７－８９", "生年月日の月日"), ("４月１日", "発送済み")):
        count = chat.bot_bubbles().count()
        chat.send(text)
        chat.wait_bot_count(count + 1)
        chat.idle()
        assert prompt in "\n".join(chat.texts(chat.bot_bubbles())[count:])
    answer = "\n".join(chat.texts(chat.bot_bubbles()))
    assert "11月10日(火)に登録住所あてに発送済みです" in answer
    shown = chat.texts(chat.user_bubbles())
    assert shown == ["私の証明書はもう発送されましたか", "＊＊＊", "＊＊＊"]
    stored = json.dumps(chat.storage(), ensure_ascii=False)
    assert "１２３４５６７" not in stored and "４月１日" not in stored
    chat.screenshot(artifacts / "phone-self-service.png")
