#!/usr/bin/env bash
# `scsctl check scs` against real OpenStack services: tests/support/openstack/fixture.sh
# starts PostgreSQL, Keystone, Glance, Nova API, Cinder API and Neutron API once; this suite
# seeds them over REST (as admin) with a baseline that passes every testcase it can (the 28
# flavors of scs-0103 with their scs:* extra_specs, public images with the scs-0102 metadata
# and uploaded data, the scs-0104 images, scs-0114 volume types, load-balancer and placement
# entries in Keystone's catalog for scs-0123) and runs the check as the `member` cloud:
# every verdict exact, exit 0. Then it seeds one violation per rule (a flavor with fewer
# vCPUs than its name, a malformed SCS- name, a missing scs:* extra_spec, a removed
# mandatory flavor and image, images without os_distro / with hw_disk_bus ide / without
# data / outdated, a wrong image_source, volume type descriptions without or with a bad
# feature list, a removed catalog service) and checks that exactly the matching testcases
# FAIL, naming the object. Also: the admin cloud is refused (every testcase ABORT, exit 1),
# the scs-0115 fallback of a Neutron without default-security-group-rules leaves no group
# `scs-test-default-sg` behind, passwords appear nowhere, JSON valid against
# tests/schemas/scs-check.schema.json and JUnit against tests/schemas/junit.xsd.
# Skips (77) when not root or the packages are missing.
# Usage: scs_check_real_test.sh path/to/scsctl
set -u
scsctl=$(realpath "${1:?usage: scs_check_real_test.sh path/to/scsctl}")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
# shellcheck source=../support/openstack/fixture.sh
. "$here/../support/openstack/fixture.sh"
if [ "$(id -u)" -ne 0 ]; then
    echo "scs_check_real_test: SKIPPED: needs root (PostgreSQL runs as user postgres)"
    exit 77
fi
if missing=$(os_fixture_packages_missing); then
    echo "scs_check_real_test: SKIPPED: $missing is missing (scripts/lib/deps.sh: SCSCTL_OPENSTACK_TEST_PACKAGES)"
    exit 77
fi
for tool in xmllint python3; do
    command -v $tool >/dev/null || { echo "scs_check_real_test: $tool is missing" >&2; exit 1; }
done
python3 -c 'import jsonschema' 2>/dev/null || { echo "scs_check_real_test: python3-jsonschema is missing" >&2; exit 1; }
suite=scs_check_real_test
# shellcheck source=tests/integration/lib/openstack_suite.sh
source "$here/lib/openstack_suite.sh"
valid_junit() { xmllint --noout --schema "$root/tests/schemas/junit.xsd" "$1" 2>"$work/xmllint.err" || { cat "$work/xmllint.err" >&2; return 1; }; }
valid_json() {
    python3 - "$root/tests/schemas/scs-check.schema.json" "$1" <<'PY'
import json, sys, jsonschema
validator = jsonschema.Draft202012Validator(json.load(open(sys.argv[1])))
errors = list(validator.iter_errors(json.load(open(sys.argv[2], encoding="utf-8"))))
assert not errors, f"{errors[0].json_path}: {errors[0].message}"
PY
}

started=$(date +%s.%N)
if ! os_fixture_start "$work/fixture"; then
    echo "scs_check_real_test: the fixture did not start; its logs:" >&2
    tail -n 20 "$work"/fixture/log/*.log "$work"/fixture/*/*.log >&2 2>/dev/null
    exit 1
fi
ready=$(date +%s.%N)
# shellcheck source=/dev/null
. "$work/fixture/env"
echo "scs_check_real_test: fixture ready in $(echo "$ready - $started" | bc | cut -d. -f1) s"

for v in $(env | sed -n 's/^\(OS_[A-Z_]*\)=.*/\1/p'); do
    case $v in OS_*_PORT | OS_AUTH_URL | OS_MEMBER_PROJECT_ID | OS_FIXTURE_*) ;; *) unset "$v" ;; esac
