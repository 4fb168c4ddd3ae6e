#!/usr/bin/env bash
# End-to-end checks of `scsctl upgrade` and `scsctl destroy` with the test layer playbooks
# (tests/layers/playbooks through --playbook-dir) on hosts with the local connection:
# refusals before anything runs (no --to/--restart, a bad --serial, a layer never
# deployed: exit 7, a host unreachable before the upgrade: exit 6); the backup taken
# first into a 0700 directory; serial batches in order; a failed batch stops the upgrade,
# `--resume` starts at that batch (earlier batches and plays do not run again) and
# refuses another target; JSON with one recap, valid JUnit; status after it; destroy
# without --yes-i-really-mean-it (exit 2), refused while a dependent layer is deployed
# (exit 7), then recorded as destroyed so that deploying the dependent is refused.
# The health gate between batches is unit-tested (src/cli/batch_gate_test.cpp) and runs
# for real in layers_e2e_test.sh.
# Usage: upgrade_test.sh path/to/scsctl
set -u
scsctl=$(realpath "${1:?usage: upgrade_test.sh path/to/scsctl}")
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=tests/integration/lib/checks.sh
source "$root/tests/integration/lib/checks.sh"
run() { out=$("$scsctl" "$@" 2>"$work/stderr"); rc=$?; err=$(cat "$work/stderr"); }
valid_junit() { xmllint --noout --schema "$root/tests/schemas/junit.xsd" "$1" 2>"$work/xmllint.err" || { cat "$work/xmllint.err" >&2; return 1; }; }

export HOME="$work/home" XDG_CONFIG_HOME="$work/home/.config" NO_COLOR=1
unset ANSIBLE_CONFIG SCSCTL_FORKS SCSCTL_OUTPUT SCSCTL_COLOR SCSCTL_TIMEOUT SCSCTL_REMOTE_USER SCSCTL_LAYER_PLAYBOOKS
mkdir -p "$work/home" "$work/inv" "$work/out"
cp -r "$root/tests/layers/playbooks" "$work/pb"
cd "$work" || exit 1
out_dir="$work/out"
cat >inv/hosts.yml <<YML
all:
  vars:
    ansible_connection: local
    deploy_test_dir: $out_dir
  children:
    kvm: {hosts: {n1: {}, n2: {}}}
    ovn_central: {hosts: {n1: {}}}
    ovn_controller: {hosts: {n1: {}, n2: {}, n3: {}}}
    openstack_control: {hosts: {n1: {}}}
YML
pb=(--playbook-dir "$work/pb")
up=(-i inv upgrade ovn "${pb[@]}" --gate reachable)
log="$out_dir/upgrade.log"

# refusals before anything runs
run "${up[@]}"
check "upgrade without --to or --restart exits 2" [ "$rc" -eq 2 ]
check "and says what to give" grep -q "say what to do: --to VERSION .* or --restart" <<<"$err"
run "${up[@]}" --restart --serial 0%
check "a bad --serial exits 2" [ "$rc" -eq 2 ] && grep -q "serial '0%'" <<<"$err"
run "${up[@]}" --restart --to 1.0
check "--to with --restart exits 2" [ "$rc" -eq 2 ]
run -i inv upgrade ceph "${pb[@]}" --restart
check "a layer without upgrade.yml exits 2" [ "$rc" -eq 2 ] && grep -q "layer 'ceph' has no upgrade.yml" <<<"$err"
run "${up[@]}" --restart
check "upgrading a layer never deployed exits 7" [ "$rc" -eq 7 ]
check "and says to deploy it first" grep -q "layer 'ovn' was never deployed (per the journal)" <<<"$err"
check "nothing ran" [ ! -e "$log" ]

run -i inv deploy "${pb[@]}" --gate reachable --layers ovn,kvm
check "deploy of kvm and ovn exits 0" [ "$rc" -eq 0 ]

# an unreachable chassis: the gate before the upgrade refuses
cp inv/hosts.yml hosts.good
sed -i 's/n3: {}}}$/n3: {ansible_connection: ssh, ansible_host: 127.0.0.1, ansible_port: 9}}}/' inv/hosts.yml
run "${up[@]}" --restart
check "an unhealthy layer before the upgrade exits 6" [ "$rc" -eq 6 ]
check "naming the host" grep -q "not healthy before the upgrade: reachable: 1 of 3 hosts not reachable: n3" <<<"$err"
check "nothing was upgraded" [ ! -e "$log" ]
cp hosts.good inv/hosts.yml

# a failed batch stops the upgrade
touch "$out_dir/fail-upgrade-n2"
run "${up[@]}" --to 2.0 --output json --junit up.xml
check "a failed batch exits 1" [ "$rc" -eq 1 ]
check "the central and the first chassis batch ran" \
    [ "$(cat "$log" 2>/dev/null | tr '\n' '|')" = "central n1 2.0|chassis n1 2.0 batch=n1|" ]
check "the third batch did not run" [ -z "$(grep n3 "$log")" ]
check "the error points at --resume" grep -q "a batch failed; the upgrade stopped (scsctl upgrade ovn --resume" <<<"$err"
check "JSON output ends with its one recap" \
    [ "$(grep -c '"event":"recap"' <<<"$out"),$(tail -n 1 <<<"$out" | jq -r .event)" = "1,recap" ]
check "the JUnit file is valid" valid_junit up.xml
check "the backup was taken into a private directory" \
    [ "$(find inv/.scsctl/backups/ovn -name 'ovn-n1.log' | wc -l)" -eq 1 ]
backup_dir=$(find inv/.scsctl/backups/ovn -mindepth 1 -maxdepth 1 -type d | head -n 1)
check "readable by its owner only" [ "$(stat -c %a "$backup_dir")" = 700 ] && [ "$(stat -c %a inv/.scsctl/backups)" = 700 ]
check "the backup says which run" grep -q -- '-run[0-9]' <<<"$backup_dir"

run "${up[@]}" --resume --to 3.0
check "--resume with another target exits 2" [ "$rc" -eq 2 ]
check "and names both" grep -q "resume continues 'upgrade to 2.0, serial 1'; the flags ask for 'upgrade to 3.0, serial 1'" <<<"$err"

rm "$out_dir/fail-upgrade-n2"
run "${up[@]}" --resume --output json
check "upgrade --resume exits 0" [ "$rc" -eq 0 ]
check "it started at the failed batch: only n2 and n3 ran" \
    [ "$(tail -n +3 "$log" | tr '\n' '|')" = "chassis n2 2.0 batch=n2|chassis n3 2.0 batch=n3|" ]
check "it said where it resumed" grep -q "resuming layer ovn: upgrade to 2.0, serial 1 at batch 2 of play 2" <<<"$err"
check "no second backup on resume" [ "$(find inv/.scsctl/backups/ovn -mindepth 1 -maxdepth 1 -type d | wc -l)" -eq 1 ]
run runs --output json -i inv
check "the journal has the upgrade and its resume" \
    [ "$(jq -r '[.[] | select(.kind=="upgrade") | .status] | join(",")' <<<"$out")" = "finished,failed" ] ||
    [ "$(jq -r '[.[] | select(.kind=="upgrade") | .status] | join(",")' <<<"$out")" = "failed,finished" ]
run -i inv status --output json
check "status shows the upgraded chassis ok" \
    [ "$(jq -r '[.[] | select(.layer=="ovn") | .result] | unique | join(",")' <<<"$out")" = "ok" ]

run "${up[@]}" --resume
check "resuming a finished upgrade exits 2" [ "$rc" -eq 2 ]

: >"$log"
run "${up[@]}" --restart --serial 2 --no-backup
check "a restart with serial 2 exits 0" [ "$rc" -eq 0 ]
check "in batches of two" grep -q "chassis n2 restart batch=n1,n2" "$log"
check "and the rest" grep -q "chassis n3 restart batch=n3" "$log"

# destroy
run -i inv destroy kvm "${pb[@]}"
check "destroy without --yes-i-really-mean-it exits 2" [ "$rc" -eq 2 ]
check "and says what it would remove" grep -q "destroy removes layer kvm and its data from n1, n2; nothing was changed" <<<"$err"
check "nothing was removed" [ -e "$out_dir/kvm-n1.log" ]
run -i inv deploy "${pb[@]}" --gate reachable --layers openstack --force
check "deploy openstack (forced) exits 0" [ "$rc" -eq 0 ]
run -i inv destroy kvm "${pb[@]}" --yes-i-really-mean-it
check "destroying a dependency of a deployed layer exits 7" [ "$rc" -eq 7 ]
check "naming the dependent" grep -q "dependency of deployed layer(s) openstack" <<<"$err"
run -i inv destroy kvm "${pb[@]}" --yes-i-really-mean-it --force
check "destroy --force exits 0" [ "$rc" -eq 0 ]
check "the layer's files are gone" [ ! -e "$out_dir/kvm-n1.log" ] && [ ! -e "$out_dir/kvm-n2.log" ]
run -i inv status --output json
check "status shows kvm destroyed" \
    [ "$(jq -r '[.[] | select(.layer=="kvm") | .result] | unique | join(",")' <<<"$out")" = "destroyed" ]
run -i inv deploy "${pb[@]}" --gate reachable --layers openstack
check "a dependent of a destroyed layer is refused again" [ "$rc" -eq 7 ] && grep -q "depends on 'kvm'" <<<"$err"

echo "upgrade_test: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
