# The Kafka broker's jars (deploy/local/kafka/pom.xml) in $KAFKA_HOME/libs, resolved once per version
# of the pom; components/kafka.sh runs them.

KAFKA_POM=$REPO_ROOT/deploy/local/kafka/pom.xml

ensure_kafka() {
  local libs=$KAFKA_HOME/libs stamp=$KAFKA_HOME/pom.xml resolved
  if [[ -f $stamp ]] && cmp -s "$KAFKA_POM" "$stamp"; then return; fi
  resolved=$(mktemp -d)
  mvn --batch-mode --quiet -Dstyle.color=never --file "$KAFKA_POM" dependency:copy-dependencies \
    -Dkafka.version="$KAFKA_VERSION" -Dlog4j.version="$KAFKA_LOG4J_VERSION" \
    -DoutputDirectory="$resolved" -DincludeScope=runtime
  rm -rf "$libs" && mkdir -p "$KAFKA_HOME" && mv "$resolved" "$libs"
  cp "$KAFKA_POM" "$stamp"
}
