#!/usr/bin/env bash
# End-to-end checks of `scsctl check scs` that need no cloud: the testcase list of v5.1
# (--list, text and JSON), the selection (ids, --tests, --scope-version) and its usage
# errors (exit 2, one line with a hint), the --junit path checked before any connection,
# and, against a Keystone URL where nothing listens, exit 3 with every testcase ABORT, the
# JSON document's shape (tests/schemas/scs-check.schema.json) and no trace of OS_PASSWORD.
# The testcases themselves are unit-tested over recorded API answers (src/scs/iaas_*_test).
# Usage: scs_check_test.sh path/to/scsctl
set -u
scsctl=$(realpath "${1:?usage: scs_check_test.sh path/to/scsctl}")
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
schema="$root/tests/schemas/scs-check.schema.json"
passed=0
failed=0
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
check() { local name=$1; shift; if "$@"; then ok; else fail "$name"; fi; }
same() { if [ "$2" = "$3" ]; then ok; else fail "$1"; printf '  got:  %q\n  want: %q\n' "$2" "$3" >&2; fi; }

if ! python3 -c 'import jsonschema' 2>/dev/null; then
    echo "scs_check_test: python3 cannot import jsonschema (Debian: python3-jsonschema)" >&2
    exit 1
fi
export HOME="$work" XDG_CONFIG_HOME="$work/xdg" NO_COLOR=1
unset SCSCTL_OUTPUT OS_CLOUD OS_AUTH_URL OS_USERNAME OS_PASSWORD OS_PROJECT_NAME OS_TOKEN
cd "$work" || exit 1

run() { out=$("$scsctl" "$@" 2>"$work/stderr"); rc=$?; err=$(cat "$work/stderr"); }
valid_json() {
    python3 - "$schema" "$1" <<'PY'
import json, sys, jsonschema
validator = jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))
data = json.load(open(sys.argv[2], encoding="utf-8"))
errors = list(validator.iter_errors(data))
assert not errors, f"{errors[0].json_path}: {errors[0].message}"
PY
}

# The list of v5.1.
run check scs --list
same "--list exits 0" "$rc" 0
same "v5.1 has 72 testcases" "$(wc -l <<<"$out")" 72
same "...50 of them required" "$(grep -c ' required' <<<"$out")" 50
same "...three of them write" "$(grep -c ', writes$' <<<"$out" | tr -d ' ')" 3
check "scs-0116-permissions writes" grep -q '^scs-0116-permissions .*required, writes$' <<<"$out"
check "scs-0123-swift-s3 writes" grep -q '^scs-0123-swift-s3 .*required, writes$' <<<"$out"
check "scs-0114 is recommended in v5.1" grep -q '^scs-0114-syntax-check .*recommended$' <<<"$out"
run check scs --list --output json
same "--list --output json exits 0" "$rc" 0
same "...a JSON list of 72" "$(python3 -c 'import json,sys; print(len(json.load(sys.stdin)))' <<<"$out")" 72

# Selection.
run check scs --list --tests 'scs-0103-flavor-2v'
same "--tests matches from the start" "$(cut -d' ' -f1 <<<"$out" | tr '\n' ' ')" \
    "scs-0103-flavor-2v-8 scs-0103-flavor-2v-4 scs-0103-flavor-2v-16 scs-0103-flavor-2v-4-20s scs-0103-flavor-2v-8-20 scs-0103-flavor-2v-4-10 scs-0103-flavor-2v-16-50 "
run check scs --list --tests 'flavor'
same "--tests is anchored at the start (re.match)" "$rc" 2
same "...and says the selection is empty" "$err" \
    "scsctl: error: check scs: the selection matches no testcase of v5.1 (see check scs --list)"
run check scs --list --tests '(?!scs-011[56]|scs-0123-swift-s3)'
same "a negative lookahead deselects the writing testcases" "$(grep -c writes <<<"$out")" 0
run check scs --list scs-0115-default-rules scs-0100-syntax-check
same "ids select, in scope order" "$(cut -d' ' -f1 <<<"$out" | tr '\n' ' ')" \
    "scs-0100-syntax-check scs-0115-default-rules "
