"""The PDF's look: colours, paragraph styles, table styles, and text-to-flowable helpers."""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, Paragraph, Table, TableStyle

from pmdesk.report.fonts import (
    SANS,
    SANS_BOLD,
    chunks,
    font_runs,
    has_rtl,
    logical_lines,
    markup,
    needs_shaping,
    register_fonts,
)

INK = colors.HexColor("#1f2933")
MUTED = colors.HexColor("#616e7c")
ACCENT = colors.HexColor("#2563eb")
ACCENT_DARK = colors.HexColor("#1e3a8a")
ACCENT_TINT = colors.HexColor("#eef3fd")
WARM = colors.HexColor("#c2410c")
WARM_TINT = colors.HexColor("#fff4ec")
RULE = colors.HexColor("#d5dbe3")
ZEBRA = colors.HexColor("#f6f8fa")
DANGER = colors.HexColor("#b91c1c")

WIDTH = 170 * mm  # A4 minus the margins: the frame, and the width of every table
FRAME_TEXT = WIDTH - 2 * 6  # what a paragraph in the frame gets (reportlab pads a frame 6 pt a side)
BODY_HEIGHT = 255 * mm - 2 * 6  # the frame's height on a page (A4 less the margins and the padding)
CELL_PADDING = 5  # a table cell's left and right padding


@cache
def styles() -> dict[str, ParagraphStyle]:
    """The report's paragraph styles by name."""
    register_fonts()
    base = ParagraphStyle("body", fontName=SANS, fontSize=9.5, leading=13.5, textColor=INK)
    made = {
        "body": base,
        "small": ParagraphStyle("small", base, fontSize=8, leading=10.5, textColor=MUTED),
        "cell": ParagraphStyle("cell", base, fontSize=8.5, leading=11),
        "cell_head": ParagraphStyle(
            "cell_head", base, fontName=SANS_BOLD, fontSize=8.5, leading=11, textColor=colors.white
        ),
        "cover_kicker": ParagraphStyle(
            "cover_kicker", base, fontName=SANS_BOLD, fontSize=10, textColor=ACCENT, leading=14
        ),
        "cover_title": ParagraphStyle(
            "cover_title", base, fontName=SANS_BOLD, fontSize=26, leading=32, spaceAfter=10
        ),
        "cover_meta": ParagraphStyle("cover_meta", base, fontSize=11, leading=16, textColor=MUTED),
        "h1": ParagraphStyle(
            "h1",
            base,
            fontName=SANS_BOLD,
            fontSize=18,
            leading=23,
            textColor=ACCENT_DARK,
            spaceBefore=4,
            spaceAfter=8,
        ),
        "h2": ParagraphStyle(
            "h2",
            base,
            fontName=SANS_BOLD,
            fontSize=13,
            leading=17,
            textColor=ACCENT,
            spaceBefore=12,
            spaceAfter=2,
        ),
        "h3": ParagraphStyle(
            "h3", base, fontName=SANS_BOLD, fontSize=10, leading=14, spaceBefore=8, spaceAfter=2
        ),
        "prompt": ParagraphStyle("prompt", base, fontSize=8.5, leading=11, textColor=MUTED, spaceAfter=6),
        "theme": ParagraphStyle(
            "theme",
            base,
            fontName=SANS_BOLD,
            fontSize=10,
            leading=14,
            textColor=ACCENT_DARK,
            backColor=ACCENT_TINT,
            borderPadding=(4, 6, 4, 6),
            spaceBefore=10,
            spaceAfter=6,
        ),
        "card": ParagraphStyle(
            "card",
            base,
            leftIndent=16,
            bulletIndent=4,
            spaceAfter=3,
            bulletFontName=SANS,
            bulletColor=ACCENT,
        ),
        "card_more": ParagraphStyle("card_more", base, leftIndent=16, spaceAfter=0),
        "loose": ParagraphStyle(
            "loose",
            base,
            leftIndent=16,
            bulletIndent=4,
            spaceBefore=4,
            spaceAfter=3,
            bulletFontName=SANS,
            bulletColor=WARM,
        ),
        "note": ParagraphStyle(
            "note", base, fontSize=8.5, leading=11.5, leftIndent=28, textColor=MUTED, spaceAfter=3
        ),
        "quote": ParagraphStyle(
            "quote",
            base,
            fontSize=12.5,
            leading=19,
            textColor=INK,
            backColor=WARM_TINT,
            borderPadding=(12, 14, 12, 14),
            leftIndent=14,
            rightIndent=14,
            spaceBefore=10,
        ),
        "quote_by": ParagraphStyle(
            "quote_by", base, alignment=TA_RIGHT, textColor=MUTED, rightIndent=14, spaceBefore=12
        ),
        "tally": ParagraphStyle(
            "tally", base, fontName=SANS_BOLD, alignment=TA_CENTER, textColor=WARM, fontSize=9
        ),
        "header": ParagraphStyle("header", base, fontSize=7.5, leading=9, textColor=MUTED),
    }
    return made


