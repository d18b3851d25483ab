"""No message text or personal data in any log line.

:func:`install_log_filter` attaches :class:`PrivacyLogFilter` to the root logger and every
handler, scrubs records as they are made, and captures ``warnings.warn`` into logging
(``logging.captureWarnings``) so that warnings, which Rasa uses for an unknown ``/intent``
text, pass through the same filter.
"""
from __future__ import annotations

import ast
import json
import logging
import re
from typing import Any, Callable, Optional

from bot.privacy.redaction import DATA as _REDACTION, redact

_SENSITIVE_KEYS = frozenset({
    "text", "response_text", "user_text", "slot_values", "parse_data_text",
    "parse_data_entities", "prediction_events", "tracker_latest_message", "prefilled_slots",
    "message", "response", "slot_candidates", "rasa_event", "rasa_events", "tracker_states",
    "current_states", "old_states", "successes", "current_entity", "next_entity", "states",
    "entity", "token_text", "user_message", "json_message", "parse_data", "metadata",
    "entities", "value", "data",
})
#: Fields that are safe to keep in a log line (names, numbers, routing).
_SAFE_KEYS = frozenset({
    "action_name", "parse_data_intent", "intent", "intent_name", "name", "confidence",
    "event", "event_key", "event_info", "len_extraction_events", "action_extract_slot",
    "policy_name", "policy", "level", "timestamp", "logger", "sender_id", "url", "host",
    "filename", "topic", "key", "arg", "placeholder_key", "rabbitmq_exchange", "utter_action",
    "slot_name", "input_channel", "message_id", "latency", "status", "duration",
})
#: Inside a structure (an event, an entity), these keys hold what the person wrote.
_TEXT_FIELDS = frozenset({"text", "message", "user_text", "response_text", "parse_data_text",
                          "token_text", "user_message", "json_message", "response",
                          "tracker_latest_message", "parse_data", "metadata", "data"})
_VALUE_FIELDS = frozenset({"value", "slot_value"})
_SIMPLE_VALUE_RE = re.compile(r"^[\w.\-]{1,40}$")
_LONG_DIGITS_RE = re.compile(r"\d{6,}")
_ANSI_RE = re.compile(r"\x1b\[[0-9;]*m")
_KV_KEY_RE = re.compile(r"(?:(?<=\s)|^)([a-z_][a-z0-9_]*)=")
_LEGACY_PATTERNS: tuple[tuple[re.Pattern, str], ...] = (
    # Rasa < 3.5: "Received user message 'hola' with intent '{...}' and entities '[...]'"
    (re.compile(r"(Received user message ')(.*?)(' with intent)", re.S), "text"),
    (re.compile(r"(Received user message ')((?:(?!' with intent).)*)(')$", re.S), "text"),
    # str(UserUttered) / str(BotUttered)
    (re.compile(r"(UserUttered\(text: )(.*?)(, intent: )", re.S), "text"),
    (re.compile(r"(BotUttered\(text: )(.*?)(, data: )", re.S), "text"),
    (re.compile(r"(UserUttered\(text: )((?:(?!, intent: ).)*?)(\))$", re.S), "text"),
    # dict reprs and JSON inside any message: 'text': '...', "text": "..."
    (re.compile(r"""(['"](?:text|message|user_text|response_text|parse_data_text)['"]\s*:\s*)"""
                r"""('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")()"""), "quoted"),
    (re.compile(r"""(['"](?:value|slot_value)['"]\s*:\s*)('(?:[^'\\]|\\.)*'|"""
                r""""(?:[^"\\]|\\.)*")()"""), "quoted_value"),
    (re.compile(r"""(\btext=)('(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*")()"""), "quoted"),
    (re.compile(r"(SlotSet\(key: [\w.-]+, value: )(.*?)(\))", re.S), "value"),
    # Rasa's warnings about a "/..." text that is not a known intent or entity (the name is
    # whatever the person wrote after the slash) or whose entities are not JSON.
    (re.compile(r"(Parsed an (?:intent|entity) ')(.*?)(' which is not defined)", re.S), "text"),
    (re.compile(r"(Invalid entity specification: )(.*?)(\. Assuming no entities)", re.S),
     "text"),
)

