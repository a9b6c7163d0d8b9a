"""Runs executed end to end through the Python SDK: run-now waits for a real result.

Needs the whole platform: the scheduler, the cluster controller and the instance agent (the runtime
runs as cluster pods). A module-wide all-purpose cluster serves most tests; one test gets a job
cluster of its own (kept TERMINATED after its run, as on Databricks, so the test removes it). Every
job, run, file and cluster made here is removed again.
"""

import base64
import time
import uuid
from datetime import timedelta

import pytest
from databricks.sdk import WorkspaceClient
from databricks.sdk.errors import InvalidParameterValue, ResourceDoesNotExist
from databricks.sdk.service import jobs
from databricks.sdk.service.compute import (
    ClusterSource,
    ClusterSpec,
    EventType,
    GetEventsOrder,
    ListClustersFilterBy,
    State,
    TerminationReasonCode,
    TerminationReasonType,
)
from databricks.sdk.service.workspace import ImportFormat, Language

RUN_TIMEOUT = timedelta(minutes=3)
NO_SPARK_RUNTIME = "19.3.x-no-spark-scala2.13"
CSV = b"id,name,amount\n1,ada,10.5\n2,grace,20\n3,linus,7.25\n"


@pytest.fixture(scope="module")
def cluster_id(w: WorkspaceClient):
    # Job machinery, on the task runtime without Spark (its SQL is DuckDB's); Spark itself is
    # proven in test_spark_runtime.py.
    version = NO_SPARK_RUNTIME
    created = w.clusters.create(
        cluster_name=f"e2e-jobs-{uuid.uuid4().hex[:6]}",
        spark_version=version,
        num_workers=0,
        autotermination_minutes=30,
    ).result(timeout=timedelta(minutes=3))
    yield created.cluster_id
    w.clusters.permanent_delete(created.cluster_id)


@pytest.fixture(scope="module")
def home(w: WorkspaceClient):
    """A workspace folder and a DBFS folder for the module's code and data."""
    name = f"e2e-jobs-{uuid.uuid4().hex[:8]}"
    folder, data = f"/Shared/{name}", f"/{name}"
    w.workspace.mkdirs(folder)
    w.dbfs.mkdirs(data)
    yield folder, data
    w.workspace.delete(folder, recursive=True)
    w.dbfs.delete(data, recursive=True)


def put_notebook(w: WorkspaceClient, path: str, *cells: str) -> None:
    source = "# Databricks notebook source\n" + "\n\n# COMMAND ----------\n\n".join(cells) + "\n"
    w.workspace.import_(
        path,
        content=base64.b64encode(source.encode()).decode(),
        format=ImportFormat.SOURCE,
        language=Language.PYTHON,
        overwrite=True,
    )


def put_file(w: WorkspaceClient, path: str, text: str) -> None:
    w.workspace.import_(path, content=base64.b64encode(text.encode()).decode(), format=ImportFormat.RAW, overwrite=True)


@pytest.fixture
def make_job(w: WorkspaceClient, unique_name: str):
    created: list[int] = []

    def make(**settings) -> int:
        job_id = w.jobs.create(name=settings.pop("name", unique_name), **settings).job_id
        created.append(job_id)
        return job_id

    yield make
    for job_id in created:
        w.jobs.delete(job_id)


def python_file_task(key: str, cluster: str, path: str, **extra) -> jobs.Task:
    return jobs.Task(
        task_key=key, existing_cluster_id=cluster, spark_python_task=jobs.SparkPythonTask(python_file=path), **extra
    )


def task_of(run: jobs.Run, key: str) -> jobs.RunTask:
    return next(t for t in run.tasks if t.task_key == key)


def wait_until(what: str, probe, timeout: float = 60.0, interval: float = 0.5):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = probe()
        if value:
            return value
        time.sleep(interval)
    raise TimeoutError(f"timed out waiting for {what}")


