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

# The registry's layout and frontmatter rules, and a page for every resource
# and data source of the schema.
if ! out="$(go tool tfplugindocs validate --provider-name conduit --providers-schema "$work/schema.json" \
  --allowed-resource-subcategories "Auth0,TileDB Cloud,Vectorize,Versori" --allowed-guide-subcategories "Guides" 2>&1)"; then
  echo "$out" | grep -v '\[DEBUG\]' >&2
  exit 1
fi
echo "tfplugindocs validate: docs/ follows the registry's rules"

# Every resource, data source and list resource has its example
# (examples/resources/<type>/resource.tf, examples/data-sources/<type>/data-source.tf,
# examples/list-resources/<type>/list-resource.tfquery.hcl) and every resource its import
# section (examples/resources/<type>/import.sh and import-by-string-id.tf).
shopt -s nullglob
missing=0
for page in docs/resources/*.md docs/data-sources/*.md docs/list-resources/*.md; do
  grep -q '^## Example Usage' "$page" || { echo "$page: no example in examples/" >&2; missing=1; }
done
for page in docs/resources/*.md; do
  # A resource with an identity documents the import block with identity
  # (examples/resources/<type>/import-by-identity.tf).
  if grep -q '^### Identity Schema' "$page"; then
    grep -q '^  identity = {' "$page" || { echo "$page: no import-by-identity.tf in examples/" >&2; missing=1; }
  fi
  grep -q '^terraform import ' "$page" || { echo "$page: no import.sh in examples/" >&2; missing=1; }
  grep -q '^import {' "$page" || { echo "$page: no import-by-string-id.tf in examples/" >&2; missing=1; }
done
exit $missing
