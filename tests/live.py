"""The app served over HTTP on a free port of 127.0.0.1, in threads, built and started
once per run and handed to each test as if new (the browser tests, the races).

Building an app compiles every URL rule (two thirds of a second); serving it takes a
thread. A test gets the configuration as built, its own instance folder, the rate
limits the app was built with and empty counters; the database is the test's to
wipe.
"""

import os
import threading
import time

from werkzeug.serving import make_server

from tests.conftest import make_app


class InFlight:
    """WSGI middleware counting the requests being answered, so that a test ends only
    once the last one it caused is done (a page closed mid-request leaves its server
    thread running).

    Flask has run the view and its teardown (the database session closed) when its
    wsgi_app returns; sending the body is the server's business."""

    def __init__(self, wsgi_app):
        self.wsgi_app = wsgi_app
        self.count = 0
        self.lock = threading.Condition()

    def __call__(self, environ, start_response):
        with self.lock:
            self.count += 1
        try:
            return self.wsgi_app(environ, start_response)
        finally:
            with self.lock:
                self.count -= 1
                self.lock.notify_all()

    def wait_idle(self, timeout: float = 30) -> None:
        deadline = time.monotonic() + timeout
        with self.lock:
            while self.count:
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"{self.count} requests still running")
                self.lock.wait(left)


class Served:
    """One app served for the whole run."""

    def __init__(self, database_url: str, instance_path, **overrides):
        from participation.extensions import limiter

        self.app = make_app(database_url, instance_path, **overrides)
        self.config = dict(self.app.config)
        # Flask-Limiter keeps its settings and storage on the one shared extension
        # object, which each app built re-initialises (see SharedApps).
        self.limiter_state = dict(vars(limiter))
        self.in_flight = InFlight(self.app.wsgi_app)
        self.app.wsgi_app = self.in_flight
        self.http = make_server("127.0.0.1", 0, self.app, threaded=True)
        self.url = f"http://127.0.0.1:{self.http.server_port}"
        self.thread = threading.Thread(target=self.http.serve_forever, daemon=True)
        self.thread.start()

    def fresh(self, instance_path) -> None:
        """The app as built, with its own instance folder and empty rate counters."""
        from participation.extensions import limiter

        self.app.config.clear()
        self.app.config.update(self.config)
        self.app.instance_path = str(instance_path)
        os.makedirs(instance_path, exist_ok=True)
        vars(limiter).update(self.limiter_state)
        limiter.reset()

    def idle(self) -> None:
        """Wait for the requests still being answered."""
        self.in_flight.wait_idle()

    def stop(self) -> None:
        from participation.extensions import db

        self.http.shutdown()
        self.http.server_close()
        self.thread.join(timeout=10)
        with self.app.app_context():
            db.session.remove()
            db.engine.dispose()
