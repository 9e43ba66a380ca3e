"""pmdesk install-desktop: a launcher that validates, starts this pmdesk, and owns .pmdesk files."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from pmdesk import desktop
from pmdesk.cli import main
from pmdesk.model.demo import demo_board
from pmdesk.resources import resource_path
from pmdesk.store.board_file import create_file

VALIDATE = shutil.which("desktop-file-validate")
needs_validate = pytest.mark.skipif(
    VALIDATE is None, reason="desktop-file-validate (desktop-file-utils) missing"
)


def validate(path: Path) -> str:
    """desktop-file-validate's complaints about ``path`` (empty when it passes)."""
    assert VALIDATE is not None, "desktop-file-validate is missing: apt-get install desktop-file-utils"
    done = subprocess.run([VALIDATE, str(path)], capture_output=True, text=True, check=False)
    return (done.stdout + done.stderr).strip() if done.returncode else ""


def entry_values(path: Path) -> dict[str, str]:
    """The key=value lines of a desktop entry."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return dict(line.split("=", 1) for line in lines if "=" in line)


@pytest.fixture
def xdg(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty XDG data folder, as a user's ~/.local/share."""
    home = tmp_path / "share"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home


def test_the_packaged_launcher_validates() -> None:
    assert validate(resource_path("pmdesk.desktop")) == ""


def test_install_desktop_writes_a_valid_launcher_that_starts_this_pmdesk(
    xdg: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    script = tmp_path / "venv with space" / "bin" / "pmdesk"
    script.parent.mkdir(parents=True)
    script.write_text("#!/bin/sh\n")
    script.chmod(0o755)
    monkeypatch.setattr(sys, "argv", [str(script), "install-desktop"])
    assert main(["install-desktop"]) == 0
    launcher = xdg / "applications" / "pmdesk.desktop"
    assert validate(launcher) == ""
    values = entry_values(launcher)
    assert values["Exec"] == f'"{script}" %f'
    assert values["TryExec"] == str(script)  # a path, which desktops test as it is written
    assert values["MimeType"] == "application/x-pmdesk;"
    assert (xdg / "icons" / "hicolor" / "256x256" / "apps" / "pmdesk.png").is_file()
    assert (xdg / "icons" / "hicolor" / "scalable" / "apps" / "pmdesk.svg").is_file()
    assert (xdg / "mime" / "packages" / "pmdesk.xml").is_file()
    out = capsys.readouterr().out
    assert str(launcher) in out


def test_python_m_pmdesk_is_started_the_same_way(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "argv", ["/somewhere/pmdesk/__main__.py"])
    assert desktop.running_command() == [os.path.abspath(sys.executable), "-m", "pmdesk"]


def test_exec_arguments_are_quoted_as_the_specification_asks() -> None:
    assert desktop.exec_quote("/usr/bin/pmdesk") == "/usr/bin/pmdesk"
    assert desktop.exec_quote("/opt/my apps/pmdesk") == '"/opt/my apps/pmdesk"'
    assert desktop.exec_quote('/x/a"b$c') == '"/x/a\\\\"b\\\\$c"'
    assert desktop.exec_quote("/x/100%/pmdesk") == "/x/100%%/pmdesk"


def test_uninstall_removes_what_install_wrote(xdg: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (xdg / "applications").mkdir(parents=True)
    other = xdg / "applications" / "other.desktop"
    other.write_text("[Desktop Entry]\n")
    assert main(["install-desktop"]) == 0
    assert main(["install-desktop", "--uninstall"]) == 0
    assert not (xdg / "applications" / "pmdesk.desktop").exists()
    assert not (xdg / "mime" / "packages" / "pmdesk.xml").exists()
    assert not list((xdg / "icons").rglob("pmdesk.*"))
    assert other.exists()
    assert main(["install-desktop", "--uninstall"]) == 0  # nothing left to remove is not an error
    assert "nothing to remove" in capsys.readouterr().out


def test_a_board_is_recognised_by_its_content_even_without_its_suffix(xdg: Path, tmp_path: Path) -> None:
    assert main(["install-desktop"]) == 0
    assert (xdg / "mime" / "mime.cache").is_file()
    board = tmp_path / "renamed.db"
    create_file(board, demo_board())
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("create table t (x)").connection.close()
    probe = (
        "import sys; from PySide6.QtCore import QMimeDatabase;"
        "db = QMimeDatabase(); mode = QMimeDatabase.MatchMode.MatchContent;"
        "print(*(db.mimeTypeForFile(p, mode).name() for p in sys.argv[1:]))"
    )
    env = {**os.environ, "XDG_DATA_HOME": str(xdg), "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", probe, str(board), str(other)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=True,
    )
    assert done.stdout.split() == ["application/x-pmdesk", "application/vnd.sqlite3"]