def test_a_three_task_dag_reads_a_csv_writes_parquet_and_reads_it_back(
    w: WorkspaceClient, cluster_id: str, home, make_job
):
    folder, data = home
    w.dbfs.put(f"dbfs:{data}/people.csv", contents=base64.b64encode(CSV).decode(), overwrite=True)
    put_notebook(
        w,
        f"{folder}/ingest",
        'dbutils.widgets.text("path", "dbfs:/nothing")',
        'rows = len(dbutils.fs.head(dbutils.widgets.get("path")).strip().splitlines()) - 1\n'
        'dbutils.jobs.taskValues.set("rows", rows)',
        'dbutils.notebook.exit(f"rows={rows}")',
    )
    # A SQL cell on the cluster (a sql_task would run on a SQL warehouse: test_sql_task.py).
    put_notebook(
        w,
        f"{folder}/load",
        f"%sql\nCOPY (SELECT * FROM read_csv('dbfs:{data}/people.csv') WHERE amount >= {{{{min_amount}}}}) "
        f"TO 'dbfs:{data}/people.parquet' (FORMAT parquet);",
    )
    put_file(
        w,
        f"{folder}/report.py",
        "import brickyard\n"
        f"n = brickyard.sql(\"SELECT count(*) AS n FROM 'dbfs:{data}/people.parquet'\")[0]['n']\n"
        'print("parquet rows", n, "csv rows", dbutils.jobs.taskValues.get("ingest", "rows"))\n',
    )
    job_id = make_job(
        tasks=[
            jobs.Task(
                task_key="ingest",
                existing_cluster_id=cluster_id,
                notebook_task=jobs.NotebookTask(notebook_path=f"{folder}/ingest"),
            ),
            jobs.Task(
                task_key="load",
                depends_on=[jobs.TaskDependency(task_key="ingest")],
                existing_cluster_id=cluster_id,
                notebook_task=jobs.NotebookTask(notebook_path=f"{folder}/load"),
            ),
            python_file_task(
                "report", cluster_id, f"{folder}/report.py", depends_on=[jobs.TaskDependency(task_key="load")]
            ),
        ],
        parameters=[jobs.JobParameterDefinition(name="min_amount", default="0")],
    )
    run = w.jobs.run_now(
        job_id,
        job_parameters={"min_amount": "10", "path": f"dbfs:{data}/people.csv"},
    ).result(timeout=RUN_TIMEOUT)

    assert run.state.life_cycle_state == jobs.RunLifeCycleState.TERMINATED
    assert run.state.result_state == jobs.RunResultState.SUCCESS
    assert [(t.task_key, t.state.result_state) for t in run.tasks] == [
        ("ingest", jobs.RunResultState.SUCCESS),
        ("load", jobs.RunResultState.SUCCESS),
        ("report", jobs.RunResultState.SUCCESS),
    ]
    assert all(t.cluster_instance.cluster_id == cluster_id for t in run.tasks)
    assert task_of(run, "load").start_time >= task_of(run, "ingest").end_time

    ingest = w.jobs.get_run_output(task_of(run, "ingest").run_id)
    assert ingest.notebook_output.result == "rows=3"
    report = w.jobs.get_run_output(task_of(run, "report").run_id)
    assert "parquet rows 2 csv rows 3" in report.logs
    assert w.dbfs.read(f"dbfs:{data}/people.parquet", length=4).data == base64.b64encode(b"PAR1").decode()


def test_a_failing_task_fails_the_run_skips_downstream_and_runs_the_handlers(
    w: WorkspaceClient, cluster_id: str, home, make_job
):
    folder, _ = home
    put_file(w, f"{folder}/fails.py", 'raise ValueError("boom")\n')
    put_file(w, f"{folder}/ok.py", 'print("ok")\n')
    after_bad = [jobs.TaskDependency(task_key="bad")]
    job_id = make_job(
        tasks=[
            python_file_task("bad", cluster_id, f"{folder}/fails.py"),
            python_file_task("next", cluster_id, f"{folder}/ok.py", depends_on=after_bad),
            python_file_task(
                "always", cluster_id, f"{folder}/ok.py", depends_on=after_bad, run_if=jobs.RunIf.ALL_DONE
            ),
            python_file_task(
                "on_success", cluster_id, f"{folder}/ok.py", depends_on=after_bad, run_if=jobs.RunIf.NONE_FAILED
            ),
        ]
    )
    run = w.jobs.run_now(job_id).result(timeout=RUN_TIMEOUT)
    assert run.state.result_state == jobs.RunResultState.FAILED
    assert {t.task_key: t.state.result_state for t in run.tasks} == {
        "bad": jobs.RunResultState.FAILED,
        "next": jobs.RunResultState.UPSTREAM_FAILED,
        "always": jobs.RunResultState.SUCCESS,
        "on_success": jobs.RunResultState.UPSTREAM_FAILED,
    }
    output = w.jobs.get_run_output(task_of(run, "bad").run_id)
    assert output.error == "ValueError: boom"
    assert "Traceback" in output.error_trace


