from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import settings

from tests.shared import IN_CI, ROOT, SHARED, shared_or_skip

settings.register_profile("ci", max_examples=150, deadline=None)
settings.register_profile("dev", max_examples=60, deadline=None)
settings.load_profile("ci" if IN_CI else "dev")


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


def pytest_sessionstart(session: pytest.Session) -> None:
    """CI always has ../shared beside the clone: without it, tests that need it would skip, not check."""
    if IN_CI and not SHARED.is_dir():
        raise pytest.UsageError(f"CI is set but {SHARED} is missing: the tests that need it would only skip")


@pytest.fixture(scope="session")
def shared() -> Path:
    return shared_or_skip()
