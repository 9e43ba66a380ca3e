"""The library's commands: ``pmdesk search`` and ``pmdesk actions`` over folders of boards.

    pmdesk search FOLDER… QUERY [--json]
    pmdesk actions FOLDER… [--open] [--overdue] [--owner NAME] [--format table|csv|json|ics]

Both first bring the library's index (in the user's cache folder) up to date, reading only new
and changed boards. A file that cannot be read (damaged, not a board, locked, left mid-change by
a crash) is named on stderr with its reason and skipped; the command still succeeds.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from pmdesk.cli_errors import UsageError
from pmdesk.model.shown import shown

if TYPE_CHECKING:
    from pmdesk.model.board import Board
    from pmdesk.report.related import RelatedIncident

LIBRARY_COMMANDS = ("search", "actions")
# Highlights in a search hit's text snippet; the same characters in a board's text are escaped.
HIGHLIGHT = ("«", "»")

SEARCH_EPILOG = """\
output:
  One hit per line, tab-separated: the board's path, the kind of thing matched (incident,
  timeline, card, card-notes, theme, theme-notes, action, takeaways), and a one-line snippet
  with the matches between « and » (a « or » in the board's own text is written \\u00ab,
  \\u00bb). Boards come in the order of their best hit. The exit status is 0 with hits or none.
  --json writes a JSON array instead, each hit with its board's title, date, kind and
  severity, and the snippet as text and as pieces marked "match": true or false.

matching:
  Words match with stemming and in any case ("restore" finds "restored" and "Restoring");
  every word must match. Chinese, Japanese and Korean text is found by any substring of two
  or more characters. Search operators are not interpreted: the query is plain text, and
  several words go in quotes as one argument: pmdesk search ~/postmortems "rolled back".

the index:
  Kept in $XDG_CACHE_HOME/pmdesk (~/.cache/pmdesk), never in the library's folders; boards
  are only read, never written."""

ACTIONS_EPILOG = """\
formats:
  table  aligned columns for a terminal (the default): board, date, action, owner, due,
         priority, status, and OVERDUE where it is
  csv    a spreadsheet (UTF-8 with a byte order mark), with the board's path and what the
         action answers
  json   an array of objects, one per action
  ics    iCalendar: a to-do for each action with a due date

