/*
 * 共済チャットボット — web chat widget (vanilla JS, no dependencies).
 *
 * Embed with one script tag (see docs/webchat.md):
 *   <script src="https://example.jp/chat/kyosai-chat.js" data-rasa-url="https://bot.example.jp" defer></script>
 *
 * Talks to Rasa's REST channel: POST {rasa}/webhooks/rest/webhook with
 * {"sender", "message", "input_channel": "web"}. Every piece of user or bot text is
 * rendered with text nodes (never innerHTML); only http(s) URLs become links.
 */
(() => {
  "use strict";

  if (window.KyosaiChat) return; // loaded twice: keep the first

  const script = document.currentScript;
  const options = (script && script.dataset) || {};
  const scriptUrl = (script && script.src) || location.href;

  const STORAGE_KEY = "kyosai-chat:v1";
  const OPEN_KEY = "kyosai-chat:open";
  const MAX_ITEMS = 200;

  // Personal data (contract numbers, birth dates, phone numbers, e-mail) is never shown back or
  // kept in localStorage; same rules as bot/pii.py (amounts and counts such as 1000万円 stay).
  const MASK = "＊＊＊";
  const PERSONAL = [
    /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g,
    /(?:明治|大正|昭和|平成|令和|[MTSHR])\s*\d{1,2}\s*年/g,
    /\d{1,2}\s*月\s*\d{1,2}\s*日?/g,
    /(?<![\d\/.])\d{1,4}\s*[\/.]\s*\d{1,2}(?:\s*[\/.]\s*\d{1,2})?(?![\d\/.])(?!\s*(?:%|万|億|円|人|名|倍|歳|か月|ヶ月|カ月))/g,
  ];
  const DIGIT_RUN = /\d(?:[\s\-‐‑–—―ー−\/.]*\d){3,}(\s*(?:万|億|円|人|名|社|件|%|歳|才|か月|ヶ月|カ月))?/g;

  /** The text with personal data masked; unchanged (not even normalised) when there is none. */
  function maskPersonal(text) {
    const folded = text.normalize("NFKC");
    let masked = folded;
    for (const pattern of PERSONAL) masked = masked.replace(pattern, MASK);
    masked = masked.replace(DIGIT_RUN, (run, unit) => (unit ? run : MASK));
    return masked === folded ? text : masked;
  }
  const MAX_INPUT = 1000;
  const TIMEOUT_MS = 60000;
  const PHONE = "(max-width: 599.98px)";
  const FEEDBACK = {
    yes: '/feedback{"resolved":"yes"}',
    no: '/feedback{"resolved":"no"}',
  };

  const T = {
    launcher: "チャットで質問する",
    title: "共済チャットボット",
    subtitle: "小規模企業共済・経営セーフティ共済",
    restart: "最初から",
    restartLabel: "会話を最初からやり直す",
    close: "チャットを閉じる",
    logLabel: "会話の履歴",
    inputLabel: "ご質問",
    placeholder: "ご質問を入力してください",
    send: "送信",
    hint: "Enterで送信、Shift+Enterで改行します。",
    you: "あなた：",
    bot: "チャットボット：",
    newTab: "（新しいタブで開きます）",
    choices: "選択肢",
    typing: "回答を準備しています",
    feedbackQuestion: "この回答で解決しましたか？",
    resolvedYes: "解決しました",
    resolvedNo: "解決しませんでした",
    networkError: "サーバーに接続できませんでした。通信環境をご確認のうえ、「再送信」を押してください。",
    serverError: "サーバーでエラーが発生しました。しばらくしてから「再送信」を押してください。",
    retry: "再送信",
    unsent: "未送信",
    emptyReply: "申し訳ありません。回答を用意できませんでした。言い換えて、もう一度お尋ねください。",
    badRequest: "メッセージを送信できませんでした。内容をご確認ください。",
  };

  // ---- configuration --------------------------------------------------------

  const isLoopback = (url) => ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
  const trimSlash = (s) => String(s).replace(/\/+$/, "");

  /** Rasa base URL: ?rasa= (loopback only, for development) > data-rasa-url > config.js > default. */
  function rasaBaseUrl() {
    const fromQuery = new URLSearchParams(location.search).get("rasa");
    if (fromQuery) {
      try {
        const url = new URL(fromQuery);
        if ((url.protocol === "http:" || url.protocol === "https:") && isLoopback(url)) {
          return trimSlash(url.origin + url.pathname);
        }
      } catch (_) { /* ignored: fall through to the configured URL */ }
    }
    if (options.rasaUrl) return trimSlash(options.rasaUrl);
    const config = window.KYOSAI_CHAT_CONFIG || {};
    if (config.rasaUrl) return trimSlash(config.rasaUrl);
    if (config.rasaPort) {
      const protocol = location.protocol === "https:" ? "https:" : "http:";
      return `${protocol}//${location.hostname || "localhost"}:${Number(config.rasaPort)}`;
    }
    return "http://localhost:5005";
  }

  const endpoint = `${rasaBaseUrl()}/webhooks/rest/webhook`;

  // ---- storage --------------------------------------------------------------

  function newSender() {
    if (crypto.randomUUID) return `web-${crypto.randomUUID()}`;
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return `web-${Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("")}`;
  }

  const freshState = () => ({ v: 1, sender: newSender(), items: [], nextId: 1, feedbackFor: null, failed: null });

  function loadState() {
    try {
      const s = JSON.parse(localStorage.getItem(STORAGE_KEY));
      if (s && s.v === 1 && typeof s.sender === "string" && Array.isArray(s.items)) {
        s.items = s.items.filter((it) => it && typeof it.text === "string" && typeof it.id === "number");
        s.nextId = Number(s.nextId) || s.items.length + 1;
        return s;
      }
    } catch (_) { /* corrupt or unavailable storage: start afresh */ }
    return freshState();
  }

  let state = loadState();

  function save() {
    if (state.items.length > MAX_ITEMS) state.items = state.items.slice(-MAX_ITEMS);
    // An undelivered message is kept for "retry" only if it holds no personal data.
    const failed = state.failed && maskPersonal(state.failed.message) !== state.failed.message
      ? null : state.failed;
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify({ ...state, failed }));
    } catch (_) { /* private mode */ }
  }

  // ---- DOM helpers (text only; never innerHTML) -----------------------------

  function h(tag, attrs, ...children) {
    const el = document.createElement(tag);
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === false || value == null) continue;
      if (name === "className") el.className = value;
      else if (name.startsWith("on")) el.addEventListener(name.slice(2), value);
      else el.setAttribute(name, value === true ? "" : String(value));
    }
    for (const child of children) {
      if (child == null) continue;
      el.append(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return el;
  }

  function icon(paths, size = 24) {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", String(size));
    svg.setAttribute("height", String(size));
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    for (const d of paths) {
      const path = document.createElementNS(ns, "path");
      path.setAttribute("d", d);
      svg.append(path);
    }
    return svg;
  }

  const hidden = (text) => h("span", { className: "kc-vh" }, text);

  const URL_PATTERN = /https?:\/\/[A-Za-z0-9\-._~:/?#[\]@!$&'()*+,;=%]+/g;

  function safeHttpUrl(text) {
    try {
      const url = new URL(text);
      return (url.protocol === "http:" || url.protocol === "https:") && url.hostname ? url.href : null;
    } catch (_) {
      return null;
    }
  }

  /** Trailing punctuation is sentence text, not URL (keeps a balanced closing parenthesis). */
  function trimUrl(url) {
    for (;;) {
      const last = url.slice(-1);
      if (!".,;:!?')]".includes(last) || !last) return url;
      if (last === ")" && url.split("(").length > url.split(")").length - 1) return url;
      url = url.slice(0, -1);
    }
  }

  /** Appends text with its line breaks (CSS pre-wrap) and http(s) URLs as safe links. */
  function appendRichText(parent, text) {
    let position = 0;
    for (const match of text.matchAll(URL_PATTERN)) {
      const raw = trimUrl(match[0]);
      const href = safeHttpUrl(raw);
      if (!href) continue;
      parent.append(document.createTextNode(text.slice(position, match.index)));
      parent.append(h("a", { href, target: "_blank", rel: "noopener noreferrer" }, raw, hidden(T.newTab)));
      position = match.index + raw.length;
    }
    parent.append(document.createTextNode(text.slice(position)));
  }

  // ---- widget DOM -----------------------------------------------------------

  const host = h("div", { id: "kyosai-chat", "data-kyosai-chat": "" });
  host.style.setProperty("visibility", "hidden"); // until the stylesheet has loaded
  const shadow = host.attachShadow({ mode: "open" });
  const stylesheet = h("link", {
    rel: "stylesheet",
    href: options.css || new URL("kyosai-chat.css", scriptUrl).href,
  });
  const reveal = () => host.style.removeProperty("visibility");
  stylesheet.addEventListener("load", reveal);
  stylesheet.addEventListener("error", reveal);

  const launcher = h(
    "button",
    { type: "button", className: "kc-launcher", "aria-expanded": "false", "aria-controls": "kc-panel" },
    icon(["M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z"]),
    h("span", null, T.launcher),
  );

  const title = h("h2", { className: "kc-title", id: "kc-title", tabindex: "-1" },
    T.title, h("span", { className: "kc-subtitle" },
      ...T.subtitle.split(/(?<=・)/).map((part) => h("span", { className: "kc-nowrap" }, part))));
  const restartButton = h("button", { type: "button", className: "kc-restart", "aria-label": T.restartLabel }, T.restart);
  const closeButton = h("button", { type: "button", className: "kc-close", "aria-label": T.close },
    icon(["M6.4 5 12 10.6 17.6 5 19 6.4 13.4 12 19 17.6 17.6 19 12 13.4 6.4 19 5 17.6 10.6 12 5 6.4z"]));

  const log = h("div", {
    className: "kc-log", role: "log", "aria-live": "polite", "aria-relevant": "additions", "aria-label": T.logLabel,
  });
  const typing = h("div", { className: "kc-typing", hidden: true, "aria-hidden": "true" },
    h("span", { className: "kc-dot" }), h("span", { className: "kc-dot" }), h("span", { className: "kc-dot" }));
  const status = h("div", { className: "kc-vh", role: "status" });
  const errorBox = h("div", { className: "kc-error-slot" });
  const scroller = h("div", { className: "kc-scroll" }, log, typing, errorBox, status);

  const input = h("textarea", {
    id: "kc-input", className: "kc-input", rows: "1", maxlength: String(MAX_INPUT),
    placeholder: T.placeholder, enterkeyhint: "send", autocomplete: "off", "aria-describedby": "kc-hint",
  });
  const sendButton = h("button", { type: "submit", className: "kc-send" }, T.send);
  const form = h("form", { className: "kc-composer", novalidate: true },
    h("label", { for: "kc-input", className: "kc-vh" }, T.inputLabel), input, sendButton);
  const hint = h("p", { className: "kc-hint", id: "kc-hint" }, T.hint);

  const panel = h("section", { className: "kc-panel", id: "kc-panel", role: "dialog", "aria-labelledby": "kc-title", hidden: true },
    h("header", { className: "kc-header" }, title, restartButton, closeButton),
    scroller, form, hint);
  const root = h("div", { className: "kc-root", lang: "ja" }, launcher, panel);
  shadow.append(stylesheet, root);

  const phone = window.matchMedia(PHONE);
  const coarse = window.matchMedia("(pointer: coarse)");
  const elements = new Map(); // item id -> element

  // ---- rendering ------------------------------------------------------------

  function renderItem(item) {
    let el;
    if (item.type === "user") {
      const bubble = h("div", { className: "kc-bubble" }, item.text); // text node
      el = h("div", { className: "kc-msg kc-user" }, hidden(T.you), bubble);
    } else if (item.type === "bot") {
      const bubble = h("div", { className: "kc-bubble" });
      appendRichText(bubble, item.text);
      el = h("div", { className: "kc-msg kc-bot" }, hidden(T.bot), bubble);
      if (!item.text) bubble.hidden = true;
    } else {
      el = h("div", { className: "kc-msg kc-notice" }, h("p", null, item.text));
    }
    el.dataset.id = String(item.id);
    elements.set(item.id, el);
    log.append(el);
    return el;
  }

  function addItem(fields) {
    const item = { id: state.nextId++, ...fields };
    state.items.push(item);
    renderItem(item);
    return item;
  }

  function clearControls() {
    for (const el of log.querySelectorAll(".kc-choices, .kc-feedback")) el.remove();
  }

  /** Quick replies of the latest bot turn, and feedback buttons under the latest answer. */
  function addControls() {
    const trailing = [];
    for (let i = state.items.length - 1; i >= 0 && state.items[i].type === "bot"; i--) trailing.unshift(state.items[i]);
    for (const item of trailing) {
      const el = elements.get(item.id);
      if (!el || !item.buttons || !item.buttons.length) continue;
      el.append(h("div", { className: "kc-choices", role: "group", "aria-label": T.choices },
        ...item.buttons.map((b) => h("button", {
          type: "button", className: "kc-choice", onclick: () => send(b.payload, b.title, "question"),
        }, b.title))));
    }
    const answered = state.feedbackFor != null && elements.get(state.feedbackFor);
    if (answered) {
      answered.append(h("div", { className: "kc-feedback", role: "group", "aria-label": T.feedbackQuestion },
        h("span", { className: "kc-feedback-q" }, T.feedbackQuestion),
        h("button", { type: "button", className: "kc-fb kc-fb-yes", onclick: () => send(FEEDBACK.yes, T.resolvedYes, "feedback") }, T.resolvedYes),
        h("button", { type: "button", className: "kc-fb kc-fb-no", onclick: () => send(FEEDBACK.no, T.resolvedNo, "feedback") }, T.resolvedNo)));
    }
  }

  function showError(kind) {
    const retry = h("button", { type: "button", className: "kc-retry", onclick: retryFailed }, T.retry);
    errorBox.replaceChildren(h("div", { className: "kc-error", role: "alert" },
      h("p", null, kind === "server" ? T.serverError : T.networkError), retry));
    const lastUser = [...log.querySelectorAll(".kc-user")].pop();
    if (lastUser && state.failed && state.failed.display != null) lastUser.classList.add("kc-unsent");
    scrollToBottom();
  }

  function hideError() {
    errorBox.replaceChildren();
    for (const el of log.querySelectorAll(".kc-unsent")) el.classList.remove("kc-unsent");
  }

  function setBusy(busy) {
    typing.hidden = !busy;
    sendButton.disabled = busy;
    status.textContent = busy ? T.typing : "";
    if (busy) scrollToBottom();
  }

  function atBottom() {
    return scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 24;
  }

  function scrollToBottom() {
    scroller.scrollTop = scroller.scrollHeight;
  }

  /** Shows a new answer from its start when it is taller than the view, else scrolls down. */
  function revealAnswer(firstEl) {
    if (!firstEl) return scrollToBottom();
    const top = firstEl.offsetTop - scroller.offsetTop - 8;
    scroller.scrollTop = scroller.scrollHeight - top > scroller.clientHeight ? top : scroller.scrollHeight;
  }

  // ---- conversation ---------------------------------------------------------

  let inFlight = null; // {controller, sender}

  async function post(sender, message) {
    const controller = new AbortController();
    inFlight = { controller, sender };
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    try {
      const reply = await fetch(endpoint, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ sender, message, input_channel: "web" }),
        credentials: "omit",
        signal: controller.signal,
      });
      if (reply.ok) {
        const data = await reply.json();
        return { kind: "ok", messages: Array.isArray(data) ? data : [] };
      }
      if (reply.status === 400) {
        let body = {};
        try { body = await reply.json(); } catch (_) { /* not JSON */ }
        return { kind: "bad_request", message: typeof body.message === "string" ? body.message : "" };
      }
      return { kind: "server" };
    } catch (_) {
      return { kind: "network" };
    } finally {
      clearTimeout(timer);
      if (inFlight && inFlight.controller === controller) inFlight = null;
    }
  }

  const cleanButtons = (buttons) => (Array.isArray(buttons) ? buttons : [])
    .filter((b) => b && typeof b.title === "string" && typeof b.payload === "string" && b.title && b.payload)
    .map((b) => ({ title: b.title.slice(0, 200), payload: b.payload.slice(0, MAX_INPUT) }));

  function handleReply(messages, request) {
    const answers = messages
      .map((m) => ({ text: m && typeof m.text === "string" ? m.text : "", buttons: cleanButtons(m && m.buttons) }))
      .filter((m) => m.text.trim() || m.buttons.length);
    if (!answers.length) {
      if (request.kind === "question") addItem({ type: "notice", text: T.emptyReply });
      scrollToBottom();
      return;
    }
    let first = null;
    let last = null;
    for (const answer of answers) {
      last = addItem({ type: "bot", ...answer });
      first = first || elements.get(last.id);
    }
    // A clarifying question (which scheme?) or the greeting is not an answer: no 「解決しましたか」 under it.
    const clarifying = messages.some((m) => m && m.custom && ["clarify", "greeting"].includes(m.custom.kind));
    state.feedbackFor = request.kind === "question" && !clarifying ? last.id : null;
    addControls();
    revealAnswer(first);
  }

  async function deliver(request) {
    const sender = state.sender;
    setBusy(true);
    const outcome = await post(sender, request.message);
    if (sender !== state.sender) return; // restarted meanwhile
    setBusy(false);
    if (outcome.kind === "ok") {
      handleReply(outcome.messages, request);
    } else if (outcome.kind === "bad_request") {
      addItem({ type: "notice", text: outcome.message || T.badRequest });
      scrollToBottom();
    } else {
      state.failed = request;
      showError(outcome.kind);
    }
    save();
  }

  const busy = () => Boolean(inFlight && inFlight.sender === state.sender);

  /** Sends a message; `display` is the user's bubble (null: none, e.g. the greeting). */
  function send(message, display, kind) {
    if (busy()) return false;
    hideError();
    state.failed = null;
    clearControls();
    state.feedbackFor = null;
    if (display != null) {
      addItem({ type: "user", text: maskPersonal(display) });
      scrollToBottom();
    }
    save();
    deliver({ message, display, kind });
    return true;
  }

  function retryFailed() {
    const request = state.failed;
    if (!request || busy()) return;
    hideError();
    state.failed = null;
    save();
    deliver(request);
    focusInput();
  }

  function submit() {
    const text = input.value;
    if (!text.trim() || busy()) return;
    if (send(text, text, "question")) {
      input.value = "";
      autosize();
    }
  }

  function restart() {
    const old = state.sender;
    if (inFlight) inFlight.controller.abort();
    inFlight = null;
    setBusy(false);
    hideError();
    fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ sender: old, message: "/restart", input_channel: "web" }),
      credentials: "omit",
      keepalive: true,
    }).catch(() => {}); // best effort: the old conversation is abandoned anyway
    state = freshState();
    elements.clear();
    log.replaceChildren();
    save();
    send("/greet", null, "greet");
    focusInput();
  }

  // ---- open / close, viewport -----------------------------------------------

  let savedOverflow = null;

  function lockPageScroll(lock) {
    const html = document.documentElement;
    if (lock && phone.matches && savedOverflow === null) {
      savedOverflow = html.style.getPropertyValue("overflow");
      html.style.setProperty("overflow", "hidden");
    } else if (!lock && savedOverflow !== null) {
      if (savedOverflow) html.style.setProperty("overflow", savedOverflow);
      else html.style.removeProperty("overflow");
      savedOverflow = null;
    }
  }

  /** On phones the panel follows the visual viewport, so the keyboard never hides the input. */
  function syncViewport() {
    const vv = window.visualViewport;
    if (!vv || !phone.matches || panel.hidden) {
      panel.style.removeProperty("height");
      panel.style.removeProperty("top");
      return;
    }
    const stick = atBottom();
    panel.style.setProperty("height", `${Math.round(vv.height)}px`);
    panel.style.setProperty("top", `${Math.round(vv.offsetTop)}px`);
    if (stick) scrollToBottom();
  }

  function focusInput() {
    if (panel.hidden) return;
    if (coarse.matches) title.focus({ preventScroll: true }); // no keyboard pop-up on touch
    else input.focus({ preventScroll: true });
  }

  function open({ focus = true } = {}) {
    if (!panel.hidden) return;
    panel.hidden = false;
    root.classList.add("kc-open");
    launcher.setAttribute("aria-expanded", "true");
    try { sessionStorage.setItem(OPEN_KEY, "1"); } catch (_) { /* ignored */ }
    lockPageScroll(true);
    syncViewport();
    scrollToBottom();
    if (!state.items.length && !state.failed && !busy()) send("/greet", null, "greet");
    if (focus) focusInput();
  }

  function close() {
    if (panel.hidden) return;
    panel.hidden = true;
    root.classList.remove("kc-open");
    launcher.setAttribute("aria-expanded", "false");
    try { sessionStorage.setItem(OPEN_KEY, "0"); } catch (_) { /* ignored */ }
    lockPageScroll(false);
    syncViewport();
    launcher.focus();
  }

  // ---- input ----------------------------------------------------------------

  let composing = false;

  function autosize() {
    input.style.setProperty("height", "auto");
    input.style.setProperty("height", `${Math.min(input.scrollHeight + 2, 132)}px`);
  }

  input.addEventListener("compositionstart", () => { composing = true; });
  input.addEventListener("compositionend", () => { composing = false; });
  input.addEventListener("input", autosize);
  input.addEventListener("keydown", (event) => {
    if (event.key !== "Enter") return;
    // Enter that confirms an IME conversion (Japanese input) must never send.
    if (event.isComposing || event.keyCode === 229 || composing) return;
    if (event.shiftKey) return; // new line
    event.preventDefault();
    submit();
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    submit();
  });

  launcher.addEventListener("click", () => open());
  closeButton.addEventListener("click", close);
  restartButton.addEventListener("click", restart);
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && !event.isComposing && !composing) {
      event.preventDefault();
      close();
    }
  });
  if (window.visualViewport) {
    window.visualViewport.addEventListener("resize", syncViewport);
    window.visualViewport.addEventListener("scroll", syncViewport);
  }
  phone.addEventListener("change", () => {
    lockPageScroll(false);
    if (!panel.hidden) lockPageScroll(true);
    syncViewport();
  });

  // ---- start ----------------------------------------------------------------

  function start() {
    document.body.append(host);
    for (const item of state.items) renderItem(item);
    addControls();
    if (state.failed) showError("network");
    let wasOpen = null;
    try { wasOpen = sessionStorage.getItem(OPEN_KEY); } catch (_) { /* ignored */ }
    if (wasOpen === "1" || (wasOpen === null && options.open === "true")) open({ focus: false });
  }

  window.KyosaiChat = { open, close, restart, endpoint };

  if (document.body) start();
  else document.addEventListener("DOMContentLoaded", start, { once: true });
})();
