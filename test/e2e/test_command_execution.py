"""The Command Execution API (/api/1.2) through the Databricks SDK: execution contexts on a cluster.

One Spark cluster (runtime 19.3, one worker) and one Python context on it serve the Spark tests;
a cluster of the control-plane-only runtime, which starts in a second, serves the rest.
"""

import json
import time
import uuid
from datetime import timedelta

import pytest
import requests
from databricks.sdk import WorkspaceClient
from databricks.sdk.errors import DatabricksError, InvalidParameterValue, InvalidState, ResourceDoesNotExist
from databricks.sdk.service.compute import CommandStatus, CommandStatusResponse, Language, ResultType, State

SPARK_RUNTIME = "19.3.x-scala2.13"
LIGHT_RUNTIME = "19.3.x-no-spark-scala2.13"
TIMEOUT = timedelta(minutes=3)
# Beyond 2**53: a JSON number a double cannot hold, so any lossy re-serialization would show.
BIG = 2**53 + 1


def new_cluster(w: WorkspaceClient, runtime: str, num_workers: int) -> str:
    created = w.clusters.create(
        cluster_name=f"e2e-commands-{uuid.uuid4().hex[:6]}",
        spark_version=runtime,
        node_type_id="m5d.large",
        num_workers=num_workers,
        autotermination_minutes=30,
    ).result(timeout=timedelta(minutes=5))
    assert created.state == State.RUNNING
    return created.cluster_id


@pytest.fixture(scope="module")
def spark_cluster(w: WorkspaceClient):
    cluster_id = new_cluster(w, SPARK_RUNTIME, num_workers=1)
    yield cluster_id
    w.clusters.permanent_delete(cluster_id)


@pytest.fixture(scope="module")
def light_cluster(w: WorkspaceClient):
    cluster_id = new_cluster(w, LIGHT_RUNTIME, num_workers=0)
    yield cluster_id
    w.clusters.permanent_delete(cluster_id)


@pytest.fixture(scope="module")
def context(w: WorkspaceClient, spark_cluster: str):
    """A Python context on the Spark cluster: (cluster id, context id)."""
    created = w.command_execution.create_and_wait(cluster_id=spark_cluster, language=Language.PYTHON, timeout=TIMEOUT)
    yield spark_cluster, created.id
    w.command_execution.destroy(cluster_id=spark_cluster, context_id=created.id)


def run(w: WorkspaceClient, context: tuple[str, str], command: str, language=Language.PYTHON) -> CommandStatusResponse:
    cluster_id, context_id = context
    return w.command_execution.execute_and_wait(
        cluster_id=cluster_id, context_id=context_id, language=language, command=command, timeout=TIMEOUT
    )


def text_of(result: CommandStatusResponse) -> str:
    assert result.status == CommandStatus.FINISHED, result
    assert result.results.result_type == ResultType.TEXT, result.results
    return result.results.data


def test_a_context_keeps_its_variables_between_commands(w: WorkspaceClient, context):
    assert text_of(run(w, context, "x = 6 * 7")) == ""
    assert text_of(run(w, context, "x + 1")) == "43"


def test_a_python_command_answers_what_it_printed(w: WorkspaceClient, context):
    assert text_of(run(w, context, "print('hello')\nprint(spark.range(5).count())")) == "hello\n5"


def test_a_sql_command_answers_a_table_with_its_schema(w: WorkspaceClient, context):
    result = run(w, context, f"SELECT 1 AS one, 'a' AS letter, {BIG} AS big", language=Language.SQL)
    assert result.status == CommandStatus.FINISHED
    assert result.results.result_type == ResultType.TABLE, result.results
    assert result.results.data == [[1, "a", BIG]]
    schema = [(field["name"], json.loads(field["type"])) for field in result.results.schema]
    assert schema == [("one", "integer"), ("letter", "string"), ("big", "long")]


def test_display_of_a_dataframe_answers_a_table(w: WorkspaceClient, context):
    result = run(w, context, "display(spark.range(3))")
    assert result.results.result_type == ResultType.TABLE, result.results
    assert result.results.data == [[0], [1], [2]]
    assert [field["name"] for field in result.results.schema] == ["id"]


def test_an_error_is_a_result_and_the_context_stays_usable(w: WorkspaceClient, context):
    failed = run(w, context, "def explode():\n    raise ValueError('boom')\n\nexplode()")
    assert failed.results.result_type == ResultType.ERROR, failed.results
    assert "ValueError" in failed.results.summary and "boom" in failed.results.summary
    assert "Traceback" in failed.results.cause and "explode" in failed.results.cause
    assert text_of(run(w, context, "spark.range(4).count()")) == "4"


