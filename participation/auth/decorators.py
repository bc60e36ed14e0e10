"""View decorators that ask the permission predicates."""

from functools import wraps

from flask import abort
from flask_login import current_user

from participation.auth.permissions import can
from participation.extensions import login_manager


def permission_required(action: str):
    """Sign-in page for visitors; 403 for accounts without the permission."""

    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not current_user.is_authenticated:
                return login_manager.unauthorized()
            if not can(current_user, action):
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator
