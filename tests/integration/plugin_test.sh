#!/usr/bin/env bash
# External layer plugins end to end (docs/plugin-protocol.md): the sample plugin
# examples/scsctl-layer-ntp in `layers` and `validate` (its own errors located, built-in
# rules on its variables), the protocol test plugin tests/layers/plugins/misbehave linked
# under names that pick a misbehaviour (each: one clear line, exit 8 or 2, nothing left
# running), and a spy that logs everything it receives, searched for secret values.
# Usage: plugin_test.sh path/to/scsctl
set -u
scsctl=$(realpath "${1:?usage: plugin_test.sh path/to/scsctl}")
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=tests/integration/lib/checks.sh
source "$root/tests/integration/lib/checks.sh"

export HOME="$work" XDG_CONFIG_HOME="$work/xdg" NO_COLOR=1
export PATH=/usr/sbin:/usr/bin:/sbin:/bin
cd "$root" || exit 1

# run ARGS...: runs scsctl, sets $out, $err and $rc.
run() { out=$("$scsctl" "$@" 2>"$work/stderr"); rc=$?; err=$(cat "$work/stderr"); }
# plugins DIR NAME...: DIR with scsctl-layer-NAME linked to the misbehave plugin.
plugins() {
    local dir=$work/$1; shift
    rm -rf "$dir"; mkdir -p "$dir"
    for name in "$@"; do ln -s "$root/tests/layers/plugins/misbehave" "$dir/scsctl-layer-$name"; done
    export SCSCTL_PLUGIN_PATH=$dir
}
# gone PID: the process has ended (a zombie waiting for init to reap it counts), within 2 s.
gone() {
    local i state
    for i in $(seq 20); do
        state=$(ps -o stat= -p "$1" 2>/dev/null)
        [[ -z $state || $state == Z* ]] && return 0
        sleep 0.1
    done
    return 1
}
one_line() { [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ]; }

# --- the sample plugin -------------------------------------------------------------
mkdir -p "$work/sample"
ln -s "$root/examples/scsctl-layer-ntp" "$work/sample/scsctl-layer-ntp"
export SCSCTL_PLUGIN_PATH=$work/sample
run layers
check "layers with ntp exits 0" [ "$rc" -eq 0 ]
check "ntp is listed last, as a plugin" \
    grep -Eq '^ntp +0\.1\.0 +baremetal +ntp +plugin$' <<<"$(tail -n 1 <<<"$out")"
run layers --output json
check "layers json: ntp's source and path" \
    [ "$(jq -c '.[7] | [.name, .source, .path, .depends_on]' <<<"$out")" = \
    "[\"ntp\",\"plugin\",\"$work/sample/scsctl-layer-ntp\",[\"baremetal\"]]" ]
check "layers json: built-ins have no path" [ "$(jq '.[0] | has("path")' <<<"$out")" = false ]

run validate -i tests/layers/plugins/ntp_valid
check "valid ntp inventory exits 0" [ "$rc" -eq 0 ]
check "valid for 8 layers" grep -q "inventory is valid for 8 layers" <<<"$err"

dir=tests/layers/plugins/ntp_invalid
run validate -i $dir --junit "$work/ntp.xml"
check "invalid ntp inventory exits 2" [ "$rc" -eq 2 ]
expected="scsctl: error: $dir/host_vars/node2.yml:1:1: ntp_local_stratum of host 'node2' must be between 1 and 15, got 20 (layer plugin 'ntp')
scsctl: error: $dir/hosts.yml:7:5: ntp_servers lists 'a.example' twice (layer plugin 'ntp')
scsctl: error: $dir/hosts.yml:8:5: variable 'ntp_makestep' must be an integer, got a string"
check "ntp errors, located, all at once" [ "$err" = "$expected" ]
[ "$err" = "$expected" ] || printf '  got:\n%s\n' "$err" >&2
check "junit has the plugin's testcase" \
    [ "$(xmllint --xpath 'count(//testcase[@classname="layers.ntp"][@name="plugin_validate"]/failure)' "$work/ntp.xml")" = 1 ]

# --- misbehaving plugins: one line, exit 8, nothing left running ---------------------
# expect_fault MODE EXIT MESSAGE-SUFFIX [COMMAND...]
expect_fault() {
    local mode=$1 code=$2 message=$3; shift 3
    plugins "m-$mode" "$mode"
    run "${@:-layers}"
    check "$mode exits $code" [ "$rc" -eq "$code" ]
    check "$mode prints one line" one_line
    check "$mode message" [ "$err" = "scsctl: error: layer plugin '$mode' ($SCSCTL_PLUGIN_PATH/scsctl-layer-$mode): $message" ]
    [ "$err" = "scsctl: error: layer plugin '$mode' ($SCSCTL_PLUGIN_PATH/scsctl-layer-$mode): $message" ] || echo "  got: $err" >&2
    check "$mode prints nothing on stdout" [ -z "$out" ]
    local pid
    for pid in $(cat "$SCSCTL_PLUGIN_PATH/$mode.pids" 2>/dev/null); do
        check "$mode: process $pid is gone" gone "$pid"
    done
}
expect_fault crash-start 8 "exited with status 3 before answering 'hello' (stderr: boom at start)"
expect_fault garbage 8 "answered 'hello' with a line that is not JSON: 'this is not json {'"
expect_fault wrong-version 8 "speaks protocol [2,3], scsctl speaks [1]"
expect_fault wrong-shape 8 "answered 'describe' with 'groups' that is not a list"
expect_fault oversized 8 "answered 'describe' with a line longer than 4194304 bytes"
expect_fault name-mismatch 8 "describes itself as 'other'; the file name says 'name-mismatch'"
export SCSCTL_PLUGIN_TIMEOUT=1.5 # only here: a loaded CI machine may start Python slowly
started=$(date +%s)
expect_fault hang 8 "did not answer 'describe' within 1.5 s; killed"
check "hang: killed after the timeout, not later" [ $(( $(date +%s) - started )) -le 5 ]
unset SCSCTL_PLUGIN_TIMEOUT
check "hang: its child (sleep) was recorded" [ "$(wc -l <"$SCSCTL_PLUGIN_PATH/hang.pids")" -eq 2 ]
expect_fault crash-mid 8 "exited with status 1 before answering 'validate' (stderr: Traceback: something broke in validate)" \
    validate -i tests/layers/minimal
