"""Where the tests find ``../shared`` (benchmark pages, seeds and their gold), and what they do without it.

A fresh clone may have nothing beside it: a test that needs ``../shared`` skips with a reason that names the
missing path. CI always has it, so with ``CI`` set a missing ``../shared`` fails the run (``conftest.py``)
instead of quietly skipping what CI exists to check.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
GOLD = SHARED / "gold"
IN_CI = bool(os.environ.get("CI"))


def requires_shared(*parts: str) -> pytest.MarkDecorator:
    """Skip (outside CI) when ``../shared/<parts>`` is not there, saying so."""
    path = SHARED.joinpath(*parts)
    return pytest.mark.skipif(not path.exists(), reason=f"needs {path} (../shared is not beside the repo)")


def shared_or_skip(*parts: str) -> Path:
    """``../shared/<parts>``, or a skip that names it (a failure in CI)."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        if IN_CI:
            pytest.fail(f"CI is set but {path} is missing")
        pytest.skip(f"needs {path} (../shared is not beside the repo)")
    return path
