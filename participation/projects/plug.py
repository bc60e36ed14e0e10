"""What project threads bring: the timeline, updates, questions, follows, ladder facts."""

from participation.plug import Mount, Plug
from participation.projects import following, observe, personal, timeline
from participation.projects.cli import projects
from participation.projects.demo_data import fill_threads
from participation.projects.staff_views import bp as staff_bp
from participation.projects.views import bp

plug = Plug(
    name="projects",
    blueprints=[Mount(bp), Mount(staff_bp)],
    declares=[observe, personal, timeline, following],
    commands=[projects],
    demo=[lambda city: fill_threads(city.planner, city.users, city.now)],
)
