# Brickyard: a local and Kubernetes-native emulator of the Databricks lakehouse.
# `make help` lists the targets.
SHELL := /usr/bin/env bash
.DEFAULT_GOAL := help
PLATFORM := deploy/local/platform.sh
WITH_ENV := source .brickyard/env &&

.PHONY: help
help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z0-9-]+:.*## / {printf "  \033[36m%-18s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

node_modules: package-lock.json
	npm ci
	@touch node_modules

.PHONY: deps
deps: node_modules ## Install npm packages and build the platform's Go binaries (cached)
	@deploy/local/check-prerequisites.sh
	@deploy/local/build-binaries.sh all

.PHONY: up
up: node_modules ## Bring the whole platform up (idempotent) and write .brickyard/env
	@deploy/local/check-prerequisites.sh
	@$(PLATFORM) up

.PHONY: restart
restart: node_modules ## Recompile and restart Brickyard's own services (API, operator, ...)
	@$(PLATFORM) restart

.PHONY: down
down: ## Stop every platform process (state is kept)
	@$(PLATFORM) down

.PHONY: status
status: ## Report the health of each component
	@$(PLATFORM) status

.PHONY: clean
clean: ## Stop everything and delete local state (.brickyard)
	@$(PLATFORM) clean

.PHONY: crds
crds: node_modules ## Regenerate crds/ and the chart's copy from the schemas in services/common
	npx tsx services/common/src/crd/generate-crds.ts crds
	npx tsx services/common/src/crd/generate-crds.ts charts/brickyard/crds

.PHONY: build
build: node_modules ## Compile every package into its dist/ (tsc -b, project references)
	npx tsc -b tsconfig.build.json

DEPCRUISE := npx depcruise services operator test bench --config .dependency-cruiser.cjs
.PHONY: graph
graph: node_modules ## Print the package import graph (which package imports which)
	@$(DEPCRUISE) --collapse '^(services/[^/]+|operator)/' --include-only '^(services|operator)/' --output-type text | sort -u

.PHONY: lint
lint: node_modules ## Lint and format check (Biome), type check (tsc), package boundaries, CRD drift, chart, shell syntax
	npx biome check .
	npx tsc -p tsconfig.json --noEmit
	$(DEPCRUISE)
	npx tsx services/common/src/crd/generate-crds.ts --check crds
	npx tsx services/common/src/crd/generate-crds.ts --check charts/brickyard/crds
	deploy/local/helm.sh lint --strict charts/brickyard
	bash -n deploy/local/*.sh deploy/local/lib/*.sh deploy/local/components/*.sh

.PHONY: test-unit
test-unit: node_modules ## Unit tests of pure logic (nothing needs to run)
	npx vitest run --project unit

.PHONY: test-integration
test-integration: up ## Integration tests against the real platform (brings it up first)
	$(WITH_ENV) npx vitest run --project integration

.PHONY: helm-e2e
helm-e2e: up ## Install the chart into the local platform, run a job through it, upgrade, uninstall
	$(WITH_ENV) npx vitest run --project helm

.PHONY: test-dashboards
test-dashboards: up ## Prove every Grafana panel (deploy/grafana) shows data in Prometheus after a workload
	$(WITH_ENV) npx vitest run --project integration test/integration/dashboards.test.ts

.venv: test/e2e/requirements.txt
	python3 -m venv .venv
	.venv/bin/pip install --quiet --disable-pip-version-check -r test/e2e/requirements.txt
	@touch .venv

.PHONY: test-e2e
test-e2e: up .venv ## End-to-end tests through the Databricks Python SDK and CLI
	$(WITH_ENV) .venv/bin/pytest -q test/e2e

.PHONY: test
test: lint test-unit test-integration test-e2e helm-e2e ## Everything CI runs: lint, unit, integration and end-to-end tests

.PHONY: format
format: node_modules ## Rewrite files to the project's format
	npx biome check --write .

IMAGE_TAG ?= 0.1.0
.PHONY: images
images: ## Build the container images brickyard/{api,operator,scheduler,runtime}:$(IMAGE_TAG) (needs Docker)
	for image in api operator scheduler runtime; do \
	  docker build -f deploy/images/$$image.Dockerfile -t brickyard/$$image:$(IMAGE_TAG) . || exit 1; \
	done
