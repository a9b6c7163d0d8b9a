"""The Secrets API through the Python SDK (w.secrets) and the CLI, and dbutils.secrets on a cluster,
in a notebook job and in an execution context: the value is read as the cluster's creator, and what
the run or the command shows has it only as [REDACTED]. Every scope, job, notebook, context and
cluster made here is removed again.
"""

import base64
import hashlib
import uuid
from datetime import timedelta

import pytest
from conftest import run_cli
from databricks.sdk import WorkspaceClient
from databricks.sdk.errors import InvalidParameterValue, ResourceAlreadyExists, ResourceDoesNotExist
from databricks.sdk.service import jobs
from databricks.sdk.service.compute import CommandStatus, Language as CommandLanguage
from databricks.sdk.service.workspace import AclPermission, ImportFormat, Language, ScopeBackendType

RUN_TIMEOUT = timedelta(minutes=3)
NO_SPARK_RUNTIME = "19.3.x-no-spark-scala2.13"


@pytest.fixture
def scope(w: WorkspaceClient):
    name = f"e2e-{uuid.uuid4().hex[:8]}"
    w.secrets.create_scope(scope=name)
    yield name
    try:
        w.secrets.delete_scope(scope=name)
    except ResourceDoesNotExist:
        pass


@pytest.fixture(scope="module")
def cluster_id(w: WorkspaceClient):
    created = w.clusters.create(
        cluster_name=f"e2e-secrets-{uuid.uuid4().hex[:6]}",
        spark_version=NO_SPARK_RUNTIME,
        num_workers=0,
        autotermination_minutes=30,
    ).result(timeout=timedelta(minutes=3))
    yield created.cluster_id
    w.clusters.permanent_delete(created.cluster_id)


def put_notebook(w: WorkspaceClient, path: str, *cells: str) -> None:
    source = "# Databricks notebook source\n" + "\n\n# COMMAND ----------\n\n".join(cells) + "\n"
    w.workspace.import_(
        path,
        content=base64.b64encode(source.encode()).decode(),
        format=ImportFormat.SOURCE,
        language=Language.PYTHON,
        overwrite=True,
    )


def test_scopes_secrets_and_acls_through_the_sdk(w: WorkspaceClient, scope: str):
    assert any(s.name == scope and s.backend_type == ScopeBackendType.DATABRICKS for s in w.secrets.list_scopes())
    with pytest.raises(ResourceAlreadyExists):
        w.secrets.create_scope(scope=scope)

    w.secrets.put_secret(scope=scope, key="password", string_value="hunter2")
    w.secrets.put_secret(scope=scope, key="raw", bytes_value=base64.b64encode(b"\x00\x01").decode())
    assert sorted(s.key for s in w.secrets.list_secrets(scope=scope)) == ["password", "raw"]
    assert all(s.last_updated_timestamp > 0 for s in w.secrets.list_secrets(scope=scope))
    assert base64.b64decode(w.secrets.get_secret(scope=scope, key="password").value) == b"hunter2"
    assert base64.b64decode(w.secrets.get_secret(scope=scope, key="raw").value) == b"\x00\x01"

    w.secrets.put_acl(scope=scope, principal="users", permission=AclPermission.READ)
    assert w.secrets.get_acl(scope=scope, principal="users").permission == AclPermission.READ
    assert ("users", AclPermission.READ) in {(a.principal, a.permission) for a in w.secrets.list_acls(scope=scope)}
    w.secrets.delete_acl(scope=scope, principal="users")
    with pytest.raises(ResourceDoesNotExist):
        w.secrets.get_acl(scope=scope, principal="users")

    w.secrets.delete_secret(scope=scope, key="raw")
    with pytest.raises(ResourceDoesNotExist):
        w.secrets.get_secret(scope=scope, key="raw")
    with pytest.raises(InvalidParameterValue):
        w.secrets.put_secret(scope=scope, key="not/valid", string_value="x")


