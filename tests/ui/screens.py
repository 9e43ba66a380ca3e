"""Run a probe in a child process whose offscreen Qt has screens of chosen sizes.

One Qt process has one set of screens, so a test that needs a 1280×720 projector, or a laptop
beside a projector, runs its window in a child process and reads back what it measured (JSON).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_probe(tmp_path: Path, probe: str, screens: list[tuple[int, int]], *args: str) -> dict[str, object]:
    """Run ``tests/ui/probes/<probe>.py`` on offscreen screens side by side; its JSON answer."""
    x = 0
    layout = []
    for number, (width, height) in enumerate(screens):
        layout.append(
            {
                "name": f"screen{number}",
                "x": x,
                "y": 0,
                "width": width,
                "height": height,
                "logicalDpi": 96,
                "logicalBaseDpi": 96,
                "dpr": 1,
            }
        )
        x += width
    config = tmp_path / f"screens-{probe}.json"
    config.write_text(json.dumps({"synchronousWindowSystemEvents": True, "screens": layout}))
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), env.get("PYTHONPATH", "")])
    env["XDG_CONFIG_HOME"] = str(tmp_path / "config")
    env["XDG_DATA_HOME"] = str(tmp_path / "data")
    done = subprocess.run(
        [sys.executable, "-m", f"tests.ui.probes.{probe}", str(tmp_path), *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    answer: dict[str, object] = json.loads(done.stdout.strip().splitlines()[-1])
    return answer
