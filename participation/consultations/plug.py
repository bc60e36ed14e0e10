"""What consultations bring: surveys and texts, staff pages and replies, ladder facts."""

# builder_views is imported for its routes: it adds the survey and text builder's to
# staff_bp (one blueprint, consultation_staff, over two modules).
from participation.consultations import (
    builder_views,  # noqa: F401
    observe,
    personal,
)
from participation.consultations.reply_views import bp as replies_bp
from participation.consultations.staff_views import bp as staff_bp
from participation.consultations.views import bp
from participation.plug import Mount, Plug

plug = Plug(
    name="consultations",
    blueprints=[Mount(bp), Mount(staff_bp), Mount(replies_bp)],
    declares=[observe, personal],
)
