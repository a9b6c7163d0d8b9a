# The Spark runtime the cluster pods run (README "Runtime versions"), cached outside the repo in
# $SPARK_RUNTIME_HOME by version: venv/ holds pyspark (with its 277 bundled jars) and the Python
# libraries of spark/requirements.txt; jars/ holds what spark/pom.xml adds (Delta Lake, S3A and the
# AWS SDK v2 modules it needs). A cluster start only reads this; it never downloads anything.

SPARK_REQUIREMENTS=$REPO_ROOT/deploy/local/spark/requirements.txt
SPARK_POM=$REPO_ROOT/deploy/local/spark/pom.xml
# Resolved with the others but not wanted: jackson-datatype-jdk8 2.13 would sit beside pyspark's
# Jackson 2.21, and RoaringBitmap's shims belong to a RoaringBitmap pyspark does not use.
SPARK_JARS_DROPPED=(jackson-datatype-jdk8 shims)

# The artifact name of a jar file: without version and Scala suffix (delta-spark_4.2_2.13-4.4.0.jar
# -> delta-spark_4.2, jackson-core-2.21.2.jar -> jackson-core).
jar_artifact() {
  sed -E 's/-[0-9][^-]*(-[A-Za-z]+)?\.jar$//; s/_2\.1[23]$//' <<<"$1"
}

ensure_spark_venv() {
  local venv=$SPARK_RUNTIME_HOME/venv stamp=$SPARK_RUNTIME_HOME/venv/requirements.txt
  if venv_has_python_version "$venv" && cmp -s "$SPARK_REQUIREMENTS" "$stamp"; then
    return
  fi
  local python
  python=$(python_of_version)
  rm -rf "$venv"
  "$python" -m venv "$venv"
  "$venv/bin/python3" -m pip install --quiet --disable-pip-version-check -r "$SPARK_REQUIREMENTS"
  cp "$SPARK_REQUIREMENTS" "$stamp"
}

ensure_spark_jars() {
  local jars=$SPARK_RUNTIME_HOME/jars stamp=$SPARK_RUNTIME_HOME/jars/pom.xml resolved
  if [[ -f $stamp ]] && cmp -s "$SPARK_POM" "$stamp"; then return; fi
  resolved=$(mktemp -d)
  mvn --batch-mode --quiet -Dstyle.color=never --file "$SPARK_POM" dependency:copy-dependencies \
    -Dspark.version="$SPARK_VERSION" -Dspark.binary.version="$SPARK_BINARY_VERSION" -Ddelta.version="$DELTA_VERSION" \
    -Dhadoop.version="$HADOOP_VERSION" -Dawssdk.version="$AWS_SDK_VERSION" \
    -DoutputDirectory="$resolved" -DincludeScope=runtime
  # Keep only what pyspark lacks: the same library twice in two versions breaks at run time.
  local bundled jar artifact
  bundled=$(for jar in "$(spark_home)"/jars/*.jar; do jar_artifact "$(basename "$jar")"; done | sort -u)
  rm -rf "$jars" && mkdir -p "$jars"
  for jar in "$resolved"/*.jar; do
    artifact=$(jar_artifact "$(basename "$jar")")
    if grep -qxF "$artifact" <<<"$bundled" || [[ " ${SPARK_JARS_DROPPED[*]} " == *" $artifact "* ]]; then continue; fi
    cp "$jar" "$jars/"
  done
  rm -rf "$resolved"
  cp "$SPARK_POM" "$stamp"
}

# pyspark's directory in the venv: SPARK_HOME for spark-submit, bin/ and jars/.
spark_home() {
  "$SPARK_RUNTIME_HOME/venv/bin/python3" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))'
}

ensure_spark_runtime() {
  local started=$SECONDS
  if [[ -f $SPARK_RUNTIME_HOME/jars/pom.xml && -f $SPARK_RUNTIME_HOME/venv/requirements.txt ]] &&
    venv_has_python_version "$SPARK_RUNTIME_HOME/venv" && cmp -s "$SPARK_POM" "$SPARK_RUNTIME_HOME/jars/pom.xml" &&
    cmp -s "$SPARK_REQUIREMENTS" "$SPARK_RUNTIME_HOME/venv/requirements.txt"; then
    echo "  spark runtime cached in $SPARK_RUNTIME_HOME"
    return
  fi
  mkdir -p "$SPARK_RUNTIME_HOME"
  ensure_spark_venv
  ensure_spark_jars
  echo "  spark $SPARK_VERSION, delta $DELTA_VERSION, hadoop-aws $HADOOP_VERSION in $SPARK_RUNTIME_HOME ($(du -sh "$SPARK_RUNTIME_HOME" | cut -f1)) in $((SECONDS - started)) s"
}
