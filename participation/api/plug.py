"""What the JSON API brings: /api/v1 and its OpenAPI document."""

from participation.api.views import bp
from participation.plug import Mount, Plug

plug = Plug(name="api", blueprints=[Mount(bp, "/api/v1")])