done
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY
mkdir -p "$work/home" "$work/cwd"
export HOME="$work/home" NO_COLOR=1
unset XDG_CONFIG_HOME
cd "$work/cwd" || exit 1
# The member's password in secure.yaml, the rest in clouds.yaml (as a user would keep it).
grep -v "password: $OS_FIXTURE_MEMBER_PASSWORD" "$work/fixture/clouds.yaml" >"$work/cwd/clouds.yaml"
mkdir -p "$HOME/.config/openstack"
printf 'clouds:\n  member:\n    auth:\n      password: %s\n' "$OS_FIXTURE_MEMBER_PASSWORD" >"$HOME/.config/openstack/secure.yaml"
export OS_CLIENT_CONFIG_FILE=$work/cwd/clouds.yaml

admin_token=$(os_rest_token "$OS_AUTH_URL" admin "$OS_FIXTURE_ADMIN_PASSWORD" admin)
admin_project=$(os_rest_project_id "$OS_AUTH_URL" "$admin_token" admin)
nova=$(os_rest_url compute)
glance=$(os_rest_url image)
cinder=$(os_rest_url volumev3)/$admin_project
neutron=$(os_rest_url network)

# seed_image NAME JSON-PROPERTIES [DATA]: a public image with the properties (min_disk and
# min_ram as numbers), with DATA uploaded when given (Glance then sets size and os_hash_*).
seed_image() {
    local id
    id=$(_os_call POST "$glance/v2/images" "$admin_token" "$(jq -c --arg n "$1" \
        '. + {name: $n, disk_format: "raw", container_format: "bare", visibility: "public"}' <<<"$2")" | jq -re .id) || return 1
    if [ -n "${3:-}" ]; then
        printf '%s' "$3" | curl -sf -o /dev/null --max-time 60 -X PUT -H 'Content-Type: application/octet-stream' \
            -H @<(printf 'X-Auth-Token: %s\n' "$admin_token") --data-binary @- "$glance/v2/images/$id/file" || {
            echo "seed_image: upload to $1 failed" >&2
            return 1
        }
    fi
    echo "$id"
}
# good_properties DISTRO VERSION SOURCE: every scs-0102 property right.
good_properties() {
    jq -nc --arg d "$1" --arg v "$2" --arg s "$3" --arg b "$(date -u -d '-10 days' +%F)" '{
        architecture: "x86_64", min_disk: 1, min_ram: 512, os_distro: $d, os_version: $v, hw_disk_bus: "virtio",
        hypervisor_type: "kvm", hw_rng_model: "virtio", image_build_date: $b, image_original_user: $d,
        image_source: $s, image_description: "https://docs.example.com/\($d)", replace_frequency: "yearly",
        provided_until: "none", uuid_validity: "last-3", hotfix_hours: "24"}'
}

# --- the baseline ----------------------------------------------------------------------
seed_ok=1
# The 28 flavors of scs-0103 (15 mandatory, 13 recommended) as scsctl derives them from the names.
mapfile -t standard_flavors < <("$scsctl" check scs --list --output json | jq -r '.[] | select(.id | startswith("scs-0103-flavor-")) | .id' |
    sed 's/^scs-0103-flavor-//' | tr '[:lower:]' '[:upper:]' | sed 's/^/SCS-/; s/\([0-9]\)S$/\1s/')
"$scsctl" scs flavor-name --json "${standard_flavors[@]}" >"$work/names.json"
"$scsctl" scs flavor-name generate --from-json "$work/names.json" --json >"$work/generated.json"
check "28 standard flavor names generated" jqe 'length == 28' "$work/generated.json"
declare -A flavor_id
while IFS=$'\t' read -r name cpus ram disk specs; do
    mapfile -t pairs < <(jq -r 'to_entries[] | "\(.key)=\(.value)"' <<<"$specs")
    flavor_id[$name]=$(os_seed_flavor "$admin_token" "$name" "$cpus" "$ram" "$disk" "${pairs[@]}") || seed_ok=0
