#!/usr/bin/env bash
# make fuzz: run every Fuzz target for a bounded time each (FUZZTIME, default 15s).
# `scripts/fuzz.sh --list` only lists them. The seed corpora (f.Add seeds and
# testdata/fuzz/<Target>/ files) run as ordinary unit tests in `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime="${FUZZTIME:-15s}"

# Every `func FuzzXxx(f *testing.F)` in a test file under internal/ and cmd/.
targets=()
while IFS= read -r file; do
  pkg="./$(dirname "$file")"
  for target in $(grep -oE '^func Fuzz[A-Za-z0-9_]*\(f \*testing\.F\)' "$file" | sed -E 's/^func (Fuzz[A-Za-z0-9_]*).*/\1/'); do
    targets+=("$pkg $target")
  done
done < <(grep -rlE --include='*_test.go' '^func Fuzz[A-Za-z0-9_]*\(f \*testing\.F\)' internal cmd 2>/dev/null | sort)

if [ "${#targets[@]}" -eq 0 ]; then
  echo "no fuzz targets found" >&2
  exit 1
fi
if [ "${1:-}" = "--list" ]; then
  printf '%s\n' "${targets[@]}"
  exit 0
fi

echo "${#targets[@]} fuzz targets, $fuzztime each"
for t in "${targets[@]}"; do
  read -r pkg target <<<"$t"
  echo "== $pkg $target ($fuzztime)"
  go test "$pkg" -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime"
done
