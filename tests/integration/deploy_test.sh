#!/usr/bin/env bash
# End-to-end checks of `scsctl plan`, `scsctl deploy` and `scsctl status` with the test
# layer playbooks (tests/layers/playbooks, through --playbook-dir) on hosts with the local
# connection: plan as a tree and as a plan file valid against tests/schemas/plan.schema.json
# without contacting any host; deploy of two layers with a failing task in the second
# (exit 1, JSON ending with exactly one recap, JUnit valid against junit.xsd), then
# --resume finishing without running completed tasks again; dependency refusal (exit 7)
# and --force; a plan file refused after its inputs changed (exit 5); the reachability
# gate failing on an unreachable host (exit 6); status as a table and JSON.
# Usage: deploy_test.sh path/to/scsctl
set -u
scsctl=$(realpath "${1:?usage: deploy_test.sh path/to/scsctl}")
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=tests/integration/lib/checks.sh
source "$root/tests/integration/lib/checks.sh"
# run ARGS...: runs scsctl, sets $out, $err and $rc.
run() { out=$("$scsctl" "$@" 2>"$work/stderr"); rc=$?; err=$(cat "$work/stderr"); }
valid_junit() { xmllint --noout --schema "$root/tests/schemas/junit.xsd" "$1" 2>"$work/xmllint.err" || { cat "$work/xmllint.err" >&2; return 1; }; }
valid_plan() {
    python3 - "$root/tests/schemas/plan.schema.json" "$1" <<'PY'
import json, sys, jsonschema
jsonschema.validate(json.load(open(sys.argv[2])), json.load(open(sys.argv[1])))
PY
}
lines() { if [ -f "$1" ]; then wc -l <"$1"; else echo 0; fi; }

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
    ceph_osd: {hosts: {n2: {}, n3: {}}}
    ovn_central: {hosts: {n1: {}}}
    openstack_control: {hosts: {n1: {}}}
    keycloak: {hosts: {n1: {}}}
YML
pb=(--playbook-dir "$work/pb")

# plan: the tree, in dependency order, without contacting a host
run -i inv plan "${pb[@]}" --layers ceph,keycloak,kvm
check "plan exits 0" [ "$rc" -eq 0 ]
check "plan lists the layers in dependency order" \
    [ "$(grep -o '^LAYER [a-z]*' <<<"$out" | tr '\n' ' ')" = "LAYER kvm LAYER ceph LAYER keycloak " ]
check "plan shows role tasks with their source" grep -Eq 'hypervisor : write libvirt config  \(copy\)  .*roles/hypervisor/tasks/main.yml:1' <<<"$out"
check "plan shows tags" grep -q 'record kvm deploy  (shell)  \[record\]' <<<"$out"
check "plan marks dynamic includes" grep -q 'per-host extras  (include_tasks) .*(dynamic' <<<"$out"
check "plan shows each play's hosts" grep -q 'hosts (ceph_osd): n2, n3' <<<"$out"
check "plan says which layer has no deploy playbook" grep -q 'playbook: no deploy playbook yet' <<<"$out"
check "plan contacted no host" [ -z "$(ls "$out_dir")" ]

run -i inv plan "${pb[@]}" --layers kvm,nope
check "an unknown layer exits 2" [ "$rc" -eq 2 ]
check "and names it and the known layers" grep -q "unknown layer 'nope'.*(layers: baremetal, kvm, ceph" <<<"$err"
run -i inv plan --playbook-dir "$work/missing"
check "a missing --playbook-dir exits 2" [ "$rc" -eq 2 ]

run -i inv plan "${pb[@]}" --layers kvm,ceph,keycloak -o plan.json --output json
check "plan -o exits 0" [ "$rc" -eq 0 ]
check "the plan file is valid against plan.schema.json" valid_plan plan.json
check "the plan file lists the layers in order" [ "$(jq -c .layers plan.json)" = '["kvm","ceph","keycloak"]' ]
check "--output json prints the same plan" [ "$(jq -c .layers <<<"$out")" = '["kvm","ceph","keycloak"]' ]
check "the plan file records the input hashes" \
    [ "$(jq -r '[.inventory.sha256, .layer_plans[0].playbooks_sha256] | map(length) | join(",")' plan.json)" = "64,64" ]
