"""The core never imports streamlit: checked in a clean interpreter, module by module."""

import ast
import pkgutil
import subprocess
import sys
from pathlib import Path

import hcdash

CHECK = """
import importlib, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
loaded = sorted(m for m in sys.modules if m == "streamlit" or m.startswith("streamlit."))
print(len(loaded))
"""


def core_modules() -> list[str]:
    found = [
        info.name
        for info in pkgutil.walk_packages(hcdash.__path__, "hcdash.")
        if not info.name.startswith("hcdash.ui")
    ]
    return ["hcdash", *found]


def test_core_modules_are_found():
    modules = core_modules()
    assert {"hcdash.queries", "hcdash.cli", "hcdash.views.overview", "hcdash.charts"} <= set(
        modules
    )


def test_core_does_not_import_streamlit():
    result = subprocess.run(
        [sys.executable, "-c", CHECK, *core_modules()], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "0"


def test_the_check_would_catch_it():
    result = subprocess.run(
        [sys.executable, "-c", CHECK, "hcdash.ui.data"], capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) > 0


# --- the import graph: no cycle, and every import inside a function says why ----------------

SRC = Path(hcdash.__file__).resolve().parent


def _module_name(path: Path) -> str:
    parts = path.relative_to(SRC.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(node: ast.AST, module: str, is_package: bool, known) -> set[str]:
    """The hcdash modules an import statement needs: ``from hcdash.x import y`` needs the
    module ``hcdash.x.y`` when there is one, else ``hcdash.x``."""
    if isinstance(node, ast.Import):
        return {a.name for a in node.names if a.name in known}
    base = node.module or ""
    if node.level:  # relative: from the module's own package
        package = module.split(".") if is_package else module.split(".")[:-1]
        base = ".".join(package[: len(package) - node.level + 1] + ([base] if base else []))
    named = {f"{base}.{a.name}" for a in node.names}
    return (named & known) | ({base} if named - known and base in known else set())


def import_graph(sources: dict[str, str]) -> dict[str, set[str]]:
    """module -> the hcdash modules it imports (at any depth of its code), for ``sources``
    (module name -> its text, packages named as the package)."""
    graph = {}
    for module, text in sources.items():
        is_package = module in {m.rsplit(".", 1)[0] for m in sources if "." in m}
        targets = set()
        for node in ast.walk(ast.parse(text)):
            if isinstance(node, ast.Import | ast.ImportFrom):
                targets |= _imported(node, module, is_package, sources.keys())
        graph[module] = targets - {module}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index, low, stack, on_stack, found = {}, {}, [], set(), []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def package_sources() -> dict[str, str]:
    return {_module_name(p): p.read_text() for p in SRC.rglob("*.py")}


def test_there_is_no_import_cycle_in_the_package():
    graph = import_graph(package_sources())
    assert len(graph) > 60 and graph["hcdash.store"] >= {"hcdash.store.lake"}
    assert cycles(graph) == []


def test_the_cycle_check_would_catch_one():
    """The cycle the store package had (store -> lake -> localcopy -> backup -> store) is found
    when put back."""
    sources = package_sources()
    sources["hcdash.store.localcopy"] += "\nfrom hcdash.backup import backup\n"
    assert ["hcdash.backup", "hcdash.store", "hcdash.store.lake", "hcdash.store.localcopy"] in (
        cycles(import_graph(sources))
    )


def imports_inside_functions(text: str) -> list[tuple[int, str]]:
    """(line, statement) of every import inside a function that has no comment on its line or
    the line before it saying why."""
    lines = text.splitlines()
    found = []
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Import | ast.ImportFrom):
                    line, before = lines[inner.lineno - 1], lines[inner.lineno - 2].strip()
                    if "#" not in line and not before.startswith("#"):
                        found.append((inner.lineno, line.strip()))
    return found


def test_every_import_inside_a_function_says_why():
    unexplained = {
        _module_name(p): found
        for p in SRC.rglob("*.py")
        if (found := imports_inside_functions(p.read_text()))
    }
    assert unexplained == {}


def test_the_import_check_would_catch_a_silent_one():
    text = "def f():\n    import json\n\n\ndef g():\n    import csv  # why: a reason\n"
    assert imports_inside_functions(text) == [(2, "import json")]