def test_run_if_excludes_a_failure_handler_when_nothing_failed(w: WorkspaceClient, cluster_id: str, home, make_job):
    folder, _ = home
    put_file(w, f"{folder}/ok.py", 'print("ok")\n')
    job_id = make_job(
        tasks=[
            python_file_task("work", cluster_id, f"{folder}/ok.py"),
            python_file_task(
                "alert",
                cluster_id,
                f"{folder}/ok.py",
                depends_on=[jobs.TaskDependency(task_key="work")],
                run_if=jobs.RunIf.AT_LEAST_ONE_FAILED,
            ),
        ]
    )
    run = w.jobs.run_now(job_id).result(timeout=RUN_TIMEOUT)
    assert run.state.result_state == jobs.RunResultState.SUCCESS
    assert task_of(run, "alert").state.result_state == jobs.RunResultState.EXCLUDED


def test_a_flaky_task_is_retried_until_it_succeeds(w: WorkspaceClient, cluster_id: str, home, make_job):
    folder, data = home
    put_file(
        w,
        f"{folder}/flaky.py",
        "import brickyard\n"
        "try:\n"
        f'    n = int(brickyard.read_text("dbfs:{data}/flaky-count"))\n'
        "except Exception:\n"
        "    n = 0\n"
        f'dbutils.fs.put("dbfs:{data}/flaky-count", str(n + 1), True)\n'
        "if n < 1:\n"
        '    raise RuntimeError("first attempt fails")\n'
        'print("second attempt works")\n',
    )
    job_id = make_job(
        tasks=[
            python_file_task("flaky", cluster_id, f"{folder}/flaky.py", max_retries=2, min_retry_interval_millis=500)
        ]
    )
    run = w.jobs.run_now(job_id).result(timeout=RUN_TIMEOUT)
    assert run.state.result_state == jobs.RunResultState.SUCCESS
    assert run.tasks[0].attempt_number == 1
    assert "second attempt works" in w.jobs.get_run_output(run.tasks[0].run_id).logs


def test_a_task_past_its_timeout_is_stopped_as_timed_out(w: WorkspaceClient, cluster_id: str, home, make_job):
    folder, _ = home
    put_notebook(w, f"{folder}/sleeps", "import time\ntime.sleep(120)")
    job_id = make_job(
        tasks=[
            jobs.Task(
                task_key="slow",
                existing_cluster_id=cluster_id,
                notebook_task=jobs.NotebookTask(notebook_path=f"{folder}/sleeps"),
                timeout_seconds=3,
            )
        ]
    )
    started = time.time()
    run = w.jobs.run_now(job_id).result(timeout=RUN_TIMEOUT)
    assert run.state.result_state == jobs.RunResultState.TIMEDOUT
    assert run.tasks[0].state.result_state == jobs.RunResultState.TIMEDOUT
    assert time.time() - started < 60


def test_a_running_run_is_canceled(w: WorkspaceClient, cluster_id: str, home, make_job):
    folder, _ = home
    put_notebook(w, f"{folder}/sleeps", "import time\ntime.sleep(120)")
    job_id = make_job(
        tasks=[
            jobs.Task(
                task_key="slow",
                existing_cluster_id=cluster_id,
                notebook_task=jobs.NotebookTask(notebook_path=f"{folder}/sleeps"),
            )
        ]
    )
    run_id = w.jobs.run_now(job_id).run_id
    wait_until(
        "the task to run",
        lambda: w.jobs.get_run(run_id).tasks[0].state.life_cycle_state == jobs.RunLifeCycleState.RUNNING,
    )
    run = w.jobs.cancel_run(run_id).result(timeout=timedelta(minutes=1))
    assert run.state.life_cycle_state == jobs.RunLifeCycleState.TERMINATED
    assert run.state.result_state == jobs.RunResultState.CANCELED
    assert run.state.user_cancelled_or_timedout


def test_a_run_beyond_max_concurrent_runs_is_skipped(w: WorkspaceClient, cluster_id: str, home, make_job):
    folder, _ = home
    put_notebook(w, f"{folder}/sleeps-briefly", "import time\ntime.sleep(5)")
    job_id = make_job(
        max_concurrent_runs=1,
        tasks=[
            jobs.Task(
                task_key="only",
                existing_cluster_id=cluster_id,
                notebook_task=jobs.NotebookTask(notebook_path=f"{folder}/sleeps-briefly"),
            )
        ],
    )
    first = w.jobs.run_now(job_id)
    wait_until(
        "the first run to start",
        lambda: w.jobs.get_run(first.run_id).state.life_cycle_state != jobs.RunLifeCycleState.QUEUED,
    )
    second = w.jobs.run_now(job_id).result(timeout=RUN_TIMEOUT)
    assert second.state.life_cycle_state == jobs.RunLifeCycleState.SKIPPED
    assert second.state.result_state == jobs.RunResultState.MAXIMUM_CONCURRENT_RUNS_REACHED
    assert first.result(timeout=RUN_TIMEOUT).state.result_state == jobs.RunResultState.SUCCESS


