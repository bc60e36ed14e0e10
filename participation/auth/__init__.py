"""Accounts, roles, sign-up/in and permissions."""
