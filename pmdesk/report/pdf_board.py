"""The PDF's later parts: the board by section, Top priorities, Actions and Wrap-up."""

from __future__ import annotations

import math
from typing import Any

from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import CondPageBreak, Flowable, PageBreak, Paragraph

from pmdesk.model.agenda_clock import spent_text
from pmdesk.model.board import Card, Theme
from pmdesk.report.common import View, action_gaps, format_date, label, plural, ranked_label
from pmdesk.report.fonts import (
    SANS,
    SANS_BOLD,
    chunks,
    font_runs,
    markup,
    needs_shaping,
)
from pmdesk.report.pdf_card import CardText
from pmdesk.report.pdf_outline import Heading
from pmdesk.report.pdf_styles import (
    CELL_PADDING,
    FRAME_TEXT,
    MUTED,
    WARM,
    WIDTH,
    cell,
    head,
    para,
    paras,
    plain_para,
    pre_break,
    reads_right_to_left,
    style_for,
    styles,
    table,
    user_pieces,
)

DOT = "●"


def tally(votes: int) -> str:
    """A dot tally as trusted markup, e.g. ``● 5``; empty for no dots."""
    return f'<font color="#c2410c"><b>{DOT} {votes}</b></font>' if votes else ""


def _card(view: View, card: Card, style: str, votes: int = 0) -> list[Flowable]:
    """A card: its text (long text in pieces), its author, its dots and its notes."""
    author = view.name(card.author).replace("\n", " ")
    before = [(f"{DOT} {votes}   ", {"fontName": SANS_BOLD, "textColor": WARM})] if votes else []
    bullet = ("•", styles()[style].bulletColor)
    pieces = chunks(card.text if card.text.strip() else "(empty card)")
    story: list[Flowable] = []
    rtl = reads_right_to_left(card.text)
    tail = [(SANS, " — "), *font_runs(author)] if author else []
    if rtl:  # drawn left of the text, so the dash comes last
        tail = [*font_runs(author), (SANS, " — ")] if author else []
    room = FRAME_TEXT - styles()["card_more"].leftIndent
    after: list[tuple[str, dict[str, Any]]] = []
    if tail and (needs_shaping(author) or CardText.tail_width(tail) > room / 2):
        # An Arabic-script name must be shaped, and a very long one must wrap: either goes in
        # the paragraph (slower to lay out, which is why the usual short name does not).
        muted: dict[str, Any] = {"fontSize": 8, "textColor": MUTED}
        after, tail = [(" — ", muted), *user_pieces(author, **muted)], []
        if rtl:
            after = [*user_pieces(author, **muted), (" — ", muted)]
    for index, piece in enumerate(pieces):
        first, last = index == 0, index == len(pieces) - 1
        name = style if first else "card_more"
        # Right-to-left text is broken into lines here, so that each line reads in order.
        taken = _width_of(before if first else None, styles()[name].fontSize)
        taken += _width_of(after if last else None, styles()[name].fontSize)
        piece = pre_break(piece, name, FRAME_TEXT, taken)
        paragraph = plain_para(piece, name, before if first else None, after if last else None)
        if first or last:
            story.append(CardText(paragraph, bullet if first else None, tail if last else [], MUTED))
        else:
            story.append(paragraph)
    if card.notes.strip():
        story += paras(card.notes, "note", "<b>Notes:</b> ")
    return story


def _width_of(pieces: list[tuple[str, dict[str, Any]]] | None, font_size: float) -> float:
    """The width of pieces set around a card's text (its dots, an author inside it)."""
    return sum(
        stringWidth(text, attrs.get("fontName", SANS), attrs.get("fontSize", font_size))
        for text, attrs in pieces or []
    )


def _theme(view: View, theme: Theme, votes: int) -> list[Flowable]:
    """A theme: label and tally on a tinted band, its cards, its notes."""
    title = markup(theme.label or "(unlabelled theme)")
    dots = f"  {tally(votes)}" if votes else ""
    cards = view.theme_cards(theme.id)
    count = f'  <font color="#616e7c" size="8">{plural(len(cards), "card")}</font>'
    story: list[Flowable] = [Paragraph(title + dots + count, style_for("theme", theme.label))]
    for card in cards:
        story += _card(view, card, "card")
    if theme.notes.strip():
        story += paras(theme.notes, "note", "<b>Theme notes:</b> ")
    story[0].keepWithNext = True  # never a theme's band alone at the foot of a page
    return story


def board_part(view: View) -> list[Flowable]:
    """Every section with its themes and loose cards, ranked by votes."""
    story: list[Flowable] = [PageBreak(), Heading("The board", styles()["h1"], outline="The board", level=0)]
    for section in view.board.sections:
        story.append(CondPageBreak(40 * mm))
        story.append(
            Heading(markup(section.title), style_for("h2", section.title), outline=section.title, level=1)
        )
        if section.prompt:
            story.append(para(section.prompt, "prompt"))
        items = view.ranked_items(section.id)
        if not items:
            story.append(Paragraph("No cards.", styles()["small"]))
        for item, votes in items:
            if isinstance(item, Theme):
                story += _theme(view, item, votes)
            else:
                story += _card(view, item, "loose", votes)
    return story


