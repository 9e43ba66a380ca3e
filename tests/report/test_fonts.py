"""Right-to-left text for the PDF: words in visual order; letters too, unless harfbuzz shapes them."""

from __future__ import annotations

from pmdesk.model.board import Board, Card, Section
from pmdesk.report.common import View
from pmdesk.report.fonts import font_runs, markup, needs_shaping, visual_rtl
from pmdesk.report.pdf_board import _card
from pmdesk.report.pdf_card import CardText
from pmdesk.report.pdf_styles import style_for

HEBREW = "שלום עולם"
ARABIC = "مرحبا بالعالم"


def test_only_arabic_script_needs_shaping() -> None:
    assert needs_shaping(ARABIC)
    assert not needs_shaping(HEBREW)
    assert not needs_shaping("Latin, Ελληνικά, 中文")


def test_a_shaped_run_has_its_words_reversed_and_its_letters_left_to_harfbuzz() -> None:
    assert visual_rtl(ARABIC, shaped=True) == "بالعالم مرحبا"


def test_an_unshaped_run_has_its_words_and_letters_reversed() -> None:
    assert visual_rtl(HEBREW, shaped=False) == "םלוע םולש"
    assert visual_rtl(f"Deploy {HEBREW} now", shaped=False) == "Deploy םלוע םולש now"


def test_a_letter_keeps_its_marks_when_reversed() -> None:
    pointed = "שָׁלוֹם"  # shin with qamats and shin dot, lamed, vav with holam, final mem
    assert visual_rtl(pointed, shaped=False) == "םוֹלשָׁ"


def test_runs_follow_the_paragraphs_shaping() -> None:
    assert font_runs(HEBREW) == [("PmSans", "םלוע םולש")]  # Hebrew alone: not shaped
    assert "שלום" in markup(HEBREW, shaped=True)  # in a shaped paragraph harfbuzz orders letters
    assert style_for("card", ARABIC).shaping and not style_for("card", HEBREW).shaping


def test_a_hebrew_card_is_not_shaped_and_an_arabic_one_is() -> None:
    board = Board(sections=[Section("s", "S")], cards=[Card("h", "s", HEBREW), Card("a", "s", ARABIC)])
    view = View(board)
    (hebrew,) = _card(view, board.cards[0], "card")
    (arabic,) = _card(view, board.cards[1], "card")
    assert isinstance(hebrew, CardText) and isinstance(arabic, CardText)
    assert not getattr(hebrew.paragraph.style, "shaping", 0)
    assert arabic.paragraph.style.shaping
