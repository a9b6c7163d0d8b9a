"""%pip in notebooks and execution contexts: notebook-scoped Python libraries.

`%pip install <pip arguments>` installs with the runtime's pip into a directory of this process
(under its TMPDIR, the run's or the context's own), first on sys.path: the libraries are seen by
this notebook run or execution context only, as Databricks scopes them to the notebook session,
and go when it ends. Other pip commands are refused.
"""

import importlib
import shlex
import subprocess
import sys
import tempfile

_directory = None


class PipError(Exception):
    """pip failed: the message is pip's ERROR lines (or its last words)."""


def arguments_of(source):
    """The pip arguments of a Python command that is a %pip magic, else None."""
    stripped = source.lstrip()
    if not (stripped.startswith("%pip ") or stripped.startswith("%pip\n") or stripped == "%pip"):
        return None
    return " ".join(line.strip() for line in stripped[len("%pip") :].splitlines() if line.strip())


def _scoped_directory():
    global _directory
    if _directory is None:
        _directory = tempfile.mkdtemp(prefix="notebook-libraries-")
        sys.path.insert(0, _directory)
    return _directory


def run(line):
    """Runs `%pip <line>`: prints what pip printed; raises PipError when it fails."""
    args = shlex.split(line)
    if not args or args[0] != "install":
        raise PipError("The Brickyard runtime supports %pip install only")
    command = [sys.executable, "-m", "pip", "install", "--disable-pip-version-check", "--no-input"]
    command += ["--target", _scoped_directory(), "--upgrade", *args[1:]]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    if completed.stdout:
        print(completed.stdout.rstrip("\n"))
    if completed.returncode != 0:
        lines = [line for line in completed.stderr.splitlines() if line.strip()]
        errors = [line for line in lines if line.startswith("ERROR:")] or lines[-5:]
        raise PipError("\n".join(errors) or f"pip exited with status {completed.returncode}")
    importlib.invalidate_caches()
