"""The command line: open the window, import and export boards, write the demo board.

    pmdesk [FILE] [--quit-after-show]        open the window (on FILE)
    pmdesk --version
    pmdesk import BOARD.json OUT.pmdesk [--force]
    pmdesk export IN.pmdesk --format json|pdf|md|csv|ics|eml [-o OUT|-] [--force] [--library FOLDER]
    pmdesk demo OUT.pmdesk [--force]
    pmdesk install-desktop [--uninstall]
    pmdesk search FOLDER… QUERY [--json]
    pmdesk actions FOLDER… [--open] [--overdue] [--owner NAME] [--format table|csv|json|ics]
    pmdesk help [COMMAND | board-format]

JSON goes to stdout without ``-o``; the other formats go to ``-o OUT``, or by default next to
IN with the format's suffix (``board.pmdesk`` -> ``board.pdf``). ``-o -`` is standard output
(PDF and email only when it is not a terminal). An existing file is replaced only with
``--force``, and an export never replaces a board (pmdesk.export_file has the rules).
Every error is one line ``pmdesk: error: ...`` on stderr: exit status 2 for bad input (a file,
an argument), 1 for an internal error, whose traceback goes to a log file the line names. User
text in it is escaped (pmdesk.model.shown), so it stays one line and cannot drive the terminal.
"""

from __future__ import annotations

import argparse
import gc
import os
import sqlite3
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

from pmdesk import __version__
from pmdesk.cli_errors import UsageError
from pmdesk.export_file import TargetRefused
from pmdesk.model.edits import EditError
from pmdesk.model.shown import shown
from pmdesk.model.strict_json import JsonError, loads
from pmdesk.store.errors import BoardFileError

COMMANDS = ("import", "export", "demo", "room", "install-desktop", "search", "actions", "help")
FORMATS = ("json", "pdf", "md", "csv", "ics", "eml")
STDOUT = "-"  # as typed after -o or as the JSON to import


