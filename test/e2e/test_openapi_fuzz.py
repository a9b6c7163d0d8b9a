"""Schemathesis fuzzes every operation of the API's OpenAPI document, in a workspace of its own:
no input may get a 5xx, a status the document does not list, or a body its schema does not allow.

It acts with the account admin's token in that workspace (X-Databricks-Org-Id): an account token
appears in no workspace's token lists and depends on none of its identities, so fuzzing token
revocation or SCIM cannot lock the run out. Excluded: the operations that start compute (cluster
create/edit/start/restart/resize, job create/reset/update/run-now/submit, warehouse
create/edit/start: a job or warehouse the fuzzer made would start real Spark) and the account's own
writes (they create or delete workspaces and account identities other tests share).
"""

import os
import subprocess
import sys
from pathlib import Path

import pytest
import requests
from databricks.sdk import AccountClient

EXCLUDED = (
    r"^(POST /api/2\.1/clusters/(create|edit|start|restart|resize)"
    r"|POST /api/2\.2/jobs/(create|reset|update|run-now|runs/submit)"
    r"|POST /api/2\.0/sql/warehouses(/\{id\}/(edit|start))?"
    r"|POST /api/2\.0/instance-pools/(create|edit)"
    r"|(POST|PUT|PATCH|DELETE) /api/2\.0/accounts/\{account_id\}/.*)$"
)
EXAMPLES_PER_OPERATION = 15
CHECKS = "not_a_server_error,status_code_conformance,response_schema_conformance,content_type_conformance"


@pytest.fixture
def fuzz_workspace(a: AccountClient, unique_name: str):
    workspace = a.workspaces.create(workspace_name=unique_name).result()
    yield workspace.workspace_id
    a.workspaces.delete(workspace.workspace_id)


def _compute_in(host: str, workspace_id: int) -> dict:
    headers = {
        "Authorization": f"Bearer {os.environ['BRICKYARD_ACCOUNT_TOKEN']}",
        "X-Databricks-Org-Id": str(workspace_id),
    }
    clusters = requests.get(f"{host}/api/2.1/clusters/list", headers=headers, timeout=30).json()
    warehouses = requests.get(f"{host}/api/2.0/sql/warehouses", headers=headers, timeout=30).json()
    return {"clusters": clusters.get("clusters", []), "warehouses": warehouses.get("warehouses", [])}


def test_every_operation_answers_as_documented_under_fuzzing(host: str, fuzz_workspace: int, tmp_path: Path):
    command = [
        str(Path(sys.executable).parent / "st"),
        "run",
        f"{host}/openapi.json",
        "-H", f"Authorization: Bearer {os.environ['BRICKYARD_ACCOUNT_TOKEN']}",
        "-H", f"X-Databricks-Org-Id: {fuzz_workspace}",
        "--checks", CHECKS,
        "--exclude-name-regex", EXCLUDED,
        "--max-examples", str(EXAMPLES_PER_OPERATION),
        "--seed", "1",
        "--no-shrink",
        "--continue-on-failure",
        "--phases", "examples,coverage,fuzzing",
        "--request-timeout", "30",
        "--report", "junit",
        "--report-dir", str(tmp_path),
    ]
    completed = subprocess.run(command, cwd=tmp_path, capture_output=True, text=True, timeout=600)
    assert completed.returncode == 0, completed.stdout[-20000:] + completed.stderr[-2000:]
    # The excluded operations are the only ones that start compute: none came of the others.
    assert _compute_in(host, fuzz_workspace) == {"clusters": [], "warehouses": []}
