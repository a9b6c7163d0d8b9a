# syntax=docker/dockerfile:1
# The runtime of cluster pods (services/worker): node for the task runtime, and the Spark runtime
# (Java 17, Python 3.12, pyspark 4.2.0 with Delta 4.4.0, S3A and the data libraries) that its driver and
# workers start, resolved by the same script as on the local platform (deploy/local/lib/spark-runtime.sh).
# Build from the repository root: docker build -f deploy/images/runtime.Dockerfile -t brickyard/runtime .
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.base.json tsconfig.build.json ./
# npm ci needs every workspace's package.json; tsc -b builds each package into its own dist/.
COPY services services
COPY operator operator
# Dev dependencies (TypeScript, and kubectl/helm in the CDK layer) stay in this stage.
RUN npm ci --no-audit --no-fund && npx tsc -b tsconfig.build.json && npm prune --omit=dev

# Python 3.12, as Databricks Runtime 19.x runs (deploy/local/lib/python-version.sh): the runtime's
# venv is made from it in this stage and runs on it in the last.
FROM python:3.12-slim-bookworm AS spark
RUN apt-get update \
  && apt-get install -y --no-install-recommends openjdk-17-jdk-headless maven \
  && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY deploy/local/versions.sh deploy/local/versions.sh
COPY deploy/local/lib/spark-runtime.sh deploy/local/lib/python-version.sh deploy/local/lib/
COPY deploy/local/spark deploy/local/spark
RUN bash -c 'REPO_ROOT=/app SPARK_RUNTIME_HOME=/opt/spark-runtime; source deploy/local/versions.sh; \
  source deploy/local/lib/python-version.sh; source deploy/local/lib/spark-runtime.sh; ensure_spark_runtime'
# The runtime's own JVM code (the Delta log store), compiled against those jars.
COPY services/worker/jvm services/worker/jvm
RUN services/worker/jvm/build.sh /opt/spark-runtime

FROM python:3.12-slim-bookworm
COPY --from=build /usr/local/bin/node /usr/local/bin/node
RUN apt-get update \
  && apt-get install -y --no-install-recommends openjdk-17-jre-headless \
  && rm -rf /var/lib/apt/lists/*
COPY --from=spark /opt/spark-runtime /opt/spark-runtime
ENV BRICKYARD_SPARK_RUNTIME=/opt/spark-runtime
# The class-data archive of the Spark JVMs, dumped by the JVM of this stage (an archive only maps
# into the JVM build that made it).
COPY deploy/local/versions.sh deploy/local/lib/spark-runtime.sh deploy/local/lib/spark-class-archive.sh /tmp/cds/
RUN bash -c 'REPO_ROOT=/tmp/cds SPARK_RUNTIME_HOME=/opt/spark-runtime; source /tmp/cds/versions.sh; \
  source /tmp/cds/spark-runtime.sh; source /tmp/cds/spark-class-archive.sh; ensure_spark_class_archive' \
  && rm -rf /tmp/cds
ENV NODE_ENV=production
# No passwd entry for the user: DuckDB and Python want a writable home (/tmp is an emptyDir).
ENV HOME=/tmp
WORKDIR /app
# Each package.json makes its dist/ ES modules ("type": "module") and maps its exports;
# node_modules/@brickyard links to the two packages copied here.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/services/common/package.json services/common/
COPY --from=build /app/services/common/dist services/common/dist
COPY --from=build /app/services/worker/package.json services/worker/
COPY --from=build /app/services/worker/dist services/worker/dist
COPY --from=spark /app/services/worker/jvm/dist services/worker/jvm/dist
COPY services/worker/python services/worker/python
USER 10001:10001
ENTRYPOINT ["node", "--enable-source-maps"]
CMD ["services/worker/dist/main.js"]
