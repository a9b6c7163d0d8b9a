# OpenTofu (`tofu`, Terraform-compatible) and the Databricks provider, both built by
# build-binaries.sh: tofu is linked into $BRICKYARD_HOME/bin, and the CLI configuration that .brickyard/env
# names in TF_CLI_CONFIG_FILE makes `tofu init` install databricks/databricks from the local
# filesystem mirror, without a registry.

TERRAFORM_CLI_CONFIG=$BRICKYARD_HOME/terraform.tfrc

ensure_terraform() {
  mkdir -p "$BRICKYARD_HOME/bin"
  ln -sf "$TOFU_BIN" "$BRICKYARD_HOME/bin/tofu"
  cat >"$TERRAFORM_CLI_CONFIG" <<TFRC
# Written by 'make deps'. Providers come from the mirror only: no registry is reachable.
provider_installation {
  filesystem_mirror {
    path    = "$TERRAFORM_PLUGIN_MIRROR"
    include = ["registry.opentofu.org/databricks/databricks", "registry.terraform.io/databricks/databricks"]
  }
}
TFRC
}