done < <(jq -r --slurpfile g "$work/generated.json" \
    '[., $g[0]] | transpose[] | "\(.[1].name)\t\(.[0].cpus)\t\(.[0].ram_gib * 1024 | floor)\t\(.[0].disk_gb // 0)\t\(.[1].extra_specs | tojson)"' \
    "$work/names.json")
check "baseline flavors seeded (${#flavor_id[@]})" test "${#flavor_id[@]}" -eq 28
noble=https://cloud-images.ubuntu.com/releases/noble/release-20261101/ubuntu-24.04-server-cloudimg-amd64.img
bookworm=https://cloud.debian.org/images/cloud/bookworm/20261101-1000/debian-12-generic-amd64-20261101-1000.qcow2
capi=https://swift.services.a.regiocloud.tech/swift/v1/AUTH_b182637428444b9aa302bb8d5a5a418c/openstack-k8s-capi-images/ubuntu-2204-kube-v1.30/ubuntu-2204-kube-v1.30.5.qcow2
seed_image "Ubuntu 24.04" "$(good_properties ubuntu 24.04 "$noble")" ubuntu-bytes >/dev/null || seed_ok=0
debian_id=$(seed_image "Debian 12" "$(good_properties debian 12 "$bookworm")" debian-bytes) || seed_ok=0
seed_image "ubuntu-capi-image-v1.30.5" "$(good_properties ubuntu 22.04 "$capi")" capi-bytes >/dev/null || seed_ok=0
os_seed_volume_type "$admin_token" "$admin_project" scs-luks "[scs:encrypted] LUKS volumes" >/dev/null || seed_ok=0
encrypted_type=$(_os_call GET "$cinder/types" "$admin_token" | jq -r '.volume_types[] | select(.name == "scs-luks") | .id')
os_seed_volume_type "$admin_token" "$admin_project" scs-ceph "[scs:encrypted, replicated] replicated and LUKS" >/dev/null || seed_ok=0
os_rest_create_service "$OS_AUTH_URL" "$admin_token" placement placement "http://127.0.0.1:$(_os_free_port)" >/dev/null || seed_ok=0
lb_service=$(os_rest_create_service "$OS_AUTH_URL" "$admin_token" octavia load-balancer "http://127.0.0.1:$(_os_free_port)") || seed_ok=0
check "baseline seeded over REST" test $seed_ok -eq 1

# Neutron of Debian 12 (Zed) has no default-security-group-rules: scs-0115 falls back.
curl -s -o /dev/null -w '%{http_code}' -H @<(printf 'X-Auth-Token: %s\n' "$admin_token") \
    "$neutron/default-security-group-rules" >"$work/sg-rules.code"
fallback=0
[ "$(cat "$work/sg-rules.code")" = 404 ] && fallback=1
echo "scs_check_real_test: Neutron default-security-group-rules: HTTP $(cat "$work/sg-rules.code") (fallback: $fallback)"

