"""MLflow tracking through the workspace host: the real `mlflow` client (tracking URI `databricks`,
DATABRICKS_HOST/TOKEN) and the SDK's w.experiments, against the MLflow server `make up` runs behind
the API. A second workspace sees none of the first's experiments.

The mlflow client runs from the tracking server's venv (.brickyard/mlflow-venv): its pins stay
apart from the SDK's and Databricks Connect's.
"""

import json
import os
import subprocess

import pytest
from databricks.sdk import AccountClient, WorkspaceClient
from databricks.sdk.errors import DatabricksError

MLFLOW_PYTHON = os.path.join(os.path.dirname(__file__), "..", "..", ".brickyard", "mlflow-venv", "bin", "python")

# Logs a run with params and metrics under an experiment the script creates; prints the ids.
LOG_RUN = """
import json, sys
import mlflow
mlflow.set_tracking_uri("databricks")
experiment_id = mlflow.create_experiment(sys.argv[1])
with mlflow.start_run(experiment_id=experiment_id) as run:
    mlflow.log_param("alpha", "0.5")
    for step, loss in enumerate([0.9, 0.4, 0.2]):
        mlflow.log_metric("loss", loss, step=step)
print(json.dumps({"experiment_id": experiment_id, "run_id": run.info.run_id}))
"""


def run_mlflow_client(script: str, *args: str, host: str, token: str) -> dict:
    env = {**os.environ, "DATABRICKS_HOST": host, "DATABRICKS_TOKEN": token}
    done = subprocess.run(
        [MLFLOW_PYTHON, "-c", script, *args], env=env, capture_output=True, text=True, timeout=180, check=False
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_mlflow_client_logs_params_and_metrics_the_sdk_reads(w: WorkspaceClient, host: str, unique_name: str):
    name = f"/Users/e2e/{unique_name}"
    logged = run_mlflow_client(LOG_RUN, name, host=host, token=os.environ["DATABRICKS_TOKEN"])

    experiment = w.experiments.get_experiment(logged["experiment_id"]).experiment
    assert experiment.name == name
    assert experiment.artifact_location.startswith("dbfs:/databricks/mlflow-tracking/")
    assert name in [e.name for e in w.experiments.list_experiments(max_results=100)]

    run = w.experiments.get_run(logged["run_id"]).run
    assert {p.key: p.value for p in run.data.params} == {"alpha": "0.5"}
    history = list(w.experiments.get_history(metric_key="loss", run_id=logged["run_id"]))
    assert [(m.step, m.value) for m in history] == [(0, 0.9), (1, 0.4), (2, 0.2)]


def test_another_workspace_sees_none_of_the_experiments(
    w: WorkspaceClient, a: AccountClient, host: str, unique_name: str
):
    experiment_id = w.experiments.create_experiment(name=f"/Users/e2e/{unique_name}").experiment_id
    workspace = a.workspaces.create(workspace_name=unique_name).result()
    try:
        token = a.api_client.do(
            "POST",
            "/api/2.0/token/create",
            headers={"X-Databricks-Org-Id": str(workspace.workspace_id)},
            body={"comment": unique_name, "lifetime_seconds": 600},
        )["token_value"]
        other = WorkspaceClient(host=host, token=token, auth_type="pat")
        with pytest.raises(DatabricksError, match=f"No Experiment with id={experiment_id} exists"):
            other.experiments.get_experiment(experiment_id)
        assert experiment_id not in [e.experiment_id for e in other.experiments.list_experiments(max_results=100)]
        # A workspace header of the caller's own does not cross over either.
        with pytest.raises(DatabricksError, match="No Experiment"):
            other.api_client.do(
                "GET",
                "/api/2.0/mlflow/experiments/get",
                query={"experiment_id": experiment_id},
                headers={"X-MLFLOW-WORKSPACE": f"ws-{os.environ['BRICKYARD_DEFAULT_WORKSPACE_ID']}"},
            )
    finally:
        a.workspaces.delete(workspace.workspace_id)
