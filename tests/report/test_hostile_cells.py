"""Exports that a spreadsheet, a calendar or a mail client reads: hostile text stays inert text."""

from __future__ import annotations

import csv
import email
import email.policy
import io

import pytest

from pmdesk.model.addresses import address_problem, header_address
from pmdesk.model.board import Board
from pmdesk.report.csv_export import defuse, to_csv
from pmdesk.report.email_draft import email_draft
from pmdesk.report.ics import escape_text, to_ics

FORMULAS = [
    "=HYPERLINK(\"http://x\")", "+1", "-1", "@SUM(A1)", "|calc", "\t=1", "\r=1", "\n=1",
    " =1", "   +cmd", "\u3000=1", "＝1+1", "﹦1", "＋1", "－1", "＠A1", "｜x", "\u200b=1", "\ufeff=1",
]  # fmt: skip
PLAIN = ["Fix alerts", "a=b", "1+1", "", "email@example.org", "中文", " hello"]


@pytest.mark.parametrize("text", FORMULAS)
def test_a_cell_a_spreadsheet_would_run_is_quoted(text: str) -> None:
    assert defuse(text) == "'" + text


@pytest.mark.parametrize("text", PLAIN)
def test_a_plain_cell_is_kept(text: str) -> None:
    assert defuse(text) == text


def test_every_column_is_defused(board: Board) -> None:
    action = board.actions[0]
    # Fields the window keeps valid, but a crafted board file may hold anything.
    action.due, action.priority, action.status = "=HYPERLINK(1)", "+2", "@3"
    owner = next(p for p in board.participants if p.id == action.owner)
    owner.name, owner.email = "-Ana", " =mail"
    action.text = "\n=cmd"
    rows = list(csv.reader(io.StringIO(to_csv(board))))
    assert rows[1][:6] == ["'\n=cmd", "'-Ana", "' =mail", "'=HYPERLINK(1)", "'+2", "'@3"]


def test_calendar_values_hold_no_control_characters(board: Board) -> None:
    board.actions[0].text = "nul\x00 esc\x1b[31m vt\x0b bell\x07 del\x7f c1\x85 tab\tend"
    board.incident.title = "title\x1b]0;pwned\x07"
    text = to_ics(board)
    forbidden = [chr(c) for c in [*range(0, 9), *range(11, 13), *range(14, 32), *range(0x7F, 0xA0)]]
    assert not any(char in text for char in forbidden)
    assert "SUMMARY:nul esc[31m vt bell del c1 tab\tend" in text.replace("\r\n ", "")
    assert escape_text("a\r\nb\rc\nd") == "a\\nb\\nc\\nd"


@pytest.mark.parametrize(
    ("address", "problem"),
    [
        ("ana@example.org", None),
        ("ana.ruiz+pm@mail.example.org", None),
        ("ana@exämple.org", None),
        ("", None),
        ("ana@[example.org", "the part after the @ is not a domain name"),
        ("bö@example.org", "must be plain ASCII"),
        ("ana example.org", "no spaces"),
        ("a@b@c.org", "exactly one @"),
        ("@example.org", "a name before the @"),
        ("ana@", "a name before the @"),
        ("ana\r@example.org", "control characters"),
        ('"ana"@example.org', "no brackets, quotes or commas"),
        ("ana@-example.org", "not a domain name"),
        ("x" * 250 + "@e.org", "at most 254"),
    ],
)
def test_addresses_are_checked(address: str, problem: str | None) -> None:
    found = address_problem(address)
    assert (found is None) if problem is None else (found is not None and problem in found), found


def test_a_non_ascii_domain_goes_in_as_idna() -> None:
    assert header_address("ana@exämple.org") == "ana@xn--exmple-cua.org"


def test_email_draft_reports_each_address_left_out_and_survives_line_breaks(board: Board) -> None:
    board.incident.title = "Outage\rwith a CR\nand\x1b[2J an escape"
    people = board.participants
    people[0].email = "ana@[example.org"
    people[1].name = "Li\r\nXiaolong"
    people[2].email = "dmitri@exämple.org"
    people[3].email = "sára@example.org"
    data, notes = email_draft(board)
    message = email.message_from_bytes(data, policy=email.policy.default)
    assert message["Subject"] == "Post-mortem: Outage with a CR and [2J an escape"
    to = {(a.display_name, a.addr_spec) for a in message["To"].addresses}
    assert to == {("Li Xiaolong", "li@example.org"), (people[2].name, "dmitri@xn--exmple-cua.org")}
    assert notes == [
        '"Ana <Ruiz> & Co": "ana@[example.org" left out of To '
        "(the part after the @ is not a domain name like example.org)",
        '"سارة": "sára@example.org" left out of To '
        "(the part before the @ must be plain ASCII: letters, digits, . _ - +)",
    ]
