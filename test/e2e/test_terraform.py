"""Terraform through OpenTofu and the Databricks provider (both built by deploy/local/build-binaries.sh,
the provider installed by `tofu init` from the local mirror that .brickyard/env's TF_CLI_CONFIG_FILE
names): apply a notebook, a single-node cluster, a job with a notebook task on it and a token; a second
plan shows no change (nothing the provider reads back drifts); destroy; the SDK checks each step.
"""

import os
import subprocess
from pathlib import Path

import pytest
from databricks.sdk import WorkspaceClient
from databricks.sdk.errors import ResourceDoesNotExist

CONFIG = """
terraform {
  required_providers {
    databricks = { source = "databricks/databricks" }
  }
}

provider "databricks" {}

resource "databricks_notebook" "nb" {
  path           = "/Shared/%(name)s/nb"
  language       = "PYTHON"
  content_base64 = base64encode("print('hello from terraform')")
}

resource "databricks_cluster" "c" {
  cluster_name            = "%(name)s"
  spark_version           = "19.3.x-no-spark-scala2.13"
  node_type_id            = "i3.xlarge"
  num_workers             = 0
  autotermination_minutes = 10
  spark_conf = {
    "spark.databricks.cluster.profile" = "singleNode"
    "spark.master"                     = "local[*]"
  }
  custom_tags = { "ResourceClass" = "SingleNode" }
}

resource "databricks_job" "j" {
  name = "%(name)s"
  task {
    task_key            = "main"
    existing_cluster_id = databricks_cluster.c.id
    notebook_task { notebook_path = databricks_notebook.nb.path }
  }
}

resource "databricks_token" "t" {
  comment          = "%(name)s"
  lifetime_seconds = 3600
}

output "cluster_id" { value = databricks_cluster.c.id }
output "job_id" { value = databricks_job.j.id }
output "token_id" { value = databricks_token.t.token_id }
"""


def tofu(workdir: Path, *args: str, timeout: int = 300) -> subprocess.CompletedProcess:
    """Runs `tofu` with the platform's host and token and the CLI configuration from the environment."""
    assert os.environ.get("TF_CLI_CONFIG_FILE"), "TF_CLI_CONFIG_FILE is not set: run 'make up' and source .brickyard/env"
    return subprocess.run(
        ["tofu", *args, "-input=false", "-no-color"], cwd=workdir, capture_output=True, text=True, timeout=timeout
    )


def succeeds(completed: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert completed.returncode == 0, f"exit {completed.returncode}\nstdout:\n{completed.stdout}\nstderr:\n{completed.stderr}"
    return completed


def output(workdir: Path, name: str) -> str:
    return succeeds(subprocess.run(["tofu", "output", "-raw", name], cwd=workdir, capture_output=True, text=True)).stdout


@pytest.fixture
def workdir(tmp_path: Path, unique_name: str) -> Path:
    (tmp_path / "main.tf").write_text(CONFIG % {"name": unique_name})
    return tmp_path


def test_apply_plan_without_changes_and_destroy(w: WorkspaceClient, workdir: Path, unique_name: str):
    succeeds(tofu(workdir, "init"))
    try:
        succeeds(tofu(workdir, "apply", "-auto-approve"))
        cluster_id, job_id, token_id = (output(workdir, n) for n in ("cluster_id", "job_id", "token_id"))

        cluster = w.clusters.get(cluster_id)
        assert cluster.cluster_name == unique_name and cluster.num_workers == 0
        job = w.jobs.get(int(job_id))
        assert job.settings.name == unique_name
        assert job.settings.tasks[0].existing_cluster_id == cluster_id
        assert job.settings.tasks[0].notebook_task.notebook_path == f"/Shared/{unique_name}/nb"
        assert w.workspace.get_status(f"/Shared/{unique_name}/nb").language.value == "PYTHON"
        assert token_id in {t.token_id for t in w.tokens.list()}

        plan = tofu(workdir, "plan", "-detailed-exitcode")
        assert plan.returncode == 0, f"the second plan is not empty (exit {plan.returncode}):\n{plan.stdout}\n{plan.stderr}"
        assert "No changes." in plan.stdout
    finally:
        succeeds(tofu(workdir, "destroy", "-auto-approve"))

    with pytest.raises(ResourceDoesNotExist):
        w.clusters.get(cluster_id)
    with pytest.raises(ResourceDoesNotExist):
        w.jobs.get(int(job_id))
    with pytest.raises(ResourceDoesNotExist):
        w.workspace.get_status(f"/Shared/{unique_name}/nb")
    assert token_id not in {t.token_id for t in w.tokens.list()}
