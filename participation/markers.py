"""The translation marker for strings defined before any request (reference data,
labels of pure cores): marked for extraction, translated where they are shown."""


def N_(message: str) -> str:
    """Mark a string for extraction without translating it here."""
    return message
