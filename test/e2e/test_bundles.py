"""Databricks Asset Bundles through the project's `databricks` CLI: validate, deploy, summary, run,
an unchanged re-deploy, a foreign deployment lock, and destroy, with the SDK checking each step.

The bundle (test/e2e/bundle_project) uses the CLI's direct engine, which calls the REST API itself:
workspace files and folders, their permissions, jobs and job permissions, the deployment lock and
state files, /telemetry-ext. Its job runs a notebook task then a Python file task on a job cluster
of the light task runtime; the job cluster, kept TERMINATED after the run, is removed here.
"""

import base64
import json
import os
import re
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest
from databricks.sdk import WorkspaceClient
from databricks.sdk.errors import ResourceDoesNotExist
from databricks.sdk.service import jobs
from databricks.sdk.service.workspace import ImportFormat, ObjectType

PROJECT = Path(__file__).parent / "bundle_project"
RUN_TIMEOUT_SECONDS = 300


def bundle(project: Path, *args: str, timeout: int = 120) -> subprocess.CompletedProcess:
    """Runs `databricks bundle ...` in the project with the platform's host and token from the environment."""
    env = {k: v for k, v in os.environ.items() if k != "DATABRICKS_CONFIG_PROFILE"}
    return subprocess.run(
        ["databricks", "bundle", *args], cwd=project, env=env, capture_output=True, text=True, timeout=timeout
    )


