#!/usr/bin/env bash
# make docs: generate docs/ with tfplugindocs, offline. The provider schema is
# read from the provider just built through dev_overrides, so tfplugindocs
# neither builds nor downloads anything.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. scripts/terraform.sh
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

go build -o "$work/bin/terraform-provider-conduit" .
cat > "$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "registry.terraform.io/conduit-tf/conduit" = "$work/bin"
    "registry.opentofu.org/conduit-tf/conduit" = "$work/bin"
  }
  direct {}
}
RC
mkdir -p "$work/cfg"
printf 'terraform {\n  required_providers {\n    conduit = { source = "conduit-tf/conduit" }\n  }\n}\n' > "$work/cfg/main.tf"
(cd "$work/cfg" && TF_CLI_CONFIG_FILE="$work/terraformrc" "$TF_BIN" providers schema -json) > "$work/schema.raw.json"
# tfplugindocs finds the schema under the short provider name.
sed -E "s#registry.(opentofu.org|terraform.io)/conduit-tf/conduit#conduit#" "$work/schema.raw.json" > "$work/schema.json"
go tool tfplugindocs generate --provider-name conduit --rendered-provider-name "Conduit" --providers-schema "$work/schema.json"
