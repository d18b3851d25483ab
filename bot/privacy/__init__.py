"""Privacy: personal data out of what is stored (``redact``) and out of every log line.

    redact(text)                         phones, e-mails, addresses, IDs replaced by tokens
    scrub_log_message(message)           a log line without what people wrote
    PrivacyLogFilter, install_log_filter()   keep message text out of the logs
    scrub_value(value)                   a stored structure (metadata, entities) redacted
"""
from bot.privacy.logs import PrivacyLogFilter, install_log_filter, scrub_log_message
from bot.privacy.redaction import redact

__all__ = ["PrivacyLogFilter", "install_log_filter", "redact", "scrub_log_message"]
