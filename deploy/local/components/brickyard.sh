# Brickyard's own pieces on the local platform: the compiled TypeScript, the install step (CRDs,
# account, default workspace, bootstrap tokens) and the API server.

build_typescript() {
  (cd "$REPO_ROOT" && npx --no-install tsc -b tsconfig.build.json)
}

# The web workspace (services/web), bundled by Vite into the dist/ the API serves at /.
build_web_app() {
  (cd "$REPO_ROOT" && npm run --silent build -w @brickyard/web -- --logLevel warn)
}

# The runtime's own JVM code (services/worker/jvm: the Delta log store of conditional commits and
# the Unity Catalog plugin of Spark).
build_runtime_jar() {
  "$REPO_ROOT/services/worker/jvm/build.sh" "$SPARK_RUNTIME_HOME"
}

# Prints nothing; leaves the install's exports in $BRICKYARD_HOME/install.env for the env file.
install_brickyard() {
  KUBECONFIG=$KUBECONFIG_FILE node "$REPO_ROOT/services/api/dist/install/install.js" \
    --crds "$REPO_ROOT/crds" --secrets-dir "$SECRETS_DIR" >"$BRICKYARD_HOME/install.env.tmp"
  mv "$BRICKYARD_HOME/install.env.tmp" "$BRICKYARD_HOME/install.env"
  chmod 600 "$BRICKYARD_HOME/install.env"
}

installed_value() { # <variable>
  sed -n "s/^export $1='\(.*\)'$/\1/p" "$BRICKYARD_HOME/install.env"
}

api_health() { curl -fsS "http://127.0.0.1:$API_PORT/readyz" | grep -q '"ok"'; }

api_up() {
  # The API's RBAC sits on the brickyard-system namespace that the operator's manifest creates.
  service_account_kubeconfig brickyard-api "$REPO_ROOT/deploy/rbac/api.yaml" "$BRICKYARD_HOME/api.kubeconfig"
  ensure_workspace_certificate
  (
    export_connection_env
    KUBECONFIG=$BRICKYARD_HOME/api.kubeconfig BRICKYARD_API_PORT=$API_PORT \
      BRICKYARD_API_TLS_CERT=$WORKSPACE_CERT BRICKYARD_API_TLS_KEY=$WORKSPACE_KEY \
      BRICKYARD_SPARK_CONNECT_PROTOS=$SPARK_CONNECT_PROTOS BRICKYARD_PROMETHEUS_URL="http://127.0.0.1:$PROMETHEUS_PORT" \
      BRICKYARD_MLFLOW_URL="http://127.0.0.1:$MLFLOW_PORT" \
      BRICKYARD_ACCOUNT_ID=$(installed_value DATABRICKS_ACCOUNT_ID) \
      ensure_process api api_health 60 -- node --enable-source-maps "$REPO_ROOT/services/api/dist/main.js"
  )
}

# The operator provisions the default workspace (namespace, storage); clusters wait for that.
wait_for_default_workspace() {
  local id
  id=$(installed_value BRICKYARD_DEFAULT_WORKSPACE_ID)
  "$BRICKYARD_HOME/bin/kubectl" --kubeconfig "$KUBECONFIG_FILE" wait "workspace.brickyard.dev/ws-$id" \
    --for=jsonpath='{.status.workspaceStatus}'=RUNNING --timeout=60s >/dev/null
}
