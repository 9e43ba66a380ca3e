"""The command line: import, export, demo, errors as one line with exit status 2."""

# ruff: noqa: E501 -- expected messages read best unbroken

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from pmdesk import __version__
from pmdesk.bench.boards import big_board
from pmdesk.cli import main
from pmdesk.model.demo import demo_board
from pmdesk.store.board_file import BoardFile
from pmdesk.store.document import Document
from pmdesk.store.json_format import board_to_json


def read(path: Path) -> object:
    file = BoardFile.open(path)
    try:
        return file.read()
    finally:
        file.close()


def fails(capsys: pytest.CaptureFixture[str], argv: list[str], message: str) -> None:
    """``main(argv)`` exits 2 with one error line that holds ``message``."""
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("pmdesk: error: "), err
    assert message in err, err
    assert "Traceback" not in err


@pytest.fixture
def board_json(tmp_path: Path) -> Path:
    path = tmp_path / "BOARD.json"
    path.write_text(json.dumps(board_to_json(demo_board()), ensure_ascii=False), encoding="utf-8")
    return path


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"pmdesk {__version__}"


def test_python_m_pmdesk_version() -> None:
    done = subprocess.run([sys.executable, "-m", "pmdesk", "--version"], capture_output=True, text=True)
    assert done.returncode == 0 and done.stdout.strip() == f"pmdesk {__version__}"


def test_a_command_in_its_own_process_writes_all_its_output_and_status(tmp_path: Path) -> None:
    """Commands end without the interpreter's teardown: output must still be complete."""
    board = tmp_path / "big.pmdesk"
    Document.create(board, big_board(3000)).close()
    run = [sys.executable, "-m", "pmdesk"]
    done = subprocess.run([*run, "export", str(board), "--format", "json"], capture_output=True, text=True)
    assert done.returncode == 0
    assert len(json.loads(done.stdout)["cards"]) == 3000
    failed = subprocess.run(
        [*run, "import", str(tmp_path / "none.json"), str(tmp_path / "x.pmdesk")],
        capture_output=True,
        text=True,
    )
    assert failed.returncode == 2 and failed.stderr.startswith("pmdesk: error:")
    assert not (tmp_path / "x.pmdesk").exists()


def test_demo_then_export_then_import_is_the_identity(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    demo = tmp_path / "demo.pmdesk"
    assert main(["demo", str(demo)]) == 0
    assert read(demo) == demo_board()
    capsys.readouterr()
    assert main(["export", str(demo), "--format", "json"]) == 0
    exported = capsys.readouterr().out
    assert json.loads(exported) == board_to_json(demo_board())
    source = tmp_path / "board.json"
    source.write_text(exported, encoding="utf-8")
    again = tmp_path / "again.pmdesk"
    assert main(["import", str(source), str(again)]) == 0
    assert read(again) == demo_board()
    out = tmp_path / "out.json"
    assert main(["export", str(again), "--format", "json", "-o", str(out)]) == 0
    assert out.read_text(encoding="utf-8") == exported


def test_hostile_text_survives_import_and_export(tmp_path: Path) -> None:
    from tests.store.test_document import HOSTILE

    board = demo_board()
    for card, text in zip(board.cards, HOSTILE, strict=False):
        card.text = text
    board.cards[-1].text = "<img src=x>&amp;\t" * 70_000
    source = tmp_path / "hostile.json"
    source.write_bytes(json.dumps(board_to_json(board), ensure_ascii=False).encode("utf-8"))
    target = tmp_path / "hostile.pmdesk"
    assert main(["import", str(source), str(target)]) == 0
    assert read(target) == board
    out = tmp_path / "back.json"
    assert main(["export", str(target), "--format", "json", "-o", str(out)]) == 0
    assert json.loads(out.read_bytes().decode("utf-8")) == board_to_json(board)


def test_import_refuses_to_overwrite_without_force(
    tmp_path: Path, board_json: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "out.pmdesk"
    target.write_bytes(b"keep me")
    fails(capsys, ["import", str(board_json), str(target)], "already exists (use --force to replace it)")
    assert target.read_bytes() == b"keep me"
    assert main(["import", str(board_json), str(target), "--force"]) == 0
    assert read(target) == demo_board()


def test_demo_refuses_to_overwrite_without_force(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "demo.pmdesk"
    target.write_bytes(b"keep me")
    fails(capsys, ["demo", str(target)], "already exists (use --force to replace it)")
    assert main(["demo", str(target), "--force"]) == 0


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe{}", "not UTF-8 text (byte 0)"),
        (b"{", "not JSON (Expecting property name enclosed in double quotes at line 1 column 2)"),
        (b"", "not JSON (Expecting value at line 1 column 1)"),
        (b"[1, 2]", "not a JSON object (the top level is list)"),
        (b'"board"', "not a JSON object (the top level is str)"),
        (b"null", "not a JSON object (the top level is null)"),
        (b"[" * 100_000, "not JSON (nested too deeply)"),
        (b'{"format": "pmdesk", "version": 1}', "incident: required (with at least a title)"),
    ],
)
def test_bad_json_gives_one_line_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str
) -> None:
    source = tmp_path / "BOARD.json"
    source.write_bytes(content)
    target = tmp_path / "OUT.pmdesk"
    fails(capsys, ["import", str(source), str(target)], f"{source}: {message}")
    assert list(tmp_path.iterdir()) == [source]


