"""Log privacy: what people write never reaches a log handler; intents and actions do."""
from __future__ import annotations

import io
import json
import logging

import pytest

from bot.safety import PrivacyLogFilter, install_log_filter, scrub_log_message

USER_TEXT = "me quiero morir, mi ex vive en Av. Libertador 1234"
PHONE = "+56 9 1234 5678"
EMAIL = "ana.perez@correo.cl"
SECRETS = ("me quiero morir", "Libertador", "1234 5678", "ana.perez", "correo.cl")


@pytest.fixture
def clean_logging():
    """Undo everything install_log_filter() does to the global logging state."""
    factory = logging.getLogRecordFactory()
    root = logging.getLogger()
    level = root.level
    logging.captureWarnings(False)
    yield
    logging.captureWarnings(False)
    logging.setLogRecordFactory(factory)
    root.setLevel(level)
    loggers = [root] + [lg for lg in logging.Logger.manager.loggerDict.values()
                        if isinstance(lg, logging.Logger)]
    for lg in loggers:
        for target in [lg] + lg.handlers:
            for f in [f for f in target.filters if isinstance(f, PrivacyLogFilter)]:
                target.removeFilter(f)


def capture(name: str) -> tuple[logging.Logger, io.StringIO]:
    """A logger with its own handler, like Rasa's, writing to a string."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
    lg = logging.getLogger(name)
    lg.handlers = [handler]
    lg.propagate = False
    lg.setLevel(logging.DEBUG)
    return lg, stream


def assert_clean(output: str) -> None:
    for secret in SECRETS:
        assert secret not in output, f"{secret!r} leaked into: {output}"


def test_user_message_phone_and_email_never_reach_the_handler(clean_logging):
    lg, stream = capture("rasa.core.processor.test1")
    install_log_filter()
    lg.debug("Received user message '%s' with intent '%s' and entities '%s'",
             f"{USER_TEXT}, llámame al {PHONE} o a {EMAIL}",
             {"name": "express_crisis", "confidence": 0.93}, [])
    lg.info("contact: %s / %s", PHONE, EMAIL)
    output = stream.getvalue()
    assert_clean(output)
    assert "express_crisis" in output and "0.93" in output
    assert "[texto]" in output and "[teléfono]" in output and "[correo]" in output


def test_intent_action_and_confidence_pass_unchanged(clean_logging):
    lg, stream = capture("rasa.core.processor.test2")
    install_log_filter()
    line = "Predicted next action 'action_next_steps' with confidence 0.91."
    lg.debug(line)
    lg.debug("Predicted intent %s with confidence %.2f", "report_ncii", 0.8765)
    assert stream.getvalue().splitlines() == [
        f"DEBUG rasa.core.processor.test2 {line}",
        "DEBUG rasa.core.processor.test2 Predicted intent report_ncii with confidence 0.88",
    ]


def test_caplog_sees_only_scrubbed_records(clean_logging, caplog):
    caplog.set_level(logging.DEBUG)
    install_log_filter()
    logging.getLogger("acompana.test").warning("contact %s, %s", PHONE, EMAIL)
    logging.getLogger("acompana.test").warning("Current tracker: {'text': '%s', 'intent': "
                                               "{'name': 'greet', 'confidence': 0.99}}", USER_TEXT)
    assert_clean(caplog.text)
    assert "'text': '[texto]'" in caplog.text and "'name': 'greet'" in caplog.text


def test_free_text_without_a_known_field_keeps_only_its_personal_data_out(clean_logging):
    """The limit of the filter: it cannot tell that a bare string is what someone wrote.
    That is why our own code never logs message text (docs/ARCHITECTURE.md)."""
    lg, stream = capture("acompana.test5")
    install_log_filter()
    lg.warning("user said %r", f"hola {PHONE}")
    assert stream.getvalue().strip().endswith("user said 'hola [teléfono]'")


def test_handlers_added_after_install_are_protected_too(clean_logging):
    install_log_filter()
    lg, stream = capture("sanic.added.later")
    lg.error("failed for %s", EMAIL)
    assert EMAIL not in stream.getvalue() and "[correo]" in stream.getvalue()


def test_exception_text_is_scrubbed(clean_logging):
    lg, stream = capture("rasa.test3")
    install_log_filter()
    try:
        raise ValueError(f"cannot parse {PHONE} {EMAIL}")
    except ValueError:
        lg.exception("boom")
    assert "Traceback" in stream.getvalue()
    assert_clean(stream.getvalue())


def test_install_twice_adds_one_filter(clean_logging):
    lg, _ = capture("rasa.test4")
    install_log_filter()
    install_log_filter()
    assert sum(isinstance(f, PrivacyLogFilter) for f in lg.handlers[0].filters) == 1
    assert sum(isinstance(f, PrivacyLogFilter) for f in logging.getLogger().filters) == 1


def test_filter_keeps_every_record():
    record = logging.LogRecord("x", logging.DEBUG, __file__, 1, "hola %s", (PHONE,), None)
    assert PrivacyLogFilter().filter(record) is True
    assert record.getMessage() == "hola [teléfono]"


@pytest.mark.parametrize("renderer", ["console", "colors", "json"])
def test_rasa_structlog_lines_are_scrubbed(clean_logging, renderer):
    """Rasa 3.6 logs through structlog (rasa/utils/log_utils.py) into stdlib logging."""
    structlog = pytest.importorskip("structlog")
    processors = [structlog.stdlib.filter_by_level, structlog.processors.add_log_level,
                  {"console": structlog.dev.ConsoleRenderer(colors=False),
                   "colors": structlog.dev.ConsoleRenderer(colors=True),
                   "json": structlog.processors.JSONRenderer()}[renderer]]
    lg, stream = capture("structlog.test")
    install_log_filter()
    structlog.configure(processors=processors, context_class=dict,
                        logger_factory=structlog.stdlib.LoggerFactory(),
                        wrapper_class=structlog.make_filtering_bound_logger(logging.DEBUG),
                        cache_logger_on_first_use=False)
    try:
        log = structlog.get_logger("structlog.test")
        log.debug("processor.message.parse", parse_data_text=f"{USER_TEXT} {PHONE}",
                  parse_data_intent={"name": "express_crisis", "confidence": 0.93},
                  parse_data_entities=[{"entity": "country", "value": "Chile"}])
        log.debug("processor.slots.log",
                  slot_values=f"\tcountry: CL\n\tdescription: {USER_TEXT}\n\tvictim_age: 15")
        log.debug("processor.actions.log", action_name="action_crisis_support",
                  rasa_events=[{"event": "user", "text": USER_TEXT},
                               {"event": "slot", "name": "country", "value": "CL"}])
    finally:
        structlog.reset_defaults()
    output = stream.getvalue()
    assert_clean(output)
    for kept in ("express_crisis", "0.93", "action_crisis_support", "country", "CL",
                 "victim_age: 15", "processor.message.parse"):
        assert kept in output, (kept, output)
    if renderer == "json":
        for line in output.splitlines():
            json.loads(line.split(" ", 2)[2])


@pytest.mark.parametrize("message, expected", [
    ("UserUttered(text: me pegó mi ex, intent: report_threat, use_text: False)",
     "UserUttered(text: [texto], intent: report_threat, use_text: False)"),
    ("SlotSet(key: description, value: vive en la calle Prat 123)",
     "SlotSet(key: description, value: [valor])"),
    ("SlotSet(key: country, value: CL)", "SlotSet(key: country, value: CL)"),
    ('{"text": "hola", "intent": {"name": "greet", "confidence": 0.9}}',
     '{"text": "[texto]", "intent": {"name": "greet", "confidence": 0.9}}'),
    ("Loading model models/20240101-123456-acompana.tar.gz",
     "Loading model models/20240101-123456-acompana.tar.gz"),
])
def test_scrub_log_message(message, expected):
    assert scrub_log_message(message) == expected


@pytest.mark.parametrize("warning", [
    "Parsed an intent 'me quiero morir, llámame al +56 9 1234 5678' which is not defined in "
    "the domain. Please make sure all intents are listed in the domain.",
    "Parsed an entity 'Libertador 1234' which is not defined in the domain.",
    "Invalid entity specification: ana.perez@correo.cl. Assuming no entities.",
    "Failed to parse arguments in line '/me quiero morir 1234 5678'. Expected the intent to "
    "be one of [['greet']] but found me quiero morir 1234 5678.Continuing with given line.",
    "Failed to parse arguments in line '/inform{Libertador'. Failed to interpret some parts. "
    "Continuing without {Libertador ana.perez@correo.cl. ",
])
def test_rasa_warning_about_an_unknown_slash_text_is_scrubbed(clean_logging, warning):
    import warnings

    lg, stream = capture("py.warnings")
    install_log_filter()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("always")
            warnings.warn(warning, UserWarning)
    finally:
        logging.captureWarnings(False)
    output = stream.getvalue()
    assert "UserWarning" in output
    assert_clean(output)
