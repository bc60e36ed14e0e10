"""Locale selection and (later) machine translation of user content."""