#: Rasa warnings about a "/..." message it could not read quote the message, its intent
#: part, its entities or its rest in several places: everything after the start is dropped.
_UNREADABLE_SLASH_MESSAGE_RE = re.compile(
    r"(Failed to parse arguments in line|Failed to parse intent)\b.*", re.S)


def _is_simple(value: Any) -> bool:
    """A closed-vocabulary value (``CL``, ``report_ncii``, ``15``, ``True``) safe to log."""
    if value is None or isinstance(value, (bool, int, float)):
        return True
    return (isinstance(value, str) and bool(_SIMPLE_VALUE_RE.match(value))
            and not _LONG_DIGITS_RE.search(value))


def _scrub_slot_lines(slot_values: str) -> str:
    tokens = _REDACTION.tokens
    lines = []
    for line in slot_values.split("\n"):
        name, sep, value = line.partition(": ")
        lines.append(line if not sep or _is_simple(value.strip())
                     else f"{name}{sep}{tokens['value']}")
    return "\n".join(lines)


def _sanitise(value: Any, key: Optional[str] = None) -> Any:
    """Copy of a logged structure with everything a person wrote replaced by tokens."""
    tokens = _REDACTION.tokens
    if isinstance(value, dict):
        return {k: _sanitise(v, k if isinstance(k, str) else None) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_sanitise(v, key) for v in value]
    if key == "slot_values" and isinstance(value, str):
        return _scrub_slot_lines(value)
    if key in _TEXT_FIELDS:
        return value if value in (None, "") else tokens["text"]
    if key in _VALUE_FIELDS or key in {"prefilled_slots", "slot_candidates"}:
        return value if _is_simple(value) else tokens["value"]
    if key in _SENSITIVE_KEYS and isinstance(value, str):
        return value if _is_simple(value) else tokens["text"]
    if isinstance(value, str):
        return redact(value)
    return value


def _scrub_rendered_value(key: str, rendered: str) -> str:
    """Scrub one ``key=value`` value as rendered by structlog's console renderer."""
    tokens = _REDACTION.tokens
    if key == "slot_values":
        return _scrub_slot_lines(rendered)
    if key in _TEXT_FIELDS or key in {"parse_data_text", "user_text", "response_text"}:
        return tokens["text"]
    try:
        parsed = ast.literal_eval(rendered.strip())
    except (ValueError, SyntaxError, MemoryError, RecursionError, TypeError):
        return tokens["text"]
    if isinstance(parsed, (dict, list, tuple)):
        return repr(_sanitise(parsed, key))
    return tokens["text"]


def _scrub_key_values(message: str) -> str:
    """Scrub structlog console lines: ``event  key=value key=value``."""
    keys = [(m.start(), m.end(), m.group(1)) for m in _KV_KEY_RE.finditer(message)
            if m.group(1) in _SENSITIVE_KEYS or m.group(1) in _SAFE_KEYS]
    if not any(k in _SENSITIVE_KEYS for _, _, k in keys):
        return message
    out, last = [], 0
    for i, (start, end, key) in enumerate(keys):
        if key not in _SENSITIVE_KEYS:
            continue
        value_end = keys[i + 1][0] if i + 1 < len(keys) else len(message)
        rendered = message[end:value_end]
        trailing = rendered[len(rendered.rstrip()):]
        out.append(message[last:end])
        out.append(_scrub_rendered_value(key, rendered.rstrip()) + trailing)
        last = value_end
    out.append(message[last:])
    return "".join(out)


