"""Drive pmdesk's real window on an X server with real input, as a facilitator in a room does.

``Room`` runs the window in its own process on an Xvfb display, sends keys, text and mouse
gestures with xdotool (the X server queues them like a keyboard and a mouse would), and reads
the board back with ``pmdesk export --format json``. A probe inside the window process
(window_probe.py) only tells where things are on the screen and which widget has focus.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import pmdesk

PROBE = Path(__file__).with_name("window_probe.py")
SOURCE_ROOT = Path(pmdesk.__file__).resolve().parent.parent
TYPING_DELAY_MS = 30  # a fast typist: the room's figure where keystrokes were lost


def missing_tools() -> list[str]:
    """The X tools the end-to-end tests need that this machine lacks."""
    return [tool for tool in ("Xvfb", "xdotool") if shutil.which(tool) is None]


@contextmanager
def xvfb(width: int = 1920, height: int = 1080) -> Iterator[str]:
    """A private Xvfb server on a free display (Xvfb picks it); yields the DISPLAY value."""
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", f"{width}x{height}x24", "-nolisten", "tcp"],
        pass_fds=(write,),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.close(write)
    try:
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        if not number:
            raise RuntimeError("Xvfb did not start")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(10)


@contextmanager
def window_manager(display: str) -> Iterator[None]:
    """Openbox on ``display`` while the block runs."""
    manager = subprocess.Popen(
        ["openbox", "--sm-disable"],
        env={**os.environ, "DISPLAY": display},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        time.sleep(0.5)  # it takes the screen before the first window maps
        yield
    finally:
        manager.terminate()
        manager.wait(10)


class Room:
    """One pmdesk window on a board file, driven with real X input."""

    def __init__(self, display: str, board: Path, home: Path) -> None:
        self.display = display
        self.board = board
        self.home = home
        self.probe_dir = home / "probe"
        self.probe_dir.mkdir(parents=True, exist_ok=True)
        self._serial = 0
        self.env = dict(os.environ)
        self.env.update(
            DISPLAY=display,
            QT_QPA_PLATFORM="xcb",
            HOME=str(home),
            XDG_CONFIG_HOME=str(home / "config"),
            XDG_DATA_HOME=str(home / "data"),
            XDG_RUNTIME_DIR=str(home / "runtime"),
            PYTHONPATH=os.pathsep.join([str(SOURCE_ROOT), os.environ.get("PYTHONPATH", "")]),
        )
        (home / "runtime").mkdir(mode=0o700, exist_ok=True)
        self.log = home / "window.log"
        self.process: subprocess.Popen[bytes] | None = None
        self.window_id = 0

    # --- the window ----------------------------------------------------------------------

    def start(self, timeout: float = 30.0) -> Room:
        """Start the window on the board and give it keyboard focus."""
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, str(PROBE), str(self.board), str(self.probe_dir)],
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        self.wait_until(lambda: self.ask("ready()"), timeout=timeout, what="the window to be complete")
        self.window_id = int(self.ask("win_id()"))
        self.xdotool("windowfocus", "--sync", str(self.window_id))
        self.xdotool("mousemove", "--sync", "5", "5")  # the pointer rests on the window's edge
        self.settle()
        return self

    def close(self) -> str:
        """Close the window (Ctrl+Q) and return what it printed; kill it if it hangs."""
        if self.process is None:
            return ""
        if self.process.poll() is None:
            with suppress(RuntimeError, TimeoutError):
                self.ask("window().close()", timeout=5)
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(10)
        self.process = None
        return self.output()

    def output(self) -> str:
        """What the window process printed so far (stdout and stderr)."""
        return self.log.read_text(encoding="utf-8", errors="replace") if self.log.exists() else ""

    # --- the probe -----------------------------------------------------------------------

    def ask(self, expr: str, timeout: float = 10.0) -> Any:
        """Evaluate an expression over the probe's helpers inside the window process."""
        self._serial += 1
        request = self.probe_dir / "request.json"
        response = self.probe_dir / "response.json"
        response.unlink(missing_ok=True)
        partial = request.with_suffix(".part")
        partial.write_text(json.dumps({"n": self._serial, "expr": expr}), encoding="utf-8")
        partial.replace(request)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process is not None and self.process.poll() is not None:
                raise RuntimeError(f"the window exited ({self.process.returncode}):\n{self.output()}")
            if response.exists():
                answer = json.loads(response.read_text(encoding="utf-8"))
                if answer["n"] == self._serial:
                    if "error" in answer:
                        raise RuntimeError(f"probe {expr!r} failed:\n{answer['error']}")
                    return answer.get("value")
            time.sleep(0.02)
        raise TimeoutError(f"the window did not answer {expr!r} within {timeout} s")

    def settle(self) -> None:
        """Let the window handle the input sent so far (two round trips through its event loop)."""
        time.sleep(0.05)
        self.ask("None")
        self.ask("None")

    def wait_until(self, condition: Callable[[], Any], timeout: float = 10.0, what: str = "") -> Any:
        """Poll ``condition`` until it is true; its value. Fails the test after ``timeout``."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                value = condition()
            except (LookupError, RuntimeError) as error:
                if self.process is not None and self.process.poll() is not None:
                    raise
                value, last = None, error
            else:
                last = None
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what or condition}: {last or value!r}")
            time.sleep(0.1)

    def focus(self) -> dict[str, Any] | None:
        """The widget with keyboard focus (class, name, text, screen rect), or None."""
        return self.ask("focus()")  # type: ignore[no-any-return]

    def page(self) -> str:
        """The key of the page shown ("facts", "board", "wrap-up", ...)."""
        return str(self.ask("page()"))

    def item(self, text: str) -> list[int]:
        """Screen rect [x, y, w, h] of the one visible card or theme whose text starts with ``text``."""
        return list(self.ask(f"item_rect({text!r})"))

    def errors(self) -> list[str]:
        """Error messages on screen: the status bar's refusal and any visible message box."""
        found = [box["text"] or box["title"] for box in self.ask("dialogs()")]
        message = self.ask("status()")
        return [*found, message] if message else found

    # --- X input -------------------------------------------------------------------------

    def xdotool(self, *args: str) -> None:
        """Run xdotool on this display."""
        subprocess.run(["xdotool", *args], env=self.env, check=True, timeout=60)

    def key(self, *keys: str) -> None:
        """Press keys one after another (xdotool names: ctrl+8, Return, Escape, Left, alt+a)."""
        self.xdotool("key", "--delay", "40", *keys)
        self.settle()

    def type(self, text: str, delay_ms: int = TYPING_DELAY_MS) -> None:
        """Type text at ``delay_ms`` a key, as a person does."""
        self.xdotool("type", "--delay", str(delay_ms), text)
        self.settle()

    def click(self, x: int, y: int, button: int = 1, modifiers: str = "") -> None:
        """Move the pointer to (x, y) and click (holding ``modifiers`` such as "ctrl")."""
        self.xdotool("mousemove", "--sync", str(x), str(y))
        if modifiers:
            self.xdotool("keydown", modifiers)
        self.xdotool("click", str(button))
        if modifiers:
            self.xdotool("keyup", modifiers)
        self.settle()

    def click_widget(self, cls: str = "QWidget", text: str | None = None, name: str | None = None) -> None:
        """Click the centre of the one visible widget of ``cls`` with that text or object name."""
        x, y = self.ask(f"widget_center({cls!r}, {text!r}, {name!r})")
        self.click(x, y)

    def drag(self, start: tuple[int, int], end: tuple[int, int], steps: int = 12) -> None:
        """Press at ``start``, move in steps with short pauses, release at ``end``."""
        (x0, y0), (x1, y1) = start, end
        self.xdotool("mousemove", "--sync", str(x0), str(y0))
        time.sleep(0.05)
        self.xdotool("mousedown", "1")
        time.sleep(0.1)
        for step in range(1, steps + 1):
            x = x0 + (x1 - x0) * step // steps
            y = y0 + (y1 - y0) * step // steps
            self.xdotool("mousemove", str(x), str(y))
            time.sleep(0.04)
        time.sleep(0.2)  # the drop target has seen the last move
        self.xdotool("mouseup", "1")
        self.settle()

    # --- the file ------------------------------------------------------------------------

    def export(self) -> dict[str, Any]:
        """The board as the file holds it, through ``pmdesk export --format json``."""
        done = subprocess.run(
            [sys.executable, "-m", "pmdesk", "export", str(self.board), "--format", "json"],
            env=self.env,
            capture_output=True,
            timeout=60,
            check=False,
        )
        assert done.returncode == 0, done.stderr.decode(errors="replace")
        return json.loads(done.stdout)  # type: ignore[no-any-return]


def card(board: dict[str, Any], text: str) -> dict[str, Any]:
    """The one card of an exported board whose text starts with ``text``."""
    found = [c for c in board["cards"] if c["text"].startswith(text)]
    assert len(found) == 1, f"{len(found)} cards start with {text!r}"
    return found[0]


def theme(board: dict[str, Any], label: str) -> dict[str, Any]:
    """The one theme of an exported board with that label."""
    found = [t for t in board["themes"] if t["label"] == label]
    assert len(found) == 1, f"{len(found)} themes labelled {label!r}"
    return found[0]
