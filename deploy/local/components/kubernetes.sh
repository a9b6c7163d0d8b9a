# The Kubernetes control plane: kube-apiserver (token auth, RBAC), kube-controller-manager and
# kube-scheduler, all on 127.0.0.1, with a CA and serving certificate of our own.

ensure_pki() {
  [[ -s $PKI_DIR/apiserver.crt ]] && return
  mkdir -p "$PKI_DIR"
  openssl req -x509 -newkey rsa:2048 -nodes -days 3650 -subj "/CN=brickyard-ca" \
    -keyout "$PKI_DIR/ca.key" -out "$PKI_DIR/ca.crt" 2>/dev/null
  openssl req -newkey rsa:2048 -nodes -subj "/CN=kube-apiserver" \
    -keyout "$PKI_DIR/apiserver.key" -out "$PKI_DIR/apiserver.csr" 2>/dev/null
  printf 'subjectAltName=IP:127.0.0.1,DNS:localhost,DNS:kubernetes,DNS:kubernetes.default.svc\n' >"$PKI_DIR/san.ext"
  openssl x509 -req -in "$PKI_DIR/apiserver.csr" -CA "$PKI_DIR/ca.crt" -CAkey "$PKI_DIR/ca.key" \
    -CAcreateserial -days 3650 -extfile "$PKI_DIR/san.ext" -out "$PKI_DIR/apiserver.crt" 2>/dev/null
  chmod 600 "$PKI_DIR"/*.key
}

write_kubeconfig() {
  (umask 077; cat >"$KUBECONFIG_FILE" <<YAML
apiVersion: v1
kind: Config
clusters:
  - name: brickyard
    cluster:
      server: https://127.0.0.1:$APISERVER_PORT
      certificate-authority: $PKI_DIR/ca.crt
users:
  - name: brickyard-admin
    user:
      token: $ADMIN_TOKEN
contexts:
  - name: brickyard
    context: { cluster: brickyard, user: brickyard-admin }
current-context: brickyard
YAML
  )
}

# Secrets (tokens, secret scopes, the runtime's keys) are encrypted in etcd with secretbox, under a
# key generated once and kept in $SECRETS_DIR: a new key would make every stored Secret unreadable.
# The identity provider last still reads Secrets written before encryption was turned on.
ENCRYPTION_CONFIG=$SECRETS_DIR/encryption-config.yaml

write_encryption_config() {
  local key
  key=$(secret encryption-key openssl rand -base64 32)
  (umask 077; cat >"$ENCRYPTION_CONFIG" <<YAML
apiVersion: apiserver.config.k8s.io/v1
kind: EncryptionConfiguration
resources:
  - resources: [secrets]
    providers:
      - secretbox:
          keys:
            - name: key1
              secret: $key
      - identity: {}
YAML
  )
}

# True when the running apiserver was started without encryption at rest (an older `make up`).
apiserver_unencrypted() {
  is_alive kube-apiserver && ! tr '\0' '\n' <"/proc/$(pid_of kube-apiserver)/cmdline" | grep -q '^--encryption-provider-config='
}

# Writes every Secret again, so that those stored in plaintext before are encrypted too.
reencrypt_secrets() {
  local kubectl=("$BRICKYARD_HOME/bin/kubectl" --kubeconfig "$KUBECONFIG_FILE")
  "${kubectl[@]}" get secrets --all-namespaces -o json | "${kubectl[@]}" replace -f - >/dev/null ||
    echo "warning: some Secrets could not be rewritten encrypted; they stay readable in plaintext in etcd" >&2
}

apiserver_health() {
  curl -fsS --cacert "$PKI_DIR/ca.crt" -H "Authorization: Bearer $ADMIN_TOKEN" \
    "https://127.0.0.1:$APISERVER_PORT/readyz" | grep -qx ok
}

# /healthz is on the default always-allow list of both, so no credentials are needed.
controller_manager_health() { curl -fsSk "https://127.0.0.1:$CONTROLLER_MANAGER_PORT/healthz" | grep -qx ok; }
scheduler_health() { curl -fsSk "https://127.0.0.1:$SCHEDULER_PORT/healthz" | grep -qx ok; }

kubernetes_up() {
  ensure_pki
  (umask 077; printf '%s,brickyard-admin,brickyard-admin,"system:masters"\n' "$ADMIN_TOKEN" >"$SECRETS_DIR/tokens.csv")
  write_kubeconfig
  write_encryption_config
  local reencrypt=false
  if apiserver_unencrypted; then
    printf '  %-26s runs without encryption at rest: restarting\n' kube-apiserver
    stop_process kube-apiserver
    reencrypt=true
  fi
  ensure_process kube-apiserver apiserver_health 90 -- "$K8S_BIN/kube-apiserver" \
    --etcd-servers="http://127.0.0.1:$ETCD_CLIENT_PORT" \
    --bind-address=127.0.0.1 --advertise-address=127.0.0.1 --secure-port="$APISERVER_PORT" \
    --tls-cert-file="$PKI_DIR/apiserver.crt" --tls-private-key-file="$PKI_DIR/apiserver.key" \
    --client-ca-file="$PKI_DIR/ca.crt" \
    --token-auth-file="$SECRETS_DIR/tokens.csv" --authorization-mode=RBAC --anonymous-auth=false \
    --service-account-issuer=https://kubernetes.default.svc.cluster.local \
    --service-account-key-file="$SECRETS_DIR/sa.pub" --service-account-signing-key-file="$SECRETS_DIR/sa.key" \
    --service-cluster-ip-range=10.0.0.0/24 --allow-privileged=true \
    --disable-admission-plugins=ServiceAccount --endpoint-reconciler-type=none \
    --enable-priority-and-fairness=false --encryption-provider-config="$ENCRYPTION_CONFIG"
  if $reencrypt; then reencrypt_secrets; fi
  local common=(--kubeconfig="$KUBECONFIG_FILE" --leader-elect=false --bind-address=127.0.0.1)
  ensure_process kube-controller-manager controller_manager_health 60 -- "$K8S_BIN/kube-controller-manager" \
    "${common[@]}" --secure-port="$CONTROLLER_MANAGER_PORT" --use-service-account-credentials=false \
    --service-account-private-key-file="$SECRETS_DIR/sa.key" --root-ca-file="$PKI_DIR/ca.crt"
  ensure_process kube-scheduler scheduler_health 60 -- "$K8S_BIN/kube-scheduler" \
    "${common[@]}" --secure-port="$SCHEDULER_PORT"
}
