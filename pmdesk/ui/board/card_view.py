"""A column's cards: a tree view of the column's own flat model, with folds, votes and drops."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QPoint, Qt, Signal
from PySide6.QtGui import (
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QFocusEvent,
    QKeyEvent,
    QMouseEvent,
    QPalette,
    QResizeEvent,
)
from PySide6.QtWidgets import QAbstractItemView, QFrame, QTreeView, QWidget

from pmdesk.ui.board.board_data import ID_ROLE, KIND_ROLE, THEME_ROLE
from pmdesk.ui.board.card_delegate import CardDelegate
from pmdesk.ui.board.drag_drop import drag_for
from pmdesk.ui.board.section_model import SectionModel

_ROOT = QModelIndex()  # a column's rows are the root's children


class CardView(QTreeView):
    """The cards of one section; in voting mode a click places a dot."""

    vote_clicked = Signal(str, object)  # item id, keyboard modifiers
    focused = Signal()  # the keyboard came to this column
    step_column = Signal(int)  # ← / →: -1 or +1, to the neighbouring column

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # A viewport of our own, set before anything configures the view (drops, for one, are
        # set up on the viewport) and like Qt's own: on first access from Python, Qt's viewport,
        # of a class PySide6 does not know, costs some 20 ms of type discovery at start-up.
        viewport = QWidget(self)
        viewport.setBackgroundRole(QPalette.ColorRole.Base)
        viewport.setAttribute(Qt.WidgetAttribute.WA_AcceptTouchEvents)
        self.setViewport(viewport)
        # Filled with the column's colour (SectionColumn sets it): an opaque viewport scrolls by
        # moving its pixels, and repainting it does not repaint the column behind it.
        viewport.setAutoFillBackground(True)
        # Called after the view's own reset: QAbstractItemView.reset() clears the root index,
        # and it runs after any modelReset slot connected before the view got its model.
        self.after_reset: Callable[[], None] | None = None
        self.voting = False
        self._vote_press: tuple[str, Qt.KeyboardModifier] | None = None  # a vote's click under way
        self.card_delegate = CardDelegate(self)
        self.setItemDelegate(self.card_delegate)
        self.setHeaderHidden(True)
        self.setRootIsDecorated(False)
        self.setIndentation(26)
        self.setExpandsOnDoubleClick(False)
        self.setAnimated(False)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(True)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setDragDropOverwriteMode(False)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
        )
        self.setFrameShape(QFrame.Shape.NoFrame)
        self._width = 0

    def focusInEvent(self, event: QFocusEvent) -> None:
        """Say so: the board keeps the selection in the column that has the keyboard."""
        super().focusInEvent(event)
        self.focused.emit()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """← and → walk the columns (themes fold with a click on their "▾ n cards")."""
        plain = event.modifiers() in (Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier)
        if plain and event.key() in (Qt.Key.Key_Left, Qt.Key.Key_Right):
            self.step_column.emit(-1 if event.key() == Qt.Key.Key_Left else 1)
            return
        super().keyPressEvent(event)

    def reset(self) -> None:
        """After a model reset, show this column's section again (with its selection and folds)."""
        super().reset()
        if self.after_reset is not None:
            self.after_reset()

    def resizeEvent(self, event: QResizeEvent) -> None:
        """Wrapped rows change height with the width."""
        # Scheduled before the base class runs: its geometry update then lays out once, at the
        # new width (scheduling after it would lay out every row a second time).
        if self.viewport().width() != self._width:
            self._width = self.viewport().width()
            self.scheduleDelayedItemsLayout()
        super().resizeEvent(event)

    def doItemsLayout(self) -> None:
        """Lay the rows out once, at the width they keep: a column whose rows overflow it shows its
        scroll bar first (else the rows are laid out, the bar appears, and they are all laid out
        again a bar's width narrower)."""
        self._show_scroll_bar_if_overflowing()
        super().doItemsLayout()

    def _show_scroll_bar_if_overflowing(self) -> None:
        bar = self.verticalScrollBar()
        model = self.model()
        if (
            model is None
            or not self.isVisible()
            or bar.isVisibleTo(self)
            or self.verticalScrollBarPolicy() != Qt.ScrollBarPolicy.ScrollBarAsNeeded
        ):
            return
        room = self.viewport().height()
        total = 0
        for row in range(model.rowCount(_ROOT)):
            if not self.isRowHidden(row, _ROOT):
                total += self.card_delegate.row_size(model.index(row, 0, _ROOT))[1]
                if total > room:
                    # The range the rows' layout will set anyway; a change of policy places the
                    # bar now (the range alone would, on a later turn of the event loop).
                    bar.setRange(0, total - room)
                    self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
                    self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
                    self._width = self.viewport().width()  # its resize event may come later
                    return

    def relayout(self) -> None:
        """Row heights are stale (zoom, tallies shown or hidden)."""
        self.scheduleDelayedItemsLayout()
        self.viewport().update()

    # --- folded themes: a theme's cards are the rows after it, hidden while it is folded ----------

    def section_model(self) -> SectionModel | None:
        """The column's model."""
        model = self.model()
        return model if isinstance(model, SectionModel) else None

    def isExpanded(self, index: QModelIndex | QPersistentModelIndex) -> bool:
        """Whether a theme shows its cards."""
        model = self.section_model()
        return model is not None and index.isValid() and model.item_id(index) not in model.folded

    def setExpanded(self, index: QModelIndex | QPersistentModelIndex, expand: bool) -> None:
        """Fold or unfold a theme (its cards' rows hide or show)."""
        model = self.section_model()
        theme_id = model.item_id(index) if model is not None else None
        if model is None or theme_id is None or index.data(KIND_ROLE) != "theme":
            return
        if expand:
            model.folded.discard(theme_id)
        else:
            model.folded.add(theme_id)
        for row in model.cards_of(theme_id):
            self.setRowHidden(row, QModelIndex(), not expand)
        self.viewport().update(self.visualRect(index))

    def expandAll(self) -> None:
        """Unfold every theme."""
        self._fold_all(False)

    def collapseAll(self) -> None:
        """Fold every theme."""
        self._fold_all(True)

    def _fold_all(self, fold: bool) -> None:
        model = self.section_model()
        if model is None:
            return
        themes = [item_id for item_id in model.rows if item_id in model.board.themes]
        if fold:
            model.folded.update(themes)
        else:
            model.folded.difference_update(themes)
        self.apply_folds(0, len(model.rows) - 1)

    def apply_folds(self, first: int, last: int) -> None:
        """Hide the rows from ``first`` to ``last`` that are cards of a folded theme, show the others."""
        model = self.section_model()
        if model is None:
            return
        root = QModelIndex()
        for row in range(max(first, 0), min(last, len(model.rows) - 1) + 1):
            theme_id = model.index(row, 0).data(THEME_ROLE)
            hidden = theme_id is not None and theme_id in model.folded
            if hidden != self.isRowHidden(row, root):
                self.setRowHidden(row, root, hidden)  # lays the rows out and repaints

    def rowsInserted(self, parent: QModelIndex | QPersistentModelIndex, start: int, end: int) -> None:
        """Cards arriving in a folded theme arrive hidden."""
        super().rowsInserted(parent, start, end)
        model = self.section_model()
        if model is not None and model.folded:
            self.apply_folds(start, end)

    def dataChanged(
        self,
        topLeft: QModelIndex | QPersistentModelIndex,
        bottomRight: QModelIndex | QPersistentModelIndex,
        roles: Sequence[int] = (),
    ) -> None:
        """A card that joined or left a folded theme without changing rows hides or shows."""
        super().dataChanged(topLeft, bottomRight, roles)
        model = self.section_model()
        if model is not None and model.folded and topLeft.isValid() and bottomRight.isValid():
            self.apply_folds(topLeft.row(), bottomRight.row())

    def rows_moved(self, _parent: QModelIndex, start: int, end: int, _to: QModelIndex, row: int) -> None:
        """A card that moved into or out of a folded theme hides or shows."""
        model = self.section_model()
        if model is not None and model.folded:
            first = row if row < start else row - (end - start + 1)
            self.apply_folds(first, first + end - start)

    # --- drops: highlight the row a drop would land on --------------------------------------

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        """Let Qt place the indicator, then highlight the row a drop onto would take."""
        super().dragMoveEvent(event)
        index = self.indexAt(event.position().toPoint())
        on_item = self.dropIndicatorPosition() == QAbstractItemView.DropIndicatorPosition.OnItem
        target = QPersistentModelIndex(index) if event.isAccepted() and on_item and index.isValid() else None
        if target != self.card_delegate.drop_target:
            self.card_delegate.drop_target = target
            self.viewport().update()

    def dragLeaveEvent(self, event: QDragLeaveEvent) -> None:
        """No target any more."""
        super().dragLeaveEvent(event)
        self._clear_drop()

    def dropEvent(self, event: QDropEvent) -> None:
        """Drop through the model (one undo step)."""
        self._clear_drop()
        super().dropEvent(event)

    def startDrag(self, supportedActions: Qt.DropAction) -> None:
        """Drag the selected cards with a picture that leaves the drop line in view."""
        indexes = [i for i in self.selectedIndexes() if self.model().flags(i) & Qt.ItemFlag.ItemIsDragEnabled]
        if indexes:
            drag_for(self, indexes).exec(supportedActions, self.defaultDropAction())

    def _clear_drop(self) -> None:
        self.card_delegate.drop_target = None
        self.viewport().update()

    # --- mouse: votes and the theme's fold arrow --------------------------------------------

    def mousePressEvent(self, event: QMouseEvent) -> None:
        """In voting mode a click votes; a click on a theme's "▸ n cards" folds it."""
        index = self.indexAt(event.position().toPoint())
        if self.voting and index.isValid() and event.button() == Qt.MouseButton.LeftButton:
            # The dot is placed when the button comes up on the same card, as a click: pressing
            # on a card and moving off it (a drag, a change of mind) places none.
            self.setCurrentIndex(index)
            self._vote_press = (str(index.data(ID_ROLE)), event.modifiers())
            return
        self._vote_press = None
        if (
            index.isValid()
            and index.data(KIND_ROLE) == "theme"
            and self._on_fold(index, event.position().toPoint())
        ):
            self.setExpanded(index, not self.isExpanded(index))
            return
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        """While a vote's click is pressed nothing is dragged or selected."""
        if self._vote_press is not None:
            return
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        """The end of a vote's click: a dot if the pointer is still on the card it pressed."""
        pressed, self._vote_press = self._vote_press, None
        if pressed is None or event.button() != Qt.MouseButton.LeftButton:
            super().mouseReleaseEvent(event)
            return
        item_id, modifiers = pressed
        index = self.indexAt(event.position().toPoint())
        if self.voting and index.isValid() and str(index.data(ID_ROLE)) == item_id:
            self.vote_clicked.emit(item_id, modifiers)

    def _on_fold(self, index: QModelIndex, pos: QPoint) -> bool:
        rect = self.visualRect(index)
        zoom = self.card_delegate.zoom
        return pos.x() < rect.left() + 150 * zoom and pos.y() > rect.bottom() - 40 * zoom
