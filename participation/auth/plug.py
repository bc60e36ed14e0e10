"""What accounts bring: sign-up and sign-in, the account page, user administration."""

from participation.auth import personal
from participation.auth.admin import bp as admin_bp
from participation.auth.cli import users
from participation.auth.views import bp
from participation.plug import Mount, Plug

plug = Plug(
    name="auth",
    blueprints=[Mount(bp), Mount(admin_bp, "/admin")],
    declares=[personal],
    commands=[users],
)
