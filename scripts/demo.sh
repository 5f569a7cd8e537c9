#!/usr/bin/env bash
# make demo: sandbox up, apply examples/demo, drift caught and repaired, destroy, sandbox down.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
. scripts/terraform.sh
tf="$TF_BIN"

work="$(mktemp -d)"
sandbox_pid=""
cleanup() {
  [ -n "$sandbox_pid" ] && kill "$sandbox_pid" 2>/dev/null && wait "$sandbox_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

step() { printf '\n\033[1m==> %s\033[0m\n' "$*"; }

step "Starting the sandbox"
"$root/bin/conduit-sandbox" -addr 127.0.0.1:0 -env-file "$work/env" >/dev/null 2>"$work/sandbox.log" &
sandbox_pid=$!
for _ in $(seq 1 100); do [ -s "$work/env" ] && break; sleep 0.1; done
[ -s "$work/env" ] || { cat "$work/sandbox.log"; echo "sandbox did not start" >&2; exit 1; }
# The sandbox's throwaway secrets are masked here all the same.
sed -E 's/^(export [A-Z_]*(TOKEN|KEY|SECRET|PASSWORD)=).*/\1"***"/' "$work/env"
# shellcheck disable=SC1091
. "$work/env"
sandbox_url="${AUTH0_ENDPOINT}"

# dev_overrides: Terraform uses the provider just built, no registry, no init.
cat > "$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "registry.terraform.io/conduit-tf/conduit" = "$root/bin"
    "registry.opentofu.org/conduit-tf/conduit" = "$root/bin"
  }
  direct {}
}
RC
export TF_CLI_CONFIG_FILE="$work/terraformrc"
export TF_IN_AUTOMATION=1
cp examples/demo/*.tf "$work/"
cd "$work"

step "terraform apply (examples/demo)"
"$tf" apply -auto-approve -input=false

step "Out-of-band edit: the Auth0 connection's access level changed to \"full\" behind Terraform's back"
curl -fsS -X PATCH "$sandbox_url/_sandbox/objects/auth0/org_acme000000000001/con_db00000000000001" \
  -H 'Content-Type: application/json' -d '{"organization_access_level":"full"}'
echo

step "terraform plan catches the drift"
set +e
"$tf" plan -input=false -detailed-exitcode
rc=$?
set -e
if [ "$rc" -ne 2 ]; then echo "expected the plan to show the drift (exit 2), got $rc" >&2; exit 1; fi

step "terraform apply repairs it"
"$tf" apply -auto-approve -input=false
"$tf" plan -input=false -detailed-exitcode
echo "no changes: the sandbox matches the configuration again"

step "Requests the sandbox received"
curl -fsS "$sandbox_url/_sandbox/counts"
echo

step "terraform destroy"
"$tf" destroy -auto-approve -input=false
for vendor in auth0 versori vectorize tiledb; do
  left="$(curl -fsS "$sandbox_url/_sandbox/objects/$vendor")"
  [ "$left" = "{}" ] || { echo "$vendor objects left behind: $left" >&2; exit 1; }
done
echo "the sandbox holds no objects of any vendor"
step "Done: sandbox stopped"
