# What Brickyard's own services run with on the local platform.

# A kubeconfig for the same cluster and CA as the admin one, authenticated as a ServiceAccount of
# brickyard-system with a year-long token (minted afresh; a running service keeps its own), after
# applying the service's RBAC, so the local platform exercises the RBAC of a real install.
service_account_kubeconfig() { # <service-account> <rbac-manifest> <output-file>
  local account=$1 manifest=$2 file=$3 server ca token
  local kubectl=("$BRICKYARD_HOME/bin/kubectl" --kubeconfig "$KUBECONFIG_FILE")
  "${kubectl[@]}" apply -f "$manifest" >/dev/null
  server=$("${kubectl[@]}" config view -o jsonpath='{.clusters[0].cluster.server}')
  ca=$("${kubectl[@]}" config view -o jsonpath='{.clusters[0].cluster.certificate-authority}')
  token=$("${kubectl[@]}" create token "$account" -n brickyard-system --duration=8760h)
  (umask 077; cat >"$file.tmp" <<YAML
apiVersion: v1
kind: Config
clusters:
  - name: brickyard
    cluster:
      server: $server
      certificate-authority: $ca
users:
  - name: $account
    user:
      token: $token
contexts:
  - name: $account
    context: { cluster: brickyard, user: $account }
current-context: $account
YAML
  )
  mv "$file.tmp" "$file"
}

# Redis and object-store settings (with the object store's IAM API) for a service; call in the subshell that starts it.
export_connection_env() {
  export REDIS_URL="redis://127.0.0.1:$REDIS_PORT" AWS_ENDPOINT_URL_S3="http://127.0.0.1:$S3_PORT" \
    AWS_ACCESS_KEY_ID=$S3_ACCESS_KEY AWS_SECRET_ACCESS_KEY=$S3_SECRET_KEY AWS_REGION=$S3_REGION \
    BRICKYARD_BUCKET=$BRICKYARD_BUCKET BRICKYARD_S3_IAM_ENDPOINT="http://127.0.0.1:$S3_IAM_PORT"
}
