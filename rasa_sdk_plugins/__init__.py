"""rasa-sdk's plugin hook (it imports a package of this exact name at start-up).

The only thing attached is the action server's interface and shared-secret check
(``extensions/action_auth.py``).
"""
from __future__ import annotations

from typing import Any

import pluggy

hookimpl = pluggy.HookimplMarker("rasa_sdk")


class _AcompanaPlugin:
    @hookimpl
    def attach_sanic_app_extensions(self, app: Any) -> None:
        from extensions.action_auth import attach

        attach(app)


def init_hooks(manager: pluggy.PluginManager) -> None:
    """Register Acompaña's hooks with rasa-sdk's plugin manager."""
    manager.register(_AcompanaPlugin())
