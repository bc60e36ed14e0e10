"""What accounts bring: sign-up and sign-in, the account page, user administration."""

from participation.auth import link_views, personal, views
from participation.auth.admin import bp as admin_bp
from participation.auth.blueprint import bp
from participation.auth.by_email_views import bp as by_email_bp
from participation.auth.cli import users
from participation.plug import Mount, Plug

plug = Plug(
    name="auth",
    blueprints=[Mount(bp), Mount(by_email_bp), Mount(admin_bp, "/admin")],
    # views and link_views add their pages to the blueprint when imported.
    declares=[personal, views, link_views],
    commands=[users],
)
