# syntax=docker/dockerfile:1
# The runtime of cluster pods (services/worker): node for the worker, python3 for notebook
# cells and Python tasks (services/worker/python, stdlib only).
# Build from the repository root: docker build -f deploy/images/runtime.Dockerfile -t brickyard/runtime .
FROM node:22-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY services services
COPY operator operator
# Dev dependencies (TypeScript, and kubectl/helm in the CDK layer) stay in this stage.
RUN npx tsc -p tsconfig.build.json && npm prune --omit=dev

FROM node:22-bookworm-slim
RUN apt-get update \
  && apt-get install -y --no-install-recommends python3 \
  && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production
# No passwd entry for the user: DuckDB and Python want a writable home (/tmp is an emptyDir).
ENV HOME=/tmp
WORKDIR /app
# package.json makes dist/ ES modules ("type": "module").
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY services/worker/python services/worker/python
USER 10001:10001
ENTRYPOINT ["node", "--enable-source-maps"]
CMD ["dist/services/worker/src/main.js"]
