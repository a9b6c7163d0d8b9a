"""Redaction of secret values in what a task shows, as Databricks does.

Every value dbutils.secrets.get or getBytes returned in this process is replaced by the literal
[REDACTED] in printed output (sys.stdout and sys.stderr), command results and the errors the
runtime reports. It is a literal match: a value transformed first (reversed, split, encoded) is
shown as it is, and bytes written to the file descriptors directly (subprocesses, C libraries,
sys.stdout.buffer) are not seen.
"""

import io

REDACTED = "[REDACTED]"

_values = set()


def remember(value):
    """Redacts a secret's bytes from now on: as text, and as bytes print in a repr (b'...')."""
    try:
        text = value.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    for form in (text, repr(value)[2:-1]):
        if form:
            _values.add(form)


def redact(text):
    if not _values or not isinstance(text, str):
        return text
    # Longest first: a value that holds another is replaced whole.
    for value in sorted(_values, key=len, reverse=True):
        text = text.replace(value, REDACTED)
    return text


def redact_all(value):
    """Every string in a JSON-like value (a result, an outcome) redacted."""
    if isinstance(value, str):
        return redact(value)
    if isinstance(value, dict):
        return {key: redact_all(item) for key, item in value.items()}
    if isinstance(value, list):
        return [redact_all(item) for item in value]
    return value


class RedactingStream(io.TextIOBase):
    """A text stream that redacts what is written before passing it on to `target`."""

    def __init__(self, target):
        super().__init__()
        self._target = target

    def writable(self):
        return True

    def write(self, text):
        text = str(text)
        self._target.write(redact(text))
        return len(text)

    def flush(self):
        self._target.flush()

    def isatty(self):
        return self._target.isatty()

    def fileno(self):
        return self._target.fileno()

    @property
    def encoding(self):
        return getattr(self._target, "encoding", "utf-8")

    def __getattr__(self, name):
        return getattr(self._target, name)
