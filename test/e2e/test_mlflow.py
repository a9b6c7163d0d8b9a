"""MLflow tracking through the workspace host: the real `mlflow` client (tracking URI `databricks`,
DATABRICKS_HOST/TOKEN) and the SDK's w.experiments, against the MLflow server `make up` runs behind
the API: params, metrics, artifacts, and a model in the workspace model registry. A second
workspace sees none of the first's experiments, artifacts or models. A training notebook on a
cluster logs with the notebook's own credentials and scikit-learn autologging.

The mlflow client runs from the tracking server's venv (.brickyard/mlflow-venv): its pins stay
apart from the SDK's and Databricks Connect's.
"""

import base64
import json
import os
import subprocess
from datetime import timedelta

import pytest
from databricks.sdk import WorkspaceClient
from databricks.sdk.errors import DatabricksError
from databricks.sdk.service import jobs
from databricks.sdk.service.compute import ClusterSpec
from databricks.sdk.service.workspace import ImportFormat, Language

SPARK_RUNTIME = "19.3.x-scala2.13"
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


# Logs a text artifact and a scikit-learn model registered in the workspace model registry, then
# lists and downloads the artifact and loads the registered model back, all through the host.
LOG_MODEL = """
import json, os, sys, tempfile
import mlflow
import numpy as np
from sklearn.linear_model import LinearRegression
mlflow.set_tracking_uri("databricks")
mlflow.set_registry_uri("databricks")
experiment_id = mlflow.create_experiment(sys.argv[1])
X, y = np.array([[0.0], [1.0], [2.0]]), np.array([1.0, 3.0, 5.0])
with mlflow.start_run(experiment_id=experiment_id) as run:
    notes = os.path.join(tempfile.mkdtemp(), "notes.txt")
    with open(notes, "w") as f:
        f.write("fitted on three points")
    mlflow.log_artifact(notes, artifact_path="docs")
    mlflow.sklearn.log_model(LinearRegression().fit(X, y), name="model", registered_model_name=sys.argv[2])
run_id = run.info.run_id
listed = sorted(f.path for f in mlflow.artifacts.list_artifacts(run_id=run_id))
with open(mlflow.artifacts.download_artifacts(run_id=run_id, artifact_path="docs/notes.txt")) as f:
    downloaded = f.read()
loaded = mlflow.pyfunc.load_model(f"models:/{sys.argv[2]}/1")
print(json.dumps({
    "experiment_id": experiment_id,
    "run_id": run_id,
    "artifact_uri": run.info.artifact_uri,
    "listed": listed,
    "downloaded": downloaded,
    "prediction": loaded.predict(np.array([[3.0]])).tolist(),
}))
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
    w: WorkspaceClient, other_workspace: WorkspaceClient, unique_name: str
):
    experiment_id = w.experiments.create_experiment(name=f"/Users/e2e/{unique_name}").experiment_id
    with pytest.raises(DatabricksError, match=f"No Experiment with id={experiment_id} exists"):
        other_workspace.experiments.get_experiment(experiment_id)
    assert experiment_id not in [e.experiment_id for e in other_workspace.experiments.list_experiments(max_results=100)]
    # A workspace header of the caller's own does not cross over either.
    with pytest.raises(DatabricksError, match="No Experiment"):
        other_workspace.api_client.do(
            "GET",
            "/api/2.0/mlflow/experiments/get",
            query={"experiment_id": experiment_id},
            headers={"X-MLFLOW-WORKSPACE": f"ws-{os.environ['BRICKYARD_DEFAULT_WORKSPACE_ID']}"},
        )


def test_artifacts_and_a_registered_model_live_in_the_workspace_dbfs(
    w: WorkspaceClient, other_workspace: WorkspaceClient, host: str, unique_name: str
):
    logged = run_mlflow_client(
        LOG_MODEL, f"/Users/e2e/{unique_name}", unique_name, host=host, token=os.environ["DATABRICKS_TOKEN"]
    )
    experiment_id, run_id = logged["experiment_id"], logged["run_id"]
    assert logged["artifact_uri"] == f"dbfs:/databricks/mlflow-tracking/{experiment_id}/{run_id}/artifacts"
    assert logged["listed"] == ["docs"]
    assert logged["downloaded"] == "fitted on three points"
    assert logged["prediction"] == pytest.approx([7.0])

    # The files are in the workspace's DBFS where the artifact URI says, and in the Files API.
    notes = f"dbfs:/databricks/mlflow-tracking/{experiment_id}/{run_id}/artifacts/docs/notes.txt"
    assert w.dbfs.get_status(notes).file_size == len("fitted on three points")
    run_folder = f"/WorkspaceInternal/Mlflow/Artifacts/{experiment_id}/Runs/{run_id}/artifacts/docs"
    assert [e.name for e in w.files.list_directory_contents(run_folder)] == ["notes.txt"]
    version = w.model_registry.get_model_version(name=unique_name, version="1").model_version
    assert version.status.value == "READY"
    model_files = w.api_client.do(
        "GET", "/api/2.0/mlflow/model-versions/list-artifacts", query={"name": unique_name, "version": "1"}
    )["files"]
    assert "MLmodel" in [f["path"] for f in model_files]

    with pytest.raises(DatabricksError):
        other_workspace.dbfs.get_status(notes)
    with pytest.raises(DatabricksError):
        other_workspace.api_client.do(
            "GET", "/api/2.0/mlflow/model-versions/list-artifacts", query={"name": unique_name, "version": "1"}
        )


# A training notebook as teams write them: MLflow with DATABRICKS_HOST/TOKEN from the notebook's
# own context (none set by hand), scikit-learn autologging.
TRAINING_NOTEBOOK = """# Databricks notebook source
import mlflow
import numpy as np
from sklearn.linear_model import LinearRegression

# COMMAND ----------
mlflow.set_tracking_uri("databricks")
mlflow.set_experiment(dbutils.widgets.get("experiment"))
mlflow.sklearn.autolog()
X, y = np.array([[0.0], [1.0], [2.0]]), np.array([1.0, 3.0, 5.0])
with mlflow.start_run() as run:
    LinearRegression().fit(X, y)
dbutils.notebook.exit(run.info.run_id)
"""


def test_a_training_notebook_on_a_cluster_autologs_as_its_user(w: WorkspaceClient, unique_name: str):
    me = w.current_user.me().user_name
    path = f"/Users/{me}/train-{unique_name}"
    w.workspace.import_(
        path,
        content=base64.b64encode(TRAINING_NOTEBOOK.encode()).decode(),
        format=ImportFormat.SOURCE,
        language=Language.PYTHON,
        overwrite=True,
    )
    experiment = f"/Users/{me}/{unique_name}"
    task = jobs.SubmitTask(
        task_key="train",
        new_cluster=ClusterSpec(spark_version=SPARK_RUNTIME, node_type_id="m5d.large", num_workers=0),
        notebook_task=jobs.NotebookTask(notebook_path=path, base_parameters={"experiment": experiment}),
    )
    run = w.jobs.submit(run_name=f"train-{unique_name}", tasks=[task]).result(timeout=timedelta(minutes=8))
    output = w.jobs.get_run_output(run.tasks[0].run_id)
    assert run.state.result_state == jobs.RunResultState.SUCCESS, output.error

    logged = w.experiments.get_run(output.notebook_output.result).run
    assert logged.info.user_id == me
    assert w.experiments.get_experiment(logged.info.experiment_id).experiment.name == experiment
    assert {p.key: p.value for p in logged.data.params}["fit_intercept"] == "True"
    assert "training_score" in {m.key for m in logged.data.metrics}
