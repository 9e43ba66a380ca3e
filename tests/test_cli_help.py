"""Help that answers the questions, and warnings for a file name that does not fit its content."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from pmdesk.cli import FORMATS, main
from pmdesk.model.demo import demo_board
from pmdesk.store.board_file import create_file


def output_of(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    """What ``pmdesk ARGV`` prints on stdout (it must exit 0)."""
    assert main(list(argv)) == 0
    return capsys.readouterr().out


@pytest.mark.parametrize("command", [[], ["import"], ["export"], ["demo"], ["install-desktop"]])
def test_pmdesk_help_works_like_dash_dash_help(
    capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    assert output_of(capsys, "help", *command) == output_of(capsys, *command, "--help")


def test_export_help_says_where_output_goes_what_force_does_and_each_format(
    capsys: pytest.CaptureFixture[str],
) -> None:
    text = output_of(capsys, "export", "--help")
    assert "Without -o, JSON goes to standard output" in text
    assert "board.pmdesk -> board.pdf" in text
    assert "replaced only with --force" in text
    lines = text.splitlines()
    for fmt in FORMATS:
        assert any(line.startswith(f"  {fmt} ") and len(line.split()) > 3 for line in lines), fmt


def test_import_help_points_at_the_installed_format_description(capsys: pytest.CaptureFixture[str]) -> None:
    text = output_of(capsys, "import", "--help")
    installed = Path(text.split("installed with pmdesk as ")[1].split(")")[0].replace("\n", ""))
    assert installed.is_file()
    assert installed.read_text(encoding="utf-8").startswith("# The pmdesk board interchange format")
    assert "http" not in text
    described = output_of(capsys, "help", "board-format")
    assert described == installed.read_text(encoding="utf-8")


def test_main_help_lists_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    text = output_of(capsys, "help")
    for command in ("demo", "import", "export", "install-desktop", "help"):
        assert f"pmdesk {command}" in text


def test_an_unknown_help_topic_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["help", "exprot"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("pmdesk: error: no help on exprot") and err.count("\n") == 1


def test_a_demo_board_named_txt_is_written_with_a_warning(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["demo", str(tmp_path / "out.txt")]) == 0
    err = capsys.readouterr().err
    assert (
        err
        == f"pmdesk: warning: {tmp_path / 'out.txt'}: a board is usually named *.pmdesk; writing it anyway\n"
    )
    assert (tmp_path / "out.txt").stat().st_size > 0
    assert main(["demo", str(tmp_path / "out.pmdesk")]) == 0
    assert capsys.readouterr().err == ""


def test_a_pdf_export_named_txt_warns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    board = tmp_path / "board.pmdesk"
    create_file(board, demo_board())
    assert main(["export", str(board), "--format", "pdf", "-o", str(tmp_path / "report.txt")]) == 0
    err = capsys.readouterr().err
    assert "pmdesk: warning: " in err and "report.txt: a PDF file is usually named *.pdf" in err
    assert (tmp_path / "report.txt").read_bytes().startswith(b"%PDF")
    assert main(["export", str(board), "--format", "md", "-o", str(tmp_path / "report.md")]) == 0
    assert "warning" not in capsys.readouterr().err


def test_opening_json_in_the_window_suggests_pmdesk_import(tmp_path: Path) -> None:
    source = tmp_path / "incident.json"
    source.write_text('{"format": "pmdesk", "version": 1}', encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("QT_", "XDG_"))}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path), XDG_RUNTIME_DIR=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-m", "pmdesk", "--quit-after-show", str(source)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("pmdesk: error: incident.json: ")
    assert "run: pmdesk import incident.json incident.pmdesk" in done.stderr
    assert "Traceback" not in done.stderr
