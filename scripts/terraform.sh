# Sourced by the Makefile and scripts: exports TF_ACC_TERRAFORM_PATH (and for
# OpenTofu TF_ACC_PROVIDER_HOST) and TF_BIN. Uses the terraform on PATH; when
# there is none, builds OpenTofu from the Go module proxy into .tools/.
# Nothing is downloaded from anywhere else.
_conduit_root="$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)"
if [ -n "${TF_ACC_TERRAFORM_PATH:-}" ] && [ -x "${TF_ACC_TERRAFORM_PATH}" ]; then
  TF_BIN="$TF_ACC_TERRAFORM_PATH"
elif command -v terraform >/dev/null 2>&1 && [ -z "${CONDUIT_USE_TOFU:-}" ]; then
  TF_BIN="$(command -v terraform)"
else
  TF_BIN="$_conduit_root/.tools/tofu"
  if [ ! -x "$TF_BIN" ]; then
    if [ -n "${CONDUIT_USE_TOFU:-}" ]; then _why="CONDUIT_USE_TOFU is set"; else _why="terraform not found on PATH"; fi
    echo "$_why: building OpenTofu v1.11.5 from the Go module proxy into .tools/ (once)" >&2
    _tofu_dir="$(go mod download -json github.com/opentofu/opentofu@v1.11.5 | sed -n 's/^[[:space:]]*"Dir": "\(.*\)",$/\1/p')"
    if [ -z "$_tofu_dir" ]; then echo "could not download github.com/opentofu/opentofu@v1.11.5" >&2; return 1 2>/dev/null || exit 1; fi
    (cd "$_tofu_dir" && GOFLAGS=-mod=mod go build -trimpath -ldflags "-X github.com/opentofu/opentofu/version.dev=no" -o "$TF_BIN" ./cmd/tofu) || { echo "building OpenTofu failed" >&2; return 1 2>/dev/null || exit 1; }
  fi
  export TF_ACC_PROVIDER_HOST=registry.opentofu.org
fi
export TF_ACC_TERRAFORM_PATH="$TF_BIN"
export TF_BIN
