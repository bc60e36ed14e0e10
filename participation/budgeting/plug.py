"""What participatory budgeting brings: proposals, ballots, staff work, ladder facts."""

from participation.budgeting import observe, personal, timeline
from participation.budgeting.cli import budgeting
from participation.budgeting.demo_data import fill_budgets
from participation.budgeting.staff_views import bp as staff_bp
from participation.budgeting.views import bp
from participation.budgeting.work_views import bp as work_bp
from participation.plug import Mount, Plug

plug = Plug(
    name="budgeting",
    blueprints=[Mount(bp), Mount(staff_bp), Mount(work_bp)],
    declares=[observe, personal, timeline],
    commands=[budgeting],
    demo=[fill_budgets],
)
