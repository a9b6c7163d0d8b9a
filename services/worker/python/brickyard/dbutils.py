"""dbutils for the Brickyard runtime: fs over DBFS, widgets, notebook.exit, jobs.taskValues, secrets.

DBFS lives in the object store; every fs call goes through the runtime bridge. Paths are
'dbfs:/a/b' or '/a/b'; dbutils.fs.cp also accepts local paths with the 'file:' scheme. Secrets
come from the Secrets API through the bridge, as the cluster's creator; the values read are
redacted from what the task shows (brickyard.redaction).
"""

import base64
import json
from collections import namedtuple

from . import _bridge, redaction


class NotebookExit(BaseException):
    """Raised by dbutils.notebook.exit: ends the notebook successfully with an exit value.

    A BaseException (like SystemExit) so that `except Exception` in user code does not swallow it.
    """

    def __init__(self, value):
        super().__init__(value)
        self.value = value


class InputWidgetNotDefined(Exception):
    pass


class FileInfo(namedtuple("FileInfo", ["path", "name", "size", "modificationTime"])):
    __slots__ = ()

    def isDir(self):
        return self.name.endswith("/")

    def isFile(self):
        return not self.isDir()


class _Fs:
    def ls(self, path):
        return [
            FileInfo(entry["path"], entry["name"], entry["size"], entry["modificationTime"])
            for entry in _bridge.call("fs.ls", path=path)
        ]

    def head(self, file, maxBytes=65536, max_bytes=None):
        limit = maxBytes if max_bytes is None else max_bytes
        return _bridge.call("fs.head", path=file, maxBytes=int(limit))

    def put(self, file, contents, overwrite=False):
        written = _bridge.call("fs.put", path=file, contents=str(contents), overwrite=bool(overwrite))
        print(f"Wrote {written} bytes.")
        return True

    def cp(self, source, target, recurse=False):
        return _bridge.call("fs.cp", source=source, target=target, recurse=bool(recurse))

    def mv(self, source, target, recurse=False):
        return _bridge.call("fs.mv", source=source, target=target, recurse=bool(recurse))

    def rm(self, dir, recurse=False):  # noqa: A002 - the Databricks parameter name
        return _bridge.call("fs.rm", path=dir, recurse=bool(recurse))

    def mkdirs(self, dir):  # noqa: A002
        return _bridge.call("fs.mkdirs", path=dir)

    def mount(self, *args, **kwargs):
        raise NotImplementedError("dbutils.fs.mount is not supported by the Brickyard runtime")

    def mounts(self):
        return []

    def help(self, *args):
        print("dbutils.fs: ls, head, put, cp, mv, rm, mkdirs (DBFS paths: dbfs:/... or /...)")


class _Widgets:
    def __init__(self, bound=None):
        # Values bound by the run (base_parameters overridden by run parameters) win over defaults.
        self._bound = {str(k): str(v) for k, v in (bound or {}).items()}
        self._defaults = {}

    def _define(self, name, defaultValue):
        self._defaults[str(name)] = "" if defaultValue is None else str(defaultValue)

    def text(self, name, defaultValue="", label=None):
        self._define(name, defaultValue)

    def dropdown(self, name, defaultValue, choices=None, label=None):
        self._define(name, defaultValue)

    def combobox(self, name, defaultValue, choices=None, label=None):
        self._define(name, defaultValue)

    def multiselect(self, name, defaultValue, choices=None, label=None):
        self._define(name, defaultValue)

    def get(self, name):
        name = str(name)
        if name in self._bound:
            return self._bound[name]
        if name in self._defaults:
            return self._defaults[name]
        raise InputWidgetNotDefined(f"No input widget named {name} is defined")

    def getArgument(self, name, optional=None):
        try:
            return self.get(name)
        except InputWidgetNotDefined:
            if optional is None:
                raise
            return optional

    def getAll(self):
        return self.values()

    def values(self):
        merged = dict(self._defaults)
        merged.update(self._bound)
        return merged

    def remove(self, name):
        self._defaults.pop(str(name), None)

    def removeAll(self):
        self._defaults.clear()


class _Notebook:
    def exit(self, value):
        raise NotebookExit("" if value is None else str(value))

    def run(self, path, timeout_seconds=0, arguments=None):
        raise NotImplementedError("dbutils.notebook.run is not supported by the Brickyard runtime yet")


class _TaskValues:
    def __init__(self, upstream=None):
        self._upstream = upstream or {}

    def set(self, key, value):
        json.dumps(value)  # task values are JSON, as on Databricks
        _bridge.call("taskValues.set", key=str(key), value=value)

    _missing = object()

    def get(self, taskKey, key, default=_missing, debugValue=_missing):
        values = self._upstream.get(taskKey, {})
        if key in values:
            return values[key]
        if default is not _TaskValues._missing:
            return default
        raise ValueError(f"no task value '{key}' from task '{taskKey}' and no default given")


class _Jobs:
    def __init__(self, upstream=None):
        self.taskValues = _TaskValues(upstream)


SecretMetadata = namedtuple("SecretMetadata", ["key"])
SecretScope = namedtuple("SecretScope", ["name"])


class _Secrets:
    def getBytes(self, scope, key):
        value = base64.b64decode(_bridge.call("secrets.get", scope=str(scope), key=str(key)))
        redaction.remember(value)
        return value

    def get(self, scope, key):
        return self.getBytes(scope, key).decode("utf-8")

    def list(self, scope):
        return [SecretMetadata(key) for key in _bridge.call("secrets.list", scope=str(scope))]

    def listScopes(self):
        return [SecretScope(name) for name in _bridge.call("secrets.listScopes")]

    def help(self, *args):
        print("dbutils.secrets: get(scope, key), getBytes(scope, key), list(scope), listScopes()")


class DBUtils:
    def __init__(self, widgets=None, task_values=None):
        self.fs = _Fs()
        self.widgets = _Widgets(widgets)
        self.notebook = _Notebook()
        self.jobs = _Jobs(task_values)
        self.secrets = _Secrets()

    def help(self):
        print("dbutils: fs, widgets, notebook (exit), jobs.taskValues, secrets")