expect_fault error-reply 8 "failed 'validate': cannot read my configuration" validate -i tests/layers/minimal

# configuration errors: exit 2, and a clash is never started
plugins clash kvm
run layers
check "clash exits 2" [ "$rc" -eq 2 ]
check "clash message" [ "$err" = "scsctl: error: layer plugin 'kvm' ($work/clash/scsctl-layer-kvm): 'kvm' is a built-in layer; rename or remove the plugin" ]
check "clash: the plugin was not started" [ ! -e "$work/clash/kvm.pids" ]
plugins cycle cyc-a cyc-b
run layers
check "cycle exits 2" [ "$rc" -eq 2 ]
check "cycle message" [ "$err" = "scsctl: error: layer dependencies form a cycle among: cyc-a, cyc-b" ]
plugins unknown unknown-dep
run layers
check "unknown dependency exits 2" [ "$rc" -eq 2 ]
check "unknown dependency message" [ "$err" = "scsctl: error: layer 'unknown-dep' depends on unknown layer 'nosuch'" ]
SCSCTL_PLUGIN_TIMEOUT=soon run layers
check "bad SCSCTL_PLUGIN_TIMEOUT exits 2" [ "$rc" -eq 2 ]
check "bad SCSCTL_PLUGIN_TIMEOUT message" [ "$err" = "scsctl: error: SCSCTL_PLUGIN_TIMEOUT: expected a positive number of seconds, got 'soon'" ]

# first found wins: SCSCTL_PLUGIN_PATH before PATH
plugins first before-kvm
mkdir -p "$work/later"
ln -s "$root/examples/scsctl-layer-ntp" "$work/later/scsctl-layer-before-kvm"
PATH="$work/later:$PATH" run layers --output json
check "SCSCTL_PLUGIN_PATH wins over PATH" \
    [ "$(jq -r '.[] | select(.name=="before-kvm") | .path' <<<"$out")" = "$work/first/scsctl-layer-before-kvm" ]
unset SCSCTL_PLUGIN_PATH
mkdir -p "$work/onpath"
ln -s "$root/examples/scsctl-layer-ntp" "$work/onpath/scsctl-layer-ntp"
PATH="$work/onpath:$PATH" run layers --output json
check "plugins are found on PATH" [ "$(jq -r '.[-1].name' <<<"$out")" = ntp ]

# --- secrets never reach a plugin; its errors are located -----------------------------
plugins spy spy
AWS_SECRET_ACCESS_KEY=Env-Secret-42 SCSCTL_VAULT_PASSWORD_FILE=/nonexistent/vault-pass SSH_AUTH_SOCK=/tmp/agent.sock \
    LANG=C.UTF-8 run validate -i tests/layers/plugins/secrets
check "the plugin's environment is exactly the documented one" \
    [ "$(cut -d= -f1 "$work/spy/spy.env" | grep -v '^LC_CTYPE$' | tr '\n' ' ')" = "LANG PATH SCSCTL_PLUGIN_PROTOCOL " ]
check "the plugin got scsctl's PATH" grep -qx "PATH=$PATH" "$work/spy/spy.env"
check "no secret from scsctl's environment" bash -c "! grep -q 'Env-Secret-42\|vault-pass\|agent.sock' '$work/spy/spy.env'"
check "spy validate exits 2" [ "$rc" -eq 2 ]
d=tests/layers/plugins/secrets
err=$(grep "layer plugin 'spy'" <<<"$err")
expected="scsctl: error: $d/hosts.yml:8:5: the region needs spy_mode b (layer plugin 'spy')
scsctl: error: $d/hosts.yml:10:5: group kvm is too small (layer plugin 'spy')
scsctl: error: $d/hosts.yml:19:11: spy_level must be positive (layer plugin 'spy')"
check "spy errors located (region, group, host variable)" [ "$err" = "$expected" ]
[ "$err" = "$expected" ] || printf '  got:\n%s\n' "$err" >&2
received=$work/spy/spy.received
check "the spy received a validate request" grep -q '"type":"validate"' "$received"
for secret in Become-Secret-4711 Registry-Secret-1234 Nested-Secret-0815 ANSIBLE_VAULT 6231336539; do
    check "the plugin never received $secret" bash -c "! grep -q '$secret' '$received'"
done
check "secret variables are listed by name" \
    [ "$(grep '"type":"validate"' "$received" | jq -c '.inventory.hosts.node1.secret_vars')" = \
    '["keystone_admin_password","ansible_become_password","nested_settings"]' ]
check "ordinary variables pass" \
    [ "$(grep '"type":"validate"' "$received" | jq -r '.inventory.groups.kvm.vars.kvm_note')" = plain ]

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
