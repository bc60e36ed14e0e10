"""Consultations: surveys, comment-on-a-text, official replies and results."""