def succeeds(completed: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert completed.returncode == 0, f"exit {completed.returncode}\nstdout:\n{completed.stdout}\nstderr:\n{completed.stderr}"
    return completed


def api_calls(debug_log: str) -> list[str]:
    """The `METHOD /path` of every request in a `--debug` log."""
    return re.findall(r"Debug: ((?:GET|POST|PUT|PATCH|DELETE) \S+)", debug_log)


@pytest.fixture
def project(w: WorkspaceClient, tmp_path: Path, unique_name: str):
    """A copy of the bundle under a name of its own, so its workspace folder is this test's alone."""
    copy = tmp_path / "bundle"
    shutil.copytree(PROJECT, copy, ignore=shutil.ignore_patterns(".databricks"))
    config = copy / "databricks.yml"
    config.write_text(config.read_text().replace("name: brickyard_e2e_bundle", f"name: {unique_name.replace('-', '_')}"))
    yield copy
    # Leaves nothing behind if the test stopped before its own destroy; a no-op after it.
    bundle(copy, "destroy", "--auto-approve")
    # Destroy removes the target's folder only, as on Databricks; its parent is the bundle's name.
    w.workspace.delete(f"/Users/{w.current_user.me().user_name}/.bundle/{unique_name.replace('-', '_')}", recursive=True)


def test_a_bundle_is_validated_deployed_run_redeployed_unchanged_and_destroyed(
    w: WorkspaceClient, project: Path, unique_name: str
):
    me = w.current_user.me().user_name
    root = f"/Workspace/Users/{me}/.bundle/{unique_name.replace('-', '_')}/dev"

    validated = json.loads(succeeds(bundle(project, "validate", "--output", "json")).stdout)
    assert validated["workspace"]["root_path"] == root
    assert validated["bundle"]["engine"] == "direct"

    deployed = succeeds(bundle(project, "deploy", "--debug"))
    assert "Deployment complete!" in deployed.stderr
    assert "logs uploaded successfully" in deployed.stderr  # /telemetry-ext accepted the CLI's event

    summary = json.loads(succeeds(bundle(project, "summary", "--output", "json")).stdout)
    job_summary = summary["resources"]["jobs"]["etl"]
    job_id = int(job_summary["id"])
    assert job_summary["url"].startswith(f"{os.environ['DATABRICKS_HOST']}/jobs/{job_id}")

    settings = w.jobs.get(job_id).settings
    assert settings.deployment.kind == jobs.JobDeploymentKind.BUNDLE
    assert settings.edit_mode == jobs.JobEditMode.UI_LOCKED
    tasks = {t.task_key: t for t in settings.tasks}
    assert tasks["notebook"].notebook_task.notebook_path == f"{root}/files/src/answer"
    assert tasks["script"].spark_python_task.python_file == f"{root}/files/src/greet.py"
    assert w.workspace.get_status(f"{root}/files/src/answer").object_type == ObjectType.NOTEBOOK
    assert w.workspace.get_status(f"{root}/files/src/greet.py").object_type == ObjectType.FILE

    job_acl = w.jobs.get_permissions(str(job_id)).access_control_list
    assert ("users", "CAN_VIEW") in [(a.group_name, a.all_permissions[0].permission_level.value) for a in job_acl]
    folder_id = str(w.workspace.get_status(root).object_id)
    folder_acl = w.workspace.get_permissions("directories", folder_id).access_control_list
    assert ("users", "CAN_READ") in [(a.group_name, a.all_permissions[0].permission_level.value) for a in folder_acl]

    run_output = json.loads(
        succeeds(bundle(project, "run", "etl", "--output", "json", timeout=RUN_TIMEOUT_SECONDS)).stdout
    )
    outputs = {t["TaskKey"]: t["Output"] for t in run_output["task_outputs"]}
    assert outputs["notebook"]["result"] == "42"
    assert outputs["script"]["logs"] == "hello from a bundle\n"
    [run_summary] = list(w.jobs.list_runs(job_id=job_id))
    run = w.jobs.get_run(run_summary.run_id)
    try:
        assert run.state.result_state == jobs.RunResultState.SUCCESS
        run_tasks = {t.task_key: t for t in run.tasks}
        assert w.jobs.get_run_output(run_tasks["notebook"].run_id).notebook_output.result == "42"
        assert w.jobs.get_run_output(run_tasks["script"].run_id).logs == "hello from a bundle\n"
    finally:
        for cluster_id in {t.cluster_instance.cluster_id for t in run.tasks if t.cluster_instance}:
            w.clusters.permanent_delete(cluster_id)

    # A second deploy with nothing changed: the plan skips the job, and nothing is created, reset or uploaded.
    files_before = {o.path: o.modified_at for o in w.workspace.list(f"{root}/files", recursive=True)}
    settings_before = w.jobs.get(job_id).settings.as_dict()
    plan = json.loads(succeeds(bundle(project, "plan", "--output", "json")).stdout)["plan"]
    assert {key: entry["action"] for key, entry in plan.items()} == {
        "resources.jobs.etl": "skip",
        "resources.jobs.etl.permissions": "skip",
    }
    redeployed = succeeds(bundle(project, "deploy", "--debug"))
    calls = api_calls(redeployed.stderr)
    assert not [c for c in calls if "/jobs/create" in c or "/jobs/reset" in c or "/jobs/update" in c]
    assert not [c for c in calls if c.startswith("POST /api/2.0/workspace-files/import-file" + root + "/files/")]
    assert w.jobs.get(job_id).settings.as_dict() == settings_before
    assert {o.path: o.modified_at for o in w.workspace.list(f"{root}/files", recursive=True)} == files_before

    # Another deployer's lock stops a deploy, as on Databricks, until it is released.
    lock = f"{root}/state/deploy.lock"
    held = {"ID": str(uuid.uuid4()), "AcquisitionTime": "2026-01-01T00:00:00Z", "IsForced": False, "User": "someone@else"}
    w.workspace.import_(lock, content=base64.b64encode(json.dumps(held).encode()).decode(), format=ImportFormat.AUTO)
    blocked = bundle(project, "deploy")
    assert blocked.returncode != 0
    assert "deploy lock acquired by someone@else" in blocked.stderr
    w.workspace.delete(lock)

    destroyed = succeeds(bundle(project, "destroy", "--auto-approve"))
    assert "Destroy complete!" in destroyed.stderr
    with pytest.raises(ResourceDoesNotExist):
        w.jobs.get(job_id)
    with pytest.raises(ResourceDoesNotExist):
        w.workspace.get_status(root)
