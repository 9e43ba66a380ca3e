"""The tests mirror the package: each module has its test module, or tests/README.md says why not."""

from __future__ import annotations

import re
from fnmatch import fnmatch
from pathlib import Path

import pmdesk

PACKAGE = Path(pmdesk.__file__).parent
TESTS = Path(__file__).parent
README = TESTS / "README.md"


def modules() -> list[str]:
    """Every module of the package, as a path inside it ("model/card_ops.py")."""
    return sorted(
        path.relative_to(PACKAGE).as_posix()
        for path in PACKAGE.rglob("*.py")
        if path.name not in ("__init__.py", "__main__.py")
    )


def mirror(module: str) -> Path:
    """The test module of ``module``: tests/model/test_card_ops.py for model/card_ops.py."""
    folder, _, name = module.rpartition("/")
    return TESTS / folder / f"test_{name}"


def readme_rows() -> list[tuple[list[str], str]]:
    """The README's table rows: the modules named in the first cell, and the second cell.

    A name without a folder is in the folder of the name before it (`ui/a.py`, `b.py`).
    """
    rows = []
    for line in README.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 2 or not cells[0].startswith("`"):
            continue
        names, folder = [], ""
        for name in re.findall(r"`([^`]+)`", cells[0]):
            if "/" in name:
                folder = name.rpartition("/")[0]
            else:
                name = f"{folder}/{name}" if folder else name
            names.append(name)
        rows.append((names, cells[1]))
    return rows


def test_every_module_has_a_test_module_or_a_reason_in_the_readme() -> None:
    explained = [pattern for names, _why in readme_rows() for pattern in names]
    unexplained = [
        module
        for module in modules()
        if not mirror(module).is_file() and not any(fnmatch(module, pattern) for pattern in explained)
    ]
    assert unexplained == [], (
        "add tests/<folder>/test_<module>.py, or a row in tests/README.md saying where it is tested"
    )


def test_the_readme_names_only_modules_and_tests_that_exist() -> None:
    rows = readme_rows()
    assert len(rows) > 20
    known = modules()
    for names, why in rows:
        for pattern in names:
            assert any(fnmatch(module, pattern) for module in known), f"tests/README.md: no module {pattern}"
        assert why, names
        for test in re.findall(r"`(tests/[^`]+)`", why):
            assert (TESTS.parent / test.split("::")[0]).exists(), f"tests/README.md: no {test}"
