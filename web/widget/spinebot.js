/*
 * SpineBot chat widget: a chat bubble for a clinic's website, talking to the Rasa server's
 * socket.io channel. Embed with one tag (see README, "Put the chat on a clinic's website"):
 *
 *   <script src="https://BOT-HOST/widget/spinebot.js" data-server="https://RASA-HOST"
 *           data-clinic="Clinic name" data-color="#0b5cab" defer></script>
 *
 * Rules kept here: every text from the bot or the person is inserted as text (textContent),
 * never as HTML; nothing is loaded from any host but the widget's own and the Rasa server;
 * emergency styling comes from the triage payload, never from matching words in the text.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || window.SpineBot) { return; }

  var BASE = new URL(".", script.src).href;            // where this file (and its assets) live
  var STORE_KEY = "spinebot.conversation";
  var EMERGENCY_LEVELS = { call_emergency: true, emergency_department: true };
  var DEFAULT_COLOR = "#0b5cab";
  var MAX_CHARS = 1000;
  var LEVEL_WORDS = {
    doctor_today: "see a doctor today",
    doctor_soon: "see a doctor within the next few days",
    routine_appointment: "book a routine appointment",
    self_care: "look after it yourself for now, and seek help if it changes",
  };

  var config = {
    server: (script.dataset.server || new URL(BASE).origin).replace(/\/+$/, ""),
    clinic: script.dataset.clinic || "our clinic",
    color: readableColor(script.dataset.color),
    title: script.dataset.title || "SpineBot",
  };
  var clinicFacts = { phone: "", emergency_number: "", hours: "" };

  // ---- stored state: survives a reload of the page, not the closing of the tab ----------
  var state = load();

  function load() {
    try {
      var saved = JSON.parse(sessionStorage.getItem(STORE_KEY) || "null");
      if (saved && Array.isArray(saved.messages)) { return saved; }
    } catch (ignored) { /* a damaged entry starts a new conversation */ }
    return { sessionId: null, acknowledged: false, open: false, messages: [], pending: [], replies: [] };
  }

  function save() {
    try { sessionStorage.setItem(STORE_KEY, JSON.stringify(state)); } catch (ignored) { /* private mode */ }
  }

  // ---- colours: the configured colour is used only if white text on it stays readable ----
  function readableColor(value) {
    if (!value || !/^#[0-9a-fA-F]{6}$/.test(value)) { return DEFAULT_COLOR; }
    return contrastWithWhite(value) >= 4.5 ? value : DEFAULT_COLOR;
  }

  function contrastWithWhite(hex) {
    var channels = [1, 3, 5].map(function (i) {
      var c = parseInt(hex.substr(i, 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    });
    var luminance = 0.2126 * channels[0] + 0.7152 * channels[1] + 0.0722 * channels[2];
    return 1.05 / (luminance + 0.05);
  }

  // ---- DOM helpers: text only --------------------------------------------------------------
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (attrs[name] === null || attrs[name] === undefined) { return; }
      if (name === "text") { node.textContent = attrs[name]; } else { node.setAttribute(name, attrs[name]); }
    });
    (children || []).forEach(function (child) { if (child) { node.appendChild(child); } });
    return node;
  }

  function telHref(number) { return "tel:" + String(number).replace(/[^0-9+]/g, ""); }

  function clock(iso) {
    var d = new Date(iso);
    return d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  }

  // ---- the widget's parts ---------------------------------------------------------------------
  var root = el("div", { class: "spinebot", "data-spinebot": "" });
  root.style.setProperty("--spinebot-color", config.color);

  var launcher = el("button", {
    type: "button", class: "spinebot-launcher", "aria-expanded": "false",
    "aria-controls": "spinebot-panel", text: "Chat about back or neck pain",
  });
  var panel = el("section", {
    id: "spinebot-panel", class: "spinebot-panel", role: "dialog",
    "aria-label": config.title + " chat with " + config.clinic, hidden: "",
  });
  var closeButton = el("button", { type: "button", class: "spinebot-close", "aria-label": "Close the chat", text: "×" });
  var restartButton = el("button", { type: "button", class: "spinebot-restart", text: "New chat" });
  var header = el("header", { class: "spinebot-header" }, [
    el("h2", { class: "spinebot-title", text: config.title + " · " + config.clinic }),
    restartButton, closeButton,
  ]);
  var status = el("p", { class: "spinebot-status", role: "status", "aria-live": "polite" });
  var emergencyBar = el("div", { class: "spinebot-emergency-bar", hidden: "" });
  var log = el("ol", { class: "spinebot-log", role: "log", "aria-live": "polite", "aria-label": "Conversation" });
  var typing = el("p", { class: "spinebot-typing", hidden: "", text: config.title + " is typing…" });
  var replies = el("div", { class: "spinebot-replies", role: "group", "aria-label": "Suggested answers" });
  var input = el("input", {
    type: "text", class: "spinebot-input", id: "spinebot-input", autocomplete: "off",
    maxlength: String(MAX_CHARS), "aria-label": "Your message", placeholder: "Type your message",
  });
  var sendButton = el("button", { type: "submit", class: "spinebot-send", text: "Send" });
  var form = el("form", { class: "spinebot-form" }, [input, sendButton]);
  var disclaimer = buildDisclaimer();

  panel.appendChild(header);
  panel.appendChild(status);
  panel.appendChild(emergencyBar);
  panel.appendChild(disclaimer);
  panel.appendChild(log);
  panel.appendChild(typing);
  panel.appendChild(replies);
  panel.appendChild(form);
  root.appendChild(launcher);
  root.appendChild(panel);

  function buildDisclaimer() {
    var ack = el("button", { type: "button", class: "spinebot-ack", text: "I understand – start" });
    var box = el("div", { class: "spinebot-disclaimer", role: "region", "aria-label": "Before you start" }, [
      el("h3", { text: "Before you start" }),
      el("p", { text: config.title + " asks about back and neck pain and suggests what kind of care fits. " +
        "It does not diagnose and is not medical advice." }),
      el("p", { class: "spinebot-disclaimer-emergency", "data-emergency-line": "",
        text: "In an emergency, call your local emergency number now." }),
      el("p", { text: "What you type is stored by " + config.clinic + " to answer you and, if you ask, " +
        "to arrange a consultation. Please don't type anything you don't want the clinic to see." }),
      ack,
    ]);
    ack.addEventListener("click", function () {
      state.acknowledged = true;
      save();
      showGate();
      if (state.messages.length === 0) { send("/greet", null); }
      input.focus();
    });
    return box;
  }

  function showGate() {
    disclaimer.hidden = state.acknowledged;
    input.disabled = !state.acknowledged;
    sendButton.disabled = !state.acknowledged;
  }

  // ---- messages -----------------------------------------------------------------------------
  function addMessage(message, persist) {
    if (persist) { state.messages.push(message); save(); }
    log.appendChild(renderMessage(message));
    log.scrollTop = log.scrollHeight;
  }

  function renderMessage(message) {
    if (message.triage) { return renderTriage(message); }
    if (message.call) { return renderCall(message); }
    var who = message.from === "user" ? "You" : config.title;
    var item = el("li", { class: "spinebot-message spinebot-from-" + message.from }, [
      el("span", { class: "spinebot-visually-hidden", text: who + " said: " }),
      el("p", { class: "spinebot-text", text: message.text }),
      el("time", { class: "spinebot-time", datetime: message.time, text: clock(message.time) }),
    ]);
    return item;
  }

  // A way to reach people when the chat is not working for someone: tap-to-call links.
  function renderCall(message) {
    var clinic = message.call.clinic_phone || clinicFacts.phone;
    var emergency = message.call.emergency_number || clinicFacts.emergency_number;
    return el("li", { class: "spinebot-message spinebot-from-bot spinebot-call-links" }, [
      el("p", { class: "spinebot-calls" }, [
        clinic ? el("a", { class: "spinebot-call", href: telHref(clinic), text: "Call the clinic " + clinic }) : null,
        emergency ? el("a", { class: "spinebot-call spinebot-call-emergency", href: telHref(emergency),
          text: "Emergency: call " + emergency }) : null,
      ]),
      el("time", { class: "spinebot-time", datetime: message.time, text: clock(message.time) }),
    ]);
  }

  function renderTriage(message) {
    var triage = message.triage;
    var time = el("time", { class: "spinebot-time", datetime: message.time, text: clock(message.time) });
    if (!EMERGENCY_LEVELS[triage.level]) {
      return el("li", { class: "spinebot-message spinebot-outcome", "data-level": triage.level }, [
        el("p", { class: "spinebot-text", text: "Suggested next step: " + (LEVEL_WORDS[triage.level] || triage.level) }),
        time,
      ]);
    }
    return el("li", { class: "spinebot-message spinebot-emergency", "data-level": triage.level }, [
      el("div", { class: "spinebot-alert", role: "alert" }, emergencyContent(triage.level)),
      time,
    ]);
  }

  // The emergency instruction with tap-to-call links: in the conversation, and pinned above it
  // so it stays on screen while the reasons and the rest of the turn scroll by.
  function emergencyContent(level) {
    var emergency = clinicFacts.emergency_number;
    return [
      el("p", { class: "spinebot-emergency-title", text: level === "call_emergency"
        ? "This may be an emergency. Call " + (emergency || "the emergency number") + " now."
        : "Please go to an emergency department now." }),
      el("p", { class: "spinebot-calls" }, [
        emergency ? el("a", { class: "spinebot-call spinebot-call-emergency", href: telHref(emergency),
          text: "Call " + emergency }) : null,
        clinicFacts.phone ? el("a", { class: "spinebot-call", href: telHref(clinicFacts.phone),
          text: "Call the clinic " + clinicFacts.phone }) : null,
      ]),
    ];
  }

  function pinEmergency(level) {
    while (emergencyBar.firstChild) { emergencyBar.removeChild(emergencyBar.firstChild); }
    emergencyBar.hidden = !level;
    if (level) { emergencyContent(level).forEach(function (node) { emergencyBar.appendChild(node); }); }
  }

  function showReplies(buttons, multiple) {
    state.replies = buttons || [];
    state.multiple = Boolean(multiple);
    save();
    while (replies.firstChild) { replies.removeChild(replies.firstChild); }
    if (state.multiple) { showChoices(state.replies); return; }
    (buttons || []).forEach(function (button) {
      var b = el("button", { type: "button", class: "spinebot-reply", text: button.title });
      b.addEventListener("click", function () { send(button.payload, button.title); input.focus(); });
      replies.appendChild(b);
    });
    log.scrollTop = log.scrollHeight;
  }

  // A "which of these?" follow-up (custom {"choose": {"multiple": true}}): the item buttons
  // toggle, and "Send" sends every chosen item in one payload; the buttons whose item key is
  // not_sure_which or none_after_all send at once.
  var SPECIAL_CHOICES = { not_sure_which: true, none_after_all: true };

  function itemKeys(button) {
    try {
      return String(JSON.parse(button.payload.replace(/^\/inform/, "")).screen_items || "");
    } catch (ignored) { return ""; }
  }

  function showChoices(buttons) {
    var chosen = [];
    var sendChosen = el("button", { type: "button", class: "spinebot-reply spinebot-send-choices",
      text: "Send", disabled: "disabled" });
    buttons.forEach(function (button) {
      var keys = itemKeys(button);
      var special = SPECIAL_CHOICES[keys];
      var b = el("button", { type: "button", class: "spinebot-reply" + (special ? "" : " spinebot-choice"),
        text: button.title, "aria-pressed": special ? null : "false" });
      b.addEventListener("click", function () {
        if (special) { send(button.payload, button.title); input.focus(); return; }
        var at = chosen.indexOf(button);
        if (at >= 0) { chosen.splice(at, 1); } else { chosen.push(button); }
        b.setAttribute("aria-pressed", at >= 0 ? "false" : "true");
        sendChosen.disabled = chosen.length === 0;
      });
      replies.appendChild(b);
    });
    sendChosen.addEventListener("click", function () {
      if (!chosen.length) { return; }
      var keys = chosen.map(itemKeys).join(" ");
      send("/inform" + JSON.stringify({ screen_items: keys }),
        chosen.map(function (b) { return b.title; }).join("; "));
      input.focus();
    });
    replies.appendChild(sendChosen);
    log.scrollTop = log.scrollHeight;
  }

  // ---- talking to the Rasa server ------------------------------------------------------------
  var socket = null;
  var wasConnected = false;

  function connect() {
    if (typeof window.io !== "function") { couldNotLoad(); return; }
    socket = window.io(config.server, { transports: ["websocket"], reconnectionDelayMax: 5000 });
    socket.on("connect", function () {
      socket.emit("session_request", { session_id: state.sessionId });
    });
    socket.on("session_confirm", function (sessionId) {
      var id = typeof sessionId === "string" ? sessionId : (sessionId && sessionId.session_id);
      if (id) { state.sessionId = id; save(); }
      if (wasConnected) { setStatus("Reconnected."); }
      wasConnected = true;
      flushPending();
    });
    socket.on("disconnect", function () {
      if (wasConnected) { setStatus("Connection lost. Reconnecting… Your messages are kept."); }
    });
    socket.on("connect_error", function () {
      setStatus("Can't reach the chat right now. Retrying… In an emergency call " +
        (clinicFacts.emergency_number || "the emergency number") + ".");
    });
    socket.on("bot_uttered", receive);
  }

  function receive(data) {
    if (!data || typeof data !== "object") { return; }
    typing.hidden = true;
    var now = new Date().toISOString();
    if (data.custom && data.custom.triage) {
      var level = data.custom.triage.level;
      addMessage({ from: "bot", triage: data.custom.triage, time: now }, true);
      if (EMERGENCY_LEVELS[level]) { state.emergency = level; save(); pinEmergency(level); }
      return;
    }
    if (data.custom && data.custom.call) {
      addMessage({ from: "bot", call: data.custom.call, time: now }, true);
      return;
    }
    if (data.custom && data.custom.choose) {
      if (data.custom.choose.multiple && state.replies.length) { showReplies(state.replies, true); }
      return;
    }
    if (typeof data.text === "string" && data.text) {
      addMessage({ from: "bot", text: data.text, time: now }, true);
    }
    var buttons = (data.quick_replies || data.buttons || []).filter(function (b) {
      return b && typeof b.title === "string" && typeof b.payload === "string";
    });
    if (buttons.length) { showReplies(buttons); }
  }

  function send(payload, shownAs) {
    var text = String(payload).slice(0, MAX_CHARS);
    if (!text.trim()) { return; }
    if (shownAs !== null) {
      addMessage({ from: "user", text: shownAs === undefined ? text : shownAs, time: new Date().toISOString() }, true);
    }
    showReplies([]);
    state.pending.push(text);
    save();
    flushPending();
  }

  function flushPending() {
    if (!socket || !socket.connected || !state.sessionId) { return; }
    while (state.pending.length) {
      var text = state.pending.shift();
      socket.emit("user_uttered", { message: text, session_id: state.sessionId });
      typing.hidden = false;
    }
    save();
  }

  // The chat cannot work at all: say how to reach a person instead, with the numbers if known.
  function couldNotLoad() {
    setStatus("The chat could not load. Please call the clinic" +
      (clinicFacts.phone ? " on " + clinicFacts.phone : "") + ". In an emergency call " +
      (clinicFacts.emergency_number || "your local emergency number") + ".");
  }

  function setStatus(message) {
    status.textContent = message;
    if (message === "Reconnected.") {
      setTimeout(function () { if (status.textContent === message) { status.textContent = ""; } }, 4000);
    }
  }

  // ---- opening, closing, restarting ------------------------------------------------------------
  function open() {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    root.classList.add("spinebot-is-open");
    state.open = true;
    save();
    (state.acknowledged ? input : disclaimer.querySelector(".spinebot-ack")).focus();
  }

  function close() {
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    root.classList.remove("spinebot-is-open");
    state.open = false;
    save();
    launcher.focus();
  }

  function restart() {
    if (socket && state.sessionId) {
      socket.emit("user_uttered", { message: "/restart", session_id: state.sessionId });
    }
    state.messages = [];
    state.pending = [];
    state.emergency = null;
    pinEmergency(null);
    save();
    while (log.firstChild) { log.removeChild(log.firstChild); }
    showReplies([]);
    send("/greet", null);
    input.focus();
  }

  launcher.addEventListener("click", function () { if (panel.hidden) { open(); } else { close(); } });
  closeButton.addEventListener("click", close);
  restartButton.addEventListener("click", restart);
  panel.addEventListener("keydown", function (event) { if (event.key === "Escape") { close(); } });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value;
    input.value = "";
    send(text);
  });

  // ---- start ---------------------------------------------------------------------------------
  function loadAsset(tag, attrs) {
    return new Promise(function (resolve, reject) {
      var node = el(tag, attrs);
      node.addEventListener("load", resolve);
      node.addEventListener("error", reject);
      document.head.appendChild(node);
    });
  }

  function start() {
    document.body.appendChild(root);
    state.messages.forEach(function (message) { log.appendChild(renderMessage(message)); });
    showReplies(state.replies || [], state.multiple);
    showGate();
    if (state.open) { open(); }
    fetch(BASE + "clinic.json", { credentials: "omit" })
      .then(function (response) { return response.ok ? response.json() : {}; })
      .then(function (facts) {
        clinicFacts = facts || clinicFacts;
        if (state.emergency) { pinEmergency(state.emergency); }
        var line = disclaimer.querySelector("[data-emergency-line]");
        if (clinicFacts.emergency_number) {
          line.textContent = "In an emergency, call " + clinicFacts.emergency_number + " now.";
        }
      })
      .catch(function () { /* the disclaimer keeps its general wording */ })
      // The socket.io client loads after the clinic's facts, so a failure can give its numbers.
      .then(function () { return loadAsset("script", { src: BASE + "vendor/socket.io.min.js" }); })
      .then(connect)
      .catch(couldNotLoad);
  }

  window.SpineBot = {
    open: open,
    close: close,
    // for tests and for clinics that want a "chat with us" link of their own
    get sessionId() { return state.sessionId; },
    get socket() { return socket; },
  };

  loadAsset("link", { rel: "stylesheet", href: BASE + "spinebot.css" }).catch(function () {});
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
