# shellcheck shell=bash
# Sourced by the suites that bring up a lab of their own (layers_e2e_test,
# ovn_cluster_test) after setting $suite: needs root (exit 77 otherwise); $scsctl from
# the first argument; a scratch $work with the lab in $lab, brought down and removed on
# exit; a vault password for the secrets; check NAME COMMAND...; run NAME ARGS...
# (scsctl ARGS, stdout to $work/NAME.out, stderr to $work/NAME.err, exit status in $rc,
# its time on stderr, the end of stderr when it fails); recap_changed and recap_failed
# NAME (the changed tasks and the failed or unreachable hosts of a JSON recap).
set -uo pipefail
scsctl=$(realpath "$1")
cd "$(dirname "${BASH_SOURCE[0]}")/../../.." || exit 1
if [ "$(id -u)" -ne 0 ]; then
    echo "$suite: skipped: needs root (scsctl lab)"
    exit 77
fi
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
work=$(mktemp -d "/tmp/scsctl-$suite.XXXXXX")
lab=$work/lab
cleanup() {
    "$scsctl" lab down --dir "$lab" >/dev/null 2>&1
    rm -rf "$work"
}
trap cleanup EXIT

passed=0
failed=0
check() {
    local name=$1
    shift
    if "$@"; then
        passed=$((passed + 1))
    else
        failed=$((failed + 1))
        echo "FAIL: $name" >&2
    fi
}
run() {
    local name=$1
    shift
    local started=$SECONDS
    "$scsctl" "$@" >"$work/$name.out" 2>"$work/$name.err"
    rc=$?
    echo "$suite: $name: exit $rc in $((SECONDS - started)) s" >&2
    [ "$rc" -eq 0 ] || tail -n 20 "$work/$name.err" >&2
}
recap_changed() { tail -n 1 "$work/$1.out" | jq '[.hosts[].changed] | add'; }
recap_failed() { tail -n 1 "$work/$1.out" | jq '[.hosts[] | .failed + .unreachable] | add'; }

export SCSCTL_VAULT_PASSWORD_FILE=$work/vault-password
(umask 077 && head -c 32 /dev/urandom | base64 >"$SCSCTL_VAULT_PASSWORD_FILE")
