"""What core brings: the home page, projects, engagements and districts."""

from participation.core.views import bp
from participation.plug import Mount, Plug

plug = Plug(name="core", blueprints=[Mount(bp)])
