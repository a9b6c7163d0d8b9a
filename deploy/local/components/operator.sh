# The Brickyard operator: reconciles Workspaces into namespaces and storage, and Clusters into
# driver and worker pods (image BRICKYARD_RUNTIME_IMAGE, which the instance agent runs as a local
# process; brickyard/sleeper runs `sleep` instead of the runtime). It runs as its own
# ServiceAccount (deploy/rbac/operator.yaml), never as cluster-admin, so the local platform
# exercises the same RBAC as an install into a real cluster.

OPERATOR_KUBECONFIG=$BRICKYARD_HOME/operator.kubeconfig

operator_health() { curl -fsS "http://127.0.0.1:$OPERATOR_PORT/readyz" >/dev/null; }

operator_up() {
  [[ -f $REPO_ROOT/operator/dist/main.js ]] || {
    echo "error: $REPO_ROOT/operator/dist/main.js is missing; compile the TypeScript first" >&2; exit 1; }
  service_account_kubeconfig brickyard-operator "$REPO_ROOT/deploy/rbac/operator.yaml" "$OPERATOR_KUBECONFIG"
  (
    export_connection_env
    KUBECONFIG=$OPERATOR_KUBECONFIG BRICKYARD_OPERATOR_PORT=$OPERATOR_PORT \
      BRICKYARD_API_URL="http://127.0.0.1:$API_PORT" \
      BRICKYARD_RUNTIME_IMAGE=${BRICKYARD_RUNTIME_IMAGE:-brickyard/runtime} \
      ensure_process operator operator_health 30 -- node --enable-source-maps "$REPO_ROOT/operator/dist/main.js"
  )
}
