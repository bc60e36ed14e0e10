"""What Open311 holds of a person: the API keys they created."""

from participation.auth.personal_data import FORGET
from participation.auth.personal_data import register as holds
from participation.open311.models import ApiKey

holds(
    ApiKey.created_by_id,
    "api_keys_created",
    FORGET,
    "id name prefix created_at revoked_at",
)
