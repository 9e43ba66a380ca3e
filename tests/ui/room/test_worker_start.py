"""How the window starts its room's process: which pmdesk it runs, found where."""

from __future__ import annotations

import os
import site
from pathlib import Path

import pytest

import pmdesk
from pmdesk.ui.room.server_process import worker_env


def test_an_installed_pmdesk_is_found_after_the_standard_library(monkeypatch: pytest.MonkeyPatch) -> None:
    """site-packages first on the room's path let a stale backport there (``pathlib``) stop the room."""
    installed = Path(site.getsitepackages()[0])
    monkeypatch.setattr(pmdesk, "__file__", str(installed / "pmdesk" / "__init__.py"))
    monkeypatch.delenv("PYTHONPATH", raising=False)
    assert "PYTHONPATH" not in worker_env()
    monkeypatch.setenv("PYTHONPATH", "/the/users/own")
    assert worker_env()["PYTHONPATH"] == "/the/users/own"  # the window's own path, as it was


def test_a_pmdesk_run_from_its_folder_is_put_first_on_the_rooms_path(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(pmdesk, "__file__", str(tmp_path / "checkout" / "pmdesk" / "__init__.py"))
    monkeypatch.setenv("PYTHONPATH", "/the/users/own")
    path = worker_env()["PYTHONPATH"].split(os.pathsep)
    assert path == [str((tmp_path / "checkout").resolve()), "/the/users/own"]
