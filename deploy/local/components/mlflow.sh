# The MLflow tracking server and model registry (PyPI `mlflow`, deploy/local/mlflow-requirements.txt)
# that the API proxies /api/2.0/mlflow/* to. One SQLite backend with MLflow's workspaces on: the API
# names the caller's workspace (X-MLFLOW-WORKSPACE ws-<id>) on every request, and the server scopes
# experiments, runs and registered models to it. Artifacts live under dbfs:/databricks/mlflow-tracking,
# the root Databricks' clients expect; the server itself never reads them.

mlflow_health() { curl -fsS "http://127.0.0.1:$MLFLOW_PORT/health" | grep -qx OK; }

mlflow_up() {
  mkdir -p "$DATA_DIR/mlflow"
  ensure_process mlflow mlflow_health 120 -- "$MLFLOW_VENV/bin/mlflow" server \
    --backend-store-uri "sqlite:///$DATA_DIR/mlflow/mlflow.db" \
    --default-artifact-root dbfs:/databricks/mlflow-tracking --enable-workspaces \
    --host 127.0.0.1 --port "$MLFLOW_PORT" --workers 1
}
