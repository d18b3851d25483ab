"""Rasa SDK actions: ONE adapter, ``action_respond`` (actions/respond.py).

Importing this package loads and validates the law, the directory and the dialogue texts
once, so a broken YAML file stops the action server at start-up (naming the file, entry and
field) instead of failing in the middle of a conversation.
"""
from bot.dialogue.texts import texts
from bot.directory import get_directory
from bot.rules import load_law
from bot.safety import install_log_filter

install_log_filter()
load_law()
get_directory()
texts()
