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
from bot.directory.regions import region_code, region_name
from bot.directory.render import (render_coverage_note, render_human_contact, render_next_steps,
                                  render_next_steps_messages, render_step)
from bot.directory.safety_text import render_safety_text
from bot.directory.service_text import render_services, source_line, step_source_line
from bot.directory.takedown import takedown_request
from bot.directory.select import (HumanContactAnswer, always_open_line, crisis_contacts, human_contact,
                                  human_contact_now, is_open, next_steps, region_covered, services_for)

__all__ = [
    "CheckResult",
    "HumanContactAnswer",
    "always_open_line",
    "human_contact_now",
    "is_open",
    "region_code",
    "region_covered",
    "region_name",
    "render_coverage_note",
    "render_human_contact",
    "render_step",
    "source_line",
    "step_source_line",
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