out=$(printf 'scs-0123-service-compute\r\n\nscs-0100-syntax-check\n' | "$scsctl" check scs --list - 2>"$work/stderr"); rc=$?
same "'-' reads ids from stdin (CRLF and empty lines ignored)" "$(cut -d' ' -f1 <<<"$out" | tr '\n' ' ')" \
    "scs-0100-syntax-check scs-0123-service-compute "
run check scs scs-0100-syntax-chek
same "an unknown id exits 2" "$rc" 2
same "...with a hint" "$err" \
    "scsctl: error: check scs: unknown testcase 'scs-0100-syntax-chek' in v5.1 (did you mean 'scs-0100-syntax-check'?) (see check scs --list)"
run check scs --tests '(' 
same "an invalid --tests exits 2" "$rc" 2
check "...naming the pattern's problem" grep -q "^scsctl: error: check scs: --tests: invalid regular expression" <<<"$err"
run check scs --scope-version v5.2
same "an unknown scope version exits 2" "$rc" 2
same "...listing the known one" "$err" \
    "scsctl: error: check scs: unknown --scope-version 'v5.2' (did you mean 'v5.1'?) (scsctl implements: v5.1)"
run check scs --junit "$work/missing/dir/scs.xml" --os-auth-url http://127.0.0.1:9/v3
same "an unwritable --junit exits 2 before connecting" "$rc" 2
same "...with no testcase lines" "$out" ""

# An unreachable Keystone: every testcase ABORT, exit 3, no password anywhere.
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')
export OS_USERNAME=checker OS_PASSWORD=pw-7f3a9c-not-for-logs OS_PROJECT_NAME=scs \
    OS_USER_DOMAIN_NAME=Default OS_PROJECT_DOMAIN_NAME=Default
run check scs --os-auth-url "http://127.0.0.1:$port/v3" --tests 'scs-0100' --junit "$work/scs.xml"
expected_rc=3
same "an unreachable cloud exits $expected_rc" "$rc" "$expected_rc"
same "...every selected testcase ABORT" "$out" "scs-0100-syntax-check: ABORT
scs-0100-semantics-check: ABORT

SCS-compatible IaaS v5.1, subject http://127.0.0.1:$port/v3
STANDARD        TESTCASES  PASS  FAIL  ABORT  REQUIRED-NOT-PASSED
scs-0100-v3.1           2     0     0      2                    2
required: 0 of 2 passed; recommended: 0 of 0 passed; NOT COMPLIANT (2 required testcase(s) did not pass)"
check "...the reason once on stderr" grep -q "^scsctl: error: check scs: cannot connect to the cloud: " <<<"$err"
same "...only once" "$(wc -l <<<"$err")" 1
check "...the JUnit file has two errors" grep -q 'tests="2" failures="0" errors="2" skipped="0"' "$work/scs.xml"
check "...and is valid JUnit" xmllint --noout --schema "$root/tests/schemas/junit.xsd" "$work/scs.xml" 2>/dev/null
"$scsctl" check scs --os-auth-url "http://127.0.0.1:$port/v3" --subject lab --output json >"$work/scs.json" 2>"$work/json.err"
same "--output json exits $expected_rc too" "$?" "$expected_rc"
check "...valid against the schema" valid_json "$work/scs.json"
same "...preflight not ok, all 72 aborted, the subject given" \
    "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(d["ok"], d["preflight"]["ok"], d["summary"]["aborted"], d["subject"])' "$work/scs.json")" \
    "False False 72 lab"
check "the password is in no report" bash -c "! grep -q pw-7f3a9c-not-for-logs '$work/scs.json' '$work/scs.xml' '$work/stderr' '$work/json.err'"
check "...nor on stdout" bash -c '! grep -q pw-7f3a9c-not-for-logs <<<"$1"' _ "$out"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
