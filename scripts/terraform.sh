# Sourced by the Makefile and scripts: exports TF_ACC_TERRAFORM_PATH (and for
# OpenTofu TF_ACC_PROVIDER_HOST) and TF_BIN. Nothing is downloaded from outside
# the package registries. The choice, first that applies:
#   1. TF_ACC_TERRAFORM_PATH already set to an executable;
#   2. CONDUIT_USE_TOFU set: OpenTofu v1.11.5 built from the Go module proxy;
#   3. CONDUIT_TF_COMPAT set: the terraform on PATH as it is (the compat run);
#   4. the terraform on PATH when it is 1.14 or newer (list resources,
#      `terraform query`, resource identity all run);
#   5. Terraform 1.15.9 unpacked into .tools/ from the pinned build that the
#      workspace's shared/tools folder carries (see ../shared/tools/README.md);
#   6. the terraform on PATH, whatever its version (tests needing 1.12/1.14 skip);
#   7. OpenTofu built from the Go module proxy.
_conduit_root="$(cd "$(dirname "${BASH_SOURCE[0]:-$0}")/.." && pwd)"
_conduit_tf_pinned="terraform-1.15.9"
_conduit_tf_sha256="4a6b491c605318db6ad787ed621403152ad1929c9b956bf83444e7958d76ce2d"

# _conduit_tf_at_least MAJOR MINOR BIN: the binary is Terraform of at least that version.
_conduit_tf_at_least() {
  local v
  v="$("$3" version 2>/dev/null | sed -n '1s/^Terraform v\([0-9][0-9]*\.[0-9][0-9]*\).*/\1/p')"
  [ -n "$v" ] || return 1
  [ "${v%%.*}" -gt "$1" ] || { [ "${v%%.*}" -eq "$1" ] && [ "${v#*.}" -ge "$2" ]; }
}

# _conduit_tf_unpack: .tools/terraform-1.15.9 from shared/tools, checked against its sha256.
_conduit_tf_unpack() {
  local bin="$_conduit_root/.tools/$_conduit_tf_pinned" gz="" d
  if [ -x "$bin" ]; then echo "$bin"; return 0; fi
  for d in "${CONDUIT_SHARED_TOOLS:-}" "$_conduit_root/../shared/tools" "$_conduit_root/../../shared/tools"; do
    if [ -n "$d" ] && [ -f "$d/$_conduit_tf_pinned-linux-amd64.gz" ]; then gz="$d/$_conduit_tf_pinned-linux-amd64.gz"; break; fi
  done
  [ -n "$gz" ] && [ "$(uname -sm)" = "Linux x86_64" ] || return 1
  mkdir -p "$_conduit_root/.tools"
  gunzip -c "$gz" > "$bin.tmp" || { rm -f "$bin.tmp"; return 1; }
  if [ "$(sha256sum "$bin.tmp" | cut -d' ' -f1)" != "$_conduit_tf_sha256" ]; then
    echo "$gz: sha256 does not match the pinned build; not using it" >&2
    rm -f "$bin.tmp"; return 1
  fi
  chmod +x "$bin.tmp" && mv "$bin.tmp" "$bin" && echo "$bin"
}

unset TF_ACC_PROVIDER_HOST
_conduit_path_tf="$(command -v terraform 2>/dev/null || true)"
if [ -n "${TF_ACC_TERRAFORM_PATH:-}" ] && [ -x "${TF_ACC_TERRAFORM_PATH}" ]; then
  TF_BIN="$TF_ACC_TERRAFORM_PATH"
  case "$("$TF_BIN" version 2>/dev/null | head -1)" in OpenTofu*) export TF_ACC_PROVIDER_HOST=registry.opentofu.org ;; esac
elif [ -z "${CONDUIT_USE_TOFU:-}" ] && [ -n "${CONDUIT_TF_COMPAT:-}" ] && [ -n "$_conduit_path_tf" ]; then
  TF_BIN="$_conduit_path_tf"
elif [ -z "${CONDUIT_USE_TOFU:-}" ] && [ -n "$_conduit_path_tf" ] && _conduit_tf_at_least 1 14 "$_conduit_path_tf"; then
  TF_BIN="$_conduit_path_tf"
elif [ -z "${CONDUIT_USE_TOFU:-}" ] && _conduit_unpacked="$(_conduit_tf_unpack)"; then
  TF_BIN="$_conduit_unpacked"
elif [ -z "${CONDUIT_USE_TOFU:-}" ] && [ -n "$_conduit_path_tf" ]; then
  TF_BIN="$_conduit_path_tf"
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
