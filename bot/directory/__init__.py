"""Support directory: services, reporting routes and next steps for a case.

Everything a person reads comes from YAML in ``bot/knowledge/directory/`` (plus the deployer's
``local.yml`` or ``$ACOMPANA_DIRECTORY_EXTRA``), validated once at load. Check it with
``python -m bot.directory check``.

Example:
    >>> from bot.facts import CaseFacts
    >>> from bot.directory import render_next_steps
    >>> text = render_next_steps(CaseFacts("report_ncii", "CL", platform="telegram"))
"""
from bot.directory.load import CheckResult, check_directory, get_directory, load_directory, resolve_extra_path
from bot.directory.model import Directory, DirectoryError, Issue, Service, Step
from bot.directory.render import (render_next_steps, render_next_steps_messages, render_safety_text,
                                  render_services, takedown_request)
from bot.directory.select import crisis_contacts, human_contact, next_steps, services_for

__all__ = [
    "CheckResult",
    "Directory",
    "DirectoryError",
    "Issue",
    "Service",
    "Step",
    "check_directory",
    "crisis_contacts",
    "get_directory",
    "human_contact",
    "load_directory",
    "next_steps",
    "render_next_steps",
    "render_next_steps_messages",
    "render_safety_text",
    "render_services",
    "resolve_extra_path",
    "services_for",
    "takedown_request",
]
