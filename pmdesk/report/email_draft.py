"""An email draft (.eml) with the PDF report attached, for the default mail client."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

from pmdesk.atomic import write_atomic
from pmdesk.model.addresses import address_problem, header_address
from pmdesk.model.board import Board, Participant
from pmdesk.model.labels import safe_attachment_name
from pmdesk.model.shown import quoted_text as quoted
from pmdesk.report.common import View, format_date, label, plural, ranked_label

_BREAKING = frozenset(("Cc", "Cs", "Zl", "Zp"))  # CR, LF, ESC, NUL, ...; lone surrogates; U+2028/9


def body_text(board: Board) -> str:
    """The plain-text body: top priorities and actions with owners and due dates."""
    view = View(board)
    lines = [
        "Hello all,",
        "",
        f'Here is the blameless post-mortem report for "{board.incident.title}" (PDF attached).',
        "",
    ]
    lines += ["Top priorities:"]
    ranked = view.top()[:10]
    lines += [
        f"  {n}. ({plural(entry.votes, 'dot')}) {ranked_label(entry)}" for n, entry in enumerate(ranked, 1)
    ]
    if not ranked:
        lines.append("  (no dots were placed)")
    lines += ["", "Actions:"]
    for action in board.actions:
        owner = view.name(action.owner) or "NO OWNER"
        due = format_date(action.due) or "NO DUE DATE"
        lines.append(f"  - {action.text} — {owner}, due {due} ({label(action.priority)})")
    if not board.actions:
        lines.append("  (none)")
    if board.session.check_in:
        lines += ["", f"Check-in: {format_date(board.session.check_in)}"]
    return "\n".join(lines) + "\n"


def to_email(board: Board, pdf: bytes, notes: list[str] | None = None) -> EmailMessage:
    """The draft message: To the participants with a usable address, the PDF attached.

    Each address left out of To is described in ``notes`` (when given), with the reason.
    """
    message = EmailMessage(policy=SMTP)
    recipients: list[Address] = []
    for person in board.participants:
        address, why = _address(person)
        if address is not None:
            recipients.append(address)
        elif why is not None and notes is not None:
            notes.append(f"{quoted(person.name)}: {quoted(person.email)} left out of To ({why})")
    if recipients:
        message["To"] = recipients
    message["Subject"] = one_line(f"Post-mortem: {board.incident.title}")
    message["X-Unsent"] = "1"
    message.set_content(body_text(board))
    name = f"post-mortem-{board.incident.reference or 'report'}.pdf"
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename=safe_attachment_name(name))
    return message


def email_draft(board: Board, progress: Callable[[float], None] | None = None) -> tuple[bytes, list[str]]:
    """The .eml draft's bytes with the PDF attached, and a note per address left out of To."""
    from pmdesk.report.pdf import pdf_bytes

    pdf = pdf_bytes(board, None if progress is None else lambda f: progress(min(f, 0.98)))
    notes: list[str] = []
    return to_email(board, pdf, notes).as_bytes(), notes


def write_email(board: Board, path: Path, progress: Callable[[float], None] | None = None) -> list[str]:
    """Write the .eml draft atomically; a note per address left out of To."""
    data, notes = email_draft(board, progress)
    write_atomic(Path(path), data)
    return notes


def one_line(text: str) -> str:
    """Header text on one line: line breaks and other control characters become single spaces."""
    return " ".join("".join(" " if unicodedata.category(c) in _BREAKING else c for c in text).split())


def _address(person: Participant) -> tuple[Address | None, str | None]:
    """The participant's To address, or None and why it was left out (None: no address at all)."""
    email = person.email.strip()
    if not email:
        return None, None
    problem = address_problem(email)
    if problem is not None:
        return None, problem
    spec = header_address(email)
    if spec is None:
        return None, "not a usable address"
    local, domain = spec.split("@")
    try:
        return Address(display_name=one_line(person.name), username=local, domain=domain), None
    except (ValueError, IndexError, HeaderParseError) as error:
        return None, f"not a usable address: {error}"
