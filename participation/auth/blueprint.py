"""The accounts blueprint: its pages are in views.py (sign-up, sign-in, the account)
and link_views.py (the links emailed about an account)."""

from flask import Blueprint

bp = Blueprint("auth", __name__)
