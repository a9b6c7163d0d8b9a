"""SQL tasks through the Python SDK: a job's sql_task runs on the SQL warehouse it names.

A sql_task file and a saved query (the Queries API, w.queries) run on the warehouse's Spark, with
Unity Catalog's `main` as the default catalog; a stopped warehouse is started by the run; a
warehouse that does not exist fails the run. One 2X-Small warehouse serves the module.
"""

import base64
import uuid
from datetime import timedelta

import pytest
from databricks.sdk import WorkspaceClient
from databricks.sdk.errors import NotFound, OperationFailed, ResourceAlreadyExists
from databricks.sdk.service import jobs, sql
from databricks.sdk.service.workspace import ImportFormat

RUN_TIMEOUT = timedelta(minutes=6)


@pytest.fixture(scope="module")
def warehouse_id(w: WorkspaceClient):
    created = w.warehouses.create_and_wait(
        name=f"e2e-sql-task-{uuid.uuid4().hex[:6]}",
        cluster_size="2X-Small",
        auto_stop_mins=10,
        timeout=timedelta(minutes=5),
    )
    yield created.id
    w.warehouses.delete(created.id)


@pytest.fixture(scope="module")
def folder(w: WorkspaceClient):
    path = f"/Shared/e2e-sql-task-{uuid.uuid4().hex[:8]}"
    w.workspace.mkdirs(path)
    yield path
    w.workspace.delete(path, recursive=True)


@pytest.fixture
def make(w: WorkspaceClient, unique_name: str):
    """Creates jobs and saved queries, and removes them afterwards."""
    job_ids: list[int] = []
    query_ids: list[str] = []

    class Maker:
        @staticmethod
        def job(*tasks: jobs.Task) -> int:
            job_id = w.jobs.create(name=unique_name, tasks=list(tasks)).job_id
            job_ids.append(job_id)
            return job_id

        @staticmethod
        def query(**fields) -> sql.Query:
            query = w.queries.create(query=sql.CreateQueryRequestQuery(display_name=f"{unique_name}-{len(query_ids)}", **fields))
            query_ids.append(query.id)
            return query

    yield Maker
    for job_id in job_ids:
        w.jobs.delete(job_id)
    for query_id in query_ids:
        w.queries.delete(query_id)


def put_sql(w: WorkspaceClient, path: str, text: str) -> None:
    w.workspace.import_(path, content=base64.b64encode(text.encode()).decode(), format=ImportFormat.RAW, overwrite=True)


def task_of(run: jobs.Run, key: str) -> jobs.RunTask:
    return next(t for t in run.tasks if t.task_key == key)


def test_saved_queries_are_created_read_listed_updated_and_trashed(w: WorkspaceClient, make, warehouse_id: str):
    query = make.query(query_text="SELECT 1 AS one", warehouse_id=warehouse_id, catalog="main", schema="default")
    got = w.queries.get(query.id)
    assert (got.query_text, got.warehouse_id, got.catalog, got.schema) == ("SELECT 1 AS one", warehouse_id, "main", "default")
    assert got.lifecycle_state == sql.LifecycleState.ACTIVE
    assert got.owner_user_name and got.create_time and got.update_time
    assert query.id in [listed.id for listed in w.queries.list()]

    updated = w.queries.update(query.id, "query_text,description", query=sql.UpdateQueryRequestQuery(query_text="SELECT 2", description="two"))
    assert (updated.query_text, updated.description, updated.display_name) == ("SELECT 2", "two", query.display_name)

    with pytest.raises(ResourceAlreadyExists):
        w.queries.create(query=sql.CreateQueryRequestQuery(display_name=query.display_name, query_text="SELECT 3"))

    w.queries.delete(query.id)
    assert w.queries.get(query.id).lifecycle_state == sql.LifecycleState.TRASHED
    assert query.id not in [listed.id for listed in w.queries.list()]
    with pytest.raises(NotFound):
        w.queries.get(str(uuid.uuid4()))


