"""What translation brings: the language switch, translation review, the worker."""

from participation.i18n import personal
from participation.i18n.cli import translations
from participation.i18n.views import bp
from participation.plug import Mount, Plug

plug = Plug(
    name="i18n", blueprints=[Mount(bp)], declares=[personal], commands=[translations]
)
