"""Helpers for tests: run the command line in-process or as a subprocess."""
from __future__ import annotations

import os
import subprocess
import sys


def run_cli(*args: str, env: dict | None = None, timeout: int = 120) -> subprocess.CompletedProcess:
    """Run ``python -m oqu ARGS`` in a subprocess with offscreen Qt."""
    full_env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    if env:
        full_env.update(env)
    return subprocess.run([sys.executable, "-m", "oqu", *args], capture_output=True, text=True,
                          env=full_env, timeout=timeout)
