#!/usr/bin/env bash
# The local platform: real Kubernetes control plane, Redis and S3 as processes on 127.0.0.1.
#   platform.sh up      build what is missing, start what is not running, wait for readiness
#   platform.sh deps    only build and fetch what is missing (binaries, CLI tools, Python clients)
#   platform.sh down    stop everything (state is kept)
#   platform.sh status  health of each component
#   platform.sh restart rebuild and restart Brickyard's own services (after a code change)
#   platform.sh clean   stop everything and delete local state
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
REPO_ROOT=$(cd "$here/../.." && pwd)
source "$here/versions.sh"
# Node.js $NODE_VERSION (fetch-node.sh) runs Brickyard's services, npx tsc, and the pods the instance
# agent starts (they inherit its PATH): first on PATH, whoever calls this script.
export PATH=$NODE_BIN:$PATH
for lib in "$here"/lib/*.sh "$here"/components/*.sh; do source "$lib"; done

# Start order; `down` walks it backwards.
PROCESSES=(etcd kube-apiserver kube-controller-manager kube-scheduler redis s3-iam s3 mlflow kafka operator api scheduler instance-agent prometheus)
HEALTH=(etcd_health apiserver_health controller_manager_health scheduler_health redis_health s3_iam_health s3_health mlflow_health kafka_health operator_health api_health brickyard_scheduler_health instance_agent_health prometheus_health)

step() { # <title> <function...>
  local started
  started=$(now_ms)
  echo "==> $1"
  "${@:2}"
  printf '    done in %d ms\n' "$(($(now_ms) - started))"
}

# What `up` needs before it starts anything; each piece is cached, so a warm run only checks.
deps() {
  step "node.js $NODE_VERSION (cached in $NODE_HOME)" "$here/fetch-node.sh"
  step "build binaries (cached in $BRICKYARD_CACHE)" "$here/build-binaries.sh" all
  step "kubectl, helm and databricks CLI" ensure_cli_tools
  step "tofu and the databricks terraform provider's mirror" ensure_terraform
  step "python clients (databricks-sdk, databricks-connect) in $PYTHON_VENV" ensure_python_clients
  step "spark runtime (spark $SPARK_VERSION, delta $DELTA_VERSION)" ensure_spark_runtime
  if [[ $BRICKYARD_STREAMING != off ]]; then step "kafka $KAFKA_VERSION (cached in $KAFKA_HOME)" ensure_kafka; fi
  step "spark connect protos (for the SQL warehouses' statements)" ensure_spark_connect_protos
  step "class-data archive of the Spark JVMs" ensure_spark_class_archive
}

up() {
  local started
  started=$(now_ms)
  deps
  step "credentials" ensure_secrets
  step "etcd" etcd_up
  step "kubernetes control plane" kubernetes_up
  step "redis" redis_up
  step "s3 store (versitygw and its IAM service)" s3_up
  step "mlflow tracking server (on :$MLFLOW_PORT)" mlflow_up
  step "kafka broker, KRaft (on :$KAFKA_PORT)" kafka_up
  step "compile TypeScript" build_typescript
  step "bundle the web workspace" build_web_app
  step "compile the runtime's JVM code" build_runtime_jar
  step "install CRDs, account, default workspace, tokens" install_brickyard
  step "operator" operator_up
  step "api (Databricks REST on :$API_PORT)" api_up
  step "scheduler (runs and schedules)" brickyard_scheduler_up
  step "instance agent (Nodes brickyard-instance-*)" instance_agent_up
  step "default workspace provisioned" wait_for_default_workspace
  step "environment file $ENV_FILE" write_env_file
  step "prometheus (metrics on :$PROMETHEUS_PORT)" prometheus_up
  printf 'platform ready in %d ms. Use it with: source %s\n' "$(($(now_ms) - started))" "$ENV_FILE"
}

down() {
  local i
  for ((i = ${#PROCESSES[@]} - 1; i >= 0; i--)); do stop_process "${PROCESSES[i]}"; done
}

status() {
  local i healthy=0
  ensure_secrets
  for i in "${!PROCESSES[@]}"; do
    if [[ ${PROCESSES[i]} == kafka && $BRICKYARD_STREAMING == off ]]; then continue; fi
    report_process "${PROCESSES[i]}" "${HEALTH[i]}" || healthy=1
  done
  return $healthy
}

# Brickyard's own processes, restarted by `restart` to pick up new code.
SERVICES=(operator api scheduler instance-agent)

restart() {
  local name
  for name in "${SERVICES[@]}"; do stop_process "$name"; done
  up
}

clean() {
  down
  # A pod volume left mounted (an agent killed before it unmounted) must not take the rm into a bucket.
  awk -v home="$BRICKYARD_HOME/" 'index($5, home) == 1 { print $5 }' /proc/self/mountinfo | sort -r |
    while read -r mount; do umount --lazy "$mount" || true; done
  rm -rf "$BRICKYARD_HOME"
  echo "removed $BRICKYARD_HOME"
}

case ${1:-} in
  up | deps | down | status | clean | restart) "$1" ;;
  *) echo "usage: $0 up|deps|down|status|clean|restart" >&2; exit 2 ;;
esac
