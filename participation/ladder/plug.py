"""What the ladder brings: assessments kept fresh, reviews, the city report."""

from participation.ladder import freshness, personal, services
from participation.ladder.cli import ladder
from participation.ladder.demo_data import fill_ladder
from participation.ladder.report_views import bp as report_bp
from participation.ladder.views import bp
from participation.plug import Mount, Plug

plug = Plug(
    name="ladder",
    blueprints=[Mount(bp), Mount(report_bp)],
    # services declares which rows of core and of the ladder make an assessment stale.
    declares=[services, personal],
    commands=[ladder],
    on_app=[freshness.install],
    demo=[fill_ladder],
)
