#!/usr/bin/env bash
# Builds the local platform's Go binaries (etcd, kube-apiserver, kube-controller-manager,
# kube-scheduler, versitygw, databricks CLI, Prometheus, OpenTofu and the Databricks Terraform
# provider) into a cache outside the repo, keyed by version.
# Each binary is built only when it is missing, so a warm run costs nothing.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
source "$here/versions.sh"

log() { printf '[build] %s\n' "$*"; }

# Cold build times on the 2-core, 24 GiB build machine, module download included (README,
# "Measured"); printed before a build starts so that a first `make up` is not taken for a hang.
# kubernetes and versitygw were measured on the idle machine, databricks and prometheus while it
# was partly busy; a machine busy with other work takes up to twice as long (the whole set once
# took 44 min beside other builds and tests). tofu and the provider were measured on the idle machine.
declare -A COLD_SECONDS=([kubernetes]=375 [versitygw]=80 [databricks]=255 [prometheus]=565 [tofu]=430 [terraform-provider-databricks]=125)
TOOL_BINS=("$VERSITYGW_BIN" "$DATABRICKS_CLI_BIN" "$PROMETHEUS_BIN" "$TOFU_BIN" "$DATABRICKS_PROVIDER_BIN")

about() { # <seconds>
  if (($1 < 60)); then echo "about $1 s"
  elif (($1 < 600)); then echo "about $(($1 / 60)) min $(($1 % 60)) s"
  else echo "about $((($1 + 30) / 60)) min"; fi
}

took() { # <start-seconds>
  local s=$((SECONDS - $1))
  if ((s < 60)); then echo "$s s"; else echo "$((s / 60)) min $((s % 60)) s"; fi
}

kubernetes_built() {
  [[ -x $K8S_BIN/kube-apiserver && -x $K8S_BIN/kube-controller-manager && -x $K8S_BIN/kube-scheduler && -x $K8S_BIN/etcd ]]
}

