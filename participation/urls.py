"""Helpers for building and checking URLs."""

from urllib.parse import quote, urlsplit

from flask import current_app, url_for


def safe_next(target: str | None, default_endpoint: str = "projects.home") -> str:
    """`target` if it is a path on this site, else the default page (no open redirects)."""
    if target and target.startswith("/") and not target.startswith("//"):
        parts = urlsplit(target)
        if not parts.scheme and not parts.netloc and "\\" not in target:
            return target
    return url_for(default_endpoint)


def external_url(endpoint: str, **values) -> str:
    """An absolute URL on the configured PUBLIC_URL, in a request or not: never built
    from the request's Host header, which any client can set."""
    anchor = values.pop("_anchor", None)
    public = urlsplit(current_app.config["PUBLIC_URL"])
    adapter = current_app.url_map.bind(
        public.netloc,
        script_name=public.path or "/",
        url_scheme=public.scheme or "https",
    )
    url = adapter.build(endpoint, values, force_external=True)
    return f"{url}#{quote(anchor)}" if anchor else url
