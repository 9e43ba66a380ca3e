"""The last resort on the command line: an unexpected error is one line, exit 1, and a log file."""

from __future__ import annotations

from pathlib import Path

import pytest

import pmdesk.model.demo
from pmdesk import errorlog
from pmdesk.cli import main


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty XDG data folder for this test."""
    home = tmp_path / "data"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home


def broken_demo() -> None:
    """Stands in for a fault deep in pmdesk."""
    raise RuntimeError("demo builder broke\n\x1b[31mon a second line")


def test_an_internal_error_is_one_line_exit_1_and_a_log_file(
    data_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(pmdesk.model.demo, "demo_board", broken_demo)
    assert main(["demo", str(tmp_path / "demo.pmdesk")]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.count("\n") == 1
    summary = r"RuntimeError: demo builder broke\n\x1b[31mon a second line"  # escaped: one line, no colour
    assert err.startswith(f"pmdesk: error: internal error ({summary}); details in ")
    assert "Traceback" not in err and "\x1b" not in err
    logs = list((data_home / "pmdesk" / "pmdesk" / "logs").glob("error-*.log"))
    assert len(logs) == 1
    assert err.rstrip().endswith(f"details in {logs[0]}")
    text = logs[0].read_text(encoding="utf-8")
    assert "Traceback (most recent call last)" in text
    assert "broken_demo" in text and "RuntimeError: demo builder broke" in text
    assert not (tmp_path / "demo.pmdesk").exists()


def test_bad_input_is_still_exit_2_without_a_log(
    data_home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", str(tmp_path / "missing.pmdesk"), "--format", "md"]) == 2
    assert capsys.readouterr().err.startswith("pmdesk: error: ")
    assert not data_home.exists()


def test_the_log_goes_to_the_temporary_folder_when_the_data_folder_cannot_be_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    monkeypatch.setenv("XDG_DATA_HOME", str(blocker))
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr("tempfile.tempdir", None)
    log = errorlog.write_log(ValueError("x"))
    assert log is not None and log.parent == tmp_path
    assert "ValueError: x" in log.read_text(encoding="utf-8")


def test_only_the_newest_logs_are_kept(data_home: Path) -> None:
    folder = data_home / "pmdesk" / "pmdesk" / "logs"
    folder.mkdir(parents=True)
    for n in range(errorlog.KEEP + 5):
        (folder / f"error-20200101-000000-{n:06d}-1.log").write_text("old")
    newest = errorlog.write_log(ValueError("new"))
    kept = sorted(folder.glob("error-*.log"))
    assert len(kept) == errorlog.KEEP
    assert newest in kept


def test_a_long_message_is_cut() -> None:
    assert len(errorlog.summary(ValueError("x" * 10_000))) == errorlog.MAX_SUMMARY
