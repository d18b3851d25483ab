/*
 * Acompaña web chat widget: plain JavaScript, no framework, no build step.
 *
 * Two ways to use it (see docs/webchat.md):
 *
 *   Full page (/chat/):  <script src="widget.js" data-mount="#acompana-chat"></script>
 *                        renders into that element; socket.io is loaded by index.html.
 *   Embedded (NGO site): <script src="https://bot.example.org/chat/widget.js"
 *                                data-server="https://bot.example.org" defer></script>
 *                        adds a floating button and a panel (in a shadow root, so the two
 *                        pages' styles do not mix), and loads socket.io and widget.css from
 *                        data-server only when the person opens the chat.
 *
 * Optional attributes: data-exit-url (quick-exit target, default EXIT_URL below),
 * data-socket-path (default "socket.io", as socketio_path in credentials.yml).
 *
 * Protocol (bot/channels/webchat.py; docs/webchat.md):
 *   client -> "session_request" {token?}   server -> "session_confirm" {token, resumed}
 *                                          server -> "session_refused" {reason}
 *   client -> "user_uttered" {message}     server -> "bot_uttered" {text, quick_replies}
 *                                          server -> "session_closed" {reason}
 *   The token is signed by the server and names the conversation; nothing else does.
 *   Quick exit sends it to POST chat/erase (navigator.sendBeacon), which erases the
 *   conversation on the server too.
 *
 * Privacy: the conversation lives in memory only; nothing is written to the browser unless
 * the person ticks "Recordar esta conversación en este dispositivo" (then localStorage, one
 * key: the token and the messages). sessionStorage is not used because browsers write it to
 * disk to restore closed tabs. Quick exit and "Borrar conversación" remove that key. Message
 * text is never logged.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || window.__acompanaWidgetLoaded) {
    return;
  }
  window.__acompanaWidgetLoaded = true;

  /** Everything a person reads. */
  var TEXTS = {
    title: "Acompaña",
    launcher: "Chat de apoyo",
    close: "Cerrar",
    closeLabel: "Cerrar el chat",
    quickExit: "Salida rápida",
    quickExitHelp: "Salida rápida: borra el chat de la pantalla y abre otra página. " +
      "También con Esc dos veces.",
    escAgain: "Pulsa Esc otra vez para la salida rápida.",
    notice: "Soy un asistente automático: no soy una persona ni una abogada o abogado. " +
      "Si estás en peligro ahora, llama al número de emergencias de tu país.",
    logLabel: "Conversación",
    botSays: "Acompaña dice:",
    youSaid: "Tú:",
    choicesLabel: "Opciones de respuesta",
    inputLabel: "Escribe tu mensaje",
    placeholder: "Escribe aquí…",
    send: "Enviar",
    remember: "Recordar esta conversación en este dispositivo",
    rememberHelp: "Si no lo marcas, la conversación desaparece al cerrar o recargar la página.",
    remembered: "La conversación se guardará en este dispositivo hasta que la borres.",
    forgotten: "La conversación ya no se guarda en este dispositivo.",
    deleteConversation: "Borrar conversación",
    deleted: "Conversación borrada de esta pantalla y de este dispositivo.",
    typing: "Escribiendo…",
    connecting: "Conectando…",
    reconnecting: "Se perdió la conexión. Reintentando…",
    unavailable: "El chat no está disponible en este momento. Inténtalo más tarde. " +
      "Si estás en peligro ahora, llama al número de emergencias de tu país.",
    tooManySessions: "Se abrieron demasiadas conversaciones nuevas desde esta conexión. " +
      "Inténtalo de nuevo en un rato. " +
      "Si estás en peligro ahora, llama al número de emergencias de tu país.",
    takenOver: "Esta conversación se abrió en otra ventana o dispositivo, así que aquí se " +
      "cerró. Puedes seguirla allí.",
    erased: "La conversación se borró."
  };

  /**
   * Quick-exit target. An everyday search on a well-known site: the address bar and the
   * page then show nothing about this service (a page on the bot's own domain would), and
   * location.replace() removes the chat from the tab's history. data-exit-url overrides it
   * (e.g. "/chat/neutral.html" where the internet cannot be reached).
   */
  var EXIT_URL = "https://www.google.com/search?q=clima";
  /** Two Esc presses within this many milliseconds trigger the quick exit. */
  var ESC_WINDOW_MS = 1500;
  /** localStorage key, used only when the person ticks "Recordar…". */
  var STORAGE_KEY = "acompana.chat.v1";
  /** Longest message the input accepts. */
  var MAX_MESSAGE_LENGTH = 2000;
  /** The "Escribiendo…" hint disappears after this long even without a reply. */
  var TYPING_TIMEOUT_MS = 20000;
  /** Sent once per conversation so that the bot introduces itself. */
  var GREET_PAYLOAD = "/greet";
  /** Sent by "Borrar conversación"; the bot answers with what it erased. */
  var DELETE_PAYLOAD = "/delete_my_data";
  /** Reasons the server gives in "session_refused" and "session_closed". */
  var REASON_TEXTS = {
    too_many_sessions: "tooManySessions",
    taken_over: "takenOver",
    erased: "erased"
  };

  var config = readConfig(script);
  var state = {
    token: null, // signed by the server; names this conversation
    greeted: false,
    remember: false,
    messages: [] // {from: "bot" | "user", text, buttons?: [{title, payload}]}
  };
  var socket = null;
  var ioFactory = null; // the socket.io client function (window.io of our own copy)
  var sessionReady = false;
  var outbox = [];
  var exiting = false;
  var lastEscapeAt = 0;
  var typingTimer = null;
  var ui = null;
  var closedByServer = false; // refused or taken over: do not reconnect

  restoreRemembered();
  document.addEventListener("keydown", onKeydown, true);

  if (config.mount) {
    whenReady(mountPage);
  } else {
    whenReady(mountFloating);
  }

  // ---- configuration ------------------------------------------------------------------

  function readConfig(element) {
    var data = element.dataset || {};
    var scriptUrl = new URL(element.src, document.baseURI);
    // The server is where widget.js came from ("…/chat/widget.js" -> "…/"), unless given.
    var base = new URL(data.server || new URL("../", scriptUrl).href, document.baseURI);
    if (base.pathname.slice(-1) !== "/") {
      base.pathname += "/";
    }
    var socketPath = (data.socketPath || "socket.io").replace(/^\/+/, "");
    return {
      mount: data.mount || null,
      origin: base.origin,
      socketPath: base.pathname + socketPath,
      assetsUrl: new URL("chat/", base).href,
      eraseUrl: new URL("chat/erase", base).href,
      exitUrl: data.exitUrl || EXIT_URL
    };
  }

  function whenReady(callback) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", callback);
    } else {
      callback();
    }
  }

  // ---- storage: memory by default, localStorage only after opt-in ----------------------

  function restoreRemembered() {
    var saved = null;
    try {
      saved = JSON.parse(window.localStorage.getItem(STORAGE_KEY) || "null");
    } catch (error) {
      saved = null; // storage blocked or corrupt: start afresh
    }
    if (saved && saved.remember && Array.isArray(saved.messages)) {
      state.token = typeof saved.token === "string" ? saved.token : null;
      state.greeted = Boolean(saved.greeted);
      state.remember = true;
      state.messages = saved.messages.filter(function (m) {
        return m && (m.from === "bot" || m.from === "user") && typeof m.text === "string";
      });
    }
  }

  function save() {
    if (exiting || !state.remember) {
      return;
    }
    try {
      window.localStorage.setItem(STORAGE_KEY, JSON.stringify({
        remember: true,
        token: state.token,
        greeted: state.greeted,
        messages: state.messages
      }));
    } catch (error) {
      // Full or blocked storage: the conversation still works, in memory.
    }
  }

  function forget() {
    try {
      window.localStorage.removeItem(STORAGE_KEY);
    } catch (error) {
      // nothing stored
    }
    try {
      window.sessionStorage.removeItem(STORAGE_KEY); // never written; removed to be sure
    } catch (error) {
      // nothing stored
    }
  }

  // ---- building the interface ---------------------------------------------------------

  function el(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  /** Build the chat panel; ids are unique inside `scope` (the document or a shadow root). */
  function buildPanel(headingTag, withClose) {
    var panel = el("section", { "class": "acp-panel", "aria-labelledby": "acp-title" });

    var header = el("header", { "class": "acp-header" });
    var title = el(headingTag, { "class": "acp-title", "id": "acp-title" }, TEXTS.title);
    var exit = el("button", {
      "type": "button", "class": "acp-exit", "aria-describedby": "acp-exit-help"
    }, TEXTS.quickExit);
    header.appendChild(title);
    header.appendChild(exit);
    var close = null;
    if (withClose) {
      close = el("button", {
        "type": "button", "class": "acp-close", "aria-label": TEXTS.closeLabel
      }, TEXTS.close);
      header.appendChild(close);
    }

    var notice = el("p", { "class": "acp-notice", "id": "acp-notice" }, TEXTS.notice);
    var log = el("div", {
      "class": "acp-log",
      "id": "acp-log",
      "role": "log",
      "aria-live": "polite",
      "aria-relevant": "additions",
      "aria-label": TEXTS.logLabel,
      "tabindex": "0"
    });
    var status = el("p", { "class": "acp-status", "role": "status", "aria-live": "polite" });

    var form = el("form", { "class": "acp-form", "novalidate": "" });
    var label = el("label", { "class": "acp-sr-only", "for": "acp-input" }, TEXTS.inputLabel);
    var input = el("input", {
      "type": "text",
      "id": "acp-input",
      "class": "acp-input",
      "autocomplete": "off",
      "enterkeyhint": "send",
      "maxlength": String(MAX_MESSAGE_LENGTH),
      "placeholder": TEXTS.placeholder
    });
    var send = el("button", { "type": "submit", "class": "acp-send" }, TEXTS.send);
    form.appendChild(label);
    form.appendChild(input);
    form.appendChild(send);

    var options = el("div", { "class": "acp-options" });
    var rememberLabel = el("label", { "class": "acp-remember" });
    var remember = el("input", {
      "type": "checkbox", "id": "acp-remember", "aria-describedby": "acp-remember-help"
    });
    remember.checked = state.remember;
    rememberLabel.appendChild(remember);
    rememberLabel.appendChild(el("span", {}, TEXTS.remember));
    var erase = el("button", { "type": "button", "class": "acp-delete" },
      TEXTS.deleteConversation);
    options.appendChild(rememberLabel);
    options.appendChild(erase);
    options.appendChild(el("p", { "class": "acp-help", "id": "acp-remember-help" },
      TEXTS.rememberHelp));
    options.appendChild(el("p", { "class": "acp-help", "id": "acp-exit-help" },
      TEXTS.quickExitHelp));

    [header, notice, log, status, form, options].forEach(function (part) {
      panel.appendChild(part);
    });

    exit.addEventListener("click", quickExit);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var text = input.value.trim();
      if (!text) {
        input.focus();
        return;
      }
      input.value = "";
      sendUserMessage(text, text);
      input.focus();
    });
    remember.addEventListener("change", function () {
      setRemember(remember.checked);
    });
    erase.addEventListener("click", deleteConversation);

    return {
      panel: panel, log: log, status: status, input: input, remember: remember,
      close: close, exit: exit
    };
  }

  function mountPage() {
    var container = document.querySelector(config.mount);
    if (!container) {
      return;
    }
    var root = el("div", { "class": "acp acp--page" });
    ui = buildPanel("h1", false);
    root.appendChild(ui.panel);
    container.appendChild(root);
    renderAll();
    start();
  }

  function mountFloating() {
    var host = el("div", { "id": "acompana-widget" });
    var shadow = host.attachShadow({ mode: "open" });
    var stylesheet = el("link", { "rel": "stylesheet", "href": config.assetsUrl + "widget.css" });
    var root = el("div", { "class": "acp acp--floating" });
    root.hidden = true; // until the stylesheet is in, to avoid a flash of raw markup
    stylesheet.addEventListener("load", function () { root.hidden = false; });
    stylesheet.addEventListener("error", function () { root.hidden = false; });

    var launcher = el("button", {
      "type": "button",
      "class": "acp-launcher",
      "aria-expanded": "false",
      "aria-controls": "acp-dialog"
    }, TEXTS.launcher);
    ui = buildPanel("h2", true);
    ui.panel.setAttribute("id", "acp-dialog");
    ui.panel.setAttribute("role", "dialog");
    ui.panel.setAttribute("aria-modal", "false");
    ui.panel.hidden = true;
    ui.launcher = launcher;

    root.appendChild(launcher);
    root.appendChild(ui.panel);
    shadow.appendChild(stylesheet);
    shadow.appendChild(root);
    document.body.appendChild(host);
    renderAll();

    launcher.addEventListener("click", openPanel);
    ui.close.addEventListener("click", closePanel);
  }

  function openPanel() {
    ui.panel.hidden = false;
    ui.launcher.hidden = true;
    ui.launcher.setAttribute("aria-expanded", "true");
    ui.input.focus();
    scrollToEnd();
    start();
  }

  function closePanel() {
    ui.panel.hidden = true;
    ui.launcher.hidden = false;
    ui.launcher.setAttribute("aria-expanded", "false");
    ui.launcher.focus();
  }

  // ---- rendering messages -------------------------------------------------------------

  function renderAll() {
    ui.log.textContent = "";
    state.messages.forEach(function (message, index) {
      var isLast = index === state.messages.length - 1;
      renderMessage(message, isLast);
    });
    scrollToEnd();
  }

  function renderMessage(message, withButtons) {
    if (message.text) { // a bot message may be buttons only
      var bubble = el("div", { "class": "acp-msg acp-msg--" + message.from });
      bubble.appendChild(el("span", { "class": "acp-sr-only" },
        message.from === "bot" ? TEXTS.botSays + " " : TEXTS.youSaid + " "));
      if (message.from === "bot") {
        appendFormatted(bubble, message.text);
      } else {
        bubble.appendChild(document.createTextNode(message.text));
      }
      ui.log.appendChild(bubble);
    }
    if (withButtons && message.buttons && message.buttons.length) {
      renderChoices(message.buttons);
    }
  }

  function renderChoices(buttons) {
    removeChoices(); // only the latest options are offered
    var group = el("div", {
      "class": "acp-choices", "role": "group", "aria-label": TEXTS.choicesLabel
    });
    buttons.forEach(function (choice) {
      var button = el("button", { "type": "button", "class": "acp-choice" }, choice.title);
      button.addEventListener("click", function () {
        removeChoices();
        sendUserMessage(choice.title, choice.payload);
        ui.input.focus();
      });
      group.appendChild(button);
    });
    ui.log.appendChild(group);
  }

  function removeChoices() {
    Array.prototype.forEach.call(ui.log.querySelectorAll(".acp-choices"), function (group) {
      group.remove();
    });
  }

  /** Bot text as DOM nodes: [title](url), bare http(s) links and **bold**; never as HTML. */
  function appendFormatted(parent, text) {
    var pattern = /\[([^\]]+)\]\(((?:https?:\/\/|tel:)[^\s)]+)\)|(https?:\/\/[^\s<>()]*[^\s<>().,;:!?'"])|\*\*([^*]+)\*\*/g;
    var last = 0;
    var match;
    while ((match = pattern.exec(text)) !== null) {
      if (match.index > last) {
        parent.appendChild(document.createTextNode(text.slice(last, match.index)));
      }
      if (match[1]) {
        parent.appendChild(link(match[1], match[2]));
      } else if (match[3]) {
        parent.appendChild(link(match[3], match[3]));
      } else {
        parent.appendChild(el("strong", {}, match[4]));
      }
      last = pattern.lastIndex;
    }
    if (last < text.length) {
      parent.appendChild(document.createTextNode(text.slice(last)));
    }
  }

  function link(text, href) {
    var anchor = el("a", { "href": href }, text);
    if (href.indexOf("tel:") !== 0) {
      // A new tab, so that the conversation (kept in memory) is not lost.
      anchor.setAttribute("target", "_blank");
      anchor.setAttribute("rel", "noopener noreferrer");
    }
    return anchor;
  }

  function addMessage(message) {
    state.messages.push(message);
    save();
    renderMessage(message, true);
    scrollToEnd();
  }

  function scrollToEnd() {
    ui.log.scrollTop = ui.log.scrollHeight;
  }

  function setStatus(text) {
    ui.status.textContent = text || "";
  }

  function showTyping() {
    hideTyping();
    ui.log.appendChild(el("div", { "class": "acp-typing", "aria-hidden": "true" },
      TEXTS.typing));
    scrollToEnd();
    typingTimer = window.setTimeout(hideTyping, TYPING_TIMEOUT_MS);
  }

  function hideTyping() {
    window.clearTimeout(typingTimer);
    Array.prototype.forEach.call(ui.log.querySelectorAll(".acp-typing"), function (node) {
      node.remove();
    });
  }

  // ---- talking to the server ----------------------------------------------------------

  /** Connect (once), after loading our copy of socket.io from the server if needed. */
  function start() {
    if (socket || exiting || closedByServer) {
      return;
    }
    if (config.mount && typeof window.io === "function") {
      ioFactory = window.io; // full page: index.html loaded it
      connect();
      return;
    }
    // Embedded: load our own copy even if the host page has a socket.io (maybe another
    // version), then give the host page its window.io back.
    socket = "loading";
    setStatus(TEXTS.connecting);
    var hostIo = window.io;
    var loader = el("script", { "src": config.assetsUrl + "vendor/socket.io.min.js" });
    loader.addEventListener("load", function () {
      socket = null;
      ioFactory = typeof window.io === "function" ? window.io : null;
      window.io = hostIo;
      connect();
    });
    loader.addEventListener("error", function () {
      socket = null;
      setStatus(TEXTS.unavailable);
    });
    document.head.appendChild(loader);
  }

  function connect() {
    if (!ioFactory) {
      setStatus(TEXTS.unavailable);
      return;
    }
    setStatus(TEXTS.connecting);
    socket = ioFactory(config.origin, {
      path: config.socketPath,
      // WebSocket first: it needs no CORS set-up when the widget is on another site;
      // long-polling is the fallback for networks that block WebSockets.
      transports: ["websocket", "polling"],
      tryAllTransports: true,
      reconnectionDelayMax: 10000
    });
    socket.on("connect", function () {
      sessionReady = false;
      socket.emit("session_request", state.token ? { token: state.token } : {});
    });
    socket.on("session_confirm", function (data) {
      if (!data || typeof data.token !== "string") {
        return;
      }
      if (!data.resumed) {
        state.greeted = false; // a new conversation (first visit, or the token expired)
      }
      state.token = data.token;
      sessionReady = true;
      setStatus("");
      if (!state.greeted) {
        state.greeted = true;
        emitMessage(GREET_PAYLOAD);
      }
      save();
      flushOutbox();
    });
    socket.on("bot_uttered", onBotUttered);
    socket.on("session_refused", onClosedByServer);
    socket.on("session_closed", onClosedByServer);
    socket.on("disconnect", function () {
      sessionReady = false;
      if (!exiting && !closedByServer) { // closed on purpose: keep saying why
        setStatus(TEXTS.reconnecting);
      }
    });
    socket.on("connect_error", function () {
      if (!exiting && !closedByServer) {
        setStatus(TEXTS.reconnecting);
      }
    });
  }

  /** The server refused a new conversation or closed this one here: say why, stay closed. */
  function onClosedByServer(data) {
    closedByServer = true;
    sessionReady = false;
    hideTyping();
    var key = REASON_TEXTS[data && data.reason] || "unavailable";
    setStatus(TEXTS[key]);
    if (socket && socket !== "loading") {
      socket.disconnect();
    }
  }

  function onBotUttered(data) {
    if (exiting || !data) {
      return;
    }
    hideTyping();
    var text = typeof data.text === "string" ? data.text : "";
    var raw = data.quick_replies || data.buttons || [];
    var buttons = (Array.isArray(raw) ? raw : []).filter(function (b) {
      return b && typeof b.title === "string" && typeof b.payload === "string";
    }).map(function (b) {
      return { title: b.title, payload: b.payload };
    });
    if (!text && !buttons.length) {
      return; // images, custom payloads: not used by this bot
    }
    var message = { from: "bot", text: text };
    if (buttons.length) {
      message.buttons = buttons;
    }
    addMessage(message);
  }

  /** Show `shown` as the person's bubble and send `payload` (the same text, or a button's). */
  function sendUserMessage(shown, payload) {
    addMessage({ from: "user", text: shown });
    showTyping();
    emitMessage(payload);
  }

  /** Send now if the session is confirmed; otherwise queue until it is. */
  function emitMessage(payload) {
    if (sessionReady && socket && socket !== "loading") {
      socket.emit("user_uttered", { message: payload });
    } else if (closedByServer) {
      hideTyping();
    } else {
      outbox.push(payload);
      start();
    }
  }

  function flushOutbox() {
    var pending = outbox;
    outbox = [];
    pending.forEach(emitMessage);
  }

  // ---- remember, delete, quick exit ---------------------------------------------------

  function setRemember(on) {
    state.remember = on;
    if (on) {
      save();
      setStatus(TEXTS.remembered);
    } else {
      forget();
      setStatus(TEXTS.forgotten);
    }
  }

  function deleteConversation() {
    emitMessage(DELETE_PAYLOAD);
    state.messages = [];
    state.remember = false;
    ui.remember.checked = false;
    forget();
    hideTyping();
    ui.log.textContent = "";
    setStatus(TEXTS.deleted);
    ui.input.focus();
  }

  function onKeydown(event) {
    if (event.key !== "Escape" || event.repeat || exiting) {
      return;
    }
    // Embedded: only once the chat has been opened, so as not to hijack the NGO's page.
    if (!config.mount && (!socket || !ui)) {
      return;
    }
    var now = Date.now();
    if (now - lastEscapeAt <= ESC_WINDOW_MS) {
      quickExit();
      return;
    }
    lastEscapeAt = now;
    if (ui) {
      setStatus(TEXTS.escAgain);
      window.setTimeout(function () {
        if (ui.status.textContent === TEXTS.escAgain) {
          setStatus("");
        }
      }, ESC_WINDOW_MS);
    }
  }

  /** Ask the server to erase this conversation; sendBeacon survives leaving the page. */
  function eraseOnServer() {
    if (!state.token) {
      return;
    }
    var body = new Blob([state.token], { type: "text/plain" });
    try {
      if (!(navigator.sendBeacon && navigator.sendBeacon(config.eraseUrl, body))) {
        window.fetch(config.eraseUrl, { method: "POST", body: body, keepalive: true,
          credentials: "omit" }).catch(function () {});
      }
    } catch (error) {
      // Leaving matters more; the conversation still expires on the server.
    }
  }

  /** Wipe the screen, this widget's storage and the server's copy; leave for EXIT_URL. */
  function quickExit() {
    exiting = true;
    eraseOnServer();
    forget();
    state.messages = [];
    state.token = null;
    outbox = [];
    if (ui) {
      ui.log.textContent = "";
      ui.input.value = "";
      ui.panel.hidden = true;
    }
    if (socket && socket !== "loading") {
      socket.disconnect();
    }
    // replace(): the chat page is not left in this tab's Back history.
    window.location.replace(config.exitUrl);
  }
})();