def test_the_cli_lists_scopes_and_keys(w: WorkspaceClient, scope: str):
    w.secrets.put_secret(scope=scope, key="from-sdk", string_value="x")
    assert scope in [s["name"] for s in run_cli("secrets", "list-scopes")]
    assert [s["key"] for s in run_cli("secrets", "list-secrets", scope)] == ["from-sdk"]


def test_a_notebook_reads_secrets_with_dbutils_and_its_output_shows_them_redacted(
    w: WorkspaceClient, scope: str, cluster_id: str, unique_name: str
):
    value = f"s3cr3t-{uuid.uuid4().hex}"
    w.secrets.put_secret(scope=scope, key="token", string_value=value)
    folder = f"/Shared/{unique_name}"
    w.workspace.mkdirs(folder)
    put_notebook(
        w,
        f"{folder}/reads",
        f'value = dbutils.secrets.get("{scope}", "token")\n'
        'print("the token is", value)\n'
        'print("sha256", __import__("hashlib").sha256(value.encode()).hexdigest())\n'
        f'print("keys", [s.key for s in dbutils.secrets.list("{scope}")])\n'
        f'print("listed", "{scope}" in [s.name for s in dbutils.secrets.listScopes()])',
    )
    put_notebook(w, f"{folder}/fails", f'raise ValueError("bad " + dbutils.secrets.get("{scope}", "token"))')
    job_id = w.jobs.create(
        name=unique_name,
        tasks=[
            jobs.Task(
                task_key=key,
                existing_cluster_id=cluster_id,
                notebook_task=jobs.NotebookTask(notebook_path=f"{folder}/{key}"),
            )
            for key in ("reads", "fails")
        ],
    ).job_id
    try:
        # One task fails on purpose, so the run ends FAILED (TERMINATED, which result() returns).
        run = w.jobs.run_now(job_id).result(timeout=RUN_TIMEOUT)
        tasks = {t.task_key: t for t in run.tasks}
        assert tasks["reads"].state.result_state == jobs.RunResultState.SUCCESS
        reads = w.jobs.get_run_output(tasks["reads"].run_id).logs
        assert "the token is [REDACTED]" in reads
        assert f"sha256 {hashlib.sha256(value.encode()).hexdigest()}" in reads
        assert "keys ['token']" in reads
        assert "listed True" in reads
        assert value not in reads

        assert tasks["fails"].state.result_state == jobs.RunResultState.FAILED
        fails = w.jobs.get_run_output(tasks["fails"].run_id)
        assert fails.error == "ValueError: bad [REDACTED]"
        assert value not in fails.error_trace
        assert value not in (fails.logs or "")
    finally:
        w.jobs.delete(job_id)
        w.workspace.delete(folder, recursive=True)


def test_an_execution_context_reads_a_secret_and_its_results_show_it_redacted(
    w: WorkspaceClient, scope: str, cluster_id: str
):
    value = f"s3cr3t-{uuid.uuid4().hex}"
    w.secrets.put_secret(scope=scope, key="token", string_value=value)
    context = w.command_execution.create_and_wait(
        cluster_id=cluster_id, language=CommandLanguage.PYTHON, timeout=RUN_TIMEOUT
    )
    try:

        def run(command: str):
            return w.command_execution.execute_and_wait(
                cluster_id=cluster_id,
                context_id=context.id,
                language=CommandLanguage.PYTHON,
                command=command,
                timeout=RUN_TIMEOUT,
            )

        printed = run(f'token = dbutils.secrets.get("{scope}", "token")\nprint("token:", token)\ntoken')
        assert printed.status == CommandStatus.FINISHED
        assert printed.results.data == "token: [REDACTED]\n'[REDACTED]'"
        failed = run('raise RuntimeError("leaked " + token)')
        assert failed.results.summary == "RuntimeError: leaked [REDACTED]"
        assert value not in failed.results.cause
    finally:
        w.command_execution.destroy(cluster_id=cluster_id, context_id=context.id)
