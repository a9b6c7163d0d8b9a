# TLS for the workspace host (the API's port): a certificate from the platform's CA
# (components/kubernetes.sh) for 127.0.0.1 and localhost, and a CA bundle for the clients, which
# .brickyard/env points them at: the system's roots plus the platform's CA, so that trusting the
# platform does not stop a client from reaching a public registry.

WORKSPACE_CERT=$PKI_DIR/workspace-host.crt
WORKSPACE_KEY=$PKI_DIR/workspace-host.key
CA_BUNDLE=$PKI_DIR/ca-bundle.pem
SYSTEM_CA_BUNDLE=/etc/ssl/certs/ca-certificates.crt

ensure_workspace_certificate() {
  if [[ ! -s $WORKSPACE_CERT ]] || ! openssl verify -CAfile "$PKI_DIR/ca.crt" "$WORKSPACE_CERT" >/dev/null 2>&1; then
    openssl req -newkey rsa:2048 -nodes -subj "/CN=brickyard-workspace" \
      -keyout "$WORKSPACE_KEY" -out "$PKI_DIR/workspace-host.csr" 2>/dev/null
    printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n' >"$PKI_DIR/workspace-host.ext"
    openssl x509 -req -in "$PKI_DIR/workspace-host.csr" -CA "$PKI_DIR/ca.crt" -CAkey "$PKI_DIR/ca.key" \
      -CAcreateserial -days 825 -extfile "$PKI_DIR/workspace-host.ext" -out "$WORKSPACE_CERT" 2>/dev/null
    chmod 600 "$WORKSPACE_KEY"
  fi
  { [[ -r $SYSTEM_CA_BUNDLE ]] && cat "$SYSTEM_CA_BUNDLE"; cat "$PKI_DIR/ca.crt"; } >"$CA_BUNDLE.tmp"
  mv "$CA_BUNDLE.tmp" "$CA_BUNDLE"
}
