"""An email draft (.eml) with the PDF report attached, for the default mail client."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from email.errors import HeaderParseError
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from pathlib import Path

from pmdesk.atomic import write_atomic
from pmdesk.model.board import Board, Participant
from pmdesk.report.common import View, format_date, label


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
    lines += [f"  {n}. ({entry.votes} dots) {entry.label}" for n, entry in enumerate(ranked, 1)]
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


def to_email(board: Board, pdf: bytes) -> EmailMessage:
    """The draft message: To the participants with an address, the PDF attached."""
    message = EmailMessage(policy=SMTP)
    recipients = [address for p in board.participants if (address := _address(p))]
    if recipients:
        message["To"] = recipients
    message["Subject"] = f"Post-mortem: {board.incident.title}".replace("\n", " ")
    message["X-Unsent"] = "1"
    message.set_content(body_text(board))
    name = f"post-mortem-{board.incident.reference or 'report'}.pdf"
    safe = "".join(c if c.isalnum() or c in "-_." else "-" for c in name)
    message.add_attachment(pdf, maintype="application", subtype="pdf", filename=safe)
    return message


def write_email(board: Board, path: Path, progress: Callable[[float], None] | None = None) -> None:
    """Write the .eml draft atomically, rendering the PDF to attach it (its progress is the draft's)."""
    from pmdesk.report.pdf import write_pdf

    with tempfile.TemporaryDirectory(prefix="pmdesk-") as folder:
        pdf_path = Path(folder) / "report.pdf"
        write_pdf(board, pdf_path, None if progress is None else lambda f: progress(min(f, 0.98)))
        pdf = pdf_path.read_bytes()
    write_atomic(Path(path), to_email(board, pdf).as_bytes())


def _address(person: Participant) -> Address | None:
    """The participant's address for the To header, or None if it is empty or unusable."""
    email = person.email.strip()
    if "@" not in email:
        return None
    try:
        return Address(display_name=person.name.replace("\n", " "), addr_spec=email)
    except (ValueError, IndexError, HeaderParseError):
        return None
