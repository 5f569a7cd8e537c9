#!/usr/bin/env bash
# make sdk-check: install the pinned SDKs, start the sandbox, run check.mjs
# against it, stop the sandbox. Fails on any answer an SDK cannot decode.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../../.." && pwd)"
GO="${GO:-go}"

# Node and npm are required: without them the check fails rather than passing
# by doing nothing.
for tool in node npm; do
  command -v "$tool" >/dev/null || { echo "sdk-check: $tool not found on PATH; install Node.js 20 or later (with npm) to run the SDK check" >&2; exit 1; }
done
major="$(node -p 'process.versions.node.split(".")[0]')"
[ "$major" -ge 20 ] || { echo "sdk-check: Node.js $(node --version) is too old; 20 or later is needed" >&2; exit 1; }

# node_modules is installed from package-lock.json and reinstalled only when
# the lock changes; --prefer-offline reuses npm's cache, so a second machine
# set-up needs no registry. Install scripts are off: the SDKs need none (the
# Vectorize package's preinstall only fetches typescript for its own build).
stamp="$here/node_modules/.sdkcheck-lock"
if ! cmp -s "$here/package-lock.json" "$stamp" 2>/dev/null; then
  echo "sdk-check: installing the pinned SDKs (npm ci)"
  npm ci --prefix "$here" --ignore-scripts --no-audit --no-fund --prefer-offline --loglevel=error
  cp "$here/package-lock.json" "$stamp"
fi

work="$(mktemp -d)"
pid=""
cleanup() {
  if [ -n "$pid" ]; then kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

(cd "$root" && "$GO" build -o "$work/conduit-sandbox" ./cmd/conduit-sandbox)
"$work/conduit-sandbox" -addr 127.0.0.1:0 -env-file "$work/env" >/dev/null 2>"$work/sandbox.log" &
pid=$!
for _ in $(seq 1 100); do [ -s "$work/env" ] && break; sleep 0.1; done
[ -s "$work/env" ] || { cat "$work/sandbox.log" >&2; echo "sdk-check: the sandbox did not start" >&2; exit 1; }

node "$here/check.mjs" "$work/env" "$@"
