# The S3-compatible object store: versitygw over a POSIX directory, metadata in a sidecar
# directory (so the filesystem needs no user xattrs), root keys generated per install. Keys other
# than the root keys are the IAM service's users (components/s3-iam.sh), which the gateway asks
# through its private socket.

# Signed with SigV4 by curl itself; bodiless requests declare the payload unsigned.
s3_request() { # <method> <path>
  curl -fsS -X "$1" -H 'x-amz-content-sha256: UNSIGNED-PAYLOAD' --aws-sigv4 "aws:amz:$S3_REGION:s3" --user "$S3_ACCESS_KEY:$S3_SECRET_KEY" \
    "http://127.0.0.1:$S3_PORT$2"
}

s3_bucket_exists() { s3_request GET "/$BRICKYARD_BUCKET?max-keys=1" >/dev/null 2>&1; }

s3_health() { s3_request GET / | grep -q ListAllMyBucketsResult; }

# A gateway started without the IAM service (by an older `make up`) knows no keys but the root
# ones: it is restarted with it.
s3_runs_without_iam() {
  local pid
  is_alive s3 && pid=$(pid_of s3) && ! tr '\0' '\n' <"/proc/$pid/cmdline" | grep -qx -- --iam-standalone-endpoint
}

s3_up() {
  s3_iam_up
  if s3_runs_without_iam; then stop_process s3; fi
  mkdir -p "$DATA_DIR/s3/objects" "$DATA_DIR/s3/meta"
  ROOT_ACCESS_KEY=$S3_ACCESS_KEY ROOT_SECRET_KEY=$S3_SECRET_KEY \
    ensure_process s3 s3_health 30 -- "$VERSITYGW_BIN" \
    --port "127.0.0.1:$S3_PORT" --region "$S3_REGION" --keep-alive --quiet \
    --iam-standalone-endpoint "$S3_IAM_SOCKET" \
    posix --sidecar "$DATA_DIR/s3/meta" "$DATA_DIR/s3/objects"
  s3_bucket_exists || s3_request PUT "/$BRICKYARD_BUCKET" >/dev/null
}