# Names what `all` is about to build and how long that took on the build machine.
announce_cold_builds() {
  local missing=() total=0 bin name
  for bin in "${TOOL_BINS[@]}"; do [[ -x $bin ]] || missing+=("$(basename "$bin")"); done
  kubernetes_built || missing+=(kubernetes)
  ((${#missing[@]})) || return 0
  for name in "${missing[@]}"; do total=$((total + COLD_SECONDS[$name])); done
  log "first build of $(IFS=,; echo "${missing[*]}" | sed 's/,/, /g'): $(about "$total") on an idle 2-core machine," \
    "more on a busy one; once, then cached in $BRICKYARD_CACHE"
}

require_go() {
  command -v go >/dev/null || { echo "error: Go ${GO_MIN} or newer is required (https://go.dev/doc/install; Debian's golang is older)" >&2; exit 1; }
}

# kube-apiserver & co: k8s.io/kubernetes cannot be `go install`ed (its go.mod replaces every
# staging module with a local path), so we build inside a generated wrapper module whose
# replaces point each staging module at its published v0.X.Y.
build_kubernetes() {
  local out=$K8S_BIN started=$SECONDS
  if kubernetes_built; then
    log "kubernetes v$K8S_VERSION and etcd v$ETCD_VERSION cached in $out"; return
  fi
  log "building kube-apiserver, kube-controller-manager, kube-scheduler v$K8S_VERSION and etcd v$ETCD_VERSION" \
    "into $out ($(about "${COLD_SECONDS[kubernetes]}") on 2 cores, peak 2 GB of memory)"
  local mod=$K8S_CACHE/mod staging minor
  mkdir -p "$mod" "$out"
  cd "$mod"
  rm -f go.mod go.sum
  go mod init local.build/k8sbin >/dev/null 2>&1
  go mod edit -go=1.26
  staging=$(go mod download -json "k8s.io/kubernetes@v$K8S_VERSION" | python3 -c 'import json,sys;print(json.load(sys.stdin)["GoMod"])')
  minor=${K8S_VERSION#*.}; minor=${minor%%.*}
  sed -n 's|^[[:space:]]*\(k8s.io/[a-z0-9-]*\) => ./staging/src/k8s.io/.*|\1|p' "$staging" | while read -r m; do
    go mod edit -replace="$m=$m@v0.${K8S_VERSION#*.}"
  done
  cat > tools.go <<GO
//go:build tools

package tools

import (
	_ "go.etcd.io/etcd/server/v3"
	_ "k8s.io/kubernetes/cmd/kube-apiserver"
	_ "k8s.io/kubernetes/cmd/kube-controller-manager"
	_ "k8s.io/kubernetes/cmd/kube-scheduler"
)
GO
  go get "k8s.io/kubernetes@v$K8S_VERSION" "go.etcd.io/etcd/server/v3@v$ETCD_VERSION"
  go mod tidy
  local pkg=k8s.io/component-base/version cg=k8s.io/client-go/pkg/version
  local ldf="-s -w -X $pkg.gitVersion=v$K8S_VERSION -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean"
  ldf+=" -X $pkg.buildDate=1970-01-01T00:00:00Z -X $cg.gitVersion=v$K8S_VERSION -X $cg.gitMajor=1 -X $cg.gitMinor=$minor"
  CGO_ENABLED=0 go build -p 2 -trimpath -ldflags "$ldf" -o "$out/" \
    k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager k8s.io/kubernetes/cmd/kube-scheduler
  CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$out/etcd" go.etcd.io/etcd/server/v3
  log "built kubernetes v$K8S_VERSION and etcd v$ETCD_VERSION in $(took "$started")"
}

# Each tool builds inside a wrapper module of its own: `go install mod@version` would also ask the
# proxy for the module's version list (to look for deprecations), which the proxy here refuses, and
# ignores the module's replace directives (OpenTofu replaces hashicorp/hcl/v2 with its fork), which
# the wrapper copies.
build_tool() { # <output-binary> <module> <version> <main-package> [extra-ldflags]
  local out=$1 module=$2 version=$3 package=$4 ldflags=${5:-} name started=$SECONDS
  name=$(basename "$out")
  if [[ -x $out ]]; then log "$name cached at $out"; return; fi
  log "building $name from $module@$version ($(about "${COLD_SECONDS[$name]}") on 2 cores)"
  local mod=$(dirname "$out")/mod
  mkdir -p "$mod"
  cd "$mod"
  rm -f go.mod go.sum
  go mod init "local.build/$name" >/dev/null 2>&1
  copy_replaces "$module@$version"
  printf '//go:build tools\n\npackage tools\n\nimport _ "%s"\n' "$package" >tools.go
  go get "$module@$version"
  go mod tidy
  CGO_ENABLED=0 go build -trimpath -ldflags "-s -w $ldflags" -o "$out" "$package"
  log "built $name in $(took "$started")"
}

copy_replaces() { # <module@version>
  local gomod
  gomod=$(go mod download -json "$1" | python3 -c 'import json,sys;print(json.load(sys.stdin)["GoMod"])')
  go mod edit -json "$gomod" | python3 -c '
import json, sys
for r in json.load(sys.stdin).get("Replace") or []:
    old, new = r["Old"]["Path"], r["New"]
    if "Version" not in new: sys.exit(old + " is replaced by a local path: not buildable from the proxy")
    print(old + "=" + new["Path"] + "@" + new["Version"])' | while read -r replace; do
    go mod edit -replace="$replace"
  done
}

# `tofu init` installs the provider offline from a filesystem_mirror (the CLI configuration of
# lib/terraform.sh), under both registry hosts a configuration's `source` may name.
lay_out_provider_mirror() {
  local host dir
  for host in registry.opentofu.org registry.terraform.io; do
    dir=$TERRAFORM_PLUGIN_MIRROR/$host/databricks/databricks/$DATABRICKS_PROVIDER_VERSION/linux_amd64
    mkdir -p "$dir"
    ln -f "$DATABRICKS_PROVIDER_BIN" "$dir/terraform-provider-databricks_v$DATABRICKS_PROVIDER_VERSION"
  done
}

require_go
what=${1:-all}
case $what in
  kubernetes) build_kubernetes ;;
  tools)
    build_tool "$VERSITYGW_BIN" github.com/versity/versitygw "v$VERSITYGW_VERSION" github.com/versity/versitygw/cmd/versitygw
    build_tool "$DATABRICKS_CLI_BIN" github.com/databricks/cli "v$DATABRICKS_CLI_VERSION" github.com/databricks/cli \
      "-X github.com/databricks/cli/internal/build.buildVersion=$DATABRICKS_CLI_VERSION"
    # No web UI: its assets are not in the module; the HTTP API is all the tests and Grafana use.
    build_tool "$PROMETHEUS_BIN" github.com/prometheus/prometheus "$PROMETHEUS_MODULE_VERSION" \
      github.com/prometheus/prometheus/cmd/prometheus \
      "-X github.com/prometheus/common/version.Version=$PROMETHEUS_VERSION"
    "$0" terraform ;;
  terraform)
    build_tool "$TOFU_BIN" github.com/opentofu/opentofu "v$OPENTOFU_VERSION" github.com/opentofu/opentofu/cmd/tofu \
      "-X github.com/opentofu/opentofu/version.dev=no"
    build_tool "$DATABRICKS_PROVIDER_BIN" github.com/databricks/terraform-provider-databricks \
      "v$DATABRICKS_PROVIDER_VERSION" github.com/databricks/terraform-provider-databricks
    lay_out_provider_mirror ;;
  all) announce_cold_builds; "$0" tools; "$0" kubernetes ;;
  *) echo "usage: $0 [all|kubernetes|tools|terraform]" >&2; exit 2 ;;
esac
