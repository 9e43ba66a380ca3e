"""The Board page: the section columns side by side, the voting bar and the find bar."""

from __future__ import annotations

from collections import Counter
from operator import attrgetter
from typing import TYPE_CHECKING

from PySide6.QtCore import QModelIndex, QPoint, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QKeyEvent, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QApplication, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget

from pmdesk.model.card_ops import add_card
from pmdesk.model.changes import Changes
from pmdesk.model.edits import Insert, Remove, SetField, primitives
from pmdesk.model.ids import new_id
from pmdesk.model.ordering import staying
from pmdesk.ui.board.board_data import ID_ROLE
from pmdesk.ui.board.board_model import BoardModel
from pmdesk.ui.board.card_view import CardView
from pmdesk.ui.board.find_line import FindLine
from pmdesk.ui.board.fit import fit_board, fit_columns
from pmdesk.ui.board.section_column import SectionColumn, columns_style
from pmdesk.ui.document_adapter import QtDocument
from pmdesk.ui.palette import current_palette, set_sheet
from pmdesk.ui.refresh import follow, follow_steps

if TYPE_CHECKING:
    from pmdesk.ui.board.voting_bar import VotingBar

MIN_COLUMN_WIDTH = 250


class BoardPage(QWidget):
    """Sections as columns over one BoardModel; the hooks other areas use live here."""

    author_changed = Signal(object)  # participant id or None: who writes the next cards
    voting_changed = Signal(bool)
    vote_requested = Signal(str, object)  # a click in voting mode: item id, modifiers
    voting_done = Signal()  # the voting bar's "Done voting"

    def __init__(self, qt_document: QtDocument, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.qt_document = qt_document
        self.model = BoardModel(qt_document, self)
        self.author: str | None = None
        self.presenting = False
        self.zoom = 1.0
        self.minimum_column_width = MIN_COLUMN_WIDTH
        self.zoom_before_fit: float | None = None  # set while the board is fitted to the window (F)
        self.columns: list[SectionColumn] = []
        self.board_actions: dict[str, QAction] = {}  # filled by install(): the board's menu actions
        self.participants_bar: QWidget | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 8, 12, 12)
        layout.setSpacing(8)
        self._layout = layout
        self._voting_bar: VotingBar | None = None  # above the find line, once voting first starts
        self.find_line = FindLine(self)
        layout.addWidget(self.find_line)
        self.scroller = QScrollArea(self)
        self.scroller.setWidgetResizable(True)
        self.scroller.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroller.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the keyboard goes to a column, not around it
        self.strip = QWidget(self.scroller)
        self.strip.setObjectName("ColumnStrip")
        self.strip_layout = QHBoxLayout(self.strip)
        self.strip_layout.setContentsMargins(0, 0, 0, 0)
        self.strip_layout.setSpacing(12)
        self.scroller.setWidget(self.strip)
        layout.addWidget(self.scroller, 1)

        self.model.modelAboutToBeReset.connect(self._before_reset)
        self.model.modelReset.connect(self._after_reset)
        self.model.rowsInserted.connect(self._on_sections)
        self.model.rowsRemoved.connect(self._on_sections)
        self.model.rowsMoved.connect(self._on_sections)
        self.model.theme_created.connect(lambda theme_id: self.edit_item(theme_id))
        follow(qt_document, ("cards", "sections", "participants", "votes", "session"), self._on_changed, self)
        follow_steps(qt_document, self._after_step, self)
        self.restyle()  # before the columns: each is polished once, in the style sheet of them all
        self._build_columns()
        self._sync_entries()  # the model followed the file's read-only state when it was built

    @property
    def voting_bar(self) -> VotingBar:
        """The bar above the columns in voting mode, built the first time it is needed (a board
        that is not voting never builds it, so it costs the start-up nothing)."""
        if self._voting_bar is None:
            from pmdesk.ui.board.voting_bar import VotingBar

            bar = VotingBar(self.qt_document, self.model.session, self)
            bar.setVisible(False)
            bar.set_presenting(self.presenting)
            bar.done.connect(self.voting_done)
            self._layout.insertWidget(0, bar)
            self._voting_bar = bar
        return self._voting_bar

    @property
    def voting(self) -> bool:
        """True while dot voting is on (the board session's)."""
        return self.model.session.voting

    @voting.setter
    def voting(self, on: bool) -> None:
        self.model.session.voting = on

    # --- columns ----------------------------------------------------------------------------

    def _build_columns(self) -> None:
        """Bring the columns to the model's sections: a new section gets a new column, a gone one
        loses its column, a moved one moves; every other column stays as it is (its scroll,
        selection, folded themes, the card being typed in its entry)."""
        wanted = self.model.section_order()
        if wanted == [c.section_id for c in self.columns]:
            return
        kept = set(wanted)
        by_id: dict[str, SectionColumn] = {}
        focus = QApplication.focusWidget()
        # The keyboard in a column on its way out goes to the column then in its place.
        gone = [n for n, c in enumerate(self.columns) if c.section_id not in kept]
        lost = next((n for n in gone if focus is not None and self.columns[n].isAncestorOf(focus)), None)
        for column in self.columns:
            if column.section_id in kept:
                by_id[column.section_id] = column
            else:
                self._drop_column(column)
        current = [c.section_id for c in self.columns if c.section_id in kept]
        settled = staying(current, wanted)
        columns: list[SectionColumn] = []
        for section_id in wanted:
            existing = by_id.get(section_id)
            if existing is not None and section_id in settled:
                columns.append(existing)
                continue
            if existing is None:
                placed = self._make_column(section_id)
            else:
                placed = existing
                self.strip_layout.removeWidget(existing)
            # After its left neighbour, which is in its place by now (settled, or placed before).
            after = self.strip_layout.indexOf(columns[-1]) + 1 if columns else 0
            self.strip_layout.insertWidget(after, placed, 1)  # shown by the layout, on the next turn
            columns.append(placed)
        first = not self.columns
        self.columns = columns
        if first:
            return  # the first layout aligns the headers (resizeEvent)
        self._order_tabs()
        if lost is not None and columns:
            columns[min(lost, len(columns) - 1)].view.setFocus(Qt.FocusReason.OtherFocusReason)
        if self.zoom_before_fit is not None:
            fit_columns(self)  # fitted to the window: every column, the new one too, stays in view
        QTimer.singleShot(0, self.align_headers)  # the tallest header may have come or gone

    def _order_tabs(self) -> None:
        """Tab goes through the columns left to right: a new column's widgets were made after every
        other widget of the window, and a moved column's keep their old place in the focus chain."""
        chain = [w for c in self.columns for w in (c.view, c.author, c.entry)]
        ours = set(chain)
        anchor: QWidget | None = None  # the last widget before the columns that takes the keyboard
        widget: QWidget | None = self.nextInFocusChain()
        while widget is not None and widget is not self and widget not in ours:
            if widget.focusPolicy() != Qt.FocusPolicy.NoFocus:
                anchor = widget
            widget = widget.nextInFocusChain()
        for before, after in zip([anchor, *chain], chain, strict=False):
            if before is not None:
                QWidget.setTabOrder(before, after)

    def _drop_column(self, column: SectionColumn) -> None:
        """Take a gone section's column off the strip."""
        column.view.after_reset = None
        column.hide()  # never reparented to no parent: it would open as a window of its own
        self.strip_layout.removeWidget(column)
        column.deleteLater()

    def _make_column(self, section_id: str) -> SectionColumn:
        """A column for one section, set up as the page's other columns are now."""
        column = SectionColumn(self.model, section_id, self.strip, self.zoom)
        column.setMinimumWidth(self.minimum_column_width)
        column.card_submitted.connect(self.add_card)
        column.author_chosen.connect(self.set_author)
        column.view.vote_clicked.connect(self.vote_requested)
        column.view.selectionModel().selectionChanged.connect(
            lambda _new, _old, c=column: self._selected_in(c)
        )
        column.view.focused.connect(lambda c=column: self._selected_in(c))
        column.view.step_column.connect(lambda step, c=column: self.step_column(c, step))
        column.view.card_delegate.votes_hidden = self.qt_document.board.session.votes_hidden
        column.view.voting = self.voting
        if self.voting:
            column.view.viewport().setCursor(Qt.CursorShape.PointingHandCursor)
        if self.presenting:
            column.show_entry(False)
        self._sync_entry(column)
        people = [(p.id, p.name) for p in self.qt_document.board.participants]
        column.set_participants(people, self.author)
        return column

    def align_headers(self) -> None:
        """Give every column's header the same height, so the cards start on one line."""
        if not self.columns:
            return
        tallest = max(c.header.heightForWidth(c.header.width()) for c in self.columns)
        for column in self.columns:
            column.header.setFixedHeight(max(tallest, 0))

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Headers wrap differently at another width."""
        super().resizeEvent(event)
        QTimer.singleShot(0, self.align_headers)

    def _selected_in(self, column: SectionColumn) -> None:
        """A selection lives in one column: selecting in (or moving the keyboard to) a column
        clears the others, so no command acts on a selection left behind elsewhere."""
        if not column.view.selectionModel().hasSelection() and not column.view.hasFocus():
            return
        for other in self.columns:
            if other is not column and other.view.selectionModel().hasSelection():
                other.view.selectionModel().clearSelection()

    def _after_step(self, changes: Changes) -> None:
        """After Undo or Redo the cards and themes it brought back or changed are selected, and
        the keyboard is in their column (or, if it took them away, still in a column)."""
        if changes.edit is None:  # follow_steps passes steps only, and only while the page is seen
            return
        focus = QApplication.focusWidget()
        if focus is not None and self.isAncestorOf(focus) and not isinstance(focus, CardView):
            return  # typing in an entry or the find line: leave the cursor there
        ids: list[str] = []
        for step in primitives(changes.edit):
            if isinstance(step, Insert) and step.collection in ("cards", "themes"):
                ids.append(str(getattr(step.item, "id", "")))
            elif isinstance(step, SetField) and step.collection in ("cards", "themes") and step.item_id:
                ids.append(step.item_id)
        shown = [i for i in dict.fromkeys(ids) if i in self.model.cards or i in self.model.themes]
        if shown:
            self.select(shown)
        elif focus is None or not focus.isVisible():
            self.focus_first_input()

    def step_column(self, column: SectionColumn, step: int) -> None:
        """← / →: the keyboard goes to the neighbouring column, to the card at the same height."""
        position = self.columns.index(column) + step
        if not 0 <= position < len(self.columns):
            return
        target = self.columns[position].view
        current = column.view.currentIndex()
        y = column.view.visualRect(current).center().y() if current.isValid() else 0
        index = target.indexAt(QPoint(8, max(y, 0)))
        rows = target.model().rowCount()
        if not index.isValid() and rows:
            index = target.model().index(0 if y <= 0 else rows - 1, 0)
        target.setFocus(Qt.FocusReason.TabFocusReason)
        if index.isValid():
            target.setCurrentIndex(index)  # selects it too: what the keys act on shows
            target.scrollTo(index)
        self.scroller.ensureWidgetVisible(self.columns[position], 0, 0)

    def _fill_authors(self) -> None:
        people = [(p.id, p.name) for p in self.qt_document.board.participants]
        if self.author not in {pid for pid, _ in people}:
            self.author = None
        for column in self.columns:
            column.set_participants(people, self.author)

    def _before_reset(self) -> None:
        for column in self.columns:
            column.save_state()

    def _after_reset(self) -> None:
        # Each column restores itself when its view has reset (CardView.reset); the page only
        # adds, removes or moves the columns of the sections that came, went or moved.
        self._build_columns()

    def _on_sections(self, parent: QModelIndex, *_rows: object) -> None:
        """Sections came, went or moved (rows of the model's root): the columns follow."""
        if not parent.isValid():
            self._build_columns()

    def _on_changed(self, changes: Changes) -> None:
        # Only what the edit touched: typing on a card does not recount every column.
        hidden = self.qt_document.board.session.votes_hidden
        counts = None
        cards = self.qt_document.board.cards
        # A card moved within its column changes no count: only cards added, removed or moved to
        # another section do (or sections added or removed).
        if (
            changes.concerns("sections")
            or ("cards", "section") in changes.fields
            or _adds_or_removes_cards(changes)
        ):
            counts = Counter(map(attrgetter("section"), cards))
        for column in self.columns:
            if counts is not None:
                column.refresh_header(counts[column.section_id])
            if column.view.card_delegate.votes_hidden != hidden:
                column.view.card_delegate.votes_hidden = hidden
                column.view.relayout()
        if changes.fields_of("sections") & {"title", "prompt"}:
            QTimer.singleShot(0, self.align_headers)  # a heading wraps to another height
        if changes.concerns("participants"):
            self._fill_authors()
        if self._voting_bar is not None and changes.concerns("participants", "votes", "session"):
            self._voting_bar.refresh()

    def sync_read_only(self) -> None:
        """Follow the file's read-only state (it changes when Save As moves the board)."""
        self.model.sync_read_only()
        for column in self.columns:
            column.section_model.sync_read_only()
        self._sync_entries()

    def _sync_entries(self) -> None:
        for column in self.columns:
            self._sync_entry(column)

    def _sync_entry(self, column: SectionColumn) -> None:
        read_only = self.qt_document.document.read_only
        column.entry.setReadOnly(read_only)
        column.entry.setPlaceholderText("Read-only board" if read_only else "Add a card… (Enter)")

    def column_of(self, section_id: str | None) -> SectionColumn | None:
        """The column showing a section."""
        return next((c for c in self.columns if c.section_id == section_id), None)

    def index_of(self, item_id: str) -> QModelIndex:
        """The index of a card or theme in its column's view (invalid if no column shows it)."""
        column = self.column_of(self.model.section_of(item_id))
        return column.section_model.index_of(item_id) if column is not None else QModelIndex()

    def current_column(self) -> SectionColumn | None:
        """The column holding the focus (or the first)."""
        focus = QApplication.focusWidget()
        for column in self.columns:
            if focus is not None and column.isAncestorOf(focus):
                return column
        return self.columns[0] if self.columns else None

    # --- hooks for other areas --------------------------------------------------------------

    def selection_column(self) -> SectionColumn | None:
        """The column whose selection commands act on: the focused column, else the one with a
        selection (there is at most one)."""
        focus = QApplication.focusWidget()
        for column in self.columns:
            if focus is not None and column.isAncestorOf(focus):
                return column
        return next((c for c in self.columns if c.view.selectionModel().hasSelection()), None)

    def selected_ids(self) -> list[str]:
        """Ids of the selected cards and themes of the selection's column, in board order."""
        ids: list[str] = []
        chosen_column = self.selection_column()
        for column in self.columns:
            if column is not chosen_column:
                continue
            chosen = {str(i.data(ID_ROLE)) for i in column.view.selectionModel().selectedIndexes()}
            if not chosen:
                continue
            for item_id in self.model.items_in(column.section_id):
                if item_id in chosen:
                    ids.append(item_id)
                ids.extend(child for child in self.model.children_of(item_id) if child in chosen)
        return ids

    def focus_card_entry(self, section_id: str | None = None) -> None:
        """Put the cursor in a column's entry (the current column's by default)."""
        column = self.column_of(section_id) if section_id else self.current_column()
        if column is not None:
            column.show_entry(True)
            column.entry.setFocus(Qt.FocusReason.ShortcutFocusReason)

    def set_presenting(self, on: bool) -> None:
        """On the projector the room sees cards, not the facilitator's tools.

        Entry boxes (N or Ctrl+Enter brings one back), the find line and its filter, the voting
        bar's controls and the "+" participant button are hidden while presenting.
        """
        self.presenting = on
        self.model.set_hide_pending(on)  # the room never reads a card still face down
        for column in self.columns:
            column.show_entry(not on)
        if on:
            self.find_line.dismiss()
        if self._voting_bar is not None:
            self._voting_bar.set_presenting(on)
        add_button = getattr(self.participants_bar, "add_button", None)
        if isinstance(add_button, QWidget):
            add_button.setVisible(not on)

    def start_voting(self, on: bool) -> None:
        """Voting mode on or off: clicks on themes and loose cards place dots."""
        self.voting = on
        if on or self._voting_bar is not None:
            self.voting_bar.setVisible(on)
        for column in self.columns:
            column.view.voting = on
            column.view.viewport().setCursor(
                Qt.CursorShape.PointingHandCursor if on else Qt.CursorShape.ArrowCursor
            )
        self.voting_changed.emit(on)

    def restyle(self) -> None:
        """The columns' style sheet, in the current theme at the board's zoom."""
        set_sheet(self.strip, columns_style(current_palette(self), self.zoom))

    def set_zoom(self, factor: float) -> None:
        """Scale the cards' text (1.0 is normal)."""
        self.zoom = max(0.5, min(3.0, factor))
        self.restyle()
        for column in self.columns:
            column.set_zoom(self.zoom)
        self.align_headers()  # headings wrap differently at another size

    def toggle_fit(self) -> None:
        """F: fit every column and as many cards as can be read into the window; F again: back."""
        if self.zoom_before_fit is not None:
            zoom, self.zoom_before_fit = self.zoom_before_fit, None
            for column in self.columns:
                column.setMinimumWidth(self.minimum_column_width)
            self.set_zoom(zoom)
        else:
            self.zoom_before_fit = self.zoom
            fit_board(self)
        # The columns take their new width on the next layout: the titles wrap again then.
        QTimer.singleShot(0, self.align_headers)

    def set_author(self, person_id: str | None) -> None:
        """Who writes the next cards."""
        self.author = person_id
        for column in self.columns:
            column.set_author(person_id)
        self.author_changed.emit(person_id)

    # --- cards ------------------------------------------------------------------------------

    def add_card(self, section_id: str, text: str) -> bool:
        """Add a card written by the current author; the entry clears and keeps the focus."""
        card_id = new_id("c")
        if not self.qt_document.attempt(add_card, section_id, text, self.author, card_id=card_id):
            return False
        column = self.column_of(section_id)
        if column is not None:
            if column.entry.toPlainText():  # clearing repaints the column: not when already clear
                column.entry.clear()
            index = column.section_model.index_of(card_id)
            QTimer.singleShot(
                0, column.view, lambda: column.view.scrollTo(column.section_model.index_of(card_id))
            )
            column.view.selectionModel().setCurrentIndex(
                index, column.view.selectionModel().SelectionFlag.NoUpdate
            )
        return True

    def edit_item(self, item_id: str) -> None:
        """Select a card or theme and open its in-place editor (a new theme asks its label)."""
        column = self.column_of(self.model.section_of(item_id))
        if column is not None:
            column.select_ids([item_id], edit=True)

    def select(self, ids: list[str]) -> None:
        """Select these items in the first column holding any of them, and focus that column."""
        chosen = next(
            (c for c in self.columns if any(self.model.section_of(i) == c.section_id for i in ids)), None
        )
        for column in self.columns:
            if column is not chosen:
                column.view.selectionModel().clearSelection()
        if chosen is not None:
            chosen.select_ids([i for i in ids if self.model.section_of(i) == chosen.section_id])
            chosen.view.setFocus()

    def showEvent(self, event: QShowEvent) -> None:
        """Coming to the Board puts the keyboard in a column, so the board's keys work at once."""
        super().showEvent(event)
        focus = QApplication.focusWidget()
        if self.columns and (focus is None or not self.isAncestorOf(focus)):
            QTimer.singleShot(0, self._focus_cards)

    def _focus_cards(self) -> None:
        focus = QApplication.focusWidget()
        if focus is None or not self.isAncestorOf(focus):  # Ctrl+F, say, has put it in the page since
            self.focus_first_input()

    def focus_first_input(self) -> bool:
        """The keyboard to the column with the selection (else the current one), on a card."""
        column = self.selection_column() or self.current_column()
        if column is None or not self.isVisible():
            return False
        column.view.setFocus(Qt.FocusReason.OtherFocusReason)
        if not column.view.currentIndex().isValid() and column.section_model.rowCount():
            column.view.setCurrentIndex(column.section_model.index(0, 0))
        return True

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape closes the find line."""
        if event.key() == Qt.Key.Key_Escape and self.find_line.isVisible():
            self.find_line.dismiss()
            return
        super().keyPressEvent(event)


def _adds_or_removes_cards(changes: Changes) -> bool:
    """Whether an edit inserted or removed cards (a reorder keeps every column's count)."""
    if changes.whole_board or changes.edit is None:
        return changes.whole_board or "cards" in changes.reshaped
    return "cards" in changes.reshaped and any(
        isinstance(step, (Insert, Remove)) and step.collection == "cards" for step in primitives(changes.edit)
    )
