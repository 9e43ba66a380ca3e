"""What ``pmdesk --help``, ``pmdesk COMMAND --help`` and ``pmdesk help TOPIC`` say."""

from __future__ import annotations

from pathlib import Path

# Each export format, with the suffix a file of it usually has and one line on what it holds.
FORMATS: dict[str, tuple[str, str]] = {
    "json": (".json", "the whole board in the interchange format (pmdesk import reads it back)"),
    "pdf": (".pdf", "the report: what happened, the board, priorities, actions and wrap-up"),
    "md": (".md", "the same report as Markdown, for a wiki"),
    "csv": (".csv", "the actions as a spreadsheet (UTF-8 with a byte order mark)"),
    "ics": (".ics", "iCalendar: a to-do per action with a due date, an event for the check-in"),
    "eml": (".eml", "an email draft to the participants, with the PDF report attached"),
}
BOARD_SUFFIX = ".pmdesk"
TOPICS = ("board-format",)

MAIN = """\
Run a blameless incident post-mortem: one window for the facilitator, a board file that is saved
as it is edited, and reports afterwards.

commands:
  pmdesk [FILE]                                open the window on FILE (a new board without it)
  pmdesk demo OUT.pmdesk                       write the demo board
  pmdesk import BOARD.json OUT.pmdesk          create a board from JSON
  pmdesk export IN.pmdesk --format FORMAT      the report, the actions, the board as JSON, ...
  pmdesk room BOARD.pmdesk [--port N]          serve the room: participants join from phones
  pmdesk install-desktop [--uninstall]         add pmdesk to the desktop's applications menu
  pmdesk search FOLDER… QUERY [--json]         search every board in the folders
  pmdesk actions FOLDER… [--open] [--overdue]  the actions of every board in the folders
                 [--owner NAME] [--format table|csv|json|ics]
  pmdesk help [COMMAND | board-format]         this help, a command's, or the JSON format

Errors are one line on stderr; the exit status is 2 for bad input, 1 for a fault in pmdesk."""


ROOM = """\
Serve the room without a window: participants open the join URL (the first line printed) on
their phones, on the room's network, write their cards (face down until revealed) and place
their dots. Every change is written to BOARD.pmdesk as it is made. Lines typed here steer the
room: write, vote, view (what devices do), reveal (turn the cards face up), undo,
anonymous on|off, status, quit. Ctrl+C or SIGTERM closes the room."""


def export_epilog() -> str:
    """The formats, and where ``export`` writes."""
    width = max(map(len, FORMATS))
    lines = [f"  {name:<{width}}  {text}" for name, (_suffix, text) in FORMATS.items()]
    return (
        "formats:\n" + "\n".join(lines) + "\n\n"
        "where it goes:\n"
        "  Without -o, JSON goes to standard output and the other formats to a file beside IN\n"
        "  with the format's suffix (board.pmdesk -> board.pdf). -o - is standard output for\n"
        "  every format (PDF and email only when it is not a terminal).\n"
        "  A file already there is replaced only with --force; a pmdesk board never is.\n"
        "  The board is read as a snapshot, so a board open in a window can be exported.\n\n"
        "related incidents:\n"
        '  --library FOLDER (PDF only, may be repeated) adds a "Related incidents" section:\n'
        "  earlier boards in the folder with the same services or similar text, their titles\n"
        "  and dates, and the open actions of those on the same services. The folder is\n"
        "  indexed as pmdesk search indexes it; its boards are only read."
    )


def import_epilog(format_doc: Path) -> str:
    """A summary of the JSON format, and where its full description is installed."""
    return (
        "BOARD.json is the board interchange format, as `pmdesk export --format json` writes it:\n"
        'one object with "format": "pmdesk", "version", and the incident, timeline, participants,\n'
        "sections, themes, cards, votes, actions and session. It is checked in full before\n"
        "anything is written; an error names the first bad place, e.g. cards[3].section.\n"
        "OUT.pmdesk is not replaced unless --force is given.\n\n"
        "The format, its rules and its messages: pmdesk help board-format\n"
        f"(installed with pmdesk as {format_doc})."
    )


def suffix_warning(path: Path, fmt: str) -> str | None:
    """A warning when ``path``'s suffix is not the usual one for ``fmt`` ("pmdesk" for a board)."""
    expected = BOARD_SUFFIX if fmt == "pmdesk" else FORMATS[fmt][0]
    if path.suffix.lower() == expected:
        return None
    what = "a board" if fmt == "pmdesk" else f"a {fmt.upper()} file"
    return f"{path}: {what} is usually named *{expected}; writing it anyway"
