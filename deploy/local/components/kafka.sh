# Apache Kafka in KRaft mode: one process that is both the broker and its controller, on loopback
# where the tests, the benchmarks and the runtime's pods (processes of this host) reach it. Its log
# directory is formatted once, with a cluster id kept beside it; topics are created as producers
# first write to them. Off with BRICKYARD_STREAMING=off.

KAFKA_DIR=$DATA_DIR/kafka

kafka_health() { (exec 3<>"/dev/tcp/127.0.0.1/$KAFKA_PORT") 2>/dev/null; }

kafka_java() { java -Xmx512m -cp "$KAFKA_HOME/libs/*" "$@"; }

write_kafka_config() {
  mkdir -p "$KAFKA_DIR"
  cat >"$KAFKA_DIR/server.properties" <<PROPERTIES
process.roles=broker,controller
node.id=1
controller.quorum.bootstrap.servers=127.0.0.1:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT,CONTROLLER://127.0.0.1:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://127.0.0.1:$KAFKA_PORT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$KAFKA_DIR/logs
num.partitions=1
auto.create.topics.enable=true
offsets.topic.replication.factor=1
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0
PROPERTIES
}

kafka_up() {
  if [[ $BRICKYARD_STREAMING == off ]]; then
    echo "  kafka                      off (BRICKYARD_STREAMING=off)"
    return
  fi
  write_kafka_config
  if [[ ! -f $KAFKA_DIR/logs/meta.properties ]]; then
    kafka_java kafka.tools.StorageTool format --standalone \
      -t "$(kafka_java kafka.tools.StorageTool random-uuid)" -c "$KAFKA_DIR/server.properties" >/dev/null
  fi
  ensure_process kafka kafka_health 60 -- java -Xmx512m -cp "$KAFKA_HOME/libs/*" kafka.Kafka \
    "$KAFKA_DIR/server.properties"
}
