#!/usr/bin/env bash
# make fuzz: run every Fuzz target for a bounded time each (FUZZTIME, default 15s).
# The seed corpora run as ordinary unit tests in `make test`.
set -euo pipefail
cd "$(dirname "$0")/.."
fuzztime="${FUZZTIME:-15s}"
grep -rl --include='*_test.go' '^func Fuzz' internal | while read -r file; do
  pkg="./$(dirname "$file")"
  for target in $(grep -o '^func Fuzz[A-Za-z0-9_]*' "$file" | sed 's/^func //'); do
    echo "== $pkg $target ($fuzztime)"
    go test "$pkg" -run '^$' -fuzz "^${target}\$" -fuzztime "$fuzztime"
  done
done