def test_a_sql_file_and_a_saved_query_run_on_the_warehouse(w: WorkspaceClient, make, folder: str, warehouse_id: str):
    put_sql(w, f"{folder}/report.sql", "SELECT {{factor}} * 21 AS doubled, current_catalog() AS catalog_now;\n")
    query = make.query(
        query_text="SELECT {{n}} + 1 AS answer",
        warehouse_id=warehouse_id,
        parameters=[sql.QueryParameter(name="n", title="n", numeric_value=sql.NumericValue(value=1))],
    )
    job_id = make.job(
        jobs.Task(
            task_key="file",
            sql_task=jobs.SqlTask(
                warehouse_id=warehouse_id,
                file=jobs.SqlTaskFile(path=f"{folder}/report.sql"),
                parameters={"factor": "2"},
            ),
        ),
        jobs.Task(
            task_key="query",
            depends_on=[jobs.TaskDependency(task_key="file")],
            sql_task=jobs.SqlTask(
                warehouse_id=warehouse_id, query=jobs.SqlTaskQuery(query_id=query.id), parameters={"n": "41"}
            ),
        ),
    )
    run = w.jobs.run_now(job_id).result(timeout=RUN_TIMEOUT)

    assert run.state.result_state == jobs.RunResultState.SUCCESS, run.state.state_message
    assert [t.state.result_state for t in run.tasks] == [jobs.RunResultState.SUCCESS] * 2
    # Warehouse tasks run on the warehouse, not on a cluster of the run.
    assert all(t.cluster_instance is None for t in run.tasks)
    assert all(t.sql_task.warehouse_id == warehouse_id for t in run.tasks)

    file_output = w.jobs.get_run_output(task_of(run, "file").run_id)
    assert "42" in file_output.logs and "main" in file_output.logs
    assert file_output.sql_output.file_output.warehouse_id == warehouse_id
    query_output = w.jobs.get_run_output(task_of(run, "query").run_id)
    assert "42" in query_output.logs
    assert query_output.sql_output.query_output.warehouse_id == warehouse_id
    assert query_output.sql_output.query_output.query_text == "SELECT {{n}} + 1 AS answer"


def test_a_stopped_warehouse_is_started_by_the_run(w: WorkspaceClient, make, folder: str, warehouse_id: str):
    put_sql(w, f"{folder}/one.sql", "SELECT 'started' AS how;\n")
    w.warehouses.stop_and_wait(warehouse_id, timeout=timedelta(minutes=3))
    job_id = make.job(
        jobs.Task(
            task_key="file",
            sql_task=jobs.SqlTask(warehouse_id=warehouse_id, file=jobs.SqlTaskFile(path=f"{folder}/one.sql")),
        )
    )
    run = w.jobs.run_now(job_id).result(timeout=RUN_TIMEOUT)
    assert run.state.result_state == jobs.RunResultState.SUCCESS, run.state.state_message
    assert "started" in w.jobs.get_run_output(run.tasks[0].run_id).logs
    assert w.warehouses.get(warehouse_id).state == sql.State.RUNNING


def test_a_run_on_a_warehouse_that_does_not_exist_fails(w: WorkspaceClient, make):
    job_id = make.job(
        jobs.Task(
            task_key="file",
            sql_task=jobs.SqlTask(warehouse_id="ffffffffffffffff", file=jobs.SqlTaskFile(path="/Shared/none.sql")),
        )
    )
    waiter = w.jobs.run_now(job_id)
    with pytest.raises(OperationFailed, match="Warehouse ffffffffffffffff does not exist"):
        w.jobs.wait_get_run_job_terminated_or_skipped(waiter.run_id, timeout=timedelta(minutes=1))
    run = w.jobs.get_run(waiter.run_id)
    assert run.state.result_state == jobs.RunResultState.FAILED
    assert run.tasks[0].status.termination_details.code == jobs.TerminationCodeCode.RESOURCE_NOT_FOUND
