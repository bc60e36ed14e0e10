"""What core brings: the city, its districts, projects and engagements (no pages of its
own: the projects feature shows them)."""

from participation.plug import Plug

plug = Plug(name="core")
