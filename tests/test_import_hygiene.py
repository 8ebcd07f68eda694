"""The core never imports streamlit: checked in a clean interpreter, module by module."""

import pkgutil
import subprocess
import sys

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
