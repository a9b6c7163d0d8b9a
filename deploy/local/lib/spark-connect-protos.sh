# The .proto files of Spark Connect, which the API loads at run time to speak Spark Connect to SQL
# warehouses (services/api/src/sql-engine). They are not copied into the repository: they ship in
# the Spark Connect server's jar (spark/connect/*.proto, and the google/ types they import), which
# pyspark bundles in its jars/ and Maven Central publishes as org.apache.spark:spark-connect_2.13.
# The files are extracted by version into $SPARK_CONNECT_PROTOS (versions.sh).

SPARK_CONNECT_PROTO_FILES=('spark/connect/*.proto' 'google/protobuf/*.proto' 'google/rpc/status.proto'
  'google/rpc/error_details.proto')

# Extracts the .proto files from a Spark Connect server jar into <dir>, made aside and renamed into
# place so that a reader never sees half of them.
extract_spark_connect_protos() { # <jar> <dir>
  local jar=$1 dir=$2 staging
  mkdir -p "$(dirname "$dir")"
  staging=$(mktemp -d "$dir.XXXXXX")
  unzip -oq "$jar" "${SPARK_CONNECT_PROTO_FILES[@]}" -d "$staging"
  [[ -f $staging/spark/connect/base.proto ]] || {
    echo "error: $jar holds no spark/connect/base.proto" >&2; rm -rf "$staging"; return 1; }
  rm -rf "$dir"
  mv "$staging" "$dir"
}

# From the Spark runtime's own jar (lib/spark-runtime.sh), so the API speaks the protocol of the
# Spark its clusters run.
ensure_spark_connect_protos() {
  if [[ -f $SPARK_CONNECT_PROTOS/spark/connect/base.proto ]]; then
    echo "  spark connect protos cached in $SPARK_CONNECT_PROTOS"
    return
  fi
  local jar
  jar=$(ls "$(spark_home)"/jars/spark-connect_*-"$SPARK_VERSION".jar)
  extract_spark_connect_protos "$jar" "$SPARK_CONNECT_PROTOS"
  echo "  spark connect protos of $(basename "$jar") in $SPARK_CONNECT_PROTOS"
}
