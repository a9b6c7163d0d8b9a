# The Brickyard scheduler (services/scheduler): takes queued runs from Redis, drives their state
# machine, dispatches task attempts to the per-cluster BullMQ queues and turns job schedules into
# BullMQ job schedulers. /healthz, /readyz and /metrics on 127.0.0.1:$BRICKYARD_SCHEDULER_PORT.
# It runs as its own ServiceAccount (deploy/rbac/scheduler.yaml), as in the Helm chart.
#
# The function names carry the brickyard_ prefix: kubernetes.sh already defines scheduler_health
# (and SCHEDULER_PORT) for the kube-scheduler, and every component file is sourced together.

BRICKYARD_SCHEDULER_PORT=${BRICKYARD_SCHEDULER_PORT:-18083}

brickyard_scheduler_health() {
  curl -fsS "http://127.0.0.1:$BRICKYARD_SCHEDULER_PORT/readyz" | grep -q '"ready":true'
}

brickyard_scheduler_up() {
  [[ -f $REPO_ROOT/services/scheduler/dist/main.js ]] || {
    echo "error: $REPO_ROOT/services/scheduler/dist/main.js is missing; compile the TypeScript first" >&2; exit 1; }
  service_account_kubeconfig brickyard-scheduler "$REPO_ROOT/deploy/rbac/scheduler.yaml" \
    "$BRICKYARD_HOME/scheduler.kubeconfig"
  KUBECONFIG=$BRICKYARD_HOME/scheduler.kubeconfig REDIS_URL="redis://127.0.0.1:$REDIS_PORT" \
    BRICKYARD_API_URL="http://127.0.0.1:$API_PORT" BRICKYARD_SCHEDULER_PORT=$BRICKYARD_SCHEDULER_PORT \
    ensure_process scheduler brickyard_scheduler_health 30 -- \
    node --enable-source-maps "$REPO_ROOT/services/scheduler/dist/main.js"
}
