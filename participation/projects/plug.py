"""What projects bring: the home page, project and engagement pages, planners' forms,
the thread (timeline, updates, questions, follows), decision, district and theme
pages, feeds, ladder facts."""

from participation.plug import Mount, Plug
from participation.projects import decisions, following, observe, personal, timeline
from participation.projects.cli import projects
from participation.projects.demo_data import fill_threads
from participation.projects.place_views import bp as places_bp
from participation.projects.planning_views import bp as planning_bp
from participation.projects.staff_views import bp as staff_bp
from participation.projects.views import bp

plug = Plug(
    name="projects",
    blueprints=[Mount(bp), Mount(planning_bp), Mount(places_bp), Mount(staff_bp)],
    declares=[observe, personal, timeline, following, decisions],
    commands=[projects],
    demo=[fill_threads],
)