def test_a_long_spark_job_is_cancelled_quickly(w: WorkspaceClient, context):
    cluster_id, context_id = context
    command_id = (
        w.command_execution.execute(
            cluster_id=cluster_id,
            context_id=context_id,
            language=Language.PYTHON,
            command="spark.range(10**12).selectExpr('sum(id)').collect()",
        )
        .response.id
    )
    deadline = time.monotonic() + 60
    while w.command_execution.command_status(cluster_id, context_id, command_id).status != CommandStatus.RUNNING:
        assert time.monotonic() < deadline, "the command never started"
        time.sleep(0.5)
    time.sleep(3)  # the Spark job is submitted and its tasks run

    asked = time.monotonic()
    cancelled = w.command_execution.cancel(
        cluster_id=cluster_id, context_id=context_id, command_id=command_id
    ).result(timeout=timedelta(seconds=60))
    assert cancelled.status == CommandStatus.CANCELLED
    assert time.monotonic() - asked < 20
    assert text_of(run(w, context, "spark.range(6).count()")) == "6"


def test_dbutils_of_the_sdk_runs_on_the_cluster(host: str, w: WorkspaceClient, light_cluster: str):
    # RemoteDbUtils proxies what it does not implement itself through an execution context.
    remote = WorkspaceClient(host=host, token=w.config.token, auth_type="pat", cluster_id=light_cluster)
    assert remote.dbutils.fs.mounts() == []


def test_a_destroyed_context_is_refused(w: WorkspaceClient, light_cluster: str):
    created = w.command_execution.create_and_wait(cluster_id=light_cluster, language=Language.PYTHON, timeout=TIMEOUT)
    w.command_execution.destroy(cluster_id=light_cluster, context_id=created.id)
    with pytest.raises(ResourceDoesNotExist):
        w.command_execution.context_status(cluster_id=light_cluster, context_id=created.id)
    with pytest.raises(ResourceDoesNotExist):
        w.command_execution.execute(
            cluster_id=light_cluster, context_id=created.id, language=Language.PYTHON, command="1"
        )


def test_an_unknown_language_is_invalid_parameter_value(w: WorkspaceClient, light_cluster: str):
    with pytest.raises(InvalidParameterValue):
        w.api_client.do("POST", "/api/1.2/contexts/create", body={"clusterId": light_cluster, "language": "cobol"})


def test_form_bodies_of_the_api_examples_are_accepted(w: WorkspaceClient, host: str, light_cluster: str):
    """A urlencoded form for the context, a command posted as a file (curl -F command=@file.py)."""
    auth = {"Authorization": f"Bearer {w.config.token}"}
    created = requests.post(
        f"{host}/api/1.2/contexts/create",
        headers=auth,
        data={"clusterId": light_cluster, "language": "python"},
        timeout=30,
    )
    assert created.status_code == 200, created.text
    context_id = created.json()["id"]
    try:
        w.command_execution.wait_context_status_command_execution_running(light_cluster, context_id, timeout=TIMEOUT)
        executed = requests.post(
            f"{host}/api/1.2/commands/execute",
            headers=auth,
            data={"clusterId": light_cluster, "contextId": context_id, "language": "python"},
            files={"command": ("job.py", "total = sum(range(10))\nprint(total)\n")},
            timeout=30,
        )
        assert executed.status_code == 200, executed.text
        result = w.command_execution.wait_command_status_command_execution_finished_or_error(
            light_cluster, executed.json()["id"], context_id, timeout=TIMEOUT
        )
        assert text_of(result) == "45"
    finally:
        w.command_execution.destroy(cluster_id=light_cluster, context_id=context_id)


def test_a_terminated_cluster_is_refused_as_not_running(w: WorkspaceClient):
    cluster_id = new_cluster(w, LIGHT_RUNTIME, num_workers=0)
    try:
        w.clusters.delete_and_wait(cluster_id, timeout=timedelta(minutes=2))
        with pytest.raises(InvalidState, match=f"Cluster {cluster_id} is not running"):
            w.command_execution.create(cluster_id=cluster_id, language=Language.PYTHON)
    finally:
        w.clusters.permanent_delete(cluster_id)


def test_a_cluster_of_another_workspace_does_not_exist(other_workspace: WorkspaceClient, light_cluster: str):
    with pytest.raises(DatabricksError, match=f"Cluster {light_cluster} does not exist"):
        other_workspace.command_execution.create(cluster_id=light_cluster, language=Language.PYTHON)