An action is open while it is neither done nor dropped; it is overdue when it is open and
its due date is before today."""


def add_arguments(parser: argparse.ArgumentParser, command: str) -> None:
    """The arguments of ``search`` or ``actions``."""
    parser.formatter_class = argparse.RawDescriptionHelpFormatter
    if command == "search":
        parser.description = "Search every board in the folders (and their subfolders)."
        parser.epilog = SEARCH_EPILOG
        parser.add_argument(
            "paths", nargs="+", metavar="FOLDER… QUERY", help="one or more folders of boards, then the query"
        )
        parser.add_argument("--json", action="store_true", help="write the hits as JSON")
    else:
        parser.description = "List the actions of every board in the folders (and their subfolders)."
        parser.epilog = ACTIONS_EPILOG
        parser.add_argument("folders", nargs="+", type=Path, metavar="FOLDER", help="a folder of boards")
        parser.add_argument("--open", action="store_true", help="only actions neither done nor dropped")
        parser.add_argument("--overdue", action="store_true", help="only open actions past their due date")
        parser.add_argument("--owner", metavar="NAME", help="only this person's actions (any case)")
        parser.add_argument(
            "--format", dest="fmt", default="table", choices=("table", "csv", "json", "ics"), help="see below"
        )


def _updated(folders: list[Path]) -> object:
    """The library, brought up to date with the folders; each skipped file named on stderr."""
    from pmdesk.library.index import Library, LibraryError

    try:
        library = Library()
    except OSError as error:
        raise OSError(f"the library's index cannot be opened ({error})") from error
    try:
        report = library.update(folders)
    except LibraryError:
        library.close()
        raise
    for problem in report.problems:
        print(f"pmdesk: skipped {shown(str(problem.path))}: {shown(problem.reason)}", file=sys.stderr)
    return library


def _escaped(text: str) -> str:
    return shown(text).replace(HIGHLIGHT[0], "\\u00ab").replace(HIGHLIGHT[1], "\\u00bb")


def hit_line(path: Path, kind: str, segments: list[tuple[str, bool]]) -> str:
    """One hit as a tab-separated line: path, kind, snippet with « » around the matches."""
    snippet = "".join(
        f"{HIGHLIGHT[0]}{_escaped(text)}{HIGHLIGHT[1]}" if matched else _escaped(text)
        for text, matched in segments
    )
    return f"{shown(str(path))}\t{kind}\t{snippet}"


def run_search(args: argparse.Namespace, write: object) -> int:
    """``pmdesk search``: every hit, one per line (or JSON)."""
    from pmdesk.library.index import Library, LibraryError

    if len(args.paths) < 2:
        raise UsageError("give one or more folders, then the query")
    folders, query = [Path(p) for p in args.paths[:-1]], args.paths[-1]
    if not query.strip():
        raise UsageError("the query is empty: give one or more words to search for")
    for number, folder in enumerate(folders[1:], start=1):
        if not folder.exists():  # most likely the first of several words the shell split apart
            words = shown(" ".join(args.paths[number:]))
            raise UsageError(
                f"{shown(str(folder))}: no such folder (to search for several words, "
                f'put them in quotes: pmdesk search FOLDER "{words}")'
            )
    try:
        library = _updated(folders)
        assert isinstance(library, Library)
        try:
            hits = library.search(folders, query)
        finally:
            library.close()
    except LibraryError as error:
        raise UsageError(str(error)) from error
    if args.json:
        items = [
            {
                "board": str(hit.board.path),
                "title": hit.board.title,
                "date": hit.board.date,
                "incident_kind": hit.board.kind,
                "severity": hit.board.severity,
                "kind": hit.kind,
                "item": hit.item,
                "snippet": hit.text,
                "segments": [{"text": text, "match": matched} for text, matched in hit.segments],
            }
            for hit in hits
        ]
        text = json.dumps(items, ensure_ascii=False, indent=2) + "\n"
    else:
        text = "".join(hit_line(hit.board.path, hit.kind, hit.segments) + "\n" for hit in hits)
    assert callable(write)
    write(text.encode("utf-8"))
    return 0


def run_actions(args: argparse.Namespace, write: object) -> int:
    """``pmdesk actions``: the register of actions across the folders."""
    from pmdesk.library import register
    from pmdesk.library.index import Library, LibraryError

    try:
        library = _updated(args.folders)
        assert isinstance(library, Library)
        try:
            rows = library.actions(args.folders)
        finally:
            library.close()
    except LibraryError as error:
        raise UsageError(str(error)) from error
    rows = register.select(rows, open_only=args.open or args.overdue, overdue=args.overdue, owner=args.owner)
    if args.fmt == "csv":
        data = register.to_csv(rows).encode("utf-8-sig")
    elif args.fmt == "json":
        data = register.to_json(rows).encode("utf-8")
    elif args.fmt == "ics":
        data = register.to_ics(rows).encode("utf-8")
    else:
        data = register.to_table(rows).encode("utf-8")
    assert callable(write)
    write(data)
    return 0


def related_incidents(folders: list[Path], board: Board, path: Path) -> list[RelatedIncident]:
    """For ``export --library``: the library's incidents like ``board``, as the report takes them."""
    from pmdesk.library.index import Library, LibraryError
    from pmdesk.library.related import related_for_report

    try:
        library = _updated(folders)
        assert isinstance(library, Library)
        try:
            return related_for_report(library, folders, board, path)
        finally:
            library.close()
    except LibraryError as error:
        raise UsageError(str(error)) from error
