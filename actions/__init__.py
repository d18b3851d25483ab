"""Rasa SDK actions: thin adapters between the tracker and the core in ``bot/``.

Importing this package loads and validates the law and the directory once, so a broken YAML
file stops the action server at start-up (naming the file, entry and field) instead of
failing in the middle of a conversation.
"""
from bot.directory import get_directory
from bot.rules import load_law
from bot.safety import install_log_filter

install_log_filter()
load_law()
get_directory()