# verdicts FILE: "id RESULT" per line, sorted.
verdicts() { jq -r '.testcases[] | "\(.id) \(.result)"' "$1" | sort; }
# expect FILE DEFAULT [ID=RESULT...]: every testcase of FILE has DEFAULT unless listed.
expect() {
    local file=$1 default=$2 pair
    shift 2
    declare -A want=()
    for pair in "$@"; do want[${pair%%=*}]=${pair#*=}; done
    local id result bad=0 seen=0
    while read -r id result; do
        seen=$((seen + 1))
        if [ "$result" != "${want[$id]:-$default}" ]; then
            echo "  $id: $result, expected ${want[$id]:-$default}" >&2
            bad=1
        fi
        unset "want[$id]"
    done < <(verdicts "$file")
    # Every listed id must have been reported, and something must have been.
    for id in "${!want[@]}"; do echo "  $id: not reported" >&2; bad=1; done
    [ $seen -gt 0 ] || { echo "  $file: no testcases" >&2; bad=1; }
    return $bad
}
# message FILE ID REGEX: an ERROR message of the testcase matches.
message() { jq -e --arg id "$2" --arg re "$3" '.testcases[] | select(.id == $id) | any(.messages[]; .level == "ERROR" and (.text | test($re)))' "$1" >/dev/null; }
secrets_absent() {
    local file
    for file in "$@"; do [ -f "$file" ] || { echo "  $file: missing" >&2; return 1; }; done
    ! grep -q -r -e "$OS_FIXTURE_MEMBER_PASSWORD" -e "$OS_FIXTURE_ADMIN_PASSWORD" -e gAAAA "$@"
}

# --- 1. the baseline passes ------------------------------------------------------------
t0=$(date +%s.%N)
"$scsctl" check scs --os-cloud member --output json --junit "$work/base.xml" >"$work/base.json" 2>"$work/base.err"
code=$?
t1=$(date +%s.%N)
echo "scs_check_real_test: check scs (72 testcases) took $(echo "$t1 - $t0" | bc) s"
check "baseline: exit 0" test $code -eq 0
check "baseline: 72 testcases, ok, pre-flight passed" jqe '.summary.total == 72 and .ok and .preflight.ok' "$work/base.json"
# No key manager in the fixture: presence FAILs (recommended), permissions passes.
check "baseline: every testcase PASS but scs-0116-presence" expect "$work/base.json" PASS scs-0116-presence=FAIL
check "baseline: scs-0116-presence names the missing key-manager" message "$work/base.json" scs-0116-presence 'key-manager'
check "baseline: JSON valid against scs-check.schema.json" valid_json "$work/base.json"
check "baseline: JUnit valid" valid_junit "$work/base.xml"
check "baseline: JUnit has 72 testcases, no failure or error, one skipped" bash -c \
    "test \$(grep -c '<testcase ' '$work/base.xml') -eq 72 && ! grep -q -e '<failure' -e '<error' '$work/base.xml' && test \$(grep -c '<skipped' '$work/base.xml') -eq 1"
if [ $fallback -eq 1 ]; then
    groups_after=$(_os_call GET "$neutron/security-groups?name=scs-test-default-sg" "$admin_token" | jq '.security_groups | length')
    check "scs-0115 fallback: no group scs-test-default-sg left" test "$groups_after" = 0
fi
"$scsctl" check scs --os-cloud member --tests scs-0115 -v >"$work/sg.out" 2>&1
code=$?
check "scs-0115 alone in text: PASS, exit 0" bash -c "test $code -eq 0 && grep -q '^scs-0115-default-rules: PASS' '$work/sg.out'"
if [ $fallback -eq 1 ]; then
    check "scs-0115 -v says it created and deleted the group" bash -c \
        "grep -q 'Falling back to old-style' '$work/sg.out' && grep -q 'created security group .* (scs-test-default-sg)' '$work/sg.out' && grep -q 'deleted security group' '$work/sg.out'"
    check "scs-0115 fallback (text run): no group left" test \
        "$(_os_call GET "$neutron/security-groups?name=scs-test-default-sg" "$admin_token" | jq '.security_groups | length')" = 0
fi

# --- 2. violations, one per rule, one run ----------------------------------------------
viol_ok=1
good=$(good_properties ubuntu 24.04 "$noble")
os_seed_flavor "$admin_token" SCS-4V-12 2 12288 0 >/dev/null || viol_ok=0          # semantics: 2 < 4 vCPUs
os_seed_flavor "$admin_token" SCS-2Q-4 2 4096 0 >/dev/null || viol_ok=0            # syntax: Q is no CPU type
os_seed_flavor "$admin_token" SCS-2V:4:10 2 4096 10 >/dev/null || viol_ok=0         # v1 syntax: tolerated, a warning
_os_call DELETE "$nova/flavors/${flavor_id[SCS-1V-2]}" "$admin_token" >/dev/null || viol_ok=0
_os_call DELETE "$nova/flavors/${flavor_id[SCS-2V-8]}/os-extra_specs/scs:cpu-type" "$admin_token" >/dev/null || viol_ok=0
_os_call DELETE "$glance/v2/images/$debian_id" "$admin_token" >/dev/null || viol_ok=0
seed_image "No Distro" "$(jq -c 'del(.os_distro)' <<<"$good")" bytes >/dev/null || viol_ok=0
seed_image "IDE Bus" "$(jq -c '.hw_disk_bus = "ide"' <<<"$good")" bytes >/dev/null || viol_ok=0
seed_image "No Data" "$good" >/dev/null || viol_ok=0                                 # queued: no os_hash_algo
# A community image is not in Glance's `member_status=all` listing (the reference's
# list_images(show_all=True) does not see it either): its missing os_distro goes unnoticed.
_os_call POST "$glance/v2/images" "$admin_token" "$(jq -c 'del(.os_distro) + {name: "Community Image", disk_format: "raw",
    container_format: "bare", visibility: "community"}' <<<"$good")" >/dev/null || viol_ok=0
