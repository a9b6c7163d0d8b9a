# Class-data sharing (AppCDS) for the Spark JVMs of cluster pods: one static archive of the classes
# a master, a Worker and a Spark Connect driver running a query load, dumped once into
# $SPARK_RUNTIME_HOME/cds/spark.jsa. Every Spark JVM maps it (services/worker/src/spark/spark-conf.ts
# adds -XX:SharedArchiveFile when it is there) instead of parsing and verifying those classes again,
# and the mapped pages are shared between the JVMs of all pods. Measured on this machine: a
# master up in 1.8-2.3 s instead of 3.3-3.6 s, a Connect server serving in 3.7-4.0 s instead of
# 6.9-8.2 s. The archive only applies to JVMs with the same class path, which spark-class gives
# every Spark JVM here: conf, slf4j-api, then jars/*.

# Where the trainers listen: loopback outside the pods' block (instance-agent.yaml podCidr).
CDS_TRAIN_HOST=127.31.0.9

spark_class_path() {
  local home
  home=$(spark_home)
  printf '%s' "$home/conf:$(ls "$home"/jars/slf4j-api-*.jar):$home/jars/*"
}

# What the archive depends on: the JVM and the jars, and where they are (the archive records the
# class path; a JVM given another refuses it). A change to any makes a new one.
spark_class_archive_key() {
  { java -version 2>&1; spark_home; ls "$(spark_home)/jars"; } | sha256sum | cut -c1-16
}

# Runs "$@" (a JVM writing a class list) in the background until its log has <ready>, then stops it.
cds_train() { # <log> <ready pattern> <command...>
  local log=$1 ready=$2 pid i
  shift 2
  "$@" >"$log" 2>&1 &
  pid=$!
  for ((i = 0; i < 600; i++)); do
    grep -q "$ready" "$log" 2>/dev/null && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.2
  done
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  grep -q "$ready" "$log" || { echo "error: the class-data trainer never logged '$ready' (see $log)" >&2; return 1; }
}

ensure_spark_class_archive() {
  local dir=$SPARK_RUNTIME_HOME/cds key work home python
  key=$(spark_class_archive_key)
  if [[ -f $dir/spark.jsa && $(cat "$dir/key" 2>/dev/null) == "$key" ]]; then
    echo "  class-data archive cached in $dir"
    return
  fi
  home=$(spark_home)
  python=$SPARK_RUNTIME_HOME/venv/bin/python3
  work=$(mktemp -d)
  local opts="-XX:+UseSerialGC -XX:TieredStopAtLevel=1"
  local master="spark://$CDS_TRAIN_HOST:17977"
  (
    export SPARK_HOME=$home SPARK_LOCAL_IP=$CDS_TRAIN_HOST SPARK_LOG_DIR=$work SPARK_LOCAL_DIRS=$work
    SPARK_DAEMON_JAVA_OPTS="$opts -XX:DumpLoadedClassList=$work/master.classes" \
      "$home/bin/spark-class" org.apache.spark.deploy.master.Master --host "$CDS_TRAIN_HOST" \
      --port 17977 --webui-port 18977 >"$work/master.log" 2>&1 &
    local master_pid=$!
    trap 'kill $master_pid 2>/dev/null || true' EXIT
    export SPARK_DAEMON_JAVA_OPTS="$opts -XX:DumpLoadedClassList=$work/worker.classes"
    cds_train "$work/worker.log" "Successfully registered with master" \
      "$home/bin/spark-class" org.apache.spark.deploy.worker.Worker --host "$CDS_TRAIN_HOST" \
      --webui-port 18978 --cores 1 --memory 512m --work-dir "$work/work" "$master"
    kill "$master_pid" && wait "$master_pid" || true
    # The driver: Spark Connect in local mode, serving one query (planning, codegen, a shuffle).
    "$home/bin/spark-submit" --master 'local[1]' --driver-memory 512m \
      --driver-java-options "$opts -XX:DumpLoadedClassList=$work/driver.classes" \
      --conf spark.connect.grpc.binding.address="$CDS_TRAIN_HOST" --conf spark.connect.grpc.binding.port=17999 \
      --conf spark.ui.enabled=false --class org.apache.spark.sql.connect.service.SparkConnectServer \
      spark-internal >"$work/driver.log" 2>&1 &
    local driver_pid=$!
    trap 'kill $driver_pid 2>/dev/null || true' EXIT
    "$python" - "$CDS_TRAIN_HOST" <<'PYTHON'
import sys, time
from pyspark.sql import SparkSession
for attempt in range(300):
    try:
        spark = SparkSession.builder.remote(f"sc://{sys.argv[1]}:17999").getOrCreate()
        spark.range(0, 1000).selectExpr("id % 7 AS k").groupBy("k").count().collect()
        break
    except Exception:
        time.sleep(0.5)
else:
    sys.exit("the Spark Connect trainer never answered")
PYTHON
    kill "$driver_pid" && wait "$driver_pid" || true
  )
  # Class names only: the lambda-form and custom-loader lines do not merge across lists.
  cat "$work"/*.classes | grep -v '^[#@]' | grep -v ' source: ' | awk '{print $1}' | sort -u >"$work/all.classes"
  mkdir -p "$dir"
  java -XX:+UseSerialGC -Xshare:dump -XX:SharedClassListFile="$work/all.classes" \
    -XX:SharedArchiveFile="$dir/spark.jsa.tmp" -cp "$(spark_class_path)" >"$work/dump.log" 2>&1 ||
    { echo "error: the class-data dump failed (see $work/dump.log)" >&2; return 1; }
  mv "$dir/spark.jsa.tmp" "$dir/spark.jsa"
  echo "$key" >"$dir/key"
  echo "  class-data archive of $(wc -l <"$work/all.classes") classes in $dir ($(du -h "$dir/spark.jsa" | cut -f1))"
  rm -rf "$work"
}
