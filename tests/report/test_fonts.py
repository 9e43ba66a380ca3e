"""Right-to-left text for the PDF: words in visual order; letters too, unless harfbuzz shapes them."""

from __future__ import annotations

import tempfile
import unicodedata
from pathlib import Path

from pypdf import PdfReader
from reportlab.pdfbase.pdfmetrics import stringWidth

from pmdesk.model.board import Board, Card, Incident, Participant, Section
from pmdesk.report.common import View
from pmdesk.report.fonts import SANS, font_runs, logical_lines, markup, needs_shaping, visual_rtl
from pmdesk.report.pdf import write_pdf
from pmdesk.report.pdf_board import _card
from pmdesk.report.pdf_card import CardText
from pmdesk.report.pdf_styles import WIDTH, style_for

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


LONG_HEBREW = (
    "שורה ראשונה של הכרטיס מתחילה כאן והיא ארוכה מספיק כדי להישבר לכמה שורות בדוח כי יש בה"
    " הרבה מאוד מילים שמתארות את התקלה ואת מה שלמדנו ממנה בסוף"
)
LONG_ARABIC = (
    "السطر الأول من البطاقة يبدأ هنا وهو طويل بما يكفي لينقسم إلى عدة أسطر في التقرير لأن فيه"
    " كلمات كثيرة جدا تصف العطل وما تعلمناه منه في النهاية"
)


def test_logical_lines_break_in_reading_order_and_keep_every_word() -> None:
    broken = logical_lines(LONG_HEBREW + "\nsecond paragraph", width=200, font_size=9.5)
    lines = broken.split("\n")
    assert len(lines) > 3 and lines[-1] == "second paragraph"
    assert lines[0].startswith("שורה ראשונה")
    assert " ".join(lines[:-1]).split() == LONG_HEBREW.split()
    widths = [stringWidth(line, SANS, 9.5) for line in lines]
    assert max(widths) <= 200


def test_a_long_right_to_left_card_reads_from_its_first_line() -> None:
    board = Board(
        sections=[Section("s", "S")],
        cards=[Card("h", "s", LONG_HEBREW), Card("a", "s", LONG_ARABIC)],
    )
    view = View(board)
    for card, first_word, last_word in (
        (board.cards[0], "שורה", "בסוף"),
        (board.cards[1], "السطر", "النهاية"),
    ):
        (flowable,) = _card(view, card, "card")
        assert isinstance(flowable, CardText)
        pre_broken = sum(1 for frag in flowable.paragraph.frags if getattr(frag, "lineBreak", False)) + 1
        flowable.wrap(WIDTH - 12, 10_000)
        lines = flowable.paragraph.blPara.lines
        assert len(lines) == pre_broken  # reportlab kept the lines as broken: none overflowed
        first_line = unicodedata.normalize(  # shaped Arabic comes back as presentation forms
            "NFKC",
            "".join(word.text if hasattr(word, "text") else str(word) for word in _line_texts(lines[0])),
        )
        # Both are drawn in visual order, letters reversed (Hebrew by pmdesk, Arabic by harfbuzz).
        assert first_word in first_line or first_word[::-1] in first_line
        assert last_word not in first_line and last_word[::-1] not in first_line


def _line_texts(line: object) -> list[object]:
    words = getattr(line, "words", None)
    if words is None:  # a plain paragraph's line: (extra space, words)
        return list(line[1])  # type: ignore[index]
    return [frag for frag in words]


def test_arabic_with_vowel_marks_after_a_line_break_exports() -> None:
    marked = " ".join(["مرحبا", "بالعالم", "كيف", "حالك"] * 5) + " اللَّهِ"
    board = Board(
        incident=Incident(title="T", summary=marked),
        sections=[Section("s", "S")],
        cards=[Card("c1", "s", "x\nهِ"), Card("c2", "s", marked)],
    )
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "marks.pdf"
        write_pdf(board, target)  # raised IndexError inside reportlab before the fix
        assert target.stat().st_size > 0


def test_lines_of_arabic_keep_room_for_shaping() -> None:
    words = ["هذا", "هو", "هي", "هذه", "هدف", "هجوم", "هجرة", "هرب", "هزة", "هش", "هل", "هم", "هن"]
    text = " ".join(words[(i * 7) % 13] for i in range(60))
    board = Board(sections=[Section("s", "S")], cards=[Card("c", "s", text)])
    (flowable,) = _card(View(board), board.cards[0], "card")
    assert isinstance(flowable, CardText)
    pre_broken = sum(1 for frag in flowable.paragraph.frags if getattr(frag, "lineBreak", False)) + 1
    flowable.wrap(WIDTH - 12, 10_000)
    assert len(flowable.paragraph.blPara.lines) == pre_broken


def test_a_word_longer_than_a_line_is_cut_in_reading_order() -> None:
    word = "אבגדהוזחטיכלמנסעפצקרשת" * 6
    lines = logical_lines(word, width=120, font_size=9.5).split("\n")
    assert len(lines) > 2
    assert "".join(lines) == word
    assert all(stringWidth(line, SANS, 9.5) <= 120 for line in lines)


def test_a_shaped_paragraph_never_shapes_a_word_across_two_fonts() -> None:
    assert font_runs("مرحبا🔥بك", shaped=True)[0][1].endswith(" ")  # the word is parted
    board = Board(
        sections=[Section("s", "S")],
        participants=[Participant("p", "سارة")],  # an Arabic author shapes the whole paragraph
        cards=[Card("c1", "s", "مرحبا🔥بك"), Card("c2", "s", "fire🔥 in the hall", "p")],
    )
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "mixed.pdf"
        write_pdf(board, target)  # reportlab raised AttributeError on such words before
        text = "".join(page.extract_text() for page in PdfReader(target).pages)
        assert "🔥" in text and "hall" in text
