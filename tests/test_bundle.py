"""The standalone bundle: pmdesk.spec builds, and the frozen binary starts, shows a board and exports."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def frozen(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The frozen pmdesk binary, built once for this module from pmdesk.spec."""
    pytest.importorskip("PyInstaller")
    build = tmp_path_factory.mktemp("bundle")
    command = [
        sys.executable, "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN",
        "--distpath", str(build / "dist"), "--workpath", str(build / "work"), str(ROOT / "pmdesk.spec"),
    ]  # fmt: skip
    done = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-4000:]
    binary = build / "dist" / "pmdesk" / "pmdesk"
    assert binary.is_file()
    yield binary
    shutil.rmtree(build, ignore_errors=True)


def run_frozen(binary: Path, *args: str, home: Path) -> subprocess.CompletedProcess[str]:
    """Run the frozen binary offscreen, with its settings and data in ``home``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "QT_", "XDG_"))}
    env.update(QT_QPA_PLATFORM="offscreen", HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"))
    env.update(XDG_DATA_HOME=str(home / ".local" / "share"), XDG_RUNTIME_DIR=str(home))
    os.chmod(home, 0o700)  # Qt refuses a runtime dir others can read
    return subprocess.run([str(binary), *args], capture_output=True, text=True, timeout=60, env=env)


def test_bundle_holds_the_resources(frozen: Path) -> None:
    resources = frozen.parent / "_internal" / "pmdesk" / "resources"
    assert (resources / "fonts" / "DejaVuSans.ttf").is_file()
    assert (resources / "fonts" / "LICENSES" / "DejaVu.txt").is_file()
    assert (resources / "icons" / "pmdesk.png").is_file()
    assert (resources / "templates" / "10-default.json").is_file()
    assert not list(frozen.parent.rglob("libQt6WebEngine*"))
    assert not list(frozen.parent.rglob("libQt6Qml*"))
    assert not list(frozen.parent.rglob("*.qm"))  # Qt's translations: pmdesk is in English
    plugins = frozen.parent / "_internal" / "PySide6" / "Qt" / "plugins"
    assert [p.name for p in (plugins / "imageformats").iterdir()] == ["libqsvg.so"]
    assert not list(frozen.parent.rglob("libpangocairo*"))  # came only for the dropped GTK theme


def test_frozen_version(frozen: Path, tmp_path: Path) -> None:
    done = run_frozen(frozen, "--version", home=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("pmdesk ")


def test_frozen_window_shows_the_demo_board_and_exits_0(frozen: Path, tmp_path: Path) -> None:
    board = tmp_path / "demo.pmdesk"
    made = run_frozen(frozen, "demo", str(board), home=tmp_path)
    assert made.returncode == 0, made.stderr
    shown = run_frozen(frozen, "--quit-after-show", str(board), home=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert "Traceback" not in shown.stderr


def test_frozen_pdf_export_finds_the_bundled_fonts(frozen: Path, tmp_path: Path) -> None:
    board = tmp_path / "demo.pmdesk"
    assert run_frozen(frozen, "demo", str(board), home=tmp_path).returncode == 0
    pdf = tmp_path / "report.pdf"
    done = run_frozen(frozen, "export", str(board), "--format", "pdf", "-o", str(pdf), home=tmp_path)
    assert done.returncode == 0, done.stderr
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF")
    assert b"DejaVuSans" in data  # the bundled font is embedded (no Helvetica fallback)


def test_frozen_install_desktop_starts_the_bundle(frozen: Path, tmp_path: Path) -> None:
    done = run_frozen(frozen, "install-desktop", home=tmp_path)
    assert done.returncode == 0, done.stderr
    launcher = tmp_path / ".local" / "share" / "applications" / "pmdesk.desktop"
    assert f"Exec={frozen} %f" in launcher.read_text(encoding="utf-8").splitlines()
    validate = shutil.which("desktop-file-validate")
    assert validate is not None
    assert subprocess.run([validate, str(launcher)], capture_output=True).returncode == 0


def test_frozen_room_serves_the_page_on_loopback(frozen: Path, tmp_path: Path) -> None:
    import http.client
    import re
    import signal

    board = tmp_path / "demo.pmdesk"
    assert run_frozen(frozen, "demo", str(board), home=tmp_path).returncode == 0
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "QT_", "XDG_"))}
    command = [str(frozen), "room", str(board), "--host", "127.0.0.1", "--port", "0"]
    with subprocess.Popen(
        command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env
    ) as room:
        try:
            assert room.stdout is not None
            url = room.stdout.readline().strip()
            found = re.fullmatch(r"http://127\.0\.0\.1:(\d+)(/j/[A-Za-z0-9_-]+)", url)
            assert found
            for path in (found[2], f"{found[2]}/room.js", f"{found[2]}/room.css"):
                conn = http.client.HTTPConnection("127.0.0.1", int(found[1]), timeout=10)
                conn.request("GET", path)
                answer = conn.getresponse()
                assert answer.status == 200 and answer.read()
                conn.close()
            room.send_signal(signal.SIGTERM)
            assert room.wait(timeout=20) == 0
        finally:
            if room.poll() is None:
                room.kill()


def test_frozen_window_room_process_starts_from_the_bundle(frozen: Path) -> None:
    """The window's room runs the bundle again as its server process (pmdesk/room/worker.py)."""
    import sys

    sys.frozen = True  # type: ignore[attr-defined]  # as in the bundle: the program runs itself
    try:
        from pmdesk.ui.room.server_process import worker_command

        program, args = worker_command("127.0.0.1", "en", "ltr")
        assert program == sys.executable and args[0] == "--room-worker"  # the bundle runs itself
    finally:
        del sys.frozen  # type: ignore[attr-defined]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "QT_", "XDG_"))}
    with subprocess.Popen(
        [str(frozen), *args], stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env
    ) as worker:
        try:
            from pmdesk.room.frames import JsonFrames

            assert worker.stdout is not None and worker.stdin is not None
            frames, first = JsonFrames(), []
            while not first and (data := worker.stdout.read1(65536)):
                first = frames.feed(data)
            assert first and first[0]["op"] == "ready", worker.stderr.read() if worker.stderr else ""
            assert first[0]["url"].startswith("http://127.0.0.1:")
            worker.stdin.close()  # the window is gone: the process ends by itself
            assert worker.wait(timeout=20) == 0
        finally:
            if worker.poll() is None:
                worker.kill()
