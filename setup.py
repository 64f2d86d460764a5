"""Build hook: a wheel of archiver compiles its cleaning core to C with mypyc; an editable install stays Python.

The cleaning core (``archiver/core``: the stages and the text helpers they call per line) is plain typed
Python. mypyc turns the same source into C extension modules, which cleans a document in about three quarters
of the time
(``benchmarks/speed.py`` prints which build it measured). Everything else (CLI, ingest, I/O, validation)
stays Python: it costs little and tests patch it.

- ``pip install -e .`` (development) installs the Python source only, so an edit takes effect at once;
  a compiled module would shadow the edited file.
- ``ARCHIVER_PURE_PYTHON=1 pip install .`` builds without compiling.
- Without a C compiler, or when mypyc refuses the code, the build warns and installs the Python source:
  the output is the same, only slower (``archiver --version`` says which build is installed).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from setuptools import setup
from setuptools.command.build_ext import build_ext

HERE = Path(__file__).parent
# The per-line work of a document: everything under archiver/core (the stages and what they call for each
# line), which imports nothing outside it (tests/test_layout.py).
CORE = sorted(str(p.relative_to(HERE)) for p in (HERE / "archiver" / "core").rglob("*.py"))


def warn(message: str) -> None:
    print(f"archiver build: {message}; installing the Python source (same output, slower)", file=sys.stderr)


class OptionalBuildExt(build_ext):
    """Compiling is an optimisation: a failure leaves the pure-Python package, with a warning."""

    def run(self) -> None:
        try:
            super().run()
        except Exception as err:  # no compiler, missing headers: setuptools raises several kinds
            warn(f"C extensions not built ({err})")
            for ext in self.extensions:  # all or none: a module's shim without the shared library cannot import
                Path(self.get_ext_fullpath(ext.name)).unlink(missing_ok=True)

    def build_extension(self, ext) -> None:  # type: ignore[no-untyped-def]
        try:
            super().build_extension(ext)
        except Exception as err:
            warn(f"{ext.name} not built ({err})")
            raise


# The commands that build extension modules. pip runs setup.py for other steps too (``egg_info`` while it
# asks for build requirements, ``editable_wheel`` for ``pip install -e``); compiling there cost an editable
# install a minute for modules it never uses.
BUILDS_EXTENSIONS = frozenset({"bdist_wheel", "build", "build_ext", "install", "bdist", "bdist_egg"})


def wants_compiling(argv: list[str], environ: dict[str, str]) -> bool:
    commands = {arg for arg in argv[1:] if not arg.startswith("-")}
    return not environ.get("ARCHIVER_PURE_PYTHON") and not commands & {"editable_wheel", "develop"} \
        and bool(commands & BUILDS_EXTENSIONS)


def compiled_modules() -> list:
    if not wants_compiling(sys.argv, dict(os.environ)):
        return []
    try:
        from mypyc.build import mypycify

        return mypycify(["--ignore-missing-imports", *CORE], opt_level="3")
    except (Exception, SystemExit) as err:  # mypyc missing, or refusing the code (it exits on a type error)
        warn(f"mypyc did not compile the core ({err})")
        return []


if __name__ == "__main__":  # setuptools runs this file as __main__; tests import it for wants_compiling()
    setup(ext_modules=compiled_modules(), cmdclass={"build_ext": OptionalBuildExt})
