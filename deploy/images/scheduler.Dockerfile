# syntax=docker/dockerfile:1
# The scheduler (services/scheduler): job runs, DAGs, retries and schedules on BullMQ.
# Build from the repository root: docker build -f deploy/images/scheduler.Dockerfile -t brickyard/scheduler .
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.base.json tsconfig.build.json ./
# npm ci needs every workspace's package.json; tsc -b builds each package into its own dist/.
COPY services services
COPY operator operator
# Dev dependencies (TypeScript, and kubectl/helm in the CDK layer) stay in this stage.
RUN npm ci --no-audit --no-fund && npx tsc -b tsconfig.build.json && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
# Each package.json makes its dist/ ES modules ("type": "module") and maps its exports;
# node_modules/@brickyard links to the two packages copied here.
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/services/common/package.json services/common/
COPY --from=build /app/services/common/dist services/common/dist
COPY --from=build /app/services/scheduler/package.json services/scheduler/
COPY --from=build /app/services/scheduler/dist services/scheduler/dist
USER 10001:10001
ENTRYPOINT ["node", "--enable-source-maps"]
CMD ["services/scheduler/dist/main.js"]
