"""``pmdesk search`` and ``pmdesk actions``, run as a real process on a folder of real boards."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import sqlite3
from pathlib import Path

import pytest

from tests.library.boards import pmdesk

HOSTILE = "«forged» <b>bold</b> & <img src=x>\ttab\nnew line \x1b[31mred\u202eevil restore"


@pytest.fixture
def folder(tmp_path: Path, env: dict[str, str]) -> Path:
    """The demo board, and a second board imported from edited JSON, and a file that is not a board."""
    root = tmp_path / "library"
    (root / "2025").mkdir(parents=True)
    assert pmdesk("demo", root / "checkout.pmdesk", env=env).returncode == 0
    data = json.loads(pmdesk("export", root / "checkout.pmdesk", "--format", "json", env=env).stdout)
    data["incident"]["title"] = "Search cluster outage"
    data["incident"]["services"] = ["search"]
    data["cards"][0]["text"] = "We were Restoring the index from snapshots"
    data["cards"][1]["text"] = "监控告警在七分钟后才触发"
    data["cards"][2]["text"] = HOSTILE
    data["actions"][0].update(text='=HYPERLINK("http://x") Rotate keys\x07', due="2020-01-31", status="open")
    data["actions"][1].update(status="done")
    source = tmp_path / "search.json"
    source.write_text(json.dumps(data), encoding="utf-8")
    done = pmdesk("import", source, root / "2025" / "search.pmdesk", env=env)
    assert done.returncode == 0, done.stderr
    (root / "notes.pmdesk").write_text("not a board")
    return root


def digests(folder: Path) -> dict[str, str]:
    return {
        str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def test_search_prints_one_tab_separated_hit_per_line(folder: Path, env: dict[str, str]) -> None:
    before = digests(folder)
    done = pmdesk("search", folder, "restore", env=env)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    fields = [line.split("\t") for line in lines]
    assert all(len(f) == 3 for f in fields), lines
    search_board = str((folder / "2025" / "search.pmdesk").resolve())
    assert [search_board, "card", "We were «Restoring» the index from snapshots"] in fields
    assert f"pmdesk: skipped {(folder / 'notes.pmdesk').resolve()}: not a pmdesk board" in done.stderr
    assert digests(folder) == before  # boards only read; the index is in the cache
    assert (Path(env["XDG_CACHE_HOME"]) / "pmdesk" / "library.sqlite3").is_file()


def test_hostile_text_stays_on_its_line_and_cannot_forge_highlights(
    folder: Path, env: dict[str, str]
) -> None:
    done = pmdesk("search", folder, "bold", env=env)
    (line,) = done.stdout.splitlines()
    _path, kind, snippet = line.split("\t")
    assert kind == "card"
    assert snippet == (
        "\\u00abforged\\u00bb <b>«bold»</b> & <img src=x> tab new line \\x1b[31mred\\u202eevil restore"
    )
    assert "\x1b" not in done.stdout and "\u202e" not in done.stdout


def test_search_without_hits_succeeds_quietly(folder: Path, env: dict[str, str]) -> None:
    done = pmdesk("search", folder, "xylophone", env=env)
    assert (done.returncode, done.stdout) == (0, "")


def test_cjk_substrings_and_json_output(folder: Path, env: dict[str, str]) -> None:
    done = pmdesk("search", folder, "告警", "--json", env=env)
    assert done.returncode == 0
    (hit,) = json.loads(done.stdout)
    assert hit["title"] == "Search cluster outage" and hit["kind"] == "card"
    assert {"text": "告警", "match": True} in hit["segments"]
    assert hit["snippet"] == "监控告警在七分钟后才触发"


def test_a_missing_folder_is_bad_input(tmp_path: Path, env: dict[str, str]) -> None:
    done = pmdesk("search", tmp_path / "nowhere", "x", env=env)
    assert done.returncode == 2
    assert done.stderr.strip() == f"pmdesk: error: {tmp_path / 'nowhere'}: no such folder"
    assert pmdesk("search", "x", env=env).returncode == 2


def test_a_query_of_several_words_without_quotes_says_to_quote_it(folder: Path, env: dict[str, str]) -> None:
    done = pmdesk("search", folder, "rolled", "back", env=env)  # the shell split "rolled back"
    assert done.returncode == 2
    assert done.stderr.strip() == (
        "pmdesk: error: rolled: no such folder (to search for several words, put them in quotes: "
        'pmdesk search FOLDER "rolled back")'
    )


def test_an_empty_query_is_bad_input(folder: Path, env: dict[str, str]) -> None:
    for query in ("", "   "):
        done = pmdesk("search", folder, query, env=env)
        assert (done.returncode, done.stdout) == (2, "")
        assert done.stderr.strip() == (
            "pmdesk: error: the query is empty: give one or more words to search for"
        )


def test_a_board_locked_by_a_writer_is_named_and_skipped(folder: Path, env: dict[str, str]) -> None:
    writer = sqlite3.connect(folder / "checkout.pmdesk", isolation_level=None)
    writer.execute("BEGIN EXCLUSIVE")
    try:
        done = pmdesk("search", folder, "restore", env=env)
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert done.returncode == 0
    assert "checkout.pmdesk: locked by another program" in done.stderr
    assert "Restoring" in done.stdout  # the other board is still searched


def test_actions_table_and_filters(folder: Path, env: dict[str, str]) -> None:
    everything = pmdesk("actions", folder, env=env)
    assert everything.returncode == 0, everything.stderr
    assert everything.stdout.splitlines()[0].split()[:3] == ["Board", "Date", "Action"]
    assert len(everything.stdout.splitlines()) == 1 + 8
    open_rows = json.loads(pmdesk("actions", folder, "--open", "--format", "json", env=env).stdout)
    assert len(open_rows) == 7 and all(row["status"] in ("open", "in-progress") for row in open_rows)
    overdue = json.loads(pmdesk("actions", folder, "--overdue", "--format", "json", env=env).stdout)
    assert [(row["board_title"], row["due"], row["overdue"]) for row in overdue] == [
        ("Search cluster outage", "2020-01-31", True)
    ]
    assert "OVERDUE" in pmdesk("actions", folder, "--overdue", env=env).stdout
    mine = json.loads(pmdesk("actions", folder, "--owner", "PRIYA NAIR", "--format", "json", env=env).stdout)
    assert {row["owner"] for row in mine} == {"Priya Nair"} and len(mine) == 2


def test_actions_csv_is_defused_and_ics_has_no_control_characters(folder: Path, env: dict[str, str]) -> None:
    done = pmdesk("actions", folder, "--overdue", "--format", "csv", env=env)
    assert done.stdout.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(done.stdout.lstrip("\ufeff"))))
    assert rows[0][:3] == ["Board", "Date", "Action"]
    assert rows[1][2].startswith("'=HYPERLINK")  # a spreadsheet shows it, never runs it
    ics = pmdesk("actions", folder, "--open", "--format", "ics", env=env).stdout
    assert ics.startswith("BEGIN:VCALENDAR") and ics.count("BEGIN:VTODO") == 7
    assert "\x07" not in ics and "Rotate keys" in ics.replace("\n ", "")
    uids = [line for line in ics.splitlines() if line.startswith("UID:")]
    assert len(set(uids)) == len(uids)


def test_help_names_both_commands(env: dict[str, str]) -> None:
    main_help = pmdesk("--help", env=env).stdout
    assert "pmdesk search FOLDER… QUERY" in main_help and "pmdesk actions FOLDER…" in main_help
    assert "stemming" in pmdesk("help", "search", env=env).stdout
    assert "overdue" in pmdesk("actions", "--help", env=env).stdout
