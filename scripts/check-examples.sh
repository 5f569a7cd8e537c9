#!/usr/bin/env bash
# Every example passes `terraform fmt -check` and `terraform validate` against
# the provider built from this tree (dev_overrides: no registry, no init).
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

"$TF_BIN" fmt -check -recursive -diff examples
failed=0
count=0
while IFS= read -r dir; do
  count=$((count + 1))
  case_dir="$work/case$count"
  mkdir -p "$case_dir"
  cp "$dir"/*.tf "$case_dir/"
  if ! grep -qs required_providers "$case_dir"/*.tf; then
    printf 'terraform {\n  required_providers {\n    conduit = { source = "conduit-tf/conduit" }\n  }\n}\n' > "$case_dir/zz_providers.tf"
  fi
  if out="$(cd "$case_dir" && "$TF_BIN" validate -no-color 2>&1)"; then
    echo "ok      $dir"
  else
    echo "FAILED  $dir"; echo "$out" | grep -v "dev_overrides\|Provider development overrides\|^ *- \|behavior may\|published releases\|^$\|Warning\|[│╷╵]$" || true
    failed=1
  fi
done < <(find examples -name '*.tf' -exec dirname {} \; | sort -u)
echo "$count example folders checked"
exit $failed
