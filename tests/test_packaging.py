"""Packaging: every resource file is declared as package data, and the code finds it in the package."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pmdesk
from pmdesk.resources import resource_path, resource_text

ROOT = Path(__file__).resolve().parent.parent
RESOURCES = ROOT / "pmdesk" / "resources"


def pyproject() -> dict:
    """The parsed pyproject.toml."""
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_resource_file_is_package_data() -> None:
    patterns = pyproject()["tool"]["setuptools"]["package-data"]["pmdesk.resources"]
    declared = {path for pattern in patterns for path in RESOURCES.glob(pattern) if path.is_file()}
    shipped = {
        path
        for path in RESOURCES.rglob("*")
        if path.is_file() and path.suffix not in (".py", ".pyc") and "__pycache__" not in path.parts
    }
    assert shipped - declared == set(), "add these to [tool.setuptools.package-data]"
    assert len(shipped) >= 15


def test_resources_are_found_inside_the_package() -> None:
    package = Path(pmdesk.__file__).parent / "resources"
    assert resource_path("fonts", "DejaVuSans.ttf") == package / "fonts" / "DejaVuSans.ttf"
    assert resource_path("fonts", "DejaVuSans.ttf").is_file()
    assert resource_path("templates").is_dir()
    assert "careless" in resource_text("blameless_phrases.txt")