run -i inv plan "${pb[@]}" --layers kvm --limit n2 --output json
check "plan --limit narrows the hosts" [ "$(jq -c '.layer_plans[0].plays[0].hosts' <<<"$out")" = '["n2"]' ]

# plan --check: the diff of what would change, nothing changed
run -i inv plan "${pb[@]}" --layers kvm,ceph --check
check "plan --check exits 0" [ "$rc" -eq 0 ]
check "plan --check shows the diff per host" grep -q '^+kvm on n1$' <<<"$out"
check "plan --check shows the layers" [ "$(grep -c '^CHECK LAYER' <<<"$out")" -eq 2 ]
check "plan --check changed nothing" [ -z "$(ls "$out_dir")" ]
check "plan --check wrote no journal run" [ ! -e inv/.scsctl/state.db ]

# deploy refusals before anything runs
run -i inv deploy --gate reachable "${pb[@]}" --layers keycloak
check "deploying a layer without deploy.yml exits 2" [ "$rc" -eq 2 ]
check "and says so" grep -q "layer 'keycloak' has no deploy playbook yet" <<<"$err"
run -i inv deploy --gate reachable "${pb[@]}" --layers openstack
check "a layer whose dependencies were never deployed exits 7" [ "$rc" -eq 7 ]
check "with one line naming the dependency" grep -q "layer 'openstack' depends on 'kvm', which was never deployed" <<<"$err"
check "nothing ran" [ -z "$(ls "$out_dir")" ]
run -i inv deploy --gate reachable plan.json --layers kvm
check "a plan file with --layers exits 2" [ "$rc" -eq 2 ]
jq '.layers = ["ceph","kvm","keycloak"] | .layer_plans = [.layer_plans[1], .layer_plans[0], .layer_plans[2]]' plan.json >swapped.json
run -i inv deploy --gate reachable swapped.json
check "a plan file out of dependency order exits 2" [ "$rc" -eq 2 ] && grep -q "not in dependency order" <<<"$err"

# (--gate reachable throughout: these test layers borrow the built-in names, whose real
# health checks would look for libvirt and Ceph on the local test hosts)
# deploy kvm,ceph with ceph failing: exit 1, one recap, valid JUnit
touch "$out_dir/fail-ceph"
run -i inv deploy --gate reachable "${pb[@]}" --layers ceph,kvm --output json --junit deploy.xml
check "a failing task in the second layer exits 1" [ "$rc" -eq 1 ]
check "the JSON output has exactly one recap" [ "$(grep -c '"event":"recap"' <<<"$out")" -eq 1 ]
check "and it is the last line" grep -q '"event":"recap"' <<<"$(tail -n 1 <<<"$out")"
check "the recap counts both layers" [ "$(tail -n 1 <<<"$out" | jq -c '[.hosts.n1.changed >= 2, .hosts.n3.failed]')" = '[true,1]' ]
check "every line is JSON" jq -e . <<<"$out" >/dev/null
check "the JUnit file is valid" valid_junit deploy.xml
check "the JUnit file has the failure" grep -q '<failure' deploy.xml
check "kvm ran once per host" [ "$(lines "$out_dir/kvm-n1.log"),$(lines "$out_dir/kvm-n2.log")" = "1,1" ]
check "ceph's first task ran" [ "$(lines "$out_dir/ceph-n3.log")" = 1 ]
check "the deploy says the layer failed" grep -q "layer 'ceph' failed; later layers were not deployed" <<<"$err"
run -i inv status --output json
check "status exits 0" [ "$rc" -eq 0 ]
check "status shows kvm deployed" [ "$(jq -r '.[] | select(.layer=="kvm" and .host=="n1") | .result + " " + .version' <<<"$out")" = "ok 0.1.0" ]
check "status shows ceph failed" [ "$(jq -r '.[] | select(.layer=="ceph" and .host=="n3") | .result' <<<"$out")" = "failed" ]