def test_a_utf8_bom_is_accepted(tmp_path: Path, board_json: Path) -> None:
    source = tmp_path / "bom.json"
    source.write_bytes(b"\xef\xbb\xbf" + board_json.read_bytes())
    assert main(["import", str(source), str(tmp_path / "b.pmdesk")]) == 0


@pytest.mark.parametrize(("path", "value", "message"), [
    ("cards.3.section", "lesons", 'cards[3].section: unknown section "lesons"'),
    ("version", 2, "version: this board is format version 2, from a newer pmdesk; this pmdesk reads version 1. Update pmdesk to import it."),
    ("participants.4.color", "orange", 'participants[4].color: "orange" is not a colour like #1f77b4'),
    ("agenda.2.minutes", 0, "agenda[2].minutes: must be 1 or more, got 0"),
])  # fmt: skip
def test_the_first_problem_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], path: str, value: object, message: str
) -> None:
    data = board_to_json(demo_board())
    *parents, last = path.split(".")
    target: object = data
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]  # type: ignore[index]
    target[last] = value  # type: ignore[index]
    source = tmp_path / "BOARD.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    out = tmp_path / "OUT.pmdesk"
    fails(capsys, ["import", str(source), str(out)], f"pmdesk: error: {source}: {message}")
    assert not out.exists()


def test_import_into_a_missing_folder(
    tmp_path: Path, board_json: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fails(capsys, ["import", str(board_json), str(tmp_path / "no" / "b.pmdesk")], "no such folder")


def test_import_of_a_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fails(
        capsys,
        ["import", str(tmp_path / "x.json"), str(tmp_path / "b.pmdesk")],
        "cannot be read (No such file or directory)",
    )


def test_export_of_a_bad_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.pmdesk"
    bad.write_bytes(b"not a board at all" * 10)
    fails(
        capsys,
        ["export", str(bad), "--format", "json"],
        "bad.pmdesk: not a pmdesk board (not an SQLite database)",
    )


def test_usage_errors_are_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fails(capsys, ["export", str(tmp_path / "x.pmdesk")], "the following arguments are required: --format")
    fails(capsys, ["export", "x.pmdesk", "--format", "docx"], "argument --format: invalid choice: 'docx'")
    fails(capsys, ["demo"], "the following arguments are required: OUT.pmdesk")
    fails(capsys, ["--bogus"], "unrecognized arguments: --bogus")
    fails(capsys, [str(tmp_path / "missing.pmdesk")], "missing.pmdesk: no such file")


def test_other_formats_go_through_the_report_package(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import types

    calls: list[str] = []

    def render(board: object, fmt: str, progress: object = None) -> object:
        calls.append(fmt)
        return types.SimpleNamespace(data=f"{fmt} report".encode(), notes=[])

    monkeypatch.setitem(sys.modules, "pmdesk.report", types.SimpleNamespace(render=render))
    demo = tmp_path / "demo.pmdesk"
    assert main(["demo", str(demo)]) == 0
    assert main(["export", str(demo), "--format", "md"]) == 0
    assert (tmp_path / "demo.md").read_text(encoding="utf-8") == "md report"
    assert calls == ["md"]
    assert main(["export", str(demo), "--format", "csv", "-o", str(tmp_path / "actions.csv")]) == 0
    assert (tmp_path / "actions.csv").read_text(encoding="utf-8") == "csv report"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["actions.csv", "demo.md", "demo.pmdesk"]


def test_the_window_is_opened_through_pmdesk_app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import types

    seen: list[tuple[Path | None, bool]] = []
    fake = types.SimpleNamespace(run=lambda path, quit_after_show: seen.append((path, quit_after_show)) or 0)
    monkeypatch.setitem(sys.modules, "pmdesk.app", fake)
    monkeypatch.setattr("pmdesk.app", fake, raising=False)
    demo = tmp_path / "demo.pmdesk"
    assert main(["demo", str(demo)]) == 0
    assert main([str(demo), "--quit-after-show"]) == 0
    assert main([]) == 0
    assert seen == [(demo, True), (None, False)]


DEMO_TEXT = json.dumps(board_to_json(demo_board()), ensure_ascii=False)


@pytest.mark.parametrize(("old", "new", "message"), [
    ('"votes_per_participant": 3', '"votes_per_participant": ' + "9" * 5000, "session.votes_per_participant: must be at most 99, got 999999999999… (5,000 digits)"),
    ('"version": 1', '"version": -' + "1" * 100_000, "version: unknown format version -111111111111… (100,000 digits)"),
    ('"format": "pmdesk"', '"format": "pmdesk", "format": "pmdesk"', "format: the key is given more than once"),
    ('"section": "went-well",', '"section": "went-well", "section": "lessons",', "themes[0].section: the key is given more than once"),
    ('"version": 1', '"version": 1, "x\\n\\u001b[2J": 1, "x\\n\\u001b[2J": 2', '["x\\n\\x1b[2J"]: the key is given more than once'),
    ('"version": 1', '"version": NaN', "not JSON (NaN is not a JSON number)"),
    ('"version": 1', '"version": -Infinity', "not JSON (-Infinity is not a JSON number)"),
    ('"format": "pmdesk"', '"format": "pm\\u001b[31mdesk\\n2nd\\u202e"', 'format: expected "pmdesk", got the text "pm\\x1b[31mdesk\\n2nd\\u202e"'),
])  # fmt: skip
def test_json_pmdesk_refuses_with_a_located_escaped_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], old: str, new: str, message: str
) -> None:
    assert old in DEMO_TEXT
    source = tmp_path / "BOARD.json"
    source.write_text(DEMO_TEXT.replace(old, new, 1), encoding="utf-8")
    fails(capsys, ["import", str(source), str(tmp_path / "OUT.pmdesk")], f"{source}: {message}")
    assert list(tmp_path.iterdir()) == [source]