class _Parser(argparse.ArgumentParser):
    """An argparse parser whose errors are one line, never a usage block."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(message)


def _main_parser() -> _Parser:
    from pmdesk.cli_help import MAIN

    parser = _Parser(prog="pmdesk", description=MAIN, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("file", nargs="?", type=Path, metavar="FILE", help="a .pmdesk board to open")
    parser.add_argument(
        "--quit-after-show",
        action="store_true",
        help="show the window, print how many ms after the process started its first frame was "
        "painted and the window was complete (with the raw clock for tools), and quit",
    )
    parser.add_argument("--version", action="version", version=f"pmdesk {__version__}")
    return parser


def _command_parser(command: str) -> _Parser:
    from pmdesk import cli_help

    parser = _Parser(prog=f"pmdesk {command}", formatter_class=argparse.RawDescriptionHelpFormatter)
    if command in ("search", "actions"):
        from pmdesk.cli_library import add_arguments

        add_arguments(parser, command)
    elif command == "import":
        from pmdesk.resources import resource_path

        parser.description = "Create a board file from a JSON board."
        parser.epilog = cli_help.import_epilog(resource_path("board-format.md"))
        # A string, not a Path: Path("./-") is Path("-"), and only "-" itself is standard input.
        parser.add_argument("source", metavar="BOARD.json", help="the board as JSON; - for standard input")
        parser.add_argument("target", type=Path, metavar="OUT.pmdesk", help="the board file to create")
        parser.add_argument("--force", action="store_true", help="replace OUT.pmdesk if it exists")
    elif command == "export":
        parser.description = "Export a board as JSON, a PDF report, Markdown, CSV, iCalendar or email."
        parser.epilog = cli_help.export_epilog()
        parser.add_argument("source", type=Path, metavar="IN.pmdesk", help="the board to export")
        parser.add_argument(
            "--format", required=True, choices=FORMATS, dest="fmt", help="what to write (see formats below)"
        )
        parser.add_argument(
            "-o",
            "--output",
            metavar="OUT",
            help="the file to write; - for standard output (./- for a file named -)",
        )
        parser.add_argument(
            "--force", action="store_true", help="replace OUT if it exists (never a pmdesk board)"
        )
        parser.add_argument(
            "--library",
            action="append",
            type=Path,
            metavar="FOLDER",
            help='PDF only: add "Related incidents" from this folder of boards (may be repeated)',
        )
    elif command == "install-desktop":
        parser.description = (
            "Add pmdesk to the desktop's applications menu for this user: a launcher that starts this "
            "pmdesk, its icon, and the .pmdesk file type (double-click a board to open it). "
            "Files go to $XDG_DATA_HOME (~/.local/share)."
        )
        parser.add_argument("--uninstall", action="store_true", help="remove them again")
    elif command == "room":
        parser.description = cli_help.ROOM
        parser.add_argument("source", type=Path, metavar="BOARD.pmdesk", help="the board the room writes to")
        parser.add_argument(
            "--host", metavar="ADDR", help="the address to listen on (default: this laptop's LAN address)"
        )
        parser.add_argument("--port", type=int, default=8000, metavar="N", help="the port (0: any free port)")
        parser.add_argument(
            "--phase",
            choices=("write", "vote", "view"),
            default="write",
            help="what devices do at first: write cards, place dots, or view the board (default: write)",
        )
        parser.add_argument(
            "--no-anonymous", action="store_true", help="every device must pick a participant's name"
        )
    elif command == "help":
        parser.description = "Show the help: pmdesk's, a command's, or the board JSON format's."
        parser.add_argument(
            "topic", nargs="?", metavar="COMMAND|board-format", help="a command, or board-format"
        )
    else:
        parser.description = "Write the demo board: a realistic post-mortem to try pmdesk on."
        parser.add_argument("target", type=Path, metavar="OUT.pmdesk", help="the board file to create")
        parser.add_argument("--force", action="store_true", help="replace OUT.pmdesk if it exists")
    return parser


def _warn_suffix(path: Path, fmt: str) -> None:
    from pmdesk.cli_help import suffix_warning

    warning = suffix_warning(path, fmt)
    if warning is not None:
        print(f"pmdesk: warning: {shown(warning)}", file=sys.stderr)


def _check_target(target: Path, force: bool) -> Path:
    """The file a new board goes to (a link's target: the link stays); UsageError if it must not."""
    import stat

    from pmdesk.store.lock import BoardLock

    try:
        real = target.resolve()
        info = real.stat() if real.exists() else None
    except (OSError, RuntimeError) as error:
        raise UsageError(f"{target}: cannot be checked ({error})") from error
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise UsageError(f"{target}: is a folder")
    if info is not None and not stat.S_ISREG(info.st_mode):
        raise UsageError(f"{target}: not a regular file (a device, FIFO or socket); give a file name")
    if info is not None or target.is_symlink():
        if not force:
            raise UsageError(f"{target}: already exists (use --force to replace it)")
        if info is not None and BoardLock.is_locked(real):
            raise UsageError(f"{target}: open in a pmdesk window; close it there first")
    if not real.parent.is_dir():
        raise UsageError(f"{target.parent}: no such folder")
    return real


def load_json_board(source: str) -> object:
    """The parsed JSON of the file ``source`` ("-": standard input); UsageError if not UTF-8 JSON."""
    try:
        raw = sys.stdin.buffer.read() if source == STDOUT else Path(source).read_bytes()
    except OSError as error:
        raise UsageError(f"{_input_name(source)}: cannot be read ({error.strerror})") from error
    source = _input_name(source)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise UsageError(f"{source}: not UTF-8 text (byte {error.start})") from error
    try:
        return loads(text)
    except JsonError as error:
        raise UsageError(f"{source}: {error}") from error


def _input_name(source: str) -> str:
    """How a message names the JSON read: its path, or standard input."""
    return "standard input" if source == STDOUT else source


def _import(args: argparse.Namespace) -> int:
    from pmdesk.store.board_file import create_file
    from pmdesk.store.json_format import ImportProblem, board_from_json

    source = _input_name(args.source)
    target = _check_target(args.target, args.force)
    _warn_suffix(args.target, "pmdesk")
    data = load_json_board(args.source)
    if not isinstance(data, dict):
        kind = "null" if data is None else type(data).__name__
        raise UsageError(f"{source}: not a JSON object (the top level is {kind})")
    try:
        board = board_from_json(data)
    except ImportProblem as problem:
        raise UsageError(f"{source}: {problem}") from problem
    create_file(target, board, overwrite=args.force)
    return 0


def _export(args: argparse.Namespace) -> int:
    from pmdesk.export_file import TEXT_FORMATS, check_target, render, write_export
    from pmdesk.store.board_file import BoardFile

    fmt: str = args.fmt
    # Compared as typed: Path("./-") would be Path("-"), and ./- names a file called "-".
    to_stdout = args.output == STDOUT or (args.output is None and fmt == "json")
    output = None if args.output is None or to_stdout else Path(args.output)
    if to_stdout and fmt not in TEXT_FORMATS and sys.stdout.isatty():
        raise UsageError(
            f"a {fmt.upper()} export is binary: give -o FILE, or redirect standard output to a file"
        )
    if args.library and fmt != "pdf":
        raise UsageError("--library adds a section to the PDF report: use it with --format pdf")
    target = output if output is not None else args.source.with_suffix(f".{fmt}")
    if not to_stdout:
        check_target(target, args.force, args.source)  # before the (possibly long) rendering
        _warn_suffix(target, fmt)
    # A snapshot without the lock, so a board open in a window can still be exported.
    board = BoardFile.read_snapshot(args.source)
    related = None
    if args.library:
        from pmdesk.cli_library import related_incidents

        related = related_incidents(args.library, board, args.source)
    if to_stdout:
        data, notes = render(board, fmt, related=related)
        _write_stdout(data)
    else:
        notes = write_export(board, fmt, target, replace=args.force, source=args.source, related=related)
        print(shown(str(target)), file=sys.stderr)
    for note in notes:
        print(f"pmdesk: note: {shown(note)}", file=sys.stderr)
    return 0


def _write_stdout(data: bytes) -> None:
    """Bytes to standard output, so the text is UTF-8 whatever the terminal's locale says."""
    sys.stdout.flush()
    buffer = getattr(sys.stdout, "buffer", None)
    if buffer is None:
        sys.stdout.write(data.decode("utf-8", "replace"))
    else:
        buffer.write(data)
        buffer.flush()


def _demo(args: argparse.Namespace) -> int:
    from pmdesk.model.demo import demo_board
    from pmdesk.store.board_file import create_file

    target = _check_target(args.target, args.force)
    _warn_suffix(args.target, "pmdesk")
    create_file(target, demo_board(), overwrite=args.force)
    return 0


def _search(args: argparse.Namespace) -> int:
    from pmdesk.cli_library import run_search

    return run_search(args, _write_stdout)


def _actions(args: argparse.Namespace) -> int:
    from pmdesk.cli_library import run_actions

    return run_actions(args, _write_stdout)


def _install_desktop(args: argparse.Namespace) -> int:
    from pmdesk import desktop

    report = desktop.uninstall() if args.uninstall else desktop.install()
    if args.uninstall:
        print("removed:" if report.files else "nothing to remove: pmdesk's launcher is not installed")
    else:
        print("installed:")
    for path in report.files:
        print(f"  {shown(str(path))}")
    if not args.uninstall:
        print(f"The launcher starts {shown(' '.join(report.command))}.")
    for note in report.notes:
        print(f"pmdesk: note: {shown(note)}", file=sys.stderr)
    return 0


def _help(args: argparse.Namespace) -> int:
    topic: str | None = args.topic
    if topic is None:
        _main_parser().print_help()
    elif topic == "board-format":
        from pmdesk.resources import resource_text

        _write_stdout(resource_text("board-format.md").encode("utf-8"))
    elif topic in COMMANDS:
        _command_parser(topic).print_help()
    else:
        raise UsageError(f"no help on {shown(topic)!s} (try: {', '.join(COMMANDS)}, board-format)")
    return 0


def _room(args: argparse.Namespace) -> int:
    from pmdesk.room.headless import serve

    if not 0 <= args.port <= 65535:
        raise UsageError(f"--port: {args.port} is not a port (0 to 65535)")
    if args.host is not None:
        import ipaddress

        if args.host == "localhost":
            args.host = "127.0.0.1"
        try:
            args.host = str(ipaddress.ip_address(args.host))
        except ValueError:
            raise UsageError(
                f"--host: {shown(args.host)} is not an IP address (such as 192.168.1.20); "
                "the room listens on an address of this laptop, never a name"
            ) from None
    return serve(args.source, args.host, args.port, args.phase, anonymous=not args.no_anonymous)


def _open_window(args: argparse.Namespace) -> int:
    if args.file is not None and not args.file.exists():
        raise UsageError(f"{args.file}: no such file")
    if sys.platform.startswith("linux") and not (
        os.environ.get("QT_QPA_PLATFORM") or os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")
    ):
        # Qt would abort the process with a page of plugin messages.
        raise UsageError("no display to show the window on (set DISPLAY, or QT_QPA_PLATFORM=offscreen)")
    from pmdesk.startup import import_core

    import_core()
    try:
        from pmdesk import app
    except ImportError as error:
        if error.name not in ("pmdesk.app", "PySide6"):
            raise
        raise UsageError(f"the window is not available ({error})") from error
    return int(app.run(args.file, args.quit_after_show))


def _run(argv: list[str]) -> int:
    if argv and argv[0] in COMMANDS:
        command = argv[0]
        args = _command_parser(command).parse_args(argv[1:])
        handlers = {"import": _import, "export": _export, "demo": _demo, "room": _room}
        handlers.update(search=_search, actions=_actions)
        handler = {**handlers, "install-desktop": _install_desktop, "help": _help}[command]
        return handler(args)
    plain = _plain_window_args(argv)
    return _open_window(plain if plain is not None else _main_parser().parse_args(argv))


def _plain_window_args(argv: list[str]) -> argparse.Namespace | None:
    """The window's arguments where they are at most a file and ``--quit-after-show``, as the
    parser would read them, without building it (which, with its translations, took a noticeable
    part of the window's start-up); None for anything else, which the parser reads."""
    files = [arg for arg in argv if arg != "--quit-after-show"]
    if len(files) > 1 or any(arg.startswith("-") for arg in files):
        return None
    return argparse.Namespace(file=Path(files[0]) if files else None, quit_after_show=len(files) < len(argv))


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; the exit status (0 ok, 2 bad input, 1 internal error; one line on stderr)."""
    try:
        return _run(list(sys.argv[1:] if argv is None else argv))
    except SystemExit as done:  # --help and --version
        return done.code if isinstance(done.code, int) else 0
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # Whoever read standard output stopped early (``| head``): end quietly, as other tools do.
        _quiet_stdout()
        return 141
    except (UsageError, BoardFileError, EditError, TargetRefused) as error:
        message = str(error)
    except OSError as error:
        where = f"{error.filename}: " if error.filename else ""
        message = f"{where}{error.strerror or error}"
    except (sqlite3.Error, UnicodeError) as error:
        message = f"{type(error).__name__}: {error}"
    except Exception as error:  # the last resort: a fault in pmdesk, not in the user's input
        from pmdesk.errorlog import internal_error_line, write_log

        print(f"pmdesk: error: {internal_error_line(error, write_log(error))}", file=sys.stderr)
        return 1
    print(f"pmdesk: error: {shown(message)}", file=sys.stderr)
    return 2


def _quiet_stdout() -> None:
    """Point standard output at /dev/null, so the final flush does not fail on the closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):  # not a real file (tests capture stdout)
        pass


def entry() -> NoReturn:
    """The ``pmdesk`` program: run the command line and exit with its status.

    A command (import, export, demo) exits without tearing the interpreter down: its files are
    written and closed by then, and freeing a big board and reportlab's objects one by one
    would add a fifth of a second. The window exits the usual way (Qt and settings clean up).
    """
    argv = sys.argv[1:]
    if argv[:1] == ["--room-worker"]:  # the window's room, in a process of its own
        from pmdesk.room.worker import main as room_worker

        sys.stdout.flush()
        os._exit(room_worker(argv[1:]))
    if not (argv and argv[0] in COMMANDS):
        # The window: no garbage collection until its first frame is painted (pmdesk.app turns
        # it back on). Start-up makes tens of thousands of objects that live as long as the
        # window, and the collector went over them again and again: some 5 % of the start.
        gc.disable()
    status = main(argv)
    if argv and argv[0] in COMMANDS:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)
    sys.exit(status)