# 25 more images without data: Glance lists 25 per page (newest first), so "No Distro" and
# the baseline images are on the second page, which the testcases must fetch too.
for i in $(seq -w 1 25); do seed_image "Filler $i" "$good" >/dev/null || viol_ok=0; done
seed_image "Stale Image" "$(jq -c '.image_build_date = "2024-01-01" | .replace_frequency = "monthly" | .provided_until = "2099-12-31"' <<<"$good")" \
    bytes >/dev/null || viol_ok=0
seed_image "Ubuntu 22.04" "$(good_properties ubuntu 22.04 https://example.com/jammy.img)" bytes >/dev/null || viol_ok=0
_os_call PUT "$cinder/types/$encrypted_type" "$admin_token" '{"volume_type": {"description": "LUKS volumes"}}' >/dev/null || viol_ok=0
_os_call PUT "$cinder/types/$(_os_call GET "$cinder/types" "$admin_token" | jq -r '.volume_types[] | select(.name == "scs-ceph") | .id')" \
    "$admin_token" '{"volume_type": {"description": "[scs:replicated, replicated] twice"}}' >/dev/null || viol_ok=0
_os_call DELETE "$OS_AUTH_URL/services/$lb_service" "$admin_token" >/dev/null || viol_ok=0
check "violations seeded over REST" test $viol_ok -eq 1

# scs-0115 and scs-0116 cannot be made to fail here (Zed has no default rules to add; no
# Barbican): deselected, so the run only reads.
"$scsctl" check scs --os-cloud member --tests 'scs-01(00|02|03|04|14|23)' --output json --junit "$work/viol.xml" \
    >"$work/viol.json" 2>"$work/viol.err"
code=$?
check "violations: exit 1 (required testcases fail)" test $code -eq 1
check "violations: 69 testcases selected, not ok" jqe '.summary.total == 69 and (.ok | not)' "$work/viol.json"
check "violations: exactly the violated testcases FAIL" expect "$work/viol.json" PASS \
    scs-0100-semantics-check=FAIL scs-0100-syntax-check=FAIL scs-0103-flavor-1v-2=FAIL scs-0103-flavor-2v-8=FAIL \
    scs-0102-prop-os_distro=FAIL scs-0102-prop-hw_disk_bus=FAIL scs-0102-prop-hash_algo=FAIL scs-0102-image-recency=FAIL \
    scs-0104-image-debian-12=FAIL scs-0104-source-ubuntu-2204=FAIL scs-0114-encrypted-type=FAIL scs-0114-syntax-check=FAIL \
    scs-0123-service-load-balancer=FAIL
check "semantics names SCS-4V-12" message "$work/viol.json" scs-0100-semantics-check 'flavor\(s\) failed: SCS-4V-12$'
check "syntax names SCS-2Q-4 only" message "$work/viol.json" scs-0100-syntax-check 'flavor\(s\) failed: SCS-2Q-4$'
check "syntax warns of the v1 name" jqe '.testcases[] | select(.id == "scs-0100-syntax-check")
    | any(.messages[]; .level == "WARNING" and .text == "Name is merely tolerated v1: SCS-2V:4:10")' "$work/viol.json"
