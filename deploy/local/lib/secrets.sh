# Credentials generated once per install and kept in $SECRETS_DIR (mode 0600):
# the cluster-admin token, the service-account signing key pair and the S3 root keys.

random_hex() { openssl rand -hex "$1"; }

# Prints the secret <name>, generating it with <generator...> on first use.
secret() { # <name> <generator...>
  local file=$SECRETS_DIR/$1; shift
  if [[ ! -s $file ]]; then
    mkdir -p "$SECRETS_DIR"; chmod 700 "$SECRETS_DIR"
    (umask 077; "$@" >"$file")
  fi
  cat "$file"
}

ensure_secrets() {
  ADMIN_TOKEN=$(secret admin-token random_hex 24)
  S3_ACCESS_KEY=$(secret s3-access-key random_hex 10)
  S3_SECRET_KEY=$(secret s3-secret-key random_hex 20)
  if [[ ! -s $SECRETS_DIR/sa.key ]]; then
    (umask 077; openssl genrsa -out "$SECRETS_DIR/sa.key" 2048 2>/dev/null)
    openssl rsa -in "$SECRETS_DIR/sa.key" -pubout -out "$SECRETS_DIR/sa.pub" 2>/dev/null
  fi
}
