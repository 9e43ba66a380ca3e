"""``pmdesk install-desktop``: the launcher, the icon and the .pmdesk file type in the user's XDG folders.

Written under ``$XDG_DATA_HOME`` (``~/.local/share``)::

    applications/pmdesk.desktop            Exec= the pmdesk that ran the command
    icons/hicolor/256x256/apps/pmdesk.png  and scalable/apps/pmdesk.svg
    mime/packages/pmdesk.xml               application/x-pmdesk: *.pmdesk, or an SQLite file whose
                                           application id is pmdesk's (a board renamed .db opens too)

then the desktop's caches are refreshed with ``update-mime-database`` and
``update-desktop-database`` where they are installed. ``--uninstall`` removes the same files.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from pmdesk.resources import resource_path, resource_text
from pmdesk.store.schema import APPLICATION_ID

MIME_TYPE = "application/x-pmdesk"
DESKTOP_FILE = "pmdesk.desktop"
# Characters that make a desktop-entry argument need quotes, and those escaped inside the quotes.
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")
_ESCAPED_IN_QUOTES = set('"`$\\')


def mime_xml() -> str:
    """The shared-mime-info package that defines application/x-pmdesk."""
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<mime-info xmlns="http://www.freedesktop.org/standards/shared-mime-info">
  <mime-type type="{MIME_TYPE}">
    <comment>pmdesk post-mortem board</comment>
    <sub-class-of type="application/vnd.sqlite3"/>
    <icon name="pmdesk"/>
    <glob pattern="*.pmdesk"/>
    <magic priority="80">
      <match type="string" value="SQLite format 3" offset="0">
        <match type="big32" value="0x{APPLICATION_ID:08x}" offset="68"/>
      </match>
    </magic>
  </mime-type>
</mime-info>
"""


def running_command() -> list[str]:
    """The command that starts this pmdesk: the bundle's binary, the console script, or python -m."""
    if getattr(sys, "frozen", False):
        return [os.path.abspath(sys.executable)]
    script = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if script is not None and script.name == "pmdesk" and script.is_file() and os.access(script, os.X_OK):
        return [os.path.abspath(script)]
    return [os.path.abspath(sys.executable), "-m", "pmdesk"]


def exec_quote(argument: str) -> str:
    """One argument of an Exec= key, quoted as the Desktop Entry Specification asks."""
    if argument and not any(char in _RESERVED for char in argument):
        quoted = argument
    else:
        quoted = '"' + "".join("\\" + c if c in _ESCAPED_IN_QUOTES else c for c in argument) + '"'
    # The key's value is itself a string (a backslash written twice), and a literal % is %%.
    return _string_value(quoted).replace("%", "%%")


def _string_value(text: str) -> str:
    """A desktop entry string value: backslash and control characters escaped."""
    escapes = {"\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}
    return "".join(escapes.get(char, char) for char in text)


def desktop_entry(command: list[str]) -> str:
    """The launcher's text, starting ``command`` on the files it is given."""
    exec_line = " ".join(exec_quote(part) for part in command) + " %f"
    lines = []
    for line in resource_text(DESKTOP_FILE).splitlines():
        if line.startswith("Exec="):
            line = f"Exec={exec_line}"
        elif line.startswith("TryExec="):
            line = f"TryExec={_string_value(command[0])}"  # a path, not a command line: no quotes
        lines.append(line)
    return "\n".join(lines) + "\n"


@dataclass
class Report:
    """What install or uninstall did."""

    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    command: list[str] = field(default_factory=list)  # what the launcher starts


def data_home() -> Path:
    """``$XDG_DATA_HOME``, or ``~/.local/share``."""
    base = os.environ.get("XDG_DATA_HOME", "")
    return Path(base) if os.path.isabs(base) else Path.home() / ".local" / "share"


def _targets(home: Path) -> dict[str, Path]:
    icons = home / "icons" / "hicolor"
    return {
        "desktop": home / "applications" / DESKTOP_FILE,
        "png": icons / "256x256" / "apps" / "pmdesk.png",
        "svg": icons / "scalable" / "apps" / "pmdesk.svg",
        "mime": home / "mime" / "packages" / "pmdesk.xml",
    }


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temp = path.with_name(f".{path.name}.tmp")
    temp.write_bytes(data)
    os.replace(temp, path)


def _refresh(home: Path, report: Report) -> None:
    caches = (("update-mime-database", home / "mime"), ("update-desktop-database", home / "applications"))
    for tool, folder in caches:
        program = shutil.which(tool)
        if program is None:
            report.notes.append(f"{tool} is not installed: the desktop may pick the change up only later")
            continue
        if not folder.is_dir():
            continue
        done = subprocess.run([program, str(folder)], capture_output=True, text=True, check=False)
        if done.returncode != 0:
            report.notes.append(f"{tool} failed: {done.stderr.strip().splitlines()[-1:] or done.returncode}")


def install(home: Path | None = None, command: list[str] | None = None) -> Report:
    """Write the launcher, the icons and the MIME type into ``home`` (the XDG data folder)."""
    home = home or data_home()
    targets = _targets(home)
    report = Report(command=command or running_command())
    contents = {
        "desktop": desktop_entry(report.command).encode("utf-8"),
        "png": resource_path("icons", "pmdesk.png").read_bytes(),
        "svg": resource_path("icons", "pmdesk.svg").read_bytes(),
        "mime": mime_xml().encode("utf-8"),
    }
    for key, data in contents.items():
        _write(targets[key], data)
        report.files.append(targets[key])
    _refresh(home, report)
    return report


def uninstall(home: Path | None = None) -> Report:
    """Remove what ``install`` wrote from ``home``."""
    home = home or data_home()
    report = Report()
    for path in _targets(home).values():
        if path.exists():
            path.unlink()
            report.files.append(path)
    _refresh(home, report)
    return report
