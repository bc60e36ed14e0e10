"""What notifications hold of a person: in-app notices and emails."""

from sqlalchemy import func

from participation.auth.personal_data import DELETE
from participation.auth.personal_data import register as holds
from participation.core.models import BouncedAddress, OutboxMessage
from participation.notify.models import Notification, NotificationChoice

# What the platform told the person, in the app and by email (sent or not): theirs.
holds(
    Notification.user_id,
    "notifications",
    DELETE,
    "id report=report_id change=change_id update=update_id decision=decision_id "
    "question=question_id created_at read_at",
)
holds(
    OutboxMessage.to,
    "emails",
    DELETE,
    "id subject created_at sent_at",
    where=lambda user: OutboxMessage.to == user.email,
)
# That mail to the person's address bounced: theirs, gone with the account.
holds(
    BouncedAddress.address,
    "email_bounce",
    DELETE,
    "reason bounced_at",
    where=lambda user: func.lower(BouncedAddress.address) == user.email.lower(),
)
# How the person chose to hear of each kind of event: theirs.
holds(NotificationChoice.user_id, "notification_choices", DELETE, "kind choice")
