#!/usr/bin/env bash
# Unit tests of the runtime's JVM code (test/, JUnit 5) against the Spark runtime's jars, with
# JUnit's console launcher from Maven Central. Usage: test.sh <spark runtime dir>
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
runtime=${1:?usage: test.sh <spark runtime dir>}
junit_version=1.13.4
junit=$HOME/.m2/repository/org/junit/platform/junit-platform-console-standalone/$junit_version/junit-platform-console-standalone-$junit_version.jar
[[ -f $junit ]] || mvn -q dependency:get -Dtransitive=false \
  -Dartifact="org.junit.platform:junit-platform-console-standalone:$junit_version"

"$here/build.sh" "$runtime"
classpath=$(find "$runtime/jars" "$runtime"/venv/lib/python3*/site-packages/pyspark/jars -name '*.jar' | paste -sd:)
classes=$(mktemp -d)
trap 'rm -rf "$classes"' EXIT
javac --release 17 -Xlint:all,-path,-processing -Werror -cp "$classpath:$here/dist/brickyard-runtime.jar:$junit" \
  -d "$classes" $(find "$here/test" -name '*.java')
java -jar "$junit" execute --disable-banner --details=summary --fail-if-no-tests \
  -cp "$classes:$here/dist/brickyard-runtime.jar:$classpath" --scan-classpath "$classes"
