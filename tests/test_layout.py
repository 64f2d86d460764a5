"""The package's layout holds: the compiled core imports nothing outside it, and no stage imports another.

``archiver/core`` is what a wheel compiles (setup.py takes every module under it); I/O, the CLI, the
engines, validation, export and review stay outside and may import the core, never the other way round.
Stages share cues through ``archiver.core.cues`` and the rule names of ``archiver.core.rules``, not
through each other's modules. The imports are read from the source (every ``import``, also one inside a
function or under ``TYPE_CHECKING``), so a lazy import cannot slip past.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "archiver"
CORE = PACKAGE / "core"
STAGES = CORE / "stages"


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def archiver_imports(path: Path) -> set[str]:
    """The ``archiver`` modules a file imports, absolute (a relative import resolved against it)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    package = module_name(path) if path.name == "__init__.py" else module_name(path).rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else []))
            # "from archiver.core import stages" imports a module too
            found.update([base, *(f"{base}.{alias.name}" for alias in node.names)])
    return {name for name in found if name == "archiver" or name.startswith("archiver.")}


def is_module(name: str) -> bool:
    relative = Path(*name.split("."))
    return (PACKAGE.parent / relative).with_suffix(".py").is_file() or (PACKAGE.parent / relative / "__init__.py").is_file()


def test_the_core_imports_nothing_outside_the_core() -> None:
    outside = {
        str(path.relative_to(PACKAGE.parent)): sorted(name for name in archiver_imports(path)
                                                       if is_module(name) and not name.startswith("archiver.core"))
        for path in sorted(CORE.rglob("*.py"))
    }
    assert {path: names for path, names in outside.items() if names} == {}


def test_no_stage_imports_another_stage() -> None:
    stages = {module_name(path) for path in STAGES.glob("*.py") if path.name != "__init__.py"}
    assert len(stages) >= 20  # the layout this test guards is the one on disk
    crossing = {
        module_name(path): sorted(name for name in archiver_imports(path) if name in stages and name != module_name(path))
        for path in sorted(STAGES.glob("*.py")) if path.name != "__init__.py"
    }
    assert {stage: names for stage, names in crossing.items() if names} == {}


def test_the_check_sees_an_import_inside_a_function(tmp_path: Path) -> None:
    """A check that cannot fail is worse than none: a lazy import of a module outside the core is found."""
    sample = CORE / "stages" / "_layout_probe.py"
    sample.write_text("def f():\n    from archiver.ingest import run\n    from . import glued\n", encoding="utf-8")
    try:
        assert "archiver.ingest" in archiver_imports(sample)
        assert "archiver.core.stages.glued" in archiver_imports(sample)
    finally:
        sample.unlink()


def test_the_compiled_list_is_the_core_folder() -> None:
    import setup

    core_files = sorted(str(p.relative_to(PACKAGE.parent)) for p in CORE.rglob("*.py"))
    assert core_files == setup.CORE
    assert all(path.startswith("archiver/core/") for path in setup.CORE)


def test_the_engines_do_not_import_the_batch_that_uses_them() -> None:
    """engines run ``worker.process_batch`` on ``jobs``; ``ingest`` picks an engine. An import back from
    engines to ingest was a cycle."""
    assert not {"archiver.ingest"} & archiver_imports(PACKAGE / "engines.py")
    assert not {"archiver.ingest", "archiver.engines"} & archiver_imports(PACKAGE / "worker.py")


def test_the_design_notes_name_every_module() -> None:
    """DESIGN.md's layout is the map a newcomer reads: every top-level module and core module is on it."""
    design = (PACKAGE.parent / "DESIGN.md").read_text(encoding="utf-8")
    layout = design[design.index("## Layout"):design.index("## Rules of thumb")]
    top = [p.name for p in PACKAGE.glob("*.py")] + [p.name + "/" for p in PACKAGE.iterdir()
                                                   if p.is_dir() and not p.name.startswith("__")]
    core = [p.name for p in CORE.glob("*.py") if p.name != "__init__.py"] + ["stages/", "text/"]
    text = [p.stem for p in (CORE / "text").glob("*.py") if p.name != "__init__.py"]
    missing = [name for name in top + core if name not in layout]
    missing += [name for name in text if name not in layout]
    assert missing == []


def circles_in(graph: dict[str, set[str]], faces: set[str]) -> list[list[str]]:
    """Each module's import paths that come back to it (a package's ``__init__`` that only re-exports is a
    face, not a room: its arrows do not close a circle)."""
    circles = []
    for start in sorted(graph):
        stack, seen = [(start, [start])], set()
        while stack:
            node, trail = stack.pop()
            for other in sorted(graph[node] - faces):
                if other == start and len(trail) > 1:
                    circles.append(trail)
                elif other not in seen:
                    seen.add(other)
                    stack.append((other, [*trail, other]))
    return circles


def test_no_modules_import_each_other_in_a_circle() -> None:
    """Every import, lazy ones too, runs one way: a module's readers never import it back (engines and
    ingest, validate and bag did)."""
    modules = {module_name(path): path for path in PACKAGE.rglob("*.py")}
    graph = {name: {other for other in archiver_imports(path) if other in modules and other != name}
             for name, path in modules.items()}
    faces = {name for name, path in modules.items() if path.name == "__init__.py"}
    assert circles_in(graph, faces) == []
    # the search finds a circle where there is one
    assert circles_in({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}, set()) != []
