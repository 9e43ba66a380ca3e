"""Item delegates shared by the timeline and the actions table: choices, times and dates."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QDate, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from pmdesk.ui.facts.when import TIME_FORMAT

Index = QModelIndex | QPersistentModelIndex
Choice = tuple[str, Any, QIcon | None]  # label, value, icon
NOT_SET_DATE = QDate(2000, 1, 1)  # the date edit's minimum, shown as "not set"


class ChoiceDelegate(QStyledItemDelegate):
    """A combo box of (label, value) choices; the model's EditRole holds the value."""

    def __init__(self, choices: Callable[[], Sequence[Choice]], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.choices = choices

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        """A combo box listing the choices."""
        combo = QComboBox(parent)
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


class TimeDelegate(QStyledItemDelegate):
    """A local date-time editor for event times."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        """A QDateTimeEdit with a calendar."""
        editor = QDateTimeEdit(parent)
        editor.setDisplayFormat(TIME_FORMAT)
        editor.setCalendarPopup(True)
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        """Show the event's local time."""
        assert isinstance(editor, QDateTimeEdit)
        editor.setDateTime(index.data(Qt.ItemDataRole.EditRole))

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        """Write the new time."""
        assert isinstance(editor, QDateTimeEdit)
        model.setData(index, editor.dateTime(), Qt.ItemDataRole.EditRole)


class DateDelegate(QStyledItemDelegate):
    """A date editor with a calendar popup; its lowest date reads "not set" and clears the date."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: Index) -> QWidget:
        """A QDateEdit with a calendar and a "not set" value."""
        editor = QDateEdit(parent)
        editor.setCalendarPopup(True)
        editor.setDisplayFormat("ddd d MMM yyyy")
        editor.setMinimumDate(NOT_SET_DATE)
        editor.setSpecialValueText("not set")
        return editor

    def setEditorData(self, editor: QWidget, index: Index) -> None:
        """Show the date, or today's when none is set yet."""
        assert isinstance(editor, QDateEdit)
        value = index.data(Qt.ItemDataRole.EditRole)
        editor.setDate(value if isinstance(value, QDate) and value.isValid() else QDate.currentDate())

    def setModelData(self, editor: QWidget, model: QAbstractItemModel, index: Index) -> None:
        """Write the date (None for "not set")."""
        assert isinstance(editor, QDateEdit)
        date = editor.date()
        model.setData(index, None if date == NOT_SET_DATE else date, Qt.ItemDataRole.EditRole)
