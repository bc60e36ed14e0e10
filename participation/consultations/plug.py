"""What consultations bring: surveys and texts, staff pages and replies, ladder facts."""

from participation.consultations import builder_views, observe, personal, timeline
from participation.consultations.demo_data import fill_consultations
from participation.consultations.reply_views import bp as replies_bp
from participation.consultations.staff_views import bp as staff_bp
from participation.consultations.views import bp
from participation.plug import Mount, Plug

plug = Plug(
    name="consultations",
    blueprints=[Mount(bp), Mount(staff_bp), Mount(replies_bp)],
    # builder_views adds the survey and text builder's routes to staff_bp (one
    # blueprint, consultation_staff, over two modules) when imported.
    declares=[observe, personal, timeline, builder_views],
    demo=[fill_consultations],
)
