"""File ▸ New Board from Template… and Save Sections as Template…"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths, Qt
from PySide6.QtWidgets import QInputDialog, QMessageBox

from pmdesk.atomic import write_atomic
from pmdesk.model.board_ops import replace_sections
from pmdesk.model.section_templates import (
    SectionTemplate,
    TemplateError,
    load_templates,
    template_file_name,
    template_from_board_sections,
    template_json,
)
from pmdesk.model.shown import shown
from pmdesk.resources import resource_path
from pmdesk.ui.main_window import MainWindow


def user_template_folder() -> Path:
    """Where the user's own templates live: <AppDataLocation>/templates."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location) / "templates"


def all_templates(user_folder: Path | None = None) -> list[SectionTemplate]:
    """The bundled presets, then the user's templates."""
    return load_templates(resource_path("templates"), user_folder or user_template_folder())


def apply_template(window: MainWindow, template: SectionTemplate) -> MainWindow | None:
    """Apply a template: to this board if it has no cards yet, else to a new untitled board.

    Applying to an empty board is one undoable step; the window the template went to is returned.
    """
    board = window.qt_document.board
    target: object = window
    if board.cards or board.themes:
        target = window.hooks.new_board()
        if not isinstance(target, MainWindow):
            return None
    assert isinstance(target, MainWindow)
    if target.qt_document.attempt(replace_sections, list(template.sections)):
        return target
    return None


def save_template(folder: Path, template: SectionTemplate) -> Path:
    """Write a template file into ``folder`` through a temporary file and an atomic rename."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / template_file_name(template.name)
    write_atomic(path, template_json(template).encode("utf-8"))
    return path


def new_board_from_template_dialog(window: MainWindow) -> None:
    """Ask which template, then apply it."""
    templates = all_templates()
    if not templates:
        window.show_error("No templates", "No section templates were found.")
        return
    names = [t.name for t in templates]
    name, ok = QInputDialog.getItem(window, "New board from template", "Sections:", names, 0, False)
    if ok:
        target = apply_template(window, templates[names.index(name)])
        if target is not None and target is not window:
            target.raise_()


def save_sections_dialog(window: MainWindow, folder: Path | None = None) -> Path | None:
    """Ask for a name and save the board's sections as a template."""
    name, ok = QInputDialog.getText(window, "Save sections as template", "Template name:")
    if not ok or not name.strip():
        return None
    target_folder = folder or user_template_folder()
    try:
        template = template_from_board_sections(name, window.qt_document.board.sections)
    except TemplateError as error:
        window.show_error("Cannot save the template", shown(str(error)))
        return None
    path = target_folder / template_file_name(template.name)
    if path.exists():
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Replace template?",
            "",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            window,
        )
        box.setTextFormat(Qt.TextFormat.PlainText)
        box.setText(f"A template named {shown(path.stem)} exists. Replace it?")
        if box.exec() != QMessageBox.StandardButton.Yes:
            return None
    try:
        return save_template(target_folder, template)
    except OSError as error:
        window.show_error("Cannot save the template", shown(str(error)))
        return None
