# The Brickyard operator: reconciles Workspaces into namespaces and storage, and Clusters into
# driver and worker pods (image BRICKYARD_RUNTIME_IMAGE, which the instance agent runs as a local
# process; brickyard/sleeper runs `sleep` instead of the runtime). It runs as its own
# ServiceAccount (deploy/rbac/operator.yaml), never as cluster-admin, so the local platform
# exercises the same RBAC as an install into a real cluster.

OPERATOR_KUBECONFIG=$BRICKYARD_HOME/operator.kubeconfig

operator_health() { curl -fsS "http://127.0.0.1:$OPERATOR_PORT/readyz" >/dev/null; }

# A kubeconfig for the same cluster and CA as the admin one, authenticated by a year-long token of
# the operator's ServiceAccount (minted afresh each time; a running operator keeps its own).
write_operator_kubeconfig() {
  local kubectl=("$BRICKYARD_HOME/bin/kubectl" --kubeconfig "$KUBECONFIG_FILE") server ca token
  server=$("${kubectl[@]}" config view -o jsonpath='{.clusters[0].cluster.server}')
  ca=$("${kubectl[@]}" config view -o jsonpath='{.clusters[0].cluster.certificate-authority}')
  token=$("${kubectl[@]}" create token brickyard-operator -n brickyard-system --duration=8760h)
  (umask 077; cat >"$OPERATOR_KUBECONFIG.tmp" <<YAML
apiVersion: v1
kind: Config
clusters:
  - name: brickyard
    cluster:
      server: $server
      certificate-authority: $ca
users:
  - name: brickyard-operator
    user:
      token: $token
contexts:
  - name: brickyard-operator
    context: { cluster: brickyard, user: brickyard-operator }
current-context: brickyard-operator
YAML
  )
  mv "$OPERATOR_KUBECONFIG.tmp" "$OPERATOR_KUBECONFIG"
}

operator_up() {
  [[ -f $REPO_ROOT/dist/operator/main.js ]] || {
    echo "error: $REPO_ROOT/dist/operator/main.js is missing; compile the TypeScript first" >&2; exit 1; }
  "$BRICKYARD_HOME/bin/kubectl" --kubeconfig "$KUBECONFIG_FILE" apply -f "$REPO_ROOT/deploy/rbac/operator.yaml" >/dev/null
  write_operator_kubeconfig
  KUBECONFIG=$OPERATOR_KUBECONFIG BRICKYARD_OPERATOR_PORT=$OPERATOR_PORT \
    REDIS_URL="redis://127.0.0.1:$REDIS_PORT" BRICKYARD_RUNTIME_IMAGE=${BRICKYARD_RUNTIME_IMAGE:-brickyard/runtime} \
    AWS_ENDPOINT_URL_S3="http://127.0.0.1:$S3_PORT" AWS_ACCESS_KEY_ID=$S3_ACCESS_KEY \
    AWS_SECRET_ACCESS_KEY=$S3_SECRET_KEY AWS_REGION=$S3_REGION BRICKYARD_BUCKET=$BRICKYARD_BUCKET \
    ensure_process operator operator_health 30 -- node --enable-source-maps "$REPO_ROOT/dist/operator/main.js"
}
