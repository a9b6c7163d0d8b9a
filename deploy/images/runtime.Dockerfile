# syntax=docker/dockerfile:1
# The runtime of cluster pods (services/worker): node for the worker, python3 for notebook
# cells and Python tasks (services/worker/python, stdlib only).
# Build from the repository root: docker build -f deploy/images/runtime.Dockerfile -t brickyard/runtime .
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.base.json tsconfig.build.json ./
# npm ci needs every workspace's package.json; tsc -b builds each package into its own dist/.
COPY services services
COPY operator operator
# Dev dependencies (TypeScript, and kubectl/helm in the CDK layer) stay in this stage.
RUN npm ci --no-audit --no-fund && npx tsc -b tsconfig.build.json && npm prune --omit=dev

FROM node:24-bookworm-slim
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 \
  && rm -rf /var/lib/apt/lists/*
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
COPY services/worker/python services/worker/python
USER 10001:10001
ENTRYPOINT ["node", "--enable-source-maps"]
CMD ["services/worker/dist/main.js"]
