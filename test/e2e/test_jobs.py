"""Jobs and runs through the Python SDK and the CLI: create, get, list, run-now, runs get."""

import json

import pytest
from databricks.sdk import WorkspaceClient
from databricks.sdk.errors import InvalidParameterValue, ResourceDoesNotExist
from databricks.sdk.service import jobs

from conftest import run_cli


def notebook_task(key: str, **extra) -> jobs.Task:
    return jobs.Task(
        task_key=key,
        existing_cluster_id="0000-000000-notused0",
        notebook_task=jobs.NotebookTask(notebook_path="/Shared/e2e"),
        **extra,
    )


def test_a_job_round_trips_through_the_sdk(w: WorkspaceClient, unique_name: str):
    created = w.jobs.create(
        name=unique_name,
        tasks=[notebook_task("ingest"), notebook_task("report", depends_on=[jobs.TaskDependency(task_key="ingest")])],
        max_concurrent_runs=2,
        tags={"team": "e2e"},
    )
    try:
        job = w.jobs.get(created.job_id)
        assert job.settings.name == unique_name
        assert [t.task_key for t in job.settings.tasks] == ["ingest", "report"]
        assert job.settings.tags == {"team": "e2e"}
        assert created.job_id in [j.job_id for j in w.jobs.list(name=unique_name)]

        w.jobs.update(created.job_id, new_settings=jobs.JobSettings(max_concurrent_runs=3))
        assert w.jobs.get(created.job_id).settings.max_concurrent_runs == 3
    finally:
        w.jobs.delete(created.job_id)
    with pytest.raises(ResourceDoesNotExist):
        w.jobs.get(created.job_id)


def test_run_now_records_a_run_the_sdk_can_read(w: WorkspaceClient, unique_name: str):
    job_id = w.jobs.create(name=unique_name, tasks=[notebook_task("only")]).job_id
    try:
        waiter = w.jobs.run_now(job_id, job_parameters={"day": "2026-11-24"})
        run = w.jobs.get_run(waiter.run_id)
        assert run.job_id == job_id
        assert run.run_type == jobs.RunType.JOB_RUN
        assert run.state.life_cycle_state in (
            jobs.RunLifeCycleState.QUEUED,
            jobs.RunLifeCycleState.PENDING,
            jobs.RunLifeCycleState.RUNNING,
            jobs.RunLifeCycleState.TERMINATED,
            jobs.RunLifeCycleState.INTERNAL_ERROR,
        )
        assert [t.task_key for t in run.tasks] == ["only"]
        assert waiter.run_id in [r.run_id for r in w.jobs.list_runs(job_id=job_id)]
        w.jobs.cancel_run(waiter.run_id)
    finally:
        w.jobs.delete(job_id)


def test_a_dependency_cycle_is_invalid(w: WorkspaceClient, unique_name: str):
    with pytest.raises(InvalidParameterValue):
        w.jobs.create(
            name=unique_name,
            tasks=[
                notebook_task("a", depends_on=[jobs.TaskDependency(task_key="b")]),
                notebook_task("b", depends_on=[jobs.TaskDependency(task_key="a")]),
            ],
        )


def test_the_cli_creates_runs_and_reads_a_job(unique_name: str):
    settings = {
        "name": unique_name,
        "tasks": [
            {
                "task_key": "only",
                "existing_cluster_id": "0000-000000-notused0",
                "notebook_task": {"notebook_path": "/Shared/e2e"},
            }
        ],
    }
    job_id = run_cli("jobs", "create", "--json", json.dumps(settings))["job_id"]
    try:
        assert run_cli("jobs", "get", str(job_id))["settings"]["name"] == unique_name
        assert job_id in [j["job_id"] for j in run_cli("jobs", "list")]
        run_id = run_cli("jobs", "run-now", str(job_id), "--no-wait")["run_id"]
        assert run_cli("jobs", "get-run", str(run_id))["job_id"] == job_id
        run_cli("jobs", "cancel-run", str(run_id), "--no-wait")
    finally:
        run_cli("jobs", "delete", str(job_id))
