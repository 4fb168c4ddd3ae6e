# Sourced by the integration scripts: counters, a scratch directory removed on exit, and
# check NAME COMMAND... (counts a pass, or prints "FAIL: NAME" and counts a failure).
# Each script prints "$passed passed, $failed failed" and exits non-zero on a failure.
passed=0
failed=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
check() { local name=$1; shift; if "$@"; then ok; else fail "$name"; fi; }
