# Prometheus (built by build-binaries.sh from its Go module: Debian's package is built without
# Kubernetes service discovery), scraping Brickyard's services on their fixed ports and the
# runtime in cluster pods through Kubernetes service discovery, as the ServiceAccount
# brickyard-prometheus (deploy/rbac/prometheus.yaml). Its config is rendered from deploy/prometheus/prometheus.yml.tmpl
# into $BRICKYARD_HOME/prometheus.yml.

PROMETHEUS_CONFIG=$BRICKYARD_HOME/prometheus.yml
PROMETHEUS_TOKEN=$SECRETS_DIR/prometheus.token

prometheus_health() { curl -fsS "http://127.0.0.1:$PROMETHEUS_PORT/-/ready" >/dev/null; }

# The bearer token of the ServiceAccount, taken from the kubeconfig minted for it.
write_prometheus_token() {
  local kubeconfig=$BRICKYARD_HOME/prometheus.kubeconfig
  service_account_kubeconfig brickyard-prometheus "$REPO_ROOT/deploy/rbac/prometheus.yaml" "$kubeconfig"
  (umask 077; sed -n 's/^ *token: //p' "$kubeconfig" >"$PROMETHEUS_TOKEN.tmp")
  mv "$PROMETHEUS_TOKEN.tmp" "$PROMETHEUS_TOKEN"
}

render_prometheus_config() {
  sed -e "s|@PROMETHEUS_PORT@|$PROMETHEUS_PORT|g" -e "s|@API_PORT@|$API_PORT|g" \
    -e "s|@OPERATOR_PORT@|$OPERATOR_PORT|g" -e "s|@BRICKYARD_SCHEDULER_PORT@|$BRICKYARD_SCHEDULER_PORT|g" \
    -e "s|@INSTANCE_AGENT_PORT@|$INSTANCE_AGENT_PORT|g" -e "s|@APISERVER_PORT@|$APISERVER_PORT|g" \
    -e "s|@CA_FILE@|$PKI_DIR/ca.crt|g" -e "s|@TOKEN_FILE@|$PROMETHEUS_TOKEN|g" \
    "$REPO_ROOT/deploy/prometheus/prometheus.yml.tmpl"
}

prometheus_up() {
  [[ -x $PROMETHEUS_BIN ]] || {
    echo "error: $PROMETHEUS_BIN is missing; run deploy/local/build-binaries.sh tools" >&2; exit 1; }
  write_prometheus_token
  render_prometheus_config >"$PROMETHEUS_CONFIG.tmp"
  if cmp -s "$PROMETHEUS_CONFIG.tmp" "$PROMETHEUS_CONFIG"; then
    rm "$PROMETHEUS_CONFIG.tmp"
  else
    mv "$PROMETHEUS_CONFIG.tmp" "$PROMETHEUS_CONFIG"
    # A running Prometheus reloads its config on SIGHUP; the token file it reads on every request.
    if is_alive prometheus; then kill -HUP "$(pid_of prometheus)"; fi
  fi
  mkdir -p "$DATA_DIR/prometheus"
  ensure_process prometheus prometheus_health 60 -- "$PROMETHEUS_BIN" \
    --config.file="$PROMETHEUS_CONFIG" --storage.tsdb.path="$DATA_DIR/prometheus" \
    --storage.tsdb.retention.time=3d --web.listen-address="127.0.0.1:$PROMETHEUS_PORT"
}
