"""Fixtures for end-to-end tests through the official Databricks clients (Python SDK and CLI).

They run against the platform `make up` starts; `make test` exports its .brickyard/env first.
"""

import base64
import hashlib
import io
import json
import os
import subprocess
import uuid
import zipfile

import pytest
from databricks.sdk import AccountClient, WorkspaceClient


def _env(name: str) -> str:
    value = os.environ.get(name)
    if not value:
        raise RuntimeError(f"{name} is not set: run 'make up' and 'source .brickyard/env'")
    return value


@pytest.fixture(scope="session")
def host() -> str:
    return _env("DATABRICKS_HOST")


@pytest.fixture(scope="session")
def w(host: str) -> WorkspaceClient:
    return WorkspaceClient(host=host, token=_env("DATABRICKS_TOKEN"), auth_type="pat")


@pytest.fixture(scope="session")
def a(host: str) -> AccountClient:
    return AccountClient(
        host=host, account_id=_env("DATABRICKS_ACCOUNT_ID"), token=_env("BRICKYARD_ACCOUNT_TOKEN"), auth_type="pat"
    )


@pytest.fixture(scope="session")
def default_workspace_id() -> int:
    return int(_env("BRICKYARD_DEFAULT_WORKSPACE_ID"))


@pytest.fixture
def unique_name() -> str:
    return f"e2e-{uuid.uuid4().hex[:8]}"


@pytest.fixture
def other_workspace(a: AccountClient, host: str, unique_name: str):
    """A client of a workspace made for the test alone (deleted after it), for isolation checks."""
    workspace = a.workspaces.create(workspace_name=unique_name).result()
    try:
        token = a.api_client.do(
            "POST",
            "/api/2.0/token/create",
            headers={"X-Databricks-Org-Id": str(workspace.workspace_id)},
            body={"comment": unique_name, "lifetime_seconds": 600},
        )["token_value"]
        yield WorkspaceClient(host=host, token=token, auth_type="pat")
    finally:
        a.workspaces.delete(workspace.workspace_id)


def pure_python_wheel(distribution: str, files: dict[str, bytes], entry_points: bytes | None = None) -> bytes:
    """A py3-none-any wheel of `distribution` 1.0 holding `files` (paths in the wheel), laid out as
    the wheel format says, so tests need no build backend."""
    info = f"{distribution.replace('-', '_')}-1.0.dist-info"
    files = {
        **files,
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: {distribution}\nVersion: 1.0\n".encode(),
        f"{info}/WHEEL": b"Wheel-Version: 1.0\nGenerator: e2e\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
        **({f"{info}/entry_points.txt": entry_points} if entry_points else {}),
    }
    record = "".join(
        f"{name},sha256={base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b'=').decode()},{len(data)}\n"
        for name, data in files.items()
    )
    files[f"{info}/RECORD"] = (record + f"{info}/RECORD,,\n").encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def run_cli(*args: str, token: str | None = None) -> dict | list:
    """Runs the project's `databricks` CLI with JSON output and returns the parsed result."""
    env = {**os.environ, "DATABRICKS_CLI_DISABLE_TELEMETRY": "1"}
    if token:
        env["DATABRICKS_TOKEN"] = token
    completed = subprocess.run(
        ["databricks", *args, "--output", "json"], env=env, capture_output=True, text=True, timeout=60
    )
    if completed.returncode != 0:
        raise CliError(completed.returncode, completed.stderr)
    return json.loads(completed.stdout) if completed.stdout.strip() else {}


class CliError(Exception):
    def __init__(self, code: int, stderr: str):
        super().__init__(f"databricks CLI exited {code}: {stderr}")
        self.stderr = stderr
