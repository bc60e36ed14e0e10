"""What the notifications page shows below the notifications: one panel per package.

A package registers a panel (its template and the function giving what the template
reads, for the signed-in reader); notify knows nothing else of it.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Context = Callable[..., dict[str, Any]]


@dataclass(frozen=True)
class Panel:
    template: str
    # (reader, **given) -> the values the template reads as `panel`; `given` carries
    # what a failed form post hands back (e.g. the form with its errors).
    context: Context


_PANELS: list[Panel] = []


def register_panel(template: str) -> Callable[[Context], Context]:
    """Declare a panel of the notifications page, rendered from `template`."""

    def decorator(context: Context) -> Context:
        _PANELS.append(Panel(template, context))
        return context

    return decorator


def panels(reader: Any, **given: Any) -> list[tuple[str, dict[str, Any]]]:
    """Every panel's template and values for this reader, in declaration order."""
    return [(panel.template, panel.context(reader, **given)) for panel in _PANELS]
