# .brickyard/env: shell exports that point kubectl, helm, the SDKs and the tests at the platform.
# Each component that adds a service adds its exports here. PATH puts first the project's kubectl,
# helm and databricks, then the venv of the Python clients (python3 with the Databricks SDK), then
# Node.js $NODE_VERSION (node, npm, npx), the versions the platform itself runs.

write_env_file() {
  (umask 077; cat >"$ENV_FILE" <<ENV
# Written by 'make up'. Use: source $ENV_FILE
export BRICKYARD_HOME='$BRICKYARD_HOME'
export KUBECONFIG='$KUBECONFIG_FILE'
export REDIS_URL='redis://127.0.0.1:$REDIS_PORT'
export AWS_ENDPOINT_URL_S3='http://127.0.0.1:$S3_PORT'
export AWS_ACCESS_KEY_ID='$S3_ACCESS_KEY'
export AWS_SECRET_ACCESS_KEY='$S3_SECRET_KEY'
export AWS_REGION='$S3_REGION'
export BRICKYARD_BUCKET='$BRICKYARD_BUCKET'
export BRICKYARD_S3_IAM_ENDPOINT='http://127.0.0.1:$S3_IAM_PORT'
export BRICKYARD_SPARK_RUNTIME='$SPARK_RUNTIME_HOME'
export BRICKYARD_SPARK_CONNECT_PROTOS='$SPARK_CONNECT_PROTOS'
export PATH="$BRICKYARD_HOME/bin:$PYTHON_VENV/bin:$NODE_BIN:\${PATH}"
export DATABRICKS_HOST='http://127.0.0.1:$API_PORT'
# The same port speaks TLS (Databricks Connect always does), with a certificate of the platform's CA.
export BRICKYARD_HTTPS_HOST='https://127.0.0.1:$API_PORT'
export BRICKYARD_CA_FILE='$PKI_DIR/ca.crt'
# What gRPC, requests (and pip), Go clients and OpenSSL, and Node.js read to trust it.
export GRPC_DEFAULT_SSL_ROOTS_FILE_PATH='$CA_BUNDLE'
export REQUESTS_CA_BUNDLE='$CA_BUNDLE'
export SSL_CERT_FILE='$CA_BUNDLE'
export NODE_EXTRA_CA_CERTS='$PKI_DIR/ca.crt'
export PROMETHEUS_URL='http://127.0.0.1:$PROMETHEUS_PORT'
# The streaming component's Kafka broker (off: BRICKYARD_STREAMING=off).
export BRICKYARD_KAFKA_BOOTSTRAP='127.0.0.1:$KAFKA_PORT'
# tofu installs the Databricks provider from the local mirror (lib/terraform.sh).
export TF_CLI_CONFIG_FILE='$TERRAFORM_CLI_CONFIG'
$(cat "$BRICKYARD_HOME/install.env")
ENV
  )
}
