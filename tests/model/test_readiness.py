"""The wrap-up checklist: what is missing before the report goes out."""

from pmdesk.model.board import Action, Board
from pmdesk.model.demo import demo_board
from pmdesk.model.readiness import action_gaps, report_gaps


def test_complete_board_is_ready() -> None:
    board = demo_board()
    board.session.takeaways = "Alert on saturation, not symptoms."
    assert report_gaps(board) == []


def test_demo_board_lacks_only_takeaways() -> None:
    assert report_gaps(demo_board()) == ["No key takeaways written"]


def test_every_gap_is_listed() -> None:
    board = demo_board()
    board.actions[0].owner = None
    board.actions[1].due = None
    board.actions[2].owner = None
    board.actions[2].due = None
    board.session.votes_hidden = True
    board.session.check_in = None
    board.session.date = None
    gaps = report_gaps(board)
    assert gaps.pop() == "No session date: when was this post-mortem held?"
    assert gaps[0].endswith("has no owner") and "pool saturation" in gaps[0]
    assert gaps[1].endswith("has no due date")
    assert gaps[2].endswith("has no owner and no due date")
    assert gaps[3:] == [
        "No key takeaways written",
        "Vote tallies are still hidden: reveal them",
        "No follow-up check-in date",
    ]


def test_empty_board_and_untitled_action() -> None:
    board = Board()
    assert "No actions yet" in report_gaps(board)
    board.actions.append(Action("a1", "   "))
    assert report_gaps(board)[0] == "Action “(untitled action)” has no owner and no due date"
    assert action_gaps(board.actions[0]) == ["owner", "due date"]


def test_long_action_text_is_shortened() -> None:
    board = Board(actions=[Action("a1", "x" * 200, owner=None, due="2026-12-01")])
    assert len(report_gaps(board)[0]) < 100


def test_an_open_action_due_yesterday_is_overdue_a_done_one_is_not() -> None:
    import datetime as dt

    from pmdesk.model.board import Action
    from pmdesk.model.readiness import is_overdue

    today = dt.date(2026, 11, 29)
    assert is_overdue(Action("a", "Fix", due="2026-11-28", status="open"), today)
    assert not is_overdue(Action("a", "Fix", due="2026-11-28", status="done"), today)
    assert not is_overdue(Action("a", "Fix", due="2026-11-29", status="open"), today)
    assert not is_overdue(Action("a", "Fix", due="not a date", status="open"), today)


def test_an_actions_source_reads_as_its_theme_or_card() -> None:
    from pmdesk.model.demo import demo_board
    from pmdesk.model.readiness import source_label

    board = demo_board()
    assert source_label(board, "t2").startswith("Theme: ")
    assert source_label(board, "c3") == next(card.text for card in board.cards if card.id == "c3")
    assert source_label(board, "gone") == "(removed)" and source_label(board, None) == ""
