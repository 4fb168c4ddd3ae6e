# shellcheck shell=bash
# Sourced by the suites on the real OpenStack fixture (openstack_client_test,
# scs_check_real_test, scs_swift_s3_test) after they sourced tests/support/openstack/
# fixture.sh and set $suite: a scratch $work (world-readable: the services' users read
# below it) whose fixture is stopped by pid and which is removed on exit, and the checks
# ok, fail NAME, check NAME COMMAND... and jqe (jq -e, quiet).
passed=0
failed=0
work=$(mktemp -d "/tmp/scsctl-$suite-XXXXXX")
chmod 755 "$work"
cleanup() {
    os_fixture_stop "$work/fixture"
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

ok() { passed=$((passed + 1)); }
fail() { failed=$((failed + 1)); echo "FAIL: $*" >&2; }
check() { local name=$1; shift; if "$@"; then ok; else fail "$name"; fi; }
jqe() { jq -e "$@" >/dev/null; }
