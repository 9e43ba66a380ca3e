"""PDFs built from several threads at once: reportlab's process-wide state is never shared mid-build."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from pmdesk.report.pdf import pdf_bytes
from pmdesk.report.reportlab_fixes import REPORTLAB
from tests.report.conftest import hostile_board

# A fresh process, so that the fonts are registered by the racing threads themselves. Font
# loading is slowed down, to give a race every chance; each build records how many run at once.
STRESS = """
import io, sys, threading, time
from pypdf import PdfReader
from reportlab.pdfbase import ttfonts
from pmdesk.model.board import Card
from pmdesk.report import pdf
from tests.report.conftest import hostile_board

loaded = []
load = ttfonts.TTFont.__init__
def slow_load(self, name, *args, **kwargs):
    loaded.append(name)
    time.sleep(0.05)
    load(self, name, *args, **kwargs)
ttfonts.TTFont.__init__ = slow_load

running, most = [0], [0]
build = pdf._Report.build
def counted_build(self, *args, **kwargs):
    running[0] += 1
    most[0] = max(most[0], running[0])
    try:
        return build(self, *args, **kwargs)
    finally:
        running[0] -= 1
pdf._Report.build = counted_build

TEXTS = ["مرحبا بالعالم " * 30, "한국어 텍스트 " * 30, "中文字 日本語 🔥 " * 30, "Plain words " * 30]
def board(n):
    made = hostile_board()
    made.cards.append(Card(f"x{n}", "lessons", TEXTS[n % 4], "p1"))
    return made

def text(data):
    return " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)

THREADS = 4
built, failures = {}, []
start = threading.Barrier(THREADS)
def export(n):
    made = board(n)
    start.wait()
    try:
        built[n] = pdf.pdf_bytes(made)
    except Exception as error:
        failures.append(repr(error))
threads = [threading.Thread(target=export, args=(n,)) for n in range(THREADS)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
assert not failures, failures
assert sorted(loaded) == sorted(set(loaded)), f"fonts loaded more than once: {sorted(loaded)}"
assert most[0] == 1, f"{most[0]} documents were built at the same time"
for n in range(THREADS):
    assert text(built[n]) == text(pdf.pdf_bytes(board(n))), f"export {n} differs from one built alone"
print("ok", len(loaded), "fonts")
"""


def test_exports_on_several_threads_load_each_font_once_and_build_one_at_a_time(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(Path(__file__).parents[2]))
    done = subprocess.run(
        [sys.executable, "-X", "faulthandler", "-c", STRESS],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert done.stdout.startswith("ok")


class Cancelled(Exception):
    """What the export dialog's Cancel raises from the progress callback."""


def test_an_export_waiting_for_its_turn_can_be_cancelled(monkeypatch: pytest.MonkeyPatch) -> None:
    from pmdesk.report import pdf

    started: list[bool] = []
    monkeypatch.setattr(pdf, "build_story", lambda *_args: started.append(True) or [])
    outcome: list[BaseException] = []

    def cancelled(_fraction: float) -> None:
        raise Cancelled

    def export() -> None:
        try:
            pdf_bytes(hostile_board(), cancelled)
        except BaseException as error:
            outcome.append(error)

    with REPORTLAB:  # another export is building its document
        worker = threading.Thread(target=export)
        worker.start()
        worker.join(10)
        assert not worker.is_alive()
    assert len(outcome) == 1 and isinstance(outcome[0], Cancelled)
    assert not started  # it never began its own document
