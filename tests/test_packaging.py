"""Packaging: every resource file is declared as package data, and the code finds it in the package."""

from __future__ import annotations

import re
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


def test_the_version_is_written_once() -> None:
    project = pyproject()["project"]
    assert "version" not in project
    assert project["dynamic"] == ["version"]
    assert pyproject()["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "pmdesk.__version__"}
    assert pmdesk.__version__.count(".") == 2


def test_the_licence_is_an_spdx_string_with_its_files() -> None:
    project = pyproject()["project"]
    assert isinstance(project["license"], str)
    assert project["license"].startswith("MIT")
    assert (ROOT / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")
    assert not [c for c in project["classifiers"] if c.startswith("License ::")]  # not with an SPDX string


def readme_commands() -> list[str]:
    """The README's shell commands that install apt packages."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```sh\n(.*?)\n```", text, flags=re.DOTALL)
    return [block for block in blocks if "apt-get install" in block]


def apt_packages(command: str) -> set[str]:
    """The packages an ``apt-get install`` in ``command`` names."""
    listed = re.search(r"apt-get install ((?:[^&>\n\\]|\\\n)*)", command)
    assert listed is not None, command
    return {word for word in listed[1].replace("\\", " ").split() if not word.startswith("-")}


def test_readme_commands_work_as_root_and_as_a_user_with_sudo() -> None:
    commands = readme_commands()
    assert len(commands) == 3  # install and open, run the tests, build the bundle
    for command in commands:
        assert "\n" not in command
        sudo = "$(command -v sudo) apt-get"  # sudo for a user, nothing for root without sudo
        assert command.startswith(f"{sudo} update && {sudo} install -y ")
        assert " sudo apt-get" not in command
        assert "python3 -m venv .venv && .venv/bin/pip install" in command  # works in a fresh clone


def test_ci_installs_what_the_readme_test_command_installs() -> None:
    ci = apt_packages((ROOT / ".ci" / "run").read_text(encoding="utf-8"))
    install, tests, bundle = (apt_packages(command) for command in readme_commands())
    assert tests == ci
    assert install <= tests
    assert bundle <= tests
    assert "binutils" in bundle  # PyInstaller reads the libraries' headers with objdump
