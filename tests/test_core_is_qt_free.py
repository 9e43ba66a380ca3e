"""The core (model, store, report, room, library) never imports Qt: it runs in the CLI, tests and tools."""

from __future__ import annotations

import pkgutil
import re
import subprocess
import sys
from pathlib import Path

import pmdesk

CORE = ("model", "store", "report", "room", "library")
ROOT = Path(pmdesk.__file__).parent


def core_modules() -> list[str]:
    names = []
    for package in CORE:
        if (ROOT / package / "__init__.py").exists() or (ROOT / package).is_dir():
            names.append(f"pmdesk.{package}")
            for info in pkgutil.iter_modules([str(ROOT / package)]):
                names.append(f"pmdesk.{package}.{info.name}")
    return names


def test_importing_the_core_and_the_cli_loads_no_qt() -> None:
    modules = [*core_modules(), "pmdesk.cli"]
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "assert 'PySide6' not in sys.modules, sorted(m for m in sys.modules if m.startswith('PySide6'))\n"
        "print(len(sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert len(modules) > 15


def test_the_core_source_never_mentions_pyside6() -> None:
    offenders = [
        str(path.relative_to(ROOT))
        for package in CORE
        for path in (ROOT / package).rglob("*.py")
        if re.search(r"\bPySide6\b|\bshiboken6\b", path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
