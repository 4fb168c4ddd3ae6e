#!/usr/bin/env bash
# End-to-end checks of `scsctl layers` and `scsctl validate`: the layer order (text and
# JSON), the example and minimal inventories passing, one fixture per rule under
# tests/layers/invalid/ failing with exit 2 and its exact located message, and --junit
# validated against tests/schemas/junit.xsd. Usage: validate_test.sh path/to/scsctl
set -u
scsctl=$(realpath "${1:?usage: validate_test.sh path/to/scsctl}")
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# shellcheck source=tests/integration/lib/checks.sh
source "$root/tests/integration/lib/checks.sh"

export HOME="$work" XDG_CONFIG_HOME="$work/xdg" NO_COLOR=1
cd "$root" || exit 1

# scsctl ARGS...: runs scsctl, sets $out, $err and $rc.
# valid_junit FILE: xmllint against the schema, quietly.
valid_junit() { xmllint --noout --schema tests/schemas/junit.xsd "$1" 2>"$work/xmllint.err" || { cat "$work/xmllint.err" >&2; return 1; }; }
run() { out=$("$scsctl" "$@" 2>"$work/stderr"); rc=$?; err=$(cat "$work/stderr"); }

# layers: text and JSON, in dependency order
order="baremetal kvm ceph ovn openstack kubernetes keycloak"
run layers
check "layers exits 0" [ "$rc" -eq 0 ]
check "layers text order" [ "$(tail -n +2 <<<"$out" | awk '{print $1}' | tr '\n' ' ')" = "$order " ]
check "layers text has a header" grep -Eq '^NAME +VERSION +DEPENDS_ON +GROUPS +SOURCE$' <<<"$out"
check "layers text shows openstack's dependencies" \
    grep -Eq '^openstack +0\.1\.0 +kvm,ceph,ovn +openstack_control,openstack_compute +built-in$' <<<"$out"
run layers --output json
check "layers json exits 0" [ "$rc" -eq 0 ]
check "layers json order" [ "$(jq -r '.[].name' <<<"$out" | tr '\n' ' ')" = "$order " ]
check "layers json fields" [ "$(jq -c '.[4] | [.depends_on, .source, .groups[0]]' <<<"$out")" = \
    '[["kvm","ceph","ovn"],"built-in","openstack_control"]' ]

# valid inventories
for inv in inventories/example tests/layers/minimal; do
    run validate -i "$inv"
    check "validate $inv exits 0" [ "$rc" -eq 0 ]
    check "validate $inv says valid" grep -q "inventory is valid for 7 layers" <<<"$err"
done
run validate -i tests/layers/minimal --junit "$work/ok.xml"
check "junit of a valid inventory" valid_junit "$work/ok.xml"
check "junit has one testcase per rule and layer" [ "$(grep -c '<testcase ' "$work/ok.xml")" -eq 31 ]
check "junit of a valid inventory has no failure" [ "$(grep -c '<failure' "$work/ok.xml")" -eq 0 ]

# invalid fixtures: NAME EXPECTED-MESSAGE (relative to tests/layers/invalid/NAME/)
expect() {
    local name=$1 message=$2 dir="tests/layers/invalid/$1"
    run validate -i "$dir"
    check "$name exits 2" [ "$rc" -eq 2 ]
    check "$name message" [ "$err" = "scsctl: error: $dir/$message" ]
    [ "$err" = "scsctl: error: $dir/$message" ] || echo "  got: $err" >&2
    run validate -i "$dir" --junit "$work/$name.xml"
    check "$name junit validates" valid_junit "$work/$name.xml"
    check "$name junit has the message" grep -qF "$dir/${message%%\'*}" "$work/$name.xml"
}
expect ceph_mon_count "hosts.yml:16:5: group 'ceph_mon' has 2 hosts; layer 'ceph' needs an odd number (1, 3, 5, ...) for quorum"
expect osd_devices "host_vars/node2.yml:1:1: variable 'ceph_osd_devices' of host 'node2' must not be empty"
expect missing_group "hosts.yml:1:1: group 'ovn_central' is missing (layer 'ovn' needs at least one host in it)"
expect empty_group "hosts.yml:27:5: group 'ovn_central' has no hosts (layer 'ovn' needs at least one)"
expect duplicate_address "hosts.yml:15:11: host 'node3' has address 10.0.0.12, already used by host 'node2' (tests/layers/invalid/duplicate_address/hosts.yml:12:9)"
expect invalid_cidr "hosts.yml:4:5: variable 'network_cidr': '10.0.0.1/24' has host bits set (did you mean '10.0.0.0/24'?)"
expect overlapping_cidr "hosts.yml:4:5: network_cidr 10.244.0.0/24 overlaps k8s_pod_cidr 10.244.0.0/16 (default)"
expect wrong_type "group_vars/all.yml:2:1: variable 'scs_release' must be a string, got a list"
expect missing_variable "hosts.yml:1:1: variable 'scs_release' is not set (layer 'baremetal' needs it for the region: set it on group 'all')"
expect bmc_address "hosts.yml:10:11: variable 'bmc_address' of host 'node1': 'https://10.0.0.300:443' is not a host name, IPv4 or IPv6 address"

# the failing testcase names the rule and layer
run validate -i tests/layers/invalid/ceph_mon_count --junit "$work/mon.xml"
check "junit failure sits in layers.ceph group_counts" \
    [ "$(xmllint --xpath 'count(//testcase[@classname="layers.ceph"][@name="group_counts"]/failure)' "$work/mon.xml")" = 1 ]

# all problems at once, JSON diagnostics, usage errors
cat tests/layers/minimal/hosts.yml >"$work/many.yml"
sed -i -e 's|network_cidr: 10.0.0.0/24|network_cidr: nope|' -e 's|ansible_host: 10.0.0.13|ansible_host: 10.0.0.12|' "$work/many.yml"
run validate -i "$work/many.yml"
check "several problems are reported at once" [ "$(grep -c 'scsctl: error:' <<<"$err")" -eq 2 ]
run validate -i "$work/many.yml" --output json
check "validate --output json lists diagnostics" [ "$(jq 'length' <<<"$out")" -eq 2 ] && [ "$rc" -eq 2 ]
run validate
check "validate without -i exits 2" [ "$rc" -eq 2 ]
run validate -i "$work/missing-dir/x.yml"
check "validate of a missing inventory exits 2" [ "$rc" -eq 2 ]
run validate -i tests/layers/minimal --junit "$work/no/such/dir/x.xml"
check "unwritable --junit exits 2" [ "$rc" -eq 2 ]
printf '[ceph_mon]\n\xff\xfe\n' >"$work/binary.ini"
run validate -i "$work/binary.ini"
check "garbage input exits 2, no crash" [ "$rc" -eq 2 ]

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
