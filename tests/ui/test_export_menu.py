"""File ▸ Export and File ▸ Email Report…: files written off the GUI thread, errors shown."""

from __future__ import annotations

import copy
import email
import email.policy
import gc
import json
import os
import threading
import weakref
from collections.abc import Iterator
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QSettings, QUrl
from PySide6.QtWidgets import QFileDialog, QMessageBox
from pytestqt.qtbot import QtBot

from pmdesk.model.card_ops import set_card_field
from pmdesk.model.demo import demo_board
from pmdesk.store.document import Document
from pmdesk.ui.document_adapter import QtDocument
from pmdesk.ui.export_jobs import ExportJob
from pmdesk.ui.export_menu import FORMATS, ExportController, install
from pmdesk.ui.main_window import MainWindow, WindowHooks


@pytest.fixture
def window(qtbot: QtBot, board_path: Path, settings: QSettings) -> Iterator[MainWindow]:
    """A main window on the demo board with only the export menu installed.

    The other areas' pages play no part in exporting, so these tests do not depend on them.
    """
    document = Document.open(board_path)
    qt_document = QtDocument(document)
    hooks = WindowHooks(lambda: None, lambda _path: None, lambda: [], lambda: None)
    main = MainWindow(qt_document, hooks, settings)
    qt_document.setParent(main)
    install(main)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    yield main
    controller_of(main).wait()
    document.close()


def controller_of(window: MainWindow) -> ExportController:
    """The window's export controller."""
    found = window.findChild(ExportController, "ExportController")
    assert isinstance(found, ExportController)
    return found