# --resume finishes without running completed tasks again
rm "$out_dir/fail-ceph"
run -i inv deploy --gate reachable "${pb[@]}" --layers kvm,ceph --resume --output json
check "deploy --resume exits 0" [ "$rc" -eq 0 ]
check "it says which run it resumes" grep -q "resuming run 1" <<<"$err"
check "kvm did not run again" [ "$(lines "$out_dir/kvm-n1.log"),$(lines "$out_dir/kvm-n2.log")" = "1,1" ]
check "ceph's completed task did not run again" [ "$(lines "$out_dir/ceph-n3.log")" = 1 ]
check "the resumed deploy has one recap" [ "$(grep -c '"event":"recap"' <<<"$out")" -eq 1 ]
run -i inv status
check "status shows ceph deployed by run 2" grep -Eq '^ceph +n3 +0\.1\.0 +2 +ok ' <<<"$out"
check "status shows never-deployed layers" grep -Eq '^keycloak +n1 +- +- +never' <<<"$out"
run -i inv runs --output json
check "the journal has both deploy runs, the second resuming the first" \
    [ "$(jq -c '[.[] | [.id, .kind, .status, .resumed_from]]' <<<"$out")" = '[[2,"deploy","finished",1],[1,"deploy","failed",null]]' ]

# dependencies: ovn (with hosts) never deployed; --force overrides
run -i inv deploy --gate reachable "${pb[@]}" --layers openstack
check "openstack still needs ovn (exit 7)" [ "$rc" -eq 7 ]
check "naming ovn only" [ "$(grep -c 'depends on' <<<"$err")" -eq 1 ] && grep -q "'ovn'" <<<"$err"
run -i inv deploy --gate reachable "${pb[@]}" --layers openstack --force
check "--force deploys it" [ "$rc" -eq 0 ] && [ "$(lines "$out_dir/openstack-n1.log")" = 1 ]

# a plan file: refused when the inventory or the playbooks changed, deployed as planned otherwise
run -i inv plan "${pb[@]}" --layers ovn -o ovn.json
mkdir -p inv/group_vars && echo "extra: 1" >inv/group_vars/all.yml
run -i inv deploy --gate reachable ovn.json
check "a plan whose inventory changed exits 5" [ "$rc" -eq 5 ]
check "and says the inventory changed" grep -q "the inventory changed since the plan was made" <<<"$err"
rm -r inv/group_vars
echo "# changed" >>"$work/pb/ovn/deploy.yml"
run -i inv deploy --gate reachable ovn.json
check "a plan whose playbooks changed exits 5" [ "$rc" -eq 5 ]
check "and names the layer" grep -q "the playbooks of layer 'ovn'" <<<"$err"
run -i inv plan "${pb[@]}" --layers ovn -o ovn.json
run -i inv deploy --gate reachable ovn.json
check "a matching plan deploys" [ "$rc" -eq 0 ] && [ "$(lines "$out_dir/ovn-n1.log")" = 1 ]

# the reachability gate: an ovn_controller host that does not answer stops the deploy
mkdir -p inv2
sed 's/^    keycloak:.*/    ovn_controller: {hosts: {dead: {ansible_connection: ssh, ansible_host: 127.0.0.1, ansible_port: 1}}}/' \
    inv/hosts.yml >inv2/hosts.yml
run -i inv2 deploy --gate reachable "${pb[@]}" --layers ovn,openstack --force
check "a failing health gate exits 6" [ "$rc" -eq 6 ]
check "naming the layer, the check and the host" grep -q "layer 'ovn': health gate 'reachable' failed: 1 of 2 hosts not reachable: dead:" <<<"$err"
check "the next layer did not run" [ "$(lines "$out_dir/openstack-n1.log")" = 1 ]
run -i inv2 status --layers ovn --output json
check "status records the gate failure" [ "$(jq -r '.[] | select(.host=="n1") | .result' <<<"$out")" = "gate_failed" ]

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
