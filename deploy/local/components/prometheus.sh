# Prometheus, built from its Go module (Debian's package is built without Kubernetes service
# discovery), scraping Brickyard's services on their fixed ports and the runtime in cluster pods
# through Kubernetes service discovery, as the ServiceAccount brickyard-prometheus
# (deploy/rbac/prometheus.yaml). Its config is rendered from deploy/prometheus/prometheus.yml.tmpl
# into $BRICKYARD_HOME/prometheus.yml.

PROMETHEUS_VERSION=3.16.0
# Prometheus X.Y.Z is published as the Go module version v0.(100*X+Y).Z.
PROMETHEUS_MODULE_VERSION=v0.316.0
PROMETHEUS_BIN=$BRICKYARD_CACHE/prometheus-v$PROMETHEUS_VERSION/prometheus
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

# Like build-binaries.sh's tools: inside a wrapper module, once per version (a cold build took
# 7 minutes on the 2-core build machine). No web UI: its assets are not in the module; the HTTP
# API is all the tests and Grafana use.
build_prometheus() {
  [[ -x $PROMETHEUS_BIN ]] && return
  local mod package=github.com/prometheus/prometheus/cmd/prometheus
  mod=$(dirname "$PROMETHEUS_BIN")/mod
  echo "  building prometheus v$PROMETHEUS_VERSION into $PROMETHEUS_BIN"
  mkdir -p "$mod"
  (
    cd "$mod"
    rm -f go.mod go.sum
    go mod init local.build/prometheus >/dev/null 2>&1
    printf '//go:build tools\n\npackage tools\n\nimport _ "%s"\n' "$package" >tools.go
    go get "github.com/prometheus/prometheus@$PROMETHEUS_MODULE_VERSION"
    go mod tidy
    CGO_ENABLED=0 go build -trimpath -o "$PROMETHEUS_BIN" \
      -ldflags "-s -w -X github.com/prometheus/common/version.Version=$PROMETHEUS_VERSION" "$package"
  )
}

prometheus_up() {
  build_prometheus
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
