"""What notifications bring: the in-app list, unsubscribing, the email outbox."""

from participation.notify import personal
from participation.notify.cli import outbox
from participation.notify.views import bp
from participation.plug import Mount, Plug

plug = Plug(
    name="notify", blueprints=[Mount(bp)], declares=[personal], commands=[outbox]
)