def _scrub_legacy(message: str) -> str:
    tokens = _REDACTION.tokens
    message = _UNREADABLE_SLASH_MESSAGE_RE.sub(
        lambda m: f"{m.group(1)} {tokens['text']} (a /intent message Rasa could not read).",
        message)
    for pattern, kind in _LEGACY_PATTERNS:
        def repl(m: re.Match, kind: str = kind) -> str:
            inner = m.group(2)
            if kind == "quoted":
                new = inner[0] + tokens["text"] + inner[-1]
            elif kind == "quoted_value":
                new = inner if _is_simple(inner[1:-1]) else inner[0] + tokens["value"] + inner[-1]
            elif kind == "value":
                new = inner if _is_simple(inner) else tokens["value"]
            else:
                new = tokens["text"]
            return m.group(1) + new + m.group(3)
        message = pattern.sub(repl, message)
    return message


def scrub_log_message(message: str) -> str:
    """Remove what people wrote from a log line; keep intents, actions and confidences."""
    if not message:
        return message
    plain = _ANSI_RE.sub("", message) if "\x1b[" in message else message
    stripped = plain.strip()
    scrubbed = None
    if stripped.startswith("{") and stripped.endswith("}"):
        try:
            parsed = json.loads(stripped)
        except ValueError:
            parsed = None
        if isinstance(parsed, dict):
            scrubbed = json.dumps(_sanitise(parsed), ensure_ascii=False)
    if scrubbed is None:
        scrubbed = redact(_scrub_legacy(_scrub_key_values(plain)))
    return message if scrubbed == plain else scrubbed


class PrivacyLogFilter(logging.Filter):
    """Logging filter that scrubs message text and personal data out of every record.

    It rewrites the record in place (never drops it): Rasa's structlog lines
    (``parse_data_text=...``, ``slot_values=...``, events), older "Received user message
    '...'" lines, ``'text': '...'`` fields anywhere, and phones, e-mails, addresses and IDs
    in any message. Intent names, action names and confidences are kept.
    """

    #: Attribute set on a record once scrubbed, so that it is scrubbed only once.
    MARK = "_acompana_scrubbed"

    def filter(self, record: logging.LogRecord) -> bool:
        """Scrub ``record`` in place and let it through."""
        if getattr(record, self.MARK, False):
            return True
        if isinstance(record.msg, dict):
            record.msg = _sanitise(record.msg)
        else:
            try:
                message = record.getMessage()
            except (TypeError, ValueError):
                message = str(record.msg)
            record.msg = scrub_log_message(message)
            record.args = None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = scrub_log_message(record.exc_text)
        if record.stack_info:
            record.stack_info = scrub_log_message(record.stack_info)
        setattr(record, self.MARK, True)
        return True


_FILTER = PrivacyLogFilter()


def _attach(target: logging.Filterer) -> None:
    if not any(isinstance(f, PrivacyLogFilter) for f in target.filters):
        target.addFilter(_FILTER)


def install_log_filter(*, patch_record_factory: bool = True) -> PrivacyLogFilter:
    """Attach :class:`PrivacyLogFilter` to the root logger and to every existing handler.

    Warnings are captured into logging (logger ``py.warnings``) so they are scrubbed too.
    Call it once at start-up, after Rasa has configured logging (an action module or a
    custom component is a good place). Calling it again is harmless.

    Args:
        patch_record_factory: also scrub records as they are created, so that handlers
            added later (Rasa and Sanic add some while starting) never see raw text.

    Returns:
        The filter instance that was attached.
    """
    # warnings.warn bypasses logging (and so this filter) unless captured into it; Rasa warns
    # with the text of an unknown "/intent" message.
    logging.captureWarnings(True)
    root = logging.getLogger()
    _attach(root)
    handlers = list(root.handlers)
    for item in list(logging.Logger.manager.loggerDict.values()):
        if isinstance(item, logging.Logger):
            handlers.extend(item.handlers)
    for handler in handlers:
        _attach(handler)
    if patch_record_factory:
        current: Callable[..., logging.LogRecord] = logging.getLogRecordFactory()
        if not getattr(current, "_acompana_privacy", False):
            def factory(*args: Any, **kwargs: Any) -> logging.LogRecord:
                record = current(*args, **kwargs)
                _FILTER.filter(record)
                return record

            factory._acompana_privacy = True  # type: ignore[attr-defined]
            logging.setLogRecordFactory(factory)
    return _FILTER
