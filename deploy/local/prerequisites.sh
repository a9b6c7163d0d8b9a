#!/usr/bin/env bash
# The machine packages the local platform needs, listed once here: `make up`, `make deps` and .ci/run
# all go through this script. Run as root it installs the missing ones with apt-get
# (non-interactive, no recommends); run as anyone else it names them with the command that installs
# them, and fails. Nothing is installed when nothing is missing, so a warm run costs milliseconds.
#
# Not in the list: Node.js and npm (fetch-node.sh fetches the pinned version from the npm registry),
# and Go, which is checked but never installed: Debian's golang is older than the Go $GO_MIN that the
# Kubernetes build needs (https://go.dev/doc/install).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/versions.sh"

log() { printf '[prerequisites] %s\n' "$*"; }

# The checks an entry of PACKAGES can use.
have() { local c; for c in "$@"; do command -v "$c" >/dev/null 2>&1 || return 1; done; }
file_exists() { [[ -s $1 ]]; }
python_module() { python3 -c "import $1" >/dev/null 2>&1; }

# "<Debian package> <check that passes when it is installed>", and why the platform needs it.
PACKAGES=(
  "make have make"                                                 # the Makefile's targets (.ci/run)
  "redis-server have redis-server"                                 # BullMQ's store
  "redis-tools have redis-cli"                                     # Redis' health check
  "openssl have openssl"                                           # the CA, keys and tokens in .brickyard
  "curl have curl"                                                 # health checks, S3 requests, Node.js download
  "ca-certificates file_exists /etc/ssl/certs/ca-certificates.crt" # HTTPS to the registries
  "unzip have unzip"                                               # kubectl and helm ship zipped
  "util-linux have setsid unshare"                                 # detached processes, pods' mount namespaces
  "python3 have python3"                                           # the Python clients, notebook and Python tasks
  "python3-venv python_module ensurepip"                           # Debian ships venv's pip bootstrap apart
  "openjdk-17-jdk-headless have java javac"                        # Spark's JVMs; javac builds the runtime's jar
  "maven have mvn"                                                 # resolves Delta, S3A and the AWS SDK jars
  "s3fs have s3fs"                                                 # /dbfs on Spark pods (S3 volumes)
  "chromium have chromium"                                         # the web workspace's browser tests
  "fonts-liberation file_exists /usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf" # text in its screenshots
)

# Prints the packages whose check fails, one per line.
missing_packages() {
  local entry package check
  for entry in "${PACKAGES[@]}"; do
    read -r package check <<<"$entry"
    $check || echo "$package"
  done
}

install_packages() { # <package...>
  log "installing with apt-get: $*"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "$@"
}

require_packages() {
  local missing
  mapfile -t missing < <(missing_packages)
  ((${#missing[@]})) || return 0
  if [[ $(id -u) == 0 ]] && have apt-get; then
    install_packages "${missing[@]}"
    mapfile -t missing < <(missing_packages)
    ((${#missing[@]})) || return 0
    echo "error: still missing after apt-get install: ${missing[*]}" >&2
    exit 1
  fi
  echo "error: the local platform needs these Debian packages: ${missing[*]}" >&2
  echo "  install them as root:  apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
  echo "  (or run 'make up' as root, which installs them itself)" >&2
  exit 1
}

require_go() {
  local version
  version=$(go env GOVERSION 2>/dev/null) || {
    echo "error: Go $GO_MIN or newer is required to build the platform's binaries: https://go.dev/doc/install" >&2; exit 1; }
  version=${version#go}
  if [[ $(printf '%s\n%s\n' "$GO_MIN" "$version" | sort -V | head -n1) != "$GO_MIN" ]]; then
    echo "error: Go $GO_MIN or newer is required, found $version: https://go.dev/doc/install" >&2; exit 1
  fi
}

require_packages
require_go
