"""The report workflow this app runs (one per app, built from the pure definition)."""

from flask import current_app

from participation.issues.workflow import Workflow


def workflow() -> Workflow:
    """The city's report workflow."""
    extensions = current_app.extensions
    if "issue_workflow" not in extensions:
        extensions["issue_workflow"] = Workflow()
    return extensions["issue_workflow"]
