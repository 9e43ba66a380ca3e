"""Boards for the benchmark: the demo, N cards in mixed scripts, one 1 MB card."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from pmdesk.model.board import Board, Card, Section, Theme, Vote
from pmdesk.model.demo import demo_board
from pmdesk.store.board_file import create_file

# One phrase per script the report must render: Latin, Greek, Cyrillic, CJK, Arabic, Hebrew, emoji.
PHRASES = (
    "The pager fired on time and the runbook was current",
    "Η ειδοποίηση έφτασε έγκαιρα στην ομάδα",
    "Откат конфигурации занял всего три минуты",
    "监控告警在七分钟后才触发，需要更早发现",
    "لم يكن هناك تنبيه لاستنفاد مجمع الاتصالات",
    "צריך בדיקת עומס לפני כל שינוי תצורה",
    "Status page update went out fast 🚀 but the wording confused customers 😕",
    "AT&T <b>escaped</b> & <img src=x> stays plain text",
)


def big_board(cards: int, mixed: bool = True) -> Board:
    """The demo board's people and sections with ``cards`` cards (a theme every 10 cards, some dots)."""
    board = demo_board()
    sections = [section.id for section in board.sections]
    people = [person.id for person in board.participants]
    board.cards, board.themes, board.votes, board.actions = [], [], [], []
    for index in range(cards):
        section = sections[index % len(sections)]
        theme = None
        if index % 10 < 3:  # three cards of every ten sit in a theme
            theme = f"t{index // 10}"
            if index % 10 == 0:
                board.themes.append(Theme(theme, section, f"Theme {index // 10}"))
        text = PHRASES[index % len(PHRASES)] if mixed else PHRASES[0]
        board.cards.append(
            Card(f"c{index}", section, f"{text} (#{index})", people[index % len(people)], theme)
        )
        # Themed cards of one group share their first card's section.
        if theme is not None:
            board.cards[-1] = dataclasses.replace(board.cards[-1], section=_theme_section(board, theme))
    for index in range(0, min(cards, 300), 7):
        card = board.cards[index]
        target = card.theme or card.id
        board.votes.append(Vote(people[index % len(people)], target))
    board.incident.title = f"Benchmark board with {cards} cards"
    return _fit_votes(board)


def many_sections_board(sections: int, cards_each: int) -> Board:
    """The demo board's people, ``sections`` sections of ``cards_each`` cards (a theme of three in each)."""
    board = demo_board()
    people = [person.id for person in board.participants]
    board.sections = [Section(f"s{n}", f"Section {n}", f"What the room saw ({n})") for n in range(sections)]
    board.cards, board.themes, board.votes, board.actions = [], [], [], []
    for n, section in enumerate(board.sections):
        theme = f"t{n}"
        board.themes.append(Theme(theme, section.id, f"Theme {n}"))
        for index in range(cards_each):
            text = f"{PHRASES[index % len(PHRASES)]} (#{n}.{index})"
            in_theme = theme if index < 3 else None
            board.cards.append(Card(f"c{n}-{index}", section.id, text, people[index % len(people)], in_theme))
    board.incident.title = f"Benchmark board with {sections} sections"
    return board


def _theme_section(board: Board, theme_id: str) -> str:
    return next(theme.section for theme in board.themes if theme.id == theme_id)


def _fit_votes(board: Board) -> Board:
    """Keep each participant within the dot budget (the board must stay valid)."""
    budget = board.session.votes_per_participant
    used: dict[str | None, int] = {}
    kept = []
    for vote in board.votes:
        if used.get(vote.participant, 0) < budget:
            used[vote.participant] = used.get(vote.participant, 0) + 1
            kept.append(vote)
    board.votes = kept
    return board


def huge_card_board(size: int = 1_000_000) -> Board:
    """The demo board plus one card of ``size`` characters of prose with sentences and newlines."""
    board = demo_board()
    sentence = "The connection pool ran out under peak load, and nobody saw the warning. "
    paragraph = sentence * 12 + "\n"
    text = (paragraph * (size // len(paragraph) + 1))[:size]
    board.cards.append(Card("huge", board.sections[0].id, text, board.participants[0].id))
    board.incident.title = "Benchmark board with one 1 MB card"
    return board


def write_boards(folder: Path, cards: int, pdf_cards: int) -> dict[str, Path]:
    """Write every benchmark board into ``folder``; their paths by name."""
    boards = {
        "demo": demo_board(),
        "big": big_board(cards),
        "pdf": big_board(pdf_cards),
        "huge": huge_card_board(),
    }
    paths = {}
    for name, board in boards.items():
        path = folder / f"{name}.pmdesk"
        create_file(path, board, overwrite=True)
        paths[name] = path
    return paths
