# syntax=docker/dockerfile:1
# The operator (operator/): reconciles Workspaces and Clusters.
# Build from the repository root: docker build -f deploy/images/operator.Dockerfile -t brickyard/operator .
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
ENV NODE_ENV=production
WORKDIR /app
# package.json makes dist/ ES modules ("type": "module").
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
USER 10001:10001
ENTRYPOINT ["node", "--enable-source-maps"]
CMD ["dist/operator/main.js"]
