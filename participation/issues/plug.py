"""What issue reporting brings: the map and reports, staff triage, its ladder facts."""

from participation.issues import observe, personal, timeline, visitors
from participation.issues.cli import reports, staff_alerts
from participation.issues.demo_data import fill_reports
from participation.issues.triage_views import bp as triage_bp
from participation.issues.views import bp
from participation.plug import Mount, Plug

plug = Plug(
    name="issues",
    blueprints=[Mount(bp), Mount(triage_bp)],
    declares=[observe, personal, timeline, visitors],
    demo=[fill_reports],
    commands=[reports, staff_alerts],
)
