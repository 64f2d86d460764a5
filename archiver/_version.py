"""The tool version: part of every record's pipeline info and of the incremental check."""

__version__ = "0.9.0"


def build() -> str:
    """'compiled' when the cleaning core was built to C by mypyc (a wheel), 'python' when it runs as source
    (an editable install, or a build without a compiler): the same output, at different speeds."""
    from archiver.core.stages import widgets

    return "python" if widgets.__file__.endswith(".py") else "compiled"
