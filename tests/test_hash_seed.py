"""Records do not depend on Python's hash seed: every process (each worker, each run) writes the same bytes.

A set's iteration order changes with ``PYTHONHASHSEED``; a decision that took the first of tied candidates
in a set's order once gave a whole page another title in another process (headline cues).
"""

from __future__ import annotations

import hashlib
import json
import os
import subprocess
import sys

from tests.shared import shared_or_skip

SCRIPT = """
import hashlib, json, sys
from pathlib import Path
from archiver.document import clean_bytes
out = {}
for name in sys.argv[1:]:
    path = Path(name)
    out[path.name] = hashlib.sha256(json.dumps(clean_bytes(path.read_bytes(), path.name), sort_keys=True)
                                    .encode()).hexdigest()
print(json.dumps(out, sort_keys=True))
"""


def test_records_are_the_same_under_any_hash_seed() -> None:
    pages = sorted(shared_or_skip("bench", "dev", "page").glob("*.txt")) + sorted(
        shared_or_skip("bench", "dev", "article").glob("*.txt"))
    digests = set()
    for seed in ("1", "2", "3"):
        done = subprocess.run([sys.executable, "-c", SCRIPT, *map(str, pages)], capture_output=True, text=True,
                              env={**os.environ, "PYTHONHASHSEED": seed}, check=True, timeout=300)
        digests.add(hashlib.sha256(json.dumps(json.loads(done.stdout), sort_keys=True).encode()).hexdigest())
    assert len(digests) == 1, "records differ between hash seeds"