def priorities_part(view: View) -> list[Flowable]:
    """Top priorities: themes and loose cards with dots, across sections."""
    story: list[Flowable] = [
        CondPageBreak(60 * mm),
        Heading("Top priorities", styles()["h1"], outline="Top priorities", level=0),
    ]
    ranked = view.top()
    if not ranked:
        return [*story, Paragraph("No dots were placed.", styles()["small"])]
    widths = [10 * mm, 16 * mm, WIDTH - 66 * mm, 40 * mm]
    rows = [[head("#"), head("Dots"), head("Theme or card"), head("Section")]]
    for number, entry in enumerate(ranked, 1):
        kind = "Theme: " if isinstance(entry.target, Theme) else ""
        rows.append(
            [
                Paragraph(str(number), styles()["cell"]),
                Paragraph(tally(entry.votes), styles()["cell"]),
                cell(ranked_label(entry), prefix=f"<b>{kind}</b>" if kind else "", width=widths[2]),
                cell(view.section_title(entry.section_id), width=widths[3]),
            ]
        )
    story.append(table(rows, widths))
    return story


def actions_part(view: View) -> list[Flowable]:
    """The actions table; a missing owner or due date is marked in red."""
    story: list[Flowable] = [
        CondPageBreak(60 * mm),
        Heading("Actions", styles()["h1"], outline="Actions", level=0),
    ]
    actions = view.board.actions
    if not actions:
        return [*story, Paragraph("No actions were agreed.", styles()["small"])]
    missing = '<font color="#b91c1c"><b>⚠ {}</b></font>'
    widths = action_widths(view)
    rows = [[head("Action"), head("Owner"), head("Due"), head("Priority"), head("Status"), head("Answers")]]
    for action in actions:
        owner = view.name(action.owner)
        rows.append(
            [
                cell(action.text or "(no text)", width=widths[0]),
                cell(owner, width=widths[1])
                if owner
                else Paragraph(missing.format("no owner"), styles()["cell"]),
                cell(format_date(action.due))
                if action.due
                else Paragraph(missing.format("no due date"), styles()["cell"]),
                cell(label(action.priority)),
                cell(label(action.status)),
                cell(view.source_text(action.source), width=widths[5]),
            ]
        )
    story.append(table(rows, widths))
    return story


ACTION_HEADS = ("Action", "Owner", "Due", "Priority", "Status", "Answers")
COMPACT_MAX = (0.0, 34 * mm, 30 * mm, 20 * mm, 24 * mm, 0.0)  # the widest a compact column gets


def action_widths(view: View) -> list[float]:
    """Column widths for the actions table: the compact columns as wide as their words need
    (owner, due date, priority, status), the rest shared by the action and what it answers."""
    size = styles()["cell"].fontSize
    pad = 2 * CELL_PADDING + 1

    def widest(texts: list[str], font: str = SANS) -> float:
        return max((stringWidth(text, font, size) for text in texts), default=0.0)

    actions = view.board.actions
    columns = [
        [],
        [view.name(a.owner) for a in actions if a.owner],
        [format_date(a.due) for a in actions if a.due],
        [label(a.priority) for a in actions],
        [label(a.status) for a in actions],
        [],
    ]
    marks = ["", "⚠ no owner", "⚠ no due date", "", "", ""]
    widths = [0.0] * 6
    for index in (1, 2, 3, 4):
        need = max(widest(columns[index]), widest([ACTION_HEADS[index], marks[index]], SANS_BOLD)) + pad
        widths[index] = min(need, COMPACT_MAX[index])
    rest = WIDTH - sum(widths)
    pairs = [
        (stringWidth(a.text, SANS, size), stringWidth(view.source_text(a.source), SANS, size))
        for a in actions
    ]

    def height(share: float) -> float:
        """About how many lines the table's rows take when the action gets ``share`` of the rest."""
        left, right = rest * share - pad, rest * (1 - share) - pad
        return sum(max(1.0, math.ceil(1.1 * a / left), math.ceil(1.1 * b / right)) for a, b in pairs)

    share = min((0.4 + step / 20 for step in range(6)), key=lambda s: (height(s), -s))
    widths[0] = rest * share
    widths[5] = rest - widths[0]
    return widths


def wrap_up_part(view: View) -> list[Flowable]:
    """Wrap-up: takeaways, the owner/due check, the check-in date, the agenda's times."""
    board = view.board
    story: list[Flowable] = [
        CondPageBreak(60 * mm),
        Heading("Wrap-up", styles()["h1"], outline="Wrap-up", level=0),
        Paragraph("Key takeaways", styles()["h3"]),
    ]
    story += (
        paras(board.session.takeaways)
        if board.session.takeaways.strip()
        else [Paragraph("None recorded.", styles()["small"])]
    )
    gaps = sum(1 for action in board.actions if action_gaps(action))
    check = (
        "No actions to follow up."
        if not board.actions
        else "Every action has an owner and a due date."
        if not gaps
        else f'<font color="#b91c1c"><b>{plural(gaps, "action")} still lack'
        f"{'s' * (gaps == 1)} an owner or a due date.</b></font>"
    )
    story.append(Paragraph("Follow-up", styles()["h3"]))
    story.append(Paragraph(check, styles()["body"]))
    check_in = format_date(board.session.check_in)
    story.append(para(check_in or "not set", "body", "<b>Check-in:</b> "))
    if board.agenda:
        rows = [[head("Phase"), head("Planned"), head("Actual")]]
        for phase in board.agenda:
            rows.append(
                [
                    cell(phase.title, width=90 * mm),
                    cell(f"{phase.minutes} min"),
                    cell(spent_text(phase.actual_seconds) or "—"),
                ]
            )
        story.append(Paragraph("Agenda: planned and actual time", styles()["h3"]))
        story.append(table(rows, [90 * mm, 30 * mm, 30 * mm]))
    return story
