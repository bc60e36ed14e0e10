"""The packages the app is made of, in the order they are plugged in.

The shared parts come first; the features after them. A new feature is one package
with a `plug.py` (see `participation.plug`) and one line here.
"""

from importlib import import_module

from participation.plug import Plug

SHARED_PARTS = ("core", "auth", "i18n", "notify", "ladder")
FEATURES = ("issues", "consultations", "budgeting", "projects", "api", "open311")


def plugs() -> list[Plug]:
    """Every package's plug, shared parts first."""
    return [
        import_module(f"participation.{name}.plug").plug
        for name in (*SHARED_PARTS, *FEATURES)
    ]
