# Brickyard: a local and Kubernetes-native emulator of the Databricks lakehouse.
# `make help` lists the targets.
SHELL := /usr/bin/env bash
.DEFAULT_GOAL := help
PLATFORM := deploy/local/platform.sh
WITH_ENV := source .brickyard/env &&

# Node.js of deploy/local/versions.sh, fetched from the npm registry into the cache by
# deploy/local/fetch-node.sh, is first on PATH for every target: node, npm, npx and what they start
# (tsc, vitest, tsx and the processes the tests spawn) all run on it, whatever node the machine has.
NODE_VERSION := $(shell source deploy/local/versions.sh && echo "$$NODE_VERSION")
NODE_HOME := $(shell source deploy/local/versions.sh && echo "$$NODE_HOME")
NODE_BIN := $(NODE_HOME)/bin
export PATH := $(NODE_BIN):$(PATH)
# npm ci runs again when the lock file changes or Node.js does (native modules are per Node version).
NODE_MODULES := node_modules/.installed-with-node-$(NODE_VERSION)

.PHONY: help
help: ## List the targets
	@awk 'BEGIN {FS = ":.*## "} /^[a-z0-9-]+:.*## / {printf "  \033[36m%-18s\033[0m %s\n", $$1, $$2}' $(MAKEFILE_LIST)

.PHONY: prerequisites
prerequisites: ## Install the Debian packages the platform lacks (as root; otherwise name them), check Go
	@deploy/local/prerequisites.sh

$(NODE_BIN)/node:
	@deploy/local/fetch-node.sh

# node-gyp builds a native module from source against the headers of the Node.js that runs it.
$(NODE_MODULES): package-lock.json | $(NODE_BIN)/node
	npm_config_nodedir=$(NODE_HOME) npm ci
	@touch $@

.PHONY: deps
deps: prerequisites $(NODE_MODULES) ## Install what `up` needs: packages, Node.js, npm packages, Go binaries, Python clients
	@$(PLATFORM) deps

.PHONY: up
up: prerequisites $(NODE_MODULES) ## Bring the whole platform up (idempotent) and write .brickyard/env
	@$(PLATFORM) up

.PHONY: restart
restart: $(NODE_MODULES) ## Recompile and restart Brickyard's own services (API, operator, ...)
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
crds: $(NODE_MODULES) ## Regenerate crds/ and the chart's copy from the schemas in services/common
	npx tsx services/common/src/crd/generate-crds.ts crds
	npx tsx services/common/src/crd/generate-crds.ts charts/brickyard/crds

.PHONY: build
build: $(NODE_MODULES) ## Compile every package into its dist/ (tsc -b, project references)
	npx tsc -b tsconfig.build.json

DEPCRUISE := npx depcruise services operator test bench --config .dependency-cruiser.cjs
.PHONY: graph
graph: $(NODE_MODULES) ## Print the package import graph (which package imports which)
	@$(DEPCRUISE) --collapse '^(services/[^/]+|operator)/' --include-only '^(services|operator)/' --output-type text | sort -u

.PHONY: lint
lint: $(NODE_MODULES) ## Lint and format check (Biome), type check (tsc), package boundaries, unused code (knip), CRD drift, chart, shell syntax
	npx biome check .
	npx tsc -p tsconfig.json --noEmit
	npx tsc -p services/web/tsconfig.json
	$(DEPCRUISE)
	npx knip --no-progress
	npx tsx services/common/src/crd/generate-crds.ts --check crds
	npx tsx services/common/src/crd/generate-crds.ts --check charts/brickyard/crds
	deploy/local/helm.sh lint --strict charts/brickyard
	bash -n deploy/local/*.sh deploy/local/lib/*.sh deploy/local/components/*.sh .ci/run

.PHONY: test-unit
test-unit: $(NODE_MODULES) ## Unit tests of pure logic (nothing needs to run)
	npx vitest run --project unit

.PHONY: test-integration
test-integration: up ## Integration tests, the in-process API tests and the runtime's JVM unit tests (brings the platform up first)
	$(WITH_ENV) services/worker/jvm/test.sh "$$BRICKYARD_SPARK_RUNTIME"
	$(WITH_ENV) npx vitest run --project integration --project api

.PHONY: helm-e2e
helm-e2e: up ## Install the chart into the local platform, run a job through it, upgrade, uninstall
	$(WITH_ENV) npx vitest run --project helm

.PHONY: test-dashboards
test-dashboards: up ## Prove every Grafana panel (deploy/grafana) shows data in Prometheus after a workload
	$(WITH_ENV) npx vitest run --project integration test/integration/dashboards.test.ts

# python3 is the venv of the Python clients that `up` makes (test/e2e/requirements.txt).
.PHONY: test-e2e
test-e2e: up ## End-to-end tests through the Databricks Python SDK and CLI
	$(WITH_ENV) python3 -m pytest -q test/e2e

# Debian's chromium (deploy/local/prerequisites.sh) drives the app: Playwright downloads no browser.
.PHONY: test-ui
test-ui: up ## The web workspace in a real browser (Playwright, Debian's chromium); screenshots in test-results/ui
	$(WITH_ENV) npx playwright test -c test/ui/playwright.config.ts

.PHONY: test
test: lint test-unit test-integration test-e2e test-ui helm-e2e ## Everything CI runs: lint, unit, integration, end-to-end and browser tests

.PHONY: format
format: $(NODE_MODULES) ## Rewrite files to the project's format
	npx biome check --write .

IMAGE_TAG ?= 0.1.0
.PHONY: images
images: ## Build the container images brickyard/{api,operator,scheduler,runtime}:$(IMAGE_TAG) (needs Docker)
	for image in api operator scheduler runtime; do \
	  docker build -f deploy/images/$$image.Dockerfile -t brickyard/$$image:$(IMAGE_TAG) . || exit 1; \
	done
