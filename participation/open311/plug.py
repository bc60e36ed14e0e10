"""What Open311 brings: the GeoReport v2 server, its API keys and their admin page."""

from participation.open311 import personal
from participation.open311.admin import bp as admin_bp
from participation.open311.cli import open311
from participation.open311.views import bp
from participation.plug import Mount, Plug

plug = Plug(
    name="open311",
    blueprints=[Mount(bp), Mount(admin_bp, "/admin")],
    declares=[personal],
    commands=[open311],
)
