# The object store's IAM: versitygw's standalone IAM service (`versitygw iam`), the IAM query API
# (users, access keys, inline identity policies) on 127.0.0.1:$S3_IAM_PORT for the API and the
# operator, and a private unix socket that the S3 gateway asks, for every request signed with
# keys other than the root keys, who signed it and what its policies allow. The cluster pods'
# workspace keys and Unity Catalog's temporary credentials are users of it. Its state is one
# file in $DATA_DIR/s3-iam; it shares the root keys with the gateway.

S3_IAM_PORT=${S3_IAM_PORT:-17071}
S3_IAM_SOCKET=$RUN_DIR/s3-iam.sock

# The IAM API answers, and so does the private socket the gateway dials.
s3_iam_health() {
  curl -fsS "http://127.0.0.1:$S3_IAM_PORT/health" | grep -q OK &&
    curl -sS --unix-socket "$S3_IAM_SOCKET" -o /dev/null -w '%{http_code}' http://iam/ | grep -q '^[1-4]'
}

s3_iam_up() {
  mkdir -p "$DATA_DIR/s3-iam" "$RUN_DIR"
  ROOT_ACCESS_KEY=$S3_ACCESS_KEY ROOT_SECRET_KEY=$S3_SECRET_KEY \
    ensure_process s3-iam s3_iam_health 30 -- "$VERSITYGW_BIN" \
    --port "127.0.0.1:$S3_IAM_PORT" --region "$S3_REGION" --health /health --quiet \
    iam --dir "$DATA_DIR/s3-iam" --private-ports "$S3_IAM_SOCKET" --private-socket-perm 0600
}