check "scs-0103: SCS-1V-2 missing" message "$work/viol.json" scs-0103-flavor-1v-2 'standard flavor missing: SCS-1V-2'
check "scs-0103: SCS-2V-8 lacks scs:cpu-type" message "$work/viol.json" scs-0103-flavor-2v-8 \
    "Flavor 'SCS-2V-8' violating constraints: scs:cpu-type: None should be 'shared-core'"
check "os_distro names the public image only" message "$work/viol.json" scs-0102-prop-os_distro 'os_distro not set for image\(s\): No Distro$'
check "hw_disk_bus names the image" message "$work/viol.json" scs-0102-prop-hw_disk_bus 'hw_disk_bus not correct for image\(s\): IDE Bus$'
check "hash_algo names the 26 images without data (all pages)" jqe '.testcases[] | select(.id == "scs-0102-prop-hash_algo")
    | .messages | map(select(.level == "ERROR")) | length == 1 and (.[0].text | test("^property hash_algo invalid for image\\(s\\): "))
    and (.[0].text | sub("^[^:]*: "; "") | split(", ") | sort) == (["No Data"] + [range(1; 26) | "Filler \(if . < 10 then "0" else "" end)\(.)"] | sort)' \
    "$work/viol.json"
check "recency names the stale image" message "$work/viol.json" scs-0102-image-recency 'Image "Stale Image" outdated without replacement'
check "scs-0104: Debian 12 missing" message "$work/viol.json" scs-0104-image-debian-12 "Missing image 'Debian 12'"
check "scs-0104: Ubuntu 22.04 source" message "$work/viol.json" scs-0104-source-ubuntu-2204 "Image 'Ubuntu 22.04' source mismatch: https://example.com/jammy.img"
check "scs-0114: no encrypted type" message "$work/viol.json" scs-0114-encrypted-type 'no volume type having aspect encrypted'
check "scs-0114: the duplicate named" message "$work/viol.json" scs-0114-syntax-check '^scs-ceph: duplicate features: replicated$'
check "scs-0123: no load-balancer" message "$work/viol.json" scs-0123-service-load-balancer 'No service of type\(s\) load-balancer'
check "violations: JSON valid" valid_json "$work/viol.json"
check "violations: JUnit valid" valid_junit "$work/viol.xml"
check "violations: JUnit failures for the required FAILs only" bash -c \
    "test \$(grep -c '<failure' '$work/viol.xml') -eq $(jq '[.testcases[] | select(.required and .result == "FAIL")] | length' "$work/viol.json")"
check "violations: the required ones are counted" jqe \
    '.summary.required_passed == .summary.required - ([.testcases[] | select(.required and .result != "PASS")] | length)' "$work/viol.json"

# --- 3. the admin cloud is refused -----------------------------------------------------
"$scsctl" check scs --os-cloud admin --output json --junit "$work/admin.xml" >"$work/admin.json" 2>"$work/admin.err"
code=$?
check "admin: exit 1" test $code -eq 1
check "admin: pre-flight failed with a message naming the role" jqe \
    '(.preflight.ok | not) and (.preflight.message | test("admin"))' "$work/admin.json"
check "admin: every testcase ABORT" expect "$work/admin.json" ABORT
check "admin: JSON valid" valid_json "$work/admin.json"
check "admin: JUnit valid" valid_junit "$work/admin.xml"

# --- 5. no password, no token anywhere -------------------------------------------------
check "no password or token in stdout, stderr, JSON or JUnit" secrets_absent \
    "$work/base.json" "$work/base.err" "$work/base.xml" "$work/sg.out" "$work/viol.json" "$work/viol.err" "$work/viol.xml" \
    "$work/admin.json" "$work/admin.err" "$work/admin.xml"

echo "scs_check_real_test: $passed passed, $failed failed ($(echo "$(date +%s.%N) - $started" | bc | cut -d. -f1) s)"
[ "$failed" -eq 0 ]
