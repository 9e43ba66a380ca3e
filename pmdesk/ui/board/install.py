"""Install the Board and Top priorities pages, the avatar bar and the board's menu items."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QWidget

from pmdesk.ui.board.board_commands import BoardCommands
from pmdesk.ui.board.board_page import BoardPage
from pmdesk.ui.board.participants_bar import ParticipantsBar
from pmdesk.ui.main_window import MainWindow
from pmdesk.ui.page_contract import PageKey
from pmdesk.ui.plain import menu_text
from pmdesk.ui.refresh import follow


def _priorities_page(window: MainWindow) -> QWidget:
    from pmdesk.ui.board.priorities import PrioritiesPage  # imported when first shown

    return PrioritiesPage(window.qt_document, window)


def install(window: MainWindow) -> None:
    """Add the Board and Top priorities pages, avatars and menu items."""
    doc = window.qt_document
    page = BoardPage(doc, window)
    window.add_page(PageKey.BOARD, page, "Board")
    window.add_page(PageKey.PRIORITIES, partial(_priorities_page, window), "Top priorities")
    bar = ParticipantsBar(doc, window)
    window.header.addWidget(bar)
    window.moved.connect(page.sync_read_only)
    window.moved.connect(bar.refresh)
    window.completed.connect(page.model.fetch_all)
    # No stretch here: the agenda stepper follows the avatars, so its arrows stay put while
    # buttons appear and go on the header's right during the meeting.
    window.header.addSpacing(16)
    commands = BoardCommands(page)  # the menu's actions keep it alive
    actions = page.board_actions

    def act(
        key: str, menu: QMenu, text: str, slot: Callable[[], object], *keys: object, checkable: bool = False
    ) -> QAction:
        action = QAction(text, page)
        action.setShortcuts([QKeySequence(k) for k in keys])  # type: ignore[call-overload]
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.setCheckable(checkable)
        action.triggered.connect(lambda _checked=False: slot())
        page.addAction(action)
        menu.addAction(action)
        actions[key] = action
        return action

    def show_board_then(slot: Callable[[], object]) -> Callable[[], object]:
        def run() -> object:
            window.show_page(PageKey.BOARD)
            return slot()

        return run

    edit = window.edit_menu
    act("cut", edit, "Cu&t Cards", commands.cut, QKeySequence.StandardKey.Cut)
    act("copy", edit, "&Copy Cards as Text", commands.copy, QKeySequence.StandardKey.Copy)
    act("paste", edit, "&Paste Lines as Cards", commands.paste, QKeySequence.StandardKey.Paste)
    act("delete", edit, "&Delete Cards", commands.delete_selected, QKeySequence.StandardKey.Delete)
    edit.addSeparator()
    find = act("find", edit, "&Find…", show_board_then(page.find_line.open), QKeySequence.StandardKey.Find)
    find.setShortcutContext(Qt.ShortcutContext.WindowShortcut)  # from any page: to the board's find

    view = window.view_menu
    view.addSeparator()
    # Zoom (Ctrl +/−/0) is the meeting's View menu: it zooms the page shown, or the room's view.
    view.addSeparator()
    act("fit", view, "Fit Board to &Window", page.toggle_fit, "F")
    act("collapse", view, "&Collapse All Themes", lambda: commands.fold_all(False))
    act("expand", view, "&Expand All Themes", lambda: commands.fold_all(True))
    sort = act("sort", view, "&Sort Columns by Votes", lambda: None, checkable=True)
    sort.toggled.connect(page.model.set_sort_by_votes)

    board = window.board_menu
    act("new_card", board, "&New Card in This Column", page.focus_card_entry, "Ctrl+Return", "N")
    act("notes", board, "N&otes…", commands.edit_notes, "Ctrl+Shift+N")
    board.addSeparator()
    act("group", board, "&Group into Theme", commands.group_selected, "Ctrl+G")
    act("ungroup", board, "&Ungroup / Take out of Theme", commands.ungroup_selected, "Ctrl+Shift+G")
    act("move_to_theme", board, "Move to &Theme…", commands.move_to_theme, "Ctrl+T")
    act("merge", board, "&Merge Theme into…", commands.merge_theme, "Ctrl+Shift+M")
    board.addSeparator()
    act("move_up", board, "Move U&p", lambda: commands.move_vertical(-1), "Ctrl+Up")
    act("move_down", board, "Move Do&wn", lambda: commands.move_vertical(1), "Ctrl+Down")
    act("move_left", board, "Move to Previous Se&ction", lambda: commands.move_horizontal(-1), "Ctrl+Left")
    act("move_right", board, "Move to Ne&xt Section", lambda: commands.move_horizontal(1), "Ctrl+Right")
    board.addSeparator()
    voting = act("voting", board, "Dot &Voting", lambda: None, "V", checkable=True)
    voting.toggled.connect(page.start_voting)
    page.voting_done.connect(lambda: voting.setChecked(False))
    act("vote", board, "P&lace a Dot", lambda: commands.vote_key(True), "+", ".", "=")
    act("unvote", board, "Ta&ke a Dot Back", lambda: commands.vote_key(False), "-")
    act("tallies", board, "Hide / Reveal Tall&ies", lambda: page.voting_bar.toggle_hidden(), "Ctrl+Shift+H")
    board.addSeparator()
    authors = board.addMenu("&Author of Next Cards")
    act("author_0", authors, "&0  No Author", partial(commands.set_author_key, 0), "Alt+0")
    for number in range(1, 10):
        act(
            f"author_{number}",
            authors,
            f"&{number}  Participant {number}",
            partial(commands.set_author_key, number),
            f"Alt+{number}",
        )
    act("change_author", board, "C&hange Author of Selected Cards…", commands.change_author, "Ctrl+Shift+U")

    def name_authors() -> None:
        people = doc.board.participants
        for number in range(1, 10):
            action = actions[f"author_{number}"]
            if number <= len(people):
                action.setText(f"&{number}  {menu_text(people[number - 1].name)}")
            action.setVisible(number <= len(people))

    name_authors()
    board.addAction("Add Pa&rticipant…", bar.add_dialog)

    session = page.model.session

    def avatar_clicked(person_id: str) -> None:
        if session.voting:
            page.voting_bar.set_voter(person_id)
        else:
            session.avatar_clicked(person_id)
            page.model.refresh_all()
        bar.set_chosen(session.chosen())

    def voting_changed(on: bool) -> None:
        actions["vote"].setEnabled(on)
        actions["unvote"].setEnabled(on)
        if on:
            window.show_page(PageKey.BOARD)
            page.model.highlight = None
            page.model.refresh_all()
            if session.voter is None and doc.board.participants:
                page.voting_bar.set_voter(session.first_voter(doc.board))
        bar.set_chosen(session.chosen())
        bar.set_show_dots(on)
        if voting.isChecked() != on:
            voting.setChecked(on)

    def bar_changed() -> None:
        bar.set_chosen(session.chosen())

    bar.avatar_clicked.connect(avatar_clicked)
    page.voting_changed.connect(voting_changed)
    page.vote_requested.connect(commands.vote)
    follow(doc, ("participants", "votes", "session"), lambda _changes: bar_changed(), bar)
    follow(doc, ("participants",), lambda _changes: name_authors())
    actions["vote"].setEnabled(False)  # dots are placed while voting
    actions["unvote"].setEnabled(False)
    page.participants_bar = bar