@cache
def _shaped(style: ParagraphStyle) -> ParagraphStyle:
    """A copy of ``style`` that shapes text with harfbuzz (for Arabic-script text)."""
    return ParagraphStyle(style.name + "_shaped", style, shaping=1)


def reads_right_to_left(text: str) -> bool:
    """True when the text's first letter that has a direction is Hebrew or Arabic."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


@cache
def _right_to_left(style: ParagraphStyle) -> ParagraphStyle:
    """A right-aligned copy of ``style`` with its indents mirrored (the bullet goes on the right)."""
    return ParagraphStyle(
        style.name + "_rtl",
        style,
        alignment=TA_RIGHT,
        leftIndent=style.rightIndent,
        rightIndent=style.leftIndent,
    )


def style_for(name: str, text: str) -> ParagraphStyle:
    """The named style, right-aligned for right-to-left text and shaped when the text needs it.

    Pass the paragraph's whole user text.
    """
    return _adapted(styles()[name], text)


def _adapted(style: ParagraphStyle, text: str) -> ParagraphStyle:
    if reads_right_to_left(text):
        style = _right_to_left(style)
    return _shaped(style) if needs_shaping(text) else style


def para(text: str, style: str = "body", prefix: str = "", suffix: str = "") -> Paragraph:
    """One paragraph of user text (escaped here), with trusted markup around it."""
    text = pre_break(text, style, FRAME_TEXT, _trusted_width(prefix, style) if prefix else 0.0)
    return Paragraph(prefix + markup(text) + suffix, style_for(style, text))


def pre_break(text: str, style: str, width: float | None, taken: float = 0.0) -> str:
    """``text`` broken into lines in reading order when it holds right-to-left letters.

    ``width`` is what the paragraph gets (None: unknown, left to reportlab); ``taken`` is the
    width of trusted text before it on the first line. See :func:`fonts.logical_lines`.
    """
    if width is None or not has_rtl(text):
        return text
    shown = styles()[style]
    room = width - shown.leftIndent - shown.rightIndent - taken - 2  # 2 pt against rounding
    return logical_lines(text, room, shown.fontSize, shown.fontName)


def _trusted_width(markup_text: str, style: str) -> float:
    """An upper bound on the width of trusted markup (such as ``<b>Notes:</b> ``), set in bold."""
    plain = (
        re.sub(r"<[^>]*>", "", markup_text).replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    )
    return stringWidth(plain, SANS_BOLD, styles()[style].fontSize)


def paras(
    text: str,
    style: str = "body",
    prefix: str = "",
    suffix: str = "",
    more: str | None = None,
    bullet: str | None = None,
    width: float | None = FRAME_TEXT,
) -> list[Flowable]:
    """User text as paragraphs of about 1 kB each, so that long text lays out fast.

    ``width`` is what each paragraph gets on the page, for right-to-left text (None: unknown).
    """
    pieces = chunks(text)
    out: list[Flowable] = []
    for index, piece in enumerate(pieces):
        first, last = index == 0, index == len(pieces) - 1
        name = style if first or more is None else more
        piece = pre_break(piece, name, width, _trusted_width(prefix, name) if first and prefix else 0.0)
        body = (prefix if first else "") + markup(piece) + (suffix if last else "")
        out.append(Paragraph(body, style_for(name, piece), bulletText=bullet if first else None))
    return out


def cell(
    text: str, style: str = "cell", prefix: str = "", suffix: str = "", width: float | None = None
) -> Any:
    """A table cell of user text: one paragraph, or a list of them for long text.

    ``width`` is the column's width, for right-to-left text (None: unknown).
    """
    inner = None if width is None else width - 2 * CELL_PADDING
    flowables = paras(text, style, prefix, suffix, width=inner)
    return flowables[0] if len(flowables) == 1 else flowables


def head(text: str) -> Paragraph:
    """A table header cell (trusted text)."""
    return Paragraph(text, styles()["cell_head"])


class ReportTable(Table):
    """A table that never leaves a single row alone on a page.

    A split keeps at least two rows on each side (a table of two or three rows moves on whole),
    unless the rows are so tall that this cannot fit a page.
    """

    def split(self, availWidth: float, availHeight: float) -> list[Flowable]:
        """Split between rows so that each page holds at least two of them."""
        self._calc(availWidth, availHeight)
        heads = int(self.repeatRows)
        heights = [float(h) for h in self._rowHeights]
        body = len(heights) - heads
        if body >= 4:
            fits = sum(heights[: heads + 2]) <= BODY_HEIGHT
        else:
            fits = body >= 2 and sum(heights) <= BODY_HEIGHT
        self._rowSplitRange = (heads + 2, -2) if fits else None
        return list(super().split(availWidth, availHeight))


def table(rows: list[list[Any]], widths: list[float], zebra: bool = True) -> Table:
    """A report table: a dark header row, light rules, zebra rows, splittable inside rows."""
    grid = ReportTable(rows, colWidths=widths, repeatRows=1, splitInRow=1, hAlign="LEFT")
    commands: list[tuple[Any, ...]] = [
        ("FONT", (0, 0), (-1, -1), SANS, 8.5),  # else Helvetica, unembedded, enters the page
        ("BACKGROUND", (0, 0), (-1, 0), ACCENT_DARK),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 1), (-1, -1), 0.4, RULE),
        ("TOPPADDING", (0, 0), (-1, -1), 4),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
        ("LEFTPADDING", (0, 0), (-1, -1), CELL_PADDING),
        ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PADDING),
    ]
    if zebra:
        commands += [("BACKGROUND", (0, i), (-1, i), ZEBRA) for i in range(2, len(rows), 2)]
    grid.setStyle(TableStyle(commands))
    return grid


@cache
def _prototype(style: ParagraphStyle) -> Any:
    """A text fragment as reportlab's parser would make it for ``style``."""
    return Paragraph("x", style).frags[0]


def plain_para(
    text: str,
    style: str,
    before: list[tuple[str, dict[str, Any]]] | None = None,
    after: list[tuple[str, dict[str, Any]]] | None = None,
    bullet: str | None = None,
) -> Paragraph:
    """A paragraph of user text built from fragments, without reportlab's markup parser.

    Four times faster than markup for the many small card paragraphs, and user text never
    meets a parser. ``before``/``after`` are trusted (text, fragment attributes) pieces.
    """
    trusted = "".join(piece for piece, _ in (before or []) + (after or []))
    shaped = needs_shaping(text + trusted)
    chosen = _right_to_left(styles()[style]) if reads_right_to_left(text) else styles()[style]
    chosen = _shaped(chosen) if shaped else chosen
    proto = _prototype(styles()[style])
    frags = [proto.clone(text=piece, **attrs) for piece, attrs in before or []]
    last_line = len(frags)
    for font, run in font_runs(text, shaped=shaped):
        for index, line in enumerate(run.split("\n")):
            if index:
                frags.append(proto.clone(text="", lineBreak=True))
                last_line = len(frags)
            if line:
                frags.append(proto.clone(text=line, fontName=font))
    ending = [proto.clone(text=piece, **attrs) for piece, attrs in after or []]
    if chosen.alignment == TA_RIGHT:  # right to left: what comes after is drawn left of the last line
        frags[last_line:last_line] = ending
    else:
        frags += ending
    if not frags:
        frags = [proto.clone(text="")]
    return Paragraph("", chosen, bulletText=bullet, frags=frags)


def user_pieces(text: str, shaped: bool | None = None, **attrs: Any) -> list[tuple[str, dict[str, Any]]]:
    """User text as ``before``/``after`` pieces for :func:`plain_para`, fonts chosen per run
    (``shaped``: whether that paragraph is shaped, by default whether ``text`` needs it)."""
    runs = font_runs(text.replace("\n", " "), shaped)
    return [(run, {**attrs, "fontName": font}) for font, run in runs]
