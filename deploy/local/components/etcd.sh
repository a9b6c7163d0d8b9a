# etcd: the apiserver's store, built from Go modules (Debian's 3.4 lacks RequestWatchProgress).

etcd_health() { curl -fsS "http://127.0.0.1:$ETCD_CLIENT_PORT/health" | grep -q '"health":"true"'; }

etcd_up() {
  ensure_process etcd etcd_health 60 -- "$K8S_BIN/etcd" \
    --name=brickyard --data-dir="$DATA_DIR/etcd" \
    --listen-client-urls="http://127.0.0.1:$ETCD_CLIENT_PORT" \
    --advertise-client-urls="http://127.0.0.1:$ETCD_CLIENT_PORT" \
    --listen-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-advertise-peer-urls="http://127.0.0.1:$ETCD_PEER_PORT" \
    --initial-cluster="brickyard=http://127.0.0.1:$ETCD_PEER_PORT" \
    --listen-metrics-urls="" --log-level=warn
}
