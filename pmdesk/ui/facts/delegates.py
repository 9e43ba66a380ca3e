"""Item delegates shared by the timeline and the actions table: choices, typed times and dates."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QDate,
    QDateTime,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QRect,
    Qt,
)
from PySide6.QtGui import QIcon, QKeyEvent
from PySide6.QtWidgets import (
    QComboBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from pmdesk.ui.facts.date_field import DateField, Kind
from pmdesk.ui.facts.when import qdate_to_iso, qdatetime_to_iso

Index = QModelIndex | QPersistentModelIndex
Choice = tuple[str, Any, QIcon | None]  # label, value, icon
LEAVING_KEYS = (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab)


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box of (label, value) choices; the model's EditRole holds the value."""

    def __init__(self, choices: Callable[[], Sequence[Choice]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.choices = choices

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        """A combo box listing the choices."""
        combo = QComboBox(parent)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        for label, value, icon in self.choices():
            if icon is None:
                combo.addItem(label, value)
            else:
                combo.addItem(icon, label, value)
        return combo

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        """Select the current value."""
        assert isinstance(editor, QComboBox)
        current = index.data(Qt.ItemDataRole.EditRole)
        for row in range(editor.count()):
            if editor.itemData(row) == current:
                editor.setCurrentIndex(row)
                return

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        """Write the chosen value."""
        assert isinstance(editor, QComboBox)
        model.setData(index, editor.currentData(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: Index) -> None:
        """The cell's rectangle, widened so the longest choice shows whole ("Medium", not "Mediu")."""
        rect = QRect(option.rect)
        rect.setWidth(max(rect.width(), editor.sizeHint().width()))
        editor.setGeometry(rect)


class TypedDateDelegate(QStyledItemDelegate):
    """A typed date (or date and time) editor with a calendar, at least as wide as its value.

    Enter or Tab on a refused text keeps the editor open with the message; nothing is written.
    """

    def __init__(self, kind: Kind, label: str, report: Callable[[str], object], parent: QObject) -> None:
        super().__init__(parent)
        self.kind = kind
        self.label = label
        self.report = report

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        """A DateField that reports what it refuses."""
        editor = DateField(self.kind, self.label, parent, optional=self.kind is Kind.DATE)
        editor.refused.connect(self.report)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        """Show the stored value (the model gives QDate, QDateTime, ISO text or None)."""
        assert isinstance(editor, DateField)
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(value, QDateTime):
            value = qdatetime_to_iso(value)
        elif isinstance(value, QDate):
            value = qdate_to_iso(value) if value.isValid() else None
        editor.set_value(value if isinstance(value, str) else None)
        editor.selectAll()

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        """Write what was typed, unless it was refused (then the cell keeps its value)."""
        assert isinstance(editor, DateField)
        if editor.commit():
            model.setData(index, editor.value(), Qt.ItemDataRole.EditRole)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: Index) -> None:
        """The cell's rectangle, widened to show the whole value."""
        rect = QRect(option.rect)
        rect.setWidth(max(rect.width(), editor.minimumSizeHint().width(), editor.minimumWidth()))
        editor.setGeometry(rect)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Enter, Return, Tab and Backtab leave the editor only with a value that can be stored."""
        if (
            isinstance(watched, DateField)
            and isinstance(event, QKeyEvent)
            and event.type() == QEvent.Type.KeyPress
            and event.key() in LEAVING_KEYS
            and not watched.commit()
        ):
            return True
        return super().eventFilter(watched, event)
