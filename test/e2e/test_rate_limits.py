"""Databricks' per-endpoint rate limits through the Python SDK: a call over its family's budget is
answered 429 REQUEST_LIMIT_EXCEEDED with Retry-After, and the SDK waits that long and retries.

The local platform's API runs with limits off (benches send thousands of calls a second), so these
tests start a second API process of the same build on the same platform with BRICKYARD_RATE_LIMITS=1
(Databricks' own limits). They use a token of their own, so its budget is theirs alone, and the
smallest budget Databricks publishes: two workspace deletes per second.
"""

import logging
import os
import socket
import subprocess
import time
import uuid
from pathlib import Path

import pytest
import requests
from databricks.sdk import WorkspaceClient
from databricks.sdk.errors import ResourceDoesNotExist

# services/api/src/rate-limits/limits-table.ts: 'workspace delete', 2 per second.
WORKSPACE_DELETES_PER_SECOND = 2


REPO = Path(__file__).resolve().parents[2]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def throttled_host() -> str:
    """A throttling API of the platform's build, on a port of its own."""
    port = _free_port()
    env = {
        **os.environ,
        "BRICKYARD_API_PORT": str(port),
        "BRICKYARD_RATE_LIMITS": "1",
        "BRICKYARD_ACCOUNT_ID": os.environ["DATABRICKS_ACCOUNT_ID"],
    }
    process = subprocess.Popen(
        ["node", str(REPO / "services/api/dist/main.js")], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if requests.get(f"{url}/readyz", timeout=2).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            assert process.poll() is None and time.monotonic() < deadline, "the throttling API did not start"
            time.sleep(0.25)
        yield url
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.fixture
def own_token(w: WorkspaceClient):
    created = w.tokens.create(comment=f"e2e-rate-limits-{uuid.uuid4().hex[:8]}", lifetime_seconds=600)
    yield created.token_value
    w.tokens.delete(created.token_info.token_id)


@pytest.fixture
def folder(w: WorkspaceClient):
    path = f"/Shared/e2e-rate-limits-{uuid.uuid4().hex[:8]}"
    w.workspace.mkdirs(path)
    yield path
    try:
        w.workspace.delete(path, recursive=True)
    except ResourceDoesNotExist:
        pass


def exhaust_workspace_deletes(host: str, token: str, folder: str) -> requests.Response:
    """Deletes of missing paths until one is throttled; the throttled answer."""
    for attempt in range(WORKSPACE_DELETES_PER_SECOND * 5):
        response = requests.post(
            f"{host}/api/2.0/workspace/delete",
            headers={"Authorization": f"Bearer {token}"},
            json={"path": f"{folder}/missing-{attempt}"},
            timeout=10,
        )
        if response.status_code == 429:
            return response
    pytest.fail("the API started with BRICKYARD_RATE_LIMITS=1 did not rate-limit workspace deletes")


def test_a_throttled_call_is_answered_429_with_retry_after(throttled_host: str, own_token: str, folder: str):
    throttled = exhaust_workspace_deletes(throttled_host, own_token, folder)
    assert throttled.json()["error_code"] == "REQUEST_LIMIT_EXCEEDED"
    assert set(throttled.json()) == {"error_code", "message"}
    assert int(throttled.headers["Retry-After"]) >= 1


def test_the_sdk_waits_for_retry_after_and_retries(
    throttled_host: str, own_token: str, folder: str, caplog: pytest.LogCaptureFixture
):
    mine = WorkspaceClient(host=throttled_host, token=own_token, auth_type="pat")
    retry_after = int(exhaust_workspace_deletes(throttled_host, own_token, folder).headers["Retry-After"])
    started = time.monotonic()
    with caplog.at_level(logging.DEBUG, logger="databricks.sdk"):
        mine.workspace.delete(folder)
    assert time.monotonic() - started >= retry_after
    assert "throttled by platform" in caplog.text
    with pytest.raises(ResourceDoesNotExist):
        mine.workspace.get_status(folder)