def answer_save_dialog(monkeypatch: pytest.MonkeyPatch, path: Path | None) -> list[str]:
    """Make QFileDialog.getSaveFileName answer ``path`` (None: cancelled); returns the suggestions."""
    asked: list[str] = []

    def fake(
        _parent: object, _caption: str, suggested: str, _filter: str, **_options: object
    ) -> tuple[str, str]:
        asked.append(suggested)
        return ("" if path is None else str(path), "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake))
    return asked


def mark_clean(window: MainWindow) -> None:
    """Mark the undo stack clean.

    Destroying a window whose stack is not clean emits cleanChanged into MainWindow's lambda after
    the window's C++ object is gone (a RuntimeError in main_window.py, reported to its owner).
    """
    window.qt_document.undo_stack.setClean()


def trigger(window: MainWindow, name: str) -> None:
    """Trigger a File menu action by its object name, as a click would."""
    controller = controller_of(window)
    controller.actions[name].trigger()


def test_export_menu_lists_every_format(window: MainWindow) -> None:
    texts = [action.text().replace("&", "") for action in window.export_menu.actions()]
    assert texts == ["PDF…", "Markdown…", "Actions CSV…", "Calendar (.ics)…", "Email Draft…", "Board JSON…"]
    file_texts = [action.text().replace("&", "") for action in window.file_menu.actions()]
    assert file_texts.index("Email Report…") == file_texts.index("Export") + 1
    email_action = controller_of(window).actions["email_report"]
    assert email_action.shortcut().toString() == "Ctrl+Shift+E"


def test_pdf_export_writes_a_pdf(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "out" / "report"
    target.parent.mkdir()
    asked = answer_save_dialog(monkeypatch, target)
    trigger(window, "pdf")
    written = target.with_suffix(".pdf")
    qtbot.waitUntil(written.exists, timeout=30000)
    assert written.read_bytes().startswith(b"%PDF")
    assert asked and asked[0].endswith("demo.pdf")  # suggested beside the board, named after it
    controller_of(window).wait()


def test_json_export_parses_and_holds_the_board(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "board.json"
    answer_save_dialog(monkeypatch, target)
    with qtbot.waitSignal(controller_of(window).exported, timeout=10000) as blocker:
        trigger(window, "json")
    assert blocker.args == ["json", str(target)]
    data = json.loads(target.read_text(encoding="utf-8"))
    assert len(data["cards"]) == len(window.qt_document.board.cards)


@pytest.mark.parametrize("fmt", [fmt.key for fmt in FORMATS if fmt.key not in ("pdf", "json")])
def test_other_formats_are_written(
    fmt: str, window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / f"export.{fmt}"
    answer_save_dialog(monkeypatch, target)
    with qtbot.waitSignal(controller_of(window).exported, timeout=30000):
        trigger(window, fmt)
    assert target.stat().st_size > 0


def test_export_is_of_the_board_when_asked(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    card = window.qt_document.board.cards[0]
    assert window.qt_document.attempt(set_card_field, card.id, "text", "Exported text 42")
    mark_clean(window)
    target = tmp_path / "board.json"
    answer_save_dialog(monkeypatch, target)
    with qtbot.waitSignal(controller_of(window).exported, timeout=10000):
        trigger(window, "json")
    assert "Exported text 42" in target.read_text(encoding="utf-8")


def test_cancelled_dialog_writes_nothing(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer_save_dialog(monkeypatch, None)
    trigger(window, "pdf")
    assert not controller_of(window).jobs
    assert list(tmp_path.glob("*.pdf")) == []


def test_failure_is_shown_with_show_error(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(window, "show_error", lambda title, message: errors.append((title, message)))
    answer_save_dialog(monkeypatch, tmp_path / "no-such-folder" / "board.md")
    trigger(window, "md")
    qtbot.waitUntil(lambda: bool(errors), timeout=10000)
    assert errors[0][0] == "Export failed"
    assert "board.md" in errors[0][1]
    assert not controller_of(window).jobs


def test_window_stays_responsive_during_a_pdf(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.pdf"
    answer_save_dialog(monkeypatch, target)
    trigger(window, "pdf")
    # The export runs on a worker: back from the menu, the job is still in flight (it leaves the
    # list only when its end reaches the GUI thread), and an edit goes through meanwhile.
    assert controller_of(window).jobs
    card = window.qt_document.board.cards[0]
    assert window.qt_document.attempt(set_card_field, card.id, "text", "Edited meanwhile")
    mark_clean(window)
    qtbot.waitUntil(target.exists, timeout=30000)
    controller_of(window).wait()


def test_email_report_writes_a_draft_with_the_pdf_and_opens_it(
    window: MainWindow, qtbot: QtBot, board_path: Path
) -> None:
    controller = controller_of(window)
    opened: list[QUrl] = []
    controller.open_url = lambda url: opened.append(url) or True
    with qtbot.waitSignal(controller.exported, timeout=30000) as blocker:
        controller.actions["email_report"].trigger()
    draft = Path(blocker.args[1])
    assert draft.parent == board_path.parent and draft.suffix == ".eml"
    assert opened == [QUrl.fromLocalFile(str(draft))]
    message = email.message_from_bytes(draft.read_bytes(), policy=email.policy.default)
    assert "Post-mortem" in str(message["Subject"])
    attachments = list(message.iter_attachments())  # type: ignore[attr-defined]
    assert [part.get_content_type() for part in attachments] == ["application/pdf"]
    assert attachments[0].get_content().startswith(b"%PDF")


def test_email_report_shows_where_the_draft_is_when_no_mail_client(window: MainWindow, qtbot: QtBot) -> None:
    controller = controller_of(window)
    controller.open_url = lambda _url: False
    with qtbot.waitSignal(controller.exported, timeout=30000) as blocker:
        controller.email_report()
    box = controller.last_message
    assert isinstance(box, QMessageBox)
    assert blocker.args[1] in box.text()
    assert box.textFormat().name == "PlainText"
    box.close()


def fake_xdg_open(folder: Path, status: int, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An xdg-open first on PATH that notes what it was asked to open and exits with ``status``."""
    folder.mkdir()
    script = folder / "xdg-open"
    script.write_text(f'#!/bin/sh\nprintf "%s" "$1" > "{folder}/asked"\nexit {status}\n')
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")
    return folder / "asked"


def test_email_report_says_where_the_draft_is_when_xdg_open_finds_no_mail_client(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = fake_xdg_open(tmp_path / "bin", 3, monkeypatch)  # 3: "no method available" (Debian)
    controller = controller_of(window)
    with qtbot.waitSignal(controller.exported, timeout=30000) as blocker:
        controller.actions["email_report"].trigger()
    qtbot.waitUntil(lambda: controller.last_message is not None and controller.last_message.isVisible())
    assert asked.read_text() == blocker.args[1]  # the draft went to the desktop's opener
    box = controller.last_message
    assert box is not None and "No mail client opened the draft" in box.text()
    assert blocker.args[1] in box.text()
    box.close()


def test_email_report_says_nothing_more_when_the_mail_client_opens(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = fake_xdg_open(tmp_path / "bin", 0, monkeypatch)
    controller = controller_of(window)
    with qtbot.waitSignal(controller.exported, timeout=30000) as blocker:
        controller.actions["email_report"].trigger()
    qtbot.waitUntil(asked.exists)
    qtbot.wait(600)  # past the opener's exit and the next look at it
    assert asked.read_text() == blocker.args[1]
    assert controller.last_message is None


def test_cancel_stops_the_job_and_leaves_no_file(window: MainWindow, qtbot: QtBot, tmp_path: Path) -> None:
    controller = controller_of(window)
    out = tmp_path / "out"
    out.mkdir()
    job = ExportJob(copy.deepcopy(window.qt_document.board), "pdf", out / "report.pdf")
    job.cancel()  # as if Cancel was pressed before the first progress report
    with qtbot.waitSignal(job.signals.cancelled, timeout=30000):
        controller.pool.start(job)
    controller.wait()
    assert list(out.iterdir()) == []


def test_a_finished_export_lets_go_of_its_copy_of_the_board(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    answer_save_dialog(monkeypatch, tmp_path / "report.md")
    controller = controller_of(window)
    with qtbot.waitSignal(controller.exported, timeout=30000):
        trigger(window, "md")
        [job] = controller.jobs
        board_copy = weakref.ref(job.board)
        del job
    # The copy is gone by the time the window hears the export ended: it does not wait for the
    # job object to go (the pool deletes it on its thread, the progress dialog's owner goes with
    # a deferred delete on this one, and either may come later on a busy machine).
    gc.collect()  # a copy in a reference cycle would go only here
    assert board_copy() is None
    assert (tmp_path / "report.md").read_text(encoding="utf-8").startswith("#")


class HeldEvent(threading.Event):
    """An event whose ``set`` waits at ``gate`` first: the worker thread paused right after its
    last emit, as a busy machine may pause it."""

    def __init__(self, gate: threading.Event) -> None:
        super().__init__()
        self.gate = gate

    def set(self) -> None:
        self.gate.wait(30)
        super().set()


def test_an_ended_export_keeps_its_signals_until_the_worker_is_past_its_last_emit(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The window hears "finished" as soon as it is posted; the signals it came through must not
    be deleted (with the progress dialog's owner) while the worker may still be in that emit."""
    answer_save_dialog(monkeypatch, tmp_path / "report.md")
    gate = threading.Event()
    made = ExportJob.__init__

    def held(job: ExportJob, *args: object, **kwargs: object) -> None:
        made(job, *args, **kwargs)  # type: ignore[arg-type]
        job.let_go = HeldEvent(gate)

    monkeypatch.setattr(ExportJob, "__init__", held)
    controller = controller_of(window)
    try:
        with qtbot.waitSignal(controller.exported, timeout=30000):
            trigger(window, "md")
            [job] = controller.jobs
            signals = job.signals
            del job
        qtbot.wait(100)  # the main loop turns, its deferred deletes run
        assert shiboken6.isValid(signals)
    finally:
        gate.set()
    qtbot.waitUntil(lambda: not shiboken6.isValid(signals))  # and go once the worker is past it
    controller.wait()


def test_two_windows_export_pdfs_at_the_same_time(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, settings: QSettings
) -> None:
    other_path = tmp_path / "other.pmdesk"
    Document.create(other_path, demo_board()).close()
    document = Document.open(other_path)
    qt_document = QtDocument(document)
    other = MainWindow(
        qt_document, WindowHooks(lambda: None, lambda _p: None, lambda: [], lambda: None), settings
    )
    qt_document.setParent(other)
    install(other)
    qtbot.addWidget(other)
    try:
        targets = [tmp_path / "first.pdf", tmp_path / "second.pdf"]
        for each, target in zip((window, other), targets, strict=True):
            answer_save_dialog(monkeypatch, target)
            trigger(each, "pdf")
        assert controller_of(window).jobs and controller_of(other).jobs  # both in flight
        qtbot.waitUntil(lambda: all(target.exists() for target in targets), timeout=60000)
        for each in (window, other):
            controller_of(each).wait()
        assert all(target.read_bytes().startswith(b"%PDF") for target in targets)
    finally:
        controller_of(other).wait()
        document.close()


def errors_of(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str]]:
    """Collect the window's error dialogs instead of showing them."""
    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(window, "show_error", lambda title, message: errors.append((title, message)))
    return errors


def test_an_export_onto_the_boards_own_file_is_refused(
    window: MainWindow, qtbot: QtBot, board_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    errors = errors_of(window, monkeypatch)
    before = board_path.read_bytes()
    answer_save_dialog(monkeypatch, board_path)  # "All files", and the dialog's Replace? answered Yes
    trigger(window, "pdf")
    qtbot.waitUntil(lambda: bool(errors), timeout=30000)
    assert errors[0][0] == "Export failed" and "is the board being exported" in errors[0][1]
    assert board_path.read_bytes() == before
    card = window.qt_document.board.cards[0]
    assert window.qt_document.attempt(set_card_field, card.id, "text", "Still saved")  # the file works on
    mark_clean(window)
    assert reopen_text(board_path, card.id) == "Still saved"


def reopen_text(path: Path, card_id: str) -> str:
    from pmdesk.store.board_file import BoardFile

    board = BoardFile.read_snapshot(path)
    return next(card.text for card in board.cards if card.id == card_id)


def test_an_export_onto_another_board_is_refused(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from pmdesk.model.demo import demo_board

    other = tmp_path / "other.pmdesk"
    Document.create(other, demo_board()).close()
    before = other.read_bytes()
    errors = errors_of(window, monkeypatch)
    answer_save_dialog(monkeypatch, other)
    trigger(window, "json")
    qtbot.waitUntil(lambda: bool(errors), timeout=10000)
    assert "the name of a pmdesk board" in errors[0][1]
    assert other.read_bytes() == before


def test_a_suffix_added_to_an_existing_name_asks_before_replacing(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    existing = tmp_path / "notes.md"
    existing.write_text("keep", encoding="utf-8")
    answer_save_dialog(monkeypatch, tmp_path / "notes")  # the dialog only asked about "notes"
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked: list[str] = []

    def question(_parent: object, _title: str, text: str, *_args: object) -> QMessageBox.StandardButton:
        asked.append(text)
        return answers.pop(0)

    monkeypatch.setattr(QMessageBox, "question", staticmethod(question))
    trigger(window, "md")
    assert not controller_of(window).jobs and existing.read_text(encoding="utf-8") == "keep"
    with qtbot.waitSignal(controller_of(window).exported, timeout=10000):
        trigger(window, "md")
    assert existing.read_text(encoding="utf-8").startswith("# ")
    assert len(asked) == 2 and "notes.md already exists" in asked[0]


def test_email_draft_says_which_addresses_were_left_out_and_why(window: MainWindow, qtbot: QtBot) -> None:
    from pmdesk.model.board_ops import set_participant_field

    people = window.qt_document.board.participants
    assert window.qt_document.attempt(set_participant_field, people[0].id, "email", "ana@[example.org")
    assert window.qt_document.attempt(set_participant_field, people[1].id, "name", "Ben\rOkafor")
    mark_clean(window)
    controller = controller_of(window)
    controller.open_url = lambda _url: True
    with qtbot.waitSignal(controller.exported, timeout=30000) as blocker:
        controller.email_report()
    box = controller.last_message
    assert isinstance(box, QMessageBox) and box.textFormat().name == "PlainText"
    assert '"ana@[example.org" left out of To (the part after the @ is not a domain name' in box.text()
    assert "\r" not in box.text()
    box.close()
    message = email.message_from_bytes(Path(blocker.args[1]).read_bytes(), policy=email.policy.default)
    to = str(message["To"])
    assert "ana@" not in to and "Ben Okafor" in to and people[1].email in to


def test_choosing_the_board_itself_is_refused_at_once_without_asking_to_replace_it(
    window: MainWindow, board_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The save dialog asked "demo.pmdesk already exists. Do you want to replace it?" about the
    board itself, and only after Yes said that an export never replaces a board."""
    chosen: list[object] = []

    def dialog(*args: object, **kwargs: object) -> tuple[str, str]:
        chosen.append(kwargs.get("options", QFileDialog.Option(0)))
        return (str(board_path), "")

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(dialog))
    questions: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: questions.append(a[2])))
    errors: list[tuple[str, str]] = []
    monkeypatch.setattr(window, "show_error", lambda title, message: errors.append((title, message)))
    before = board_path.read_bytes()
    trigger(window, "pdf")
    # The dialog itself never asks about replacing (pmdesk asks, after checking the name).
    assert chosen and QFileDialog.Option.DontConfirmOverwrite in chosen[0]  # type: ignore[operator]
    assert questions == []
    assert errors and "an export never replaces a board" in errors[0][1]
    assert not controller_of(window).jobs
    assert board_path.read_bytes() == before


def test_an_existing_file_is_replaced_only_when_the_person_says_yes(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "old.md"
    target.write_text("keep me")
    answer_save_dialog(monkeypatch, target)
    answers = [QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes]
    asked: list[str] = []
    monkeypatch.setattr(
        QMessageBox, "question", staticmethod(lambda *a, **k: asked.append(a[2]) or answers.pop(0))
    )
    trigger(window, "md")
    assert not controller_of(window).jobs and target.read_text() == "keep me"
    with qtbot.waitSignal(controller_of(window).exported, timeout=30000):
        trigger(window, "md")
    assert target.read_text().startswith("# Post-mortem")
    assert len(asked) == 2 and "old.md already exists" in asked[0]
