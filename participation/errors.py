"""Domain errors raised by services and mapped to responses by views."""


class DomainError(Exception):
    """Base of the errors a service raises on purpose."""


class NotFound(DomainError):
    """The object asked for does not exist (or is not visible to this user)."""


class NotAllowed(DomainError):
    """The user may not perform this action."""


class Invalid(DomainError):
    """Input failed validation; `errors` maps field name to a translated message."""

    def __init__(self, errors: dict[str, str]):
        super().__init__("; ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors
