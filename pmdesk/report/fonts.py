"""Fonts for the PDF: the bundled TTF chain, and user text turned into safe reportlab markup.

Every user text goes through :func:`markup`: it is escaped (no markup from users ever
reaches reportlab), newlines become ``<br/>``, and runs of characters that the main font
lacks are switched to the CJK or the symbol font with ``<font name=…>``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from functools import cache
from itertools import pairwise
from xml.sax.saxutils import escape

from pmdesk.report.reportlab_fixes import REPORTLAB, once
from pmdesk.resources import resource_path

SANS = "PmSans"
SANS_BOLD = "PmSans-Bold"
CJK = "PmCJK"
SYMBOLS = "PmSymbols"
KOREAN = "PmKorean"

FONT_FILES = {
    SANS: "DejaVuSans.ttf",
    SANS_BOLD: "DejaVuSans-Bold.ttf",
    CJK: "DroidSansFallbackFull.ttf",
    SYMBOLS: "Symbola.ttf",
}
# Hangul, which DroidSansFallback lacks; loaded only when a text has some (it is 4.7 MB).
KOREAN_FILE = "NanumGothic.ttf"
_HANGUL = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7AF), (0xD7B0, 0xD7FF))
# The chain tried for each character, in order; the first font that has a glyph wins.
CHAIN = (SANS, CJK, SYMBOLS, KOREAN)

# Shaped Arabic can be wider than the letters measured one by one: lines of it keep this much
# of their width spare, so that reportlab never has to wrap them again.
ARABIC_SLACK = 0.06
# Paragraphs longer than this are cut into several: reportlab's line breaking is
# quadratic-ish in paragraph length (a 1 MB paragraph never finishes).
CHUNK_CHARS = 1000

_RTL = re.compile(r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]")
_RTL_RUN = re.compile(
    r"[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]+"
    r"(?:[ \u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff.,:;!?()\-]*[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff])?"
)
# Arabic-script letters join, so only they need shaping (by harfbuzz, in reportlab); Hebrew
# only needs its letters put in visual order, which visual_rtl does without harfbuzz.
_ARABIC = re.compile(r"[\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff]")
_SENTENCE_END = re.compile(r"[.!?。！？] ")


@once
def register_fonts() -> None:
    """Register the bundled fonts with reportlab (once per process, whichever thread asks first)."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    for name, filename in FONT_FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", filename))))
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(SANS, bold, italic, SANS_BOLD if bold else SANS)
            addMapping(SANS_BOLD, bold, italic, SANS_BOLD)
            addMapping(CJK, bold, italic, CJK)
            addMapping(SYMBOLS, bold, italic, SYMBOLS)


@once
def register_korean() -> None:
    """Register the Hangul font (once per process, and only for texts that need it)."""
    from reportlab.lib.fonts import addMapping
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    pdfmetrics.registerFont(TTFont(KOREAN, str(resource_path("fonts", KOREAN_FILE))))
    for bold in (0, 1):
        for italic in (0, 1):
            addMapping(KOREAN, bold, italic, KOREAN)


def is_hangul(code: int) -> bool:
    """True for a Hangul code point (syllables, jamo, compatibility jamo)."""
    return any(low <= code <= high for low, high in _HANGUL)


@cache
def _coverage() -> tuple[frozenset[int], ...]:
    """The code points each font of the chain has a glyph for (Hangul stands in for the last)."""
    from reportlab.pdfbase import pdfmetrics

    register_fonts()
    with REPORTLAB:  # shaping adds to a font's glyph map while a document is built
        loaded = [frozenset(pdfmetrics.getFont(name).face.charToGlyph) for name in CHAIN[:-1]]
    return (*loaded, frozenset())


def _covers(index: int, code: int) -> bool:
    return is_hangul(code) if CHAIN[index] == KOREAN else code in _coverage()[index]


@cache
def _font_index(char: str) -> int:
    """Index in CHAIN of the font for ``char``; -1 for an invisible mark no font has."""
    code = ord(char)
    for index in range(len(CHAIN)):
        if _covers(index, code):
            if CHAIN[index] == KOREAN:
                register_korean()
            return index
    if unicodedata.category(char) in ("Mn", "Me", "Cf"):
        return -1
    return 0


def has_rtl(text: str) -> bool:
    """True if the text holds Hebrew or Arabic letters."""
    return _RTL.search(text) is not None


def needs_shaping(text: str) -> bool:
    """True if the text holds Arabic-script letters, which a paragraph must shape."""
    return _ARABIC.search(text) is not None


def visual_rtl(text: str, shaped: bool) -> str:
    """Put each right-to-left run in visual order (right to left), for left-to-right drawing.

    reportlab without rlbidi lays words out left to right, so the words of an RTL run are
    reversed here. In a ``shaped`` paragraph harfbuzz then orders each word's letters; else
    they are reversed here too, each letter with the marks that follow it.
    """

    def flip(match: re.Match[str]) -> str:
        words = match.group(0).split(" ")
        if not shaped:
            words = [_reversed_clusters(word) for word in words]
        return " ".join(reversed(words))

    return _RTL_RUN.sub(flip, text)


def _reversed_clusters(word: str) -> str:
    clusters: list[str] = []
    for char in word:
        if clusters and unicodedata.combining(char):
            clusters[-1] += char
        else:
            clusters.append(char)
    return "".join(reversed(clusters))


def _runs(text: str) -> list[tuple[int, str]]:
    """Split text into (font index, text) runs along the font chain."""
    runs: list[tuple[int, str]] = []
    current = 0
    buffer: list[str] = []
    for char in text:
        index = _font_index(char)
        if index == -1 or char == " ":
            # Marks and spaces join the run they sit in; a mark no font draws is dropped
            # unless the current font has it.
            if index == -1 and not _covers(current, ord(char)):
                continue
            buffer.append(char)
            continue
        if index != current and buffer:
            runs.append((current, "".join(buffer)))
            buffer = []
        current = index
        buffer.append(char)
    if buffer:
        runs.append((current, "".join(buffer)))
    return runs


def font_runs(text: str, shaped: bool | None = None) -> list[tuple[str, str]]:
    """Plain text as (font name, text) runs along the chain, right-to-left runs in visual order.

    ``shaped`` says whether the paragraph the runs go into is shaped; by default, whether the
    text itself needs shaping (see :func:`style_for <pmdesk.report.pdf_styles.style_for>`).
    In a shaped paragraph a word must not change font (reportlab shapes a word with one font
    and fails on the glyphs of another), so a space is put where a word would.
    """
    if text.isascii():
        return [(SANS, text)]
    if shaped is None:
        shaped = needs_shaping(text)
    if has_rtl(text):
        text = "\n".join(visual_rtl(line, shaped) for line in text.split("\n"))
    if _coverage()[0].issuperset(map(ord, text.replace("\n", ""))):  # all in the main font
        return [(SANS, text)]
    runs = [(CHAIN[index], run) for index, run in _runs(text)]
    if shaped:
        for number, ((font, run), (_, after)) in enumerate(pairwise(runs)):
            if run and after and not run[-1].isspace() and not after[0].isspace():
                runs[number] = (font, run + " ")
    return runs


def markup(text: str, shaped: bool | None = None) -> str:
    """Escaped reportlab markup for one plain user text, with font runs and line breaks."""
    parts = []
    for font, run in font_runs(text, shaped):
        safe = escape(run).replace("\n", "<br/>")
        parts.append(safe if font == SANS else f'<font name="{font}">{safe}</font>')
    return "".join(parts)


def logical_lines(text: str, width: float, font_size: float, main_font: str = SANS) -> str:
    """``text`` with a line break wherever a line of ``width`` points must end, in reading order.

    A right-to-left run is drawn in visual order, which :func:`font_runs` makes line by line; if
    reportlab wrapped it afterwards, the end of the text would come first. So a text with
    right-to-left letters is broken here, in its logical order, and each line is then reordered
    on its own. A word wider than a line is cut between letters. Words are measured unshaped;
    shaped Arabic can come out a little wider, so a line of it keeps some room spare, and
    reportlab never has to wrap these lines again. ``main_font`` is the paragraph's own font
    (the bold one for a bold style), used where the chain picks the main font.
    """
    from reportlab.pdfbase.pdfmetrics import stringWidth

    sans = _coverage()[0]
    fonts = [main_font, *CHAIN[1:]]

    def measure(word: str) -> float:  # the order of the letters does not change the width
        if sans.issuperset(map(ord, word)):
            return float(stringWidth(word, main_font, font_size))
        return sum(stringWidth(run, fonts[index], font_size) for index, run in _runs(word))

    if needs_shaping(text):
        width *= 1 - ARABIC_SLACK
    space = stringWidth(" ", main_font, font_size)
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line: list[str] = []
        used = 0.0
        for whole in paragraph.split():
            whole_size = measure(whole)
            for word in [whole] if whole_size <= width else _cut(whole, width, measure):
                size = whole_size if word is whole else measure(word)
                if line and used + space + size > width:
                    lines.append(" ".join(line))
                    line, used = [], 0.0
                used = used + space + size if line else size
                line.append(word)
        lines.append(" ".join(line))
    return "\n".join(lines)


def _cut(word: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """``word`` in pieces no wider than ``width``, cut between letters (each with its marks)."""
    pieces: list[str] = []
    piece = ""
    for char in word:
        if piece and not unicodedata.combining(char) and measure(piece + char) > width:
            pieces.append(piece)
            piece = ""
        piece += char
    return [*pieces, piece] if piece else pieces


def chunks(text: str, size: int = CHUNK_CHARS) -> list[str]:
    """Cut a long text into pieces of about ``size`` characters.

    Cuts fall at a newline or a sentence end where one is near, so that the seams look
    like paragraph breaks; else at a space; else anywhere.
    """
    if len(text) <= size:
        return [text]
    pieces: list[str] = []
    start = 0
    while len(text) - start > 2 * size:
        low, high = start + size // 2, start + size
        cut = text.find("\n", low, start + 2 * size)
        if cut == -1:
            match = _SENTENCE_END.search(text, high, start + 2 * size)
            cut = match.end() - 1 if match else -1
        if cut == -1:
            cut = text.rfind(" ", low, high)
        if cut == -1:
            cut = high
        pieces.append(text[start:cut])
        start = cut + 1 if text[cut] in "\n " else cut
    pieces.append(text[start:])
    return pieces
