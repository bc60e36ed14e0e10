"""What one package brings to the shared parts, declared in its own `plug.py`.

The app factory reads the plugs of the packages named in `participation.features`
and knows nothing else of them: adding a feature is one package with a `plug.py` and
one line in that list. A plug carries its package's blueprints, the modules whose
import declares its ladder observers, figures and personal data to the shared
registries (`ladder.observers`, `auth.personal_data`, `core.timeline`,
`notify.panels`), its CLI groups and its demo data.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from types import ModuleType
from typing import Any


@dataclass(frozen=True)
class Mount:
    """A blueprint and where it is mounted (None: at the root)."""

    blueprint: Any
    url_prefix: str | None = None


@dataclass(frozen=True)
class Plug:
    """One package's contributions to the shared parts."""

    name: str
    blueprints: Sequence[Mount] = ()
    # Modules that declare, when imported, what the package gives the shared
    # registries: the ladder's observers and dependencies, the person's data it holds.
    declares: Sequence[ModuleType] = ()
    commands: Sequence[Any] = ()  # click groups, added to `flask …`
    # Called once per app, after the blueprints are registered (e.g. event listeners).
    on_app: Sequence[Any] = ()
    # Called by `flask demo` with the DemoCity, once its districts, accounts, projects
    # and engagements exist: the features' in their order, then the shared parts'.
    demo: Sequence[Callable[["DemoCity"], None]] = ()


@dataclass(frozen=True)
class DemoCity:
    """What a package's demo filler receives: the demo city loaded so far."""

    planner: Any
    evaluator: Any
    users: Mapping[str, Any]  # by email
    districts: Mapping[str, Any]  # by key
    now: datetime  # the hour it is loaded: the demo's dates are relative to it
