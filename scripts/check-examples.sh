#!/usr/bin/env bash
# Every example passes `terraform fmt -check` and `terraform validate` against
# the provider built from this tree (dev_overrides: no registry, no init);
# query files with `terraform validate -query`.
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
export TF_CLI_CONFIG_FILE="$work/terraformrc"

# Query files (examples/list-resources/*/list-resource.tfquery.hcl) need
# Terraform 1.14+: its fmt formats them and `validate -query` checks their
# list blocks against the provider's list resource schemas. An older
# Terraform neither formats nor parses them, so they are skipped, saying so.
query=0
if _conduit_tf_at_least 1 14 "$TF_BIN"; then query=1; fi

"$TF_BIN" fmt -check -recursive -diff examples
failed=0
count=0
skipped=0
while IFS= read -r dir; do
  args=(-no-color)
  if compgen -G "$dir/*.tfquery.hcl" > /dev/null; then
    if [ "$query" = 0 ]; then
      echo "skipped $dir (query files need Terraform 1.14+, $TF_BIN is older)"
      skipped=$((skipped + 1))
      continue
    fi
    args+=(-query)
  fi
  count=$((count + 1))
  case_dir="$work/case$count"
  mkdir -p "$case_dir"
  cp "$dir"/*.tf "$dir"/*.tfquery.hcl "$case_dir/" 2>/dev/null || true
  if ! grep -qs required_providers "$case_dir"/*.tf; then
    printf 'terraform {\n  required_providers {\n    conduit = { source = "conduit-tf/conduit" }\n  }\n}\n' > "$case_dir/zz_providers.tf"
  fi
  if out="$(cd "$case_dir" && "$TF_BIN" validate "${args[@]}" 2>&1)"; then
    echo "ok      $dir"
  else
    echo "FAILED  $dir"; echo "$out" | grep -v "dev_overrides\|Provider development overrides\|^ *- \|behavior may\|published releases\|^$\|Warning\|[│╷╵]$" || true
    failed=1
  fi
done < <(find examples \( -name '*.tf' -o -name '*.tfquery.hcl' \) -exec dirname {} \; | sort -u)
if [ "$skipped" -gt 0 ]; then echo "$count example folders checked, $skipped skipped"; else echo "$count example folders checked"; fi
exit $failed
