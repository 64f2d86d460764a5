"""The rules trusted on an extractor's text are the ones the measurement selects (benchmarks/extracted_rules.py).

A rule changed in a stage changes what it removes from trafilatura's text; the shipped set must follow the
measurement, not the other way round.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

from archiver.core.stages import TRUSTED_ON_EXTRACTED
from tests.shared import shared_or_skip

ROOT = Path(__file__).resolve().parent.parent


def test_the_shipped_trusted_rules_are_the_measured_ones() -> None:
    shared_or_skip("train", "manifest.json")
    spec = importlib.util.spec_from_file_location("extracted_rules", ROOT / "benchmarks" / "extracted_rules.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["extracted_rules"] = module  # its worker processes find their function by module name
    spec.loader.exec_module(module)
    table = module.measure(every=1)
    assert sorted(TRUSTED_ON_EXTRACTED) == module.trusted(table)
    # the measure can fail a rule: some rules on the extracted text remove mostly article text
    assert set(table) - TRUSTED_ON_EXTRACTED