def test_a_job_cluster_is_created_for_the_run_and_kept_terminated_after_it(w: WorkspaceClient, home, make_job):
    """As on Databricks: once its run is done, the job cluster is TERMINATED with JOB_FINISHED and stays
    visible to clusters/get, /events and /list (for 30 days), but cannot be started again."""
    folder, _ = home
    put_notebook(w, f"{folder}/answer", "dbutils.notebook.exit(str(6 * 7))")
    version = NO_SPARK_RUNTIME
    job_id = make_job(
        job_clusters=[jobs.JobCluster(job_cluster_key="main", new_cluster=ClusterSpec(spark_version=version, num_workers=0))],
        tasks=[
            jobs.Task(
                task_key="answer",
                job_cluster_key="main",
                notebook_task=jobs.NotebookTask(notebook_path=f"{folder}/answer"),
            )
        ],
    )
    waiter = w.jobs.run_now(job_id)
    job_cluster = wait_until(
        "the job cluster",
        lambda: next(
            (c for c in w.clusters.list() if c.cluster_source == ClusterSource.JOB and str(waiter.run_id) in (c.cluster_name or "")),
            None,
        ),
    )
    try:
        run = waiter.result(timeout=RUN_TIMEOUT)
        assert run.state.result_state == jobs.RunResultState.SUCCESS
        assert run.tasks[0].cluster_instance.cluster_id == job_cluster.cluster_id
        assert w.jobs.get_run_output(run.tasks[0].run_id).notebook_output.result == "42"

        details = wait_until(
            "the job cluster to be TERMINATED",
            lambda: (d := w.clusters.get(job_cluster.cluster_id)).state == State.TERMINATED and d,
        )
        assert details.cluster_source == ClusterSource.JOB
        assert details.termination_reason.code == TerminationReasonCode.JOB_FINISHED
        assert details.termination_reason.type == TerminationReasonType.SUCCESS

        events = list(w.clusters.events(job_cluster.cluster_id, order=GetEventsOrder.ASC))
        assert events[-1].type == EventType.TERMINATING
        assert events[-1].details.reason.code == TerminationReasonCode.JOB_FINISHED

        assert job_cluster.cluster_id in [c.cluster_id for c in w.clusters.list()]
        only_job_clusters = w.clusters.list(filter_by=ListClustersFilterBy(cluster_sources=[ClusterSource.JOB]))
        assert job_cluster.cluster_id in [c.cluster_id for c in only_job_clusters]
        all_purpose = w.clusters.list(filter_by=ListClustersFilterBy(cluster_sources=[ClusterSource.UI, ClusterSource.API]))
        assert job_cluster.cluster_id not in [c.cluster_id for c in all_purpose]

        with pytest.raises(InvalidParameterValue, match="job cluster"):
            w.clusters.start(job_cluster.cluster_id)
    finally:
        w.clusters.permanent_delete(job_cluster.cluster_id)

    def gone() -> bool:
        try:
            w.clusters.get(job_cluster.cluster_id)
            return False
        except ResourceDoesNotExist:
            return True

    wait_until("the job cluster to be removed", gone)


def test_a_cron_schedule_starts_periodic_runs(w: WorkspaceClient, cluster_id: str, home, make_job):
    folder, _ = home
    put_file(w, f"{folder}/tick.py", 'print("tick")\n')
    job_id = make_job(
        max_concurrent_runs=3,
        schedule=jobs.CronSchedule(
            quartz_cron_expression="*/5 * * * * ?", timezone_id="UTC", pause_status=jobs.PauseStatus.UNPAUSED
        ),
        tasks=[python_file_task("tick", cluster_id, f"{folder}/tick.py")],
    )
    try:
        periodic = wait_until(
            "a periodic run",
            lambda: [r for r in w.jobs.list_runs(job_id=job_id) if r.trigger == jobs.TriggerType.PERIODIC],
            timeout=30,
        )
        run = w.jobs.wait_get_run_job_terminated_or_skipped(periodic[-1].run_id, timeout=RUN_TIMEOUT)
        assert run.state.result_state == jobs.RunResultState.SUCCESS
    finally:
        w.jobs.update(
            job_id,
            new_settings=jobs.JobSettings(
                schedule=jobs.CronSchedule(
                    quartz_cron_expression="*/5 * * * * ?", timezone_id="UTC", pause_status=jobs.PauseStatus.PAUSED
                )
            ),
        )
    for active in w.jobs.list_runs(job_id=job_id, active_only=True):
        w.jobs.cancel_run(active.run_id)
