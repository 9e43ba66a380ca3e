"""The command line's one-line error: raised in every command module, reported once by ``main``."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import pmdesk
from pmdesk.cli import main

ROOT = Path(pmdesk.__file__).parent


def imported(path: Path) -> set[str]:
    """Every module a file imports, at the top or inside a function."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def test_the_command_modules_do_not_import_the_command_line_back() -> None:
    modules = sorted(ROOT.glob("cli_*.py"))
    assert {p.name for p in modules} >= {"cli_errors.py", "cli_help.py", "cli_library.py"}
    back = {p.name: sorted(imported(p) & {"pmdesk.cli", "pmdesk.cli.UsageError"}) for p in modules}
    assert all(not names for names in back.values()), back


def test_a_library_command_mistake_is_one_line_with_status_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert main(["search", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err == "pmdesk: error: give one or more folders, then the query\n"


def test_a_library_that_cannot_be_read_is_one_line_with_status_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert main(["actions", str(tmp_path / "no such folder")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("pmdesk: error: ") and err.count("\n") == 1 and "Traceback" not in err, err
