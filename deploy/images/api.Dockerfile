# syntax=docker/dockerfile:1
# The Databricks REST API (services/api); also runs the chart's install and bucket hooks,
# which is why it carries crds/.
# Build from the repository root: docker build -f deploy/images/api.Dockerfile -t brickyard/api .
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.base.json tsconfig.build.json ./
# npm ci needs every workspace's package.json; tsc -b builds each package into its own dist/.
COPY services services
COPY operator operator
# Dev dependencies (TypeScript, and kubectl/helm in the CDK layer) stay in this stage.
RUN npm ci --no-audit --no-fund && npx tsc -b tsconfig.build.json && npm run build -w @brickyard/web \
  && npm prune --omit=dev

# The .proto files of Spark Connect, which the API speaks to SQL warehouses: extracted from the
# Spark Connect server's jar on Maven Central by the script the local platform uses.
FROM maven:3-eclipse-temurin-17 AS protos
RUN apt-get update && apt-get install -y --no-install-recommends unzip && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY deploy/local/versions.sh deploy/local/lib/spark-connect-protos.sh deploy/local/lib/
RUN bash -c 'source deploy/local/lib/versions.sh && source deploy/local/lib/spark-connect-protos.sh && \
  mvn --batch-mode --quiet dependency:copy -Dartifact=org.apache.spark:spark-connect_2.13:$SPARK_VERSION \
    -DoutputDirectory=/tmp/jars && \
  extract_spark_connect_protos /tmp/jars/spark-connect_2.13-$SPARK_VERSION.jar /app/spark-connect-protos'

FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
# Each package.json makes its dist/ ES modules ("type": "module") and maps its exports;
# node_modules/@brickyard links to the packages copied here (the web app's bundle among them).
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/services/common/package.json services/common/
COPY --from=build /app/services/common/dist services/common/dist
COPY --from=build /app/services/api/package.json services/api/
COPY --from=build /app/services/api/dist services/api/dist
COPY --from=build /app/services/web/package.json services/web/
COPY --from=build /app/services/web/dist services/web/dist
COPY crds crds
COPY --from=protos /app/spark-connect-protos spark-connect-protos
ENV BRICKYARD_SPARK_CONNECT_PROTOS=/app/spark-connect-protos
USER 10001:10001
ENTRYPOINT ["node", "--enable-source-maps"]
CMD ["services/api/dist/main.js"]
