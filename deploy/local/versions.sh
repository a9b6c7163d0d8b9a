# Versions of the local platform's components, and where their builds are cached.
# Sourced by the build and start scripts; bump a version here and the next `make up` rebuilds it.
K8S_VERSION=1.36.3
ETCD_VERSION=3.6.16
VERSITYGW_VERSION=1.8.0
DATABRICKS_CLI_VERSION=1.10.0
PROMETHEUS_VERSION=3.16.0
# Prometheus X.Y.Z is published as the Go module version v0.(100*X+Y).Z.
PROMETHEUS_MODULE_VERSION=v0.316.0
# Terraform-compatible CLI and the Databricks provider, for the Terraform e2e test (newest versions
# the Go module proxy serves here; registry.terraform.io and GitHub releases are unreachable).
OPENTOFU_VERSION=1.12.6
DATABRICKS_PROVIDER_VERSION=1.84.0
GO_MIN=1.26
# Node.js for Brickyard's services, the tests and npm itself: the official Linux binary as the npm
# registry publishes it (package node-linux-<arch>), with the npm release that Node version bundles.
NODE_VERSION=24.22.3
NPM_VERSION=11.19.1

BRICKYARD_CACHE=${BRICKYARD_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/brickyard}
K8S_CACHE=$BRICKYARD_CACHE/k8s-v$K8S_VERSION-etcd-v$ETCD_VERSION
K8S_BIN=$K8S_CACHE/bin
VERSITYGW_BIN=$BRICKYARD_CACHE/versitygw-v$VERSITYGW_VERSION/versitygw
DATABRICKS_CLI_BIN=$BRICKYARD_CACHE/databricks-cli-v$DATABRICKS_CLI_VERSION/databricks
# Built from its Go module: Debian's package is built without Kubernetes service discovery.
PROMETHEUS_BIN=$BRICKYARD_CACHE/prometheus-v$PROMETHEUS_VERSION/prometheus
TOFU_BIN=$BRICKYARD_CACHE/opentofu-v$OPENTOFU_VERSION/tofu
DATABRICKS_PROVIDER_BIN=$BRICKYARD_CACHE/terraform-provider-databricks-v$DATABRICKS_PROVIDER_VERSION/terraform-provider-databricks
# A filesystem_mirror of the provider, laid out as `tofu init` looks for it (lib/terraform.sh).
TERRAFORM_PLUGIN_MIRROR=$BRICKYARD_CACHE/terraform-plugins-databricks-v$DATABRICKS_PROVIDER_VERSION
# Laid out as the nodejs.org tarball is (bin/node, bin/npm, bin/npx, lib/node_modules/npm).
NODE_HOME=$BRICKYARD_CACHE/node-v$NODE_VERSION
NODE_BIN=$NODE_HOME/bin

# Apache Kafka, the streaming component's broker (components/kafka.sh): its server jars from Maven
# Central in the cache. Spark 4.2's connector brings kafka-clients 3.9, which a Kafka 4 broker serves.
KAFKA_VERSION=4.1.1
KAFKA_LOG4J_VERSION=2.24.3
KAFKA_HOME=$BRICKYARD_CACHE/kafka-v$KAFKA_VERSION

# The Spark runtime (Databricks Runtime 19.3 as Brickyard emulates it; README "Runtime versions"):
# pyspark and the Python libraries of deploy/local/spark/requirements.txt in a venv, and the jars of
# deploy/local/spark/pom.xml that pyspark lacks. Hadoop matches pyspark's bundled hadoop-client-api.
SPARK_VERSION=4.2.0
SPARK_BINARY_VERSION=4.2
DELTA_VERSION=4.4.0
HADOOP_VERSION=3.5.0
AWS_SDK_VERSION=2.35.4
SPARK_RUNTIME_HOME=${SPARK_RUNTIME_HOME:-$BRICKYARD_CACHE/spark-runtime-spark$SPARK_VERSION-delta$DELTA_VERSION}
# The .proto files of Spark Connect $SPARK_VERSION, which the API loads (lib/spark-connect-protos.sh).
SPARK_CONNECT_PROTOS=$BRICKYARD_CACHE/spark-connect-protos-spark$SPARK_VERSION
