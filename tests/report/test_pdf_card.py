"""A card's author drawn after its paragraph: after the last line, or on a line of its own."""

from __future__ import annotations

from reportlab.lib.colors import black

from pmdesk.model.board import Board, Card, Participant, Section
from pmdesk.report.common import View
from pmdesk.report.fonts import SANS
from pmdesk.report.pdf_board import _card
from pmdesk.report.pdf_card import CardText
from pmdesk.report.pdf_styles import plain_para

WIDTH = 400.0


def card_text(text: str, author: str = "Ana Ruiz") -> CardText:
    return CardText(plain_para(text, "card"), ("•", black), [(SANS, " — "), (SANS, author)], black)


def test_a_short_card_has_its_author_after_the_text_on_the_same_line() -> None:
    card = card_text("Short card")
    paragraph_height = card.paragraph.wrap(WIDTH, 1000)[1]
    _, height = card.wrap(WIDTH, 1000)
    x, _ = card._tail_at
    assert height == paragraph_height
    assert card.paragraph.style.leftIndent < x < WIDTH / 2


def test_a_card_whose_last_line_is_full_puts_its_author_on_a_new_line() -> None:
    words = "word " * 400
    for count in range(60, 90):  # find a text whose last line ends near the right edge
        card = card_text(" ".join(words.split()[:count]), author="A rather long author name")
        paragraph_height = card.paragraph.wrap(WIDTH, 1000)[1]
        _, height = card.wrap(WIDTH, 1000)
        if height > paragraph_height:
            assert height == paragraph_height + card.paragraph.style.leading
            assert card._tail_at[0] == card.paragraph.style.leftIndent
            return
    raise AssertionError("no text length pushed the author to a line of its own")


def test_splitting_keeps_the_bullet_on_the_first_part_and_the_author_on_the_last() -> None:
    card = card_text("A long card that goes on and on. " * 30)
    _, height = card.wrap(WIDTH, 10_000)
    parts = card.split(WIDTH, height / 2)
    assert len(parts) >= 2
    first, last = parts[0], parts[-1]
    assert isinstance(first, CardText) and isinstance(last, CardText)
    assert first.bullet is not None and first.tail == []
    assert last.bullet is None and last.tail == card.tail


def test_a_right_to_left_author_stays_inside_the_paragraph_to_be_shaped() -> None:
    board = Board(
        sections=[Section("s", "S")],
        participants=[Participant("p", "سارة"), Participant("q", "Ana Ruiz")],
        cards=[Card("c1", "s", "Arabic name", "p"), Card("c2", "s", "Latin name", "q")],
    )
    view = View(board)
    (rtl,) = _card(view, board.cards[0], "card")
    (ltr,) = _card(view, board.cards[1], "card")
    assert isinstance(rtl, CardText) and rtl.tail == []
    assert any("ار" in frag.text or "سارة" in frag.text for frag in rtl.paragraph.frags)
    assert isinstance(ltr, CardText) and (SANS, "Ana Ruiz") in ltr.tail


def test_a_card_of_only_spaces_gets_a_line_for_its_bullet_and_author() -> None:
    card = CardText(plain_para("   ", "card"), ("•", black), [(SANS, " — "), (SANS, "Dana")], black)
    _, height = card.wrap(WIDTH, 1000)
    assert height == card.paragraph.style.leading
    x, y = card._tail_at
    assert x == card.paragraph.style.leftIndent and 0 < y < height
    board = Board(sections=[Section("s", "S")], cards=[Card("c", "s", "     ")])
    (only,) = _card(View(board), board.cards[0], "card")
    assert isinstance(only, CardText)
    assert "(empty card)" in "".join(frag.text for frag in only.paragraph.frags)


def test_a_very_long_author_name_wraps_inside_the_paragraph() -> None:
    name = " ".join(f"Name{i}" for i in range(40))
    board = Board(
        sections=[Section("s", "S")],
        participants=[Participant("p", name)],
        cards=[Card("c", "s", "a short card", "p")],
    )
    (card,) = _card(View(board), board.cards[0], "card")
    assert isinstance(card, CardText) and card.tail == []
    assert "Name39" in "".join(frag.text for frag in card.paragraph.frags)
