"""The shared data beside the project (../shared/: Pabulib instances, Open311
schemas, Polis conversations). A stranger's clone has none: tests that need it then
skip and say why, except under CI, where its absence fails them."""

from pathlib import Path

import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
REASON = (
    "{path} is missing: this test reads the shared data that sits beside the project "
    "(../shared/), which this clone does not have"
)


def in_ci() -> bool:
    from tests.conftest import IN_CI

    return IN_CI


def missing(path: Path) -> None:
    """Skip the running test for want of `path` (fail under CI)."""
    reason = REASON.format(path=path)
    if in_ci():
        pytest.fail(f"{reason}; CI must have it")
    pytest.skip(reason)


def need(path: Path) -> Path:
    """`path` under ../shared/, when it is there."""
    if not path.exists():
        missing(path)
    return path


def is_missing_shared(error: BaseException) -> bool:
    """Whether `error` is a shared file that is not there (read by a test)."""
    filename = getattr(error, "filename", None)
    if not isinstance(error, FileNotFoundError) or not filename:
        return False
    path = Path(filename).resolve()
    return SHARED in path.parents and not path.exists()
