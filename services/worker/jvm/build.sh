#!/usr/bin/env bash
# Compiles the runtime's own JVM code (src/) against the Spark runtime's jars into
# dist/brickyard-runtime.jar, which every Spark JVM of a cluster loads (spark-layout.ts).
# Usage: build.sh <spark runtime dir>; does nothing when the jar is newer than every source.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
runtime=${1:?usage: build.sh <spark runtime dir>}
jar=$here/dist/brickyard-runtime.jar

if [[ -f $jar ]] && [[ -z $(find "$here/src" "$here/resources" -newer "$jar" -type f) ]]; then exit 0; fi
# Spark, Delta and the rest, as the JVMs that load the jar have them.
classpath=$(find "$runtime/jars" "$runtime"/venv/lib/python3*/site-packages/pyspark/jars -name '*.jar' | paste -sd:)
classes=$(mktemp -d)
trap 'rm -rf "$classes"' EXIT
# -path: jar manifests name Class-Path entries that are not there.
javac --release 17 -Xlint:all,-path -Werror -cp "$classpath" -d "$classes" $(find "$here/src" -name '*.java')
# Resources: the service registrations Spark looks data sources up by (cloudFiles).
cp -r "$here/resources/." "$classes/"
mkdir -p "$here/dist"
jar --create --file "$jar" -C "$classes" .
