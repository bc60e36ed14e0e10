"""Locale selection and machine translation of user content."""
