"""Run Orca, the GNOME screen reader, on Oqu and print what it says at each key press.

A check for a developer to run by hand (it is no part of the test suite: Orca's timing varies from
run to run); it found the silent spots tests/test_accessibility_screen_reader.py pins down.

    sudo apt-get install orca        # Debian 12: Orca 43.1 (with xvfb openbox dbus at-spi2-core xdotool)
    /usr/bin/python3 tests/orca_session.py                      # the default keys, in English
    /usr/bin/python3 tests/orca_session.py --lang ru --keys keys.txt

Run it with the system's Python (Orca and pyatspi live there) from the checkout. It starts a private
session (tests/atspi_session.py: Xvfb, openbox, a D-Bus session bus, the AT-SPI bus), Orca with its
debug log, then ``.venv/bin/python -m oqu``, and presses the keys with xdotool. Orca's speech goes
to no synthesizer (its speech-dispatcher client is replaced: with no audio device speech-dispatcher
hung Orca at the first word) but every utterance is in the debug log as "SPEECH OUTPUT"; after each
key, once the log has been quiet for a moment, the script prints what was said and where the focus
went. Orca's own key echo ("left control", "tab") is left out.

A keys file has one step a line: xdotool key names (``Tab``, ``ctrl+Tab``, ``shift+F6``, ``alt+3``),
``type TEXT`` (ASCII), ``sleep SECONDS``; ``#`` starts a comment. The whole log is kept in --dir.
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

from atspi_session import DESKTOP_VARIABLES, accessibility_session  # noqa: E402

DEFAULT_KEYS = """\
Tab
Tab
Down
Down
F8
F8
Return
Down
F6
alt+3
shift+F6
ctrl+f
type Kazakhstan
Return
"""
# Orca run by the system's Python with two changes: its debug log is written line by line (it is
# read while Orca runs) and speech-dispatcher is not used (see the docstring).
ORCA = """\
import builtins, runpy, sys, speechd
class Silent:
    def __init__(self, *a, **k): pass
    def __getattr__(self, name): return lambda *a, **k: []
speechd.SSIPClient = Silent
log, real_open = sys.argv[1], builtins.open
def line_buffered(file, mode="r", *a, **k):
    return real_open(file, mode, 1) if file == log and mode == "w" else real_open(file, mode, *a, **k)
builtins.open = line_buffered
orca = sys.argv[3]
sys.argv = ["orca", "--debug-file", log, "-u", sys.argv[2], "-d", "braille"]
runpy.run_path(orca, run_name="__main__")
"""
SESSION = ("DISPLAY", "DBUS_SESSION_BUS_ADDRESS", "XDG_RUNTIME_DIR", "OQU_CONFIG_DIR", "QT_QPA_PLATFORM",
           "QT_LINUX_ACCESSIBILITY_ALWAYS_ON", "NO_AT_BRIDGE")
ECHO = ("control '", "shift '", "alt '", "SPEECH OUTPUT: 'tab '", "SPEECH OUTPUT: 'return '")


class Log:
    def __init__(self, path: Path):
        self.path, self.seen = path, 0

    def size(self) -> int:
        return self.path.stat().st_size if self.path.exists() else 0

    def wait_quiet(self, gap: float = 2.5, most: float = 40.0) -> None:
        """Until Orca has written nothing for ``gap`` seconds (it handles events one by one)."""
        end, size, since = time.monotonic() + most, -1, time.monotonic()
        while time.monotonic() < end:
            if self.size() != size:
                size, since = self.size(), time.monotonic()
            elif time.monotonic() - since > gap:
                return
            time.sleep(0.2)

    def news(self) -> list[str]:
        """What Orca said (and each focus event) since the last call."""
        text = self.path.read_text(encoding="utf-8", errors="replace")
        lines, self.seen = text[self.seen:].splitlines(), len(text)
        said = []
        for line in lines:
            if "SPEECH OUTPUT: " in line and not any(echo in line for echo in ECHO):
                said.append("  says: " + line.split("SPEECH OUTPUT: ", 1)[1].split("{'established'")[0].strip())
            elif "EVENT MANAGER: focus: for " in line:
                said.append("  focus: " + line.split("focus: for ", 1)[1].split(" in [application")[0])
        return said


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", default="en", choices=("en", "ru", "kk"))
    parser.add_argument("--keys", type=Path, help="a keys file (default: a short tour)")
    parser.add_argument("--dir", type=Path, help="where to keep Orca's log (default: a new temporary folder)")
    args = parser.parse_args()
    steps = (args.keys.read_text(encoding="utf-8") if args.keys else DEFAULT_KEYS).splitlines()
    work = args.dir or Path(tempfile.mkdtemp(prefix="oqu-orca-"))
    work.mkdir(parents=True, exist_ok=True)
    log = Log(work / "orca.log")
    print(f"Orca's debug log: {log.path}")
    with accessibility_session(work) as env:
        home = work / "home"
        home.mkdir(exist_ok=True)
        orca_script = shutil.which("orca")
        if orca_script is None:
            sys.exit("Orca is not installed (Debian: apt-get install orca)")
        orca = subprocess.Popen([sys.executable, "-c", ORCA, str(log.path), str(work / "orca-prefs"), orca_script],
                                env=dict(env, HOME=str(home)), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        app = None
        try:
            end = time.monotonic() + 60
            while "ORCA: Initialized" not in (log.path.read_text(errors="replace") if log.path.exists() else ""):
                if time.monotonic() > end or orca.poll() is not None:
                    sys.exit("Orca did not start (is it installed?)")
                time.sleep(0.3)
            log.wait_quiet()
            log.news()
            app_env = {k: env[k] for k in (*DESKTOP_VARIABLES, *SESSION) if k in env}
            app = subprocess.Popen([str(ROOT / ".venv/bin/python"), "-m", "oqu", "--lang", args.lang], env=app_env,
                                   stdout=subprocess.DEVNULL, stderr=(work / "app-stderr.txt").open("wb"))
            time.sleep(3)
            log.wait_quiet(4, 60)
            print("== the app starts", *log.news(), sep="\n")
            for step in (s.strip() for s in steps):
                if not step or step.startswith("#"):
                    continue
                if step.startswith("sleep "):
                    time.sleep(float(step.split()[1]))
                    continue
                command = ["type", "--delay", "60", step[5:]] if step.startswith("type ") else ["key", *step.split()]
                subprocess.run(["xdotool", *command], env=env, check=True)
                time.sleep(0.5)
                log.wait_quiet()
                print(f"== {step}", *(log.news() or ["  (silence)"]), sep="\n", flush=True)
        finally:
            if app is not None:
                app.terminate()
                app.wait(timeout=20)
            orca.terminate()
            try:
                orca.wait(timeout=15)
            except subprocess.TimeoutExpired:
                orca.kill()
    return 0


if __name__ == "__main__":
    sys.exit(main())