def test_a_huge_number_under_a_key_pmdesk_does_not_know_is_ignored(tmp_path: Path) -> None:
    source = tmp_path / "BOARD.json"
    source.write_text(
        DEMO_TEXT.replace('"version": 1', '"version": 1, "extra": ' + "7" * 9000), encoding="utf-8"
    )
    assert main(["import", str(source), str(tmp_path / "OUT.pmdesk")]) == 0
    assert read(tmp_path / "OUT.pmdesk") == demo_board()


def test_a_hostile_file_name_stays_on_one_line(tmp_path: Path) -> None:
    source = tmp_path / "evil\n\x1b[31mname\u202e.json"
    source.write_text("{", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "pmdesk", "import", str(source), str(tmp_path / "b.pmdesk")],
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 2
    err = done.stderr.decode("utf-8")
    assert err.count("\n") == 1 and "\x1b" not in err and "\u202e" not in err
    assert "evil\\n\\x1b[31mname\\u202e.json: not JSON" in err


def test_import_keeps_the_timeline_in_the_files_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Every list is in display order: the timeline another tool wrote comes back as it was."""
    source = tmp_path / "from-tool.json"
    events = [
        {"id": "late", "at": "2026-11-20T15:00:00+00:00", "text": "Resolved"},
        {"id": "when", "at": None, "text": "Someone remembers a page, time unknown"},
        {"id": "first", "at": "2026-11-20T14:00:00+02:00", "text": "Push (12:00 UTC)"},
    ]
    source.write_text(
        json.dumps({"format": "pmdesk", "version": 1, "incident": {"title": "X"}, "timeline": events})
    )
    target = tmp_path / "board.pmdesk"
    assert main(["import", str(source), str(target)]) == 0
    assert main(["export", str(target), "--format", "json"]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert [event["id"] for event in exported["timeline"]] == ["late", "when", "first"]


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["b.pmdesk"],
        ["--quit-after-show"],
        ["b.pmdesk", "--quit-after-show"],
        ["--quit-after-show", "b"],
        [""],
    ],
)
def test_the_window_s_plain_arguments_are_read_without_the_parser_as_it_reads_them(argv: list[str]) -> None:
    from pmdesk import cli

    plain = cli._plain_window_args(argv)
    assert plain is not None
    assert vars(plain) == vars(cli._main_parser().parse_args(argv))


@pytest.mark.parametrize(
    "argv", [["a", "b"], ["-x"], ["--quit"], ["--", "-b.pmdesk"], ["--version"], ["--help"]]
)
def test_any_other_window_arguments_go_to_the_parser(argv: list[str]) -> None:
    from pmdesk import cli

    assert cli._plain_window_args(argv) is None
