"""The client side of the runtime bridge: JSON over HTTP to the task's executor.

The executor serves it on a loopback port for the life of the task and passes its address and
token in BRICKYARD_BRIDGE_URL and BRICKYARD_BRIDGE_TOKEN.
"""

import json
import os
import urllib.error
import urllib.request


class BrickyardError(Exception):
    """An error reported by the runtime."""


class SqlError(BrickyardError):
    """A SQL statement failed; `statement` is the statement as written."""

    def __init__(self, message, statement=None):
        super().__init__(message)
        self.statement = statement


# Never send loopback calls through a proxy from the environment.
_opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))

_ERRORS = {
    "FILE_NOT_FOUND": FileNotFoundError,
    "FILE_EXISTS": FileExistsError,
    "IS_A_DIRECTORY": IsADirectoryError,
    "DIRECTORY_NOT_EMPTY": OSError,
    "NOT_A_DIRECTORY": NotADirectoryError,
    "INVALID_PATH": ValueError,
    "INVALID_ARGUMENT": ValueError,
    # The Secrets API's, passed on by dbutils.secrets.
    "RESOURCE_DOES_NOT_EXIST": ValueError,
    "PERMISSION_DENIED": PermissionError,
}


def available():
    return bool(os.environ.get("BRICKYARD_BRIDGE_URL"))


def call(op, **args):
    url = os.environ.get("BRICKYARD_BRIDGE_URL")
    token = os.environ.get("BRICKYARD_BRIDGE_TOKEN", "")
    if not url:
        raise BrickyardError("not running inside the Brickyard runtime (BRICKYARD_BRIDGE_URL is not set)")
    request = urllib.request.Request(
        f"{url}/rpc/{op}",
        data=json.dumps(args).encode("utf-8"),
        headers={"content-type": "application/json", "x-brickyard-token": token},
        method="POST",
    )
    try:
        with _opener.open(request) as response:
            return json.load(response).get("result")
    except urllib.error.HTTPError as error:
        try:
            payload = json.loads(error.read() or b"{}").get("error", {})
        except ValueError:
            payload = {}
        message = payload.get("message") or f"runtime bridge answered {error.code}"
        kind = payload.get("type", "INTERNAL")
        if kind == "SQL_ERROR":
            raise SqlError(message, payload.get("statement")) from None
        raise _ERRORS.get(kind, BrickyardError)(message) from None
