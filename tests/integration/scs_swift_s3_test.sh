#!/usr/bin/env bash
# scs-0123-swift-s3 against a real Swift with s3api: tests/support/openstack/fixture.sh
# starts PostgreSQL, Keystone and (OS_FIXTURE_SWIFT=1) a one-replica Swift whose proxy has
# s3api + s3token + authtoken + keystoneauth; no other API service (OS_FIXTURE_APIS="").
# As the `member` cloud, with a leftover EC2 credential of an earlier run (blob owner
# TmpMandSvcTest) and an operator's EC2 credential seeded beforehand:
#   1. no container yet: PASS; the run created the bucket scs-test-container and deleted it,
#      deleted the leftover, kept the operator's credential, left no credential of its own;
#   2. a container `alpha` made over Swift: S3 lists it too, PASS without creating a bucket;
#   3. a container `Swift_Only` (not a DNS-compatible bucket name, so s3api's ListBuckets
#      leaves it out, as real S3 clients see it): FAIL naming both lists, exit 1, JUnit
#      failure, and again a seeded leftover gone and nothing of the run left behind.
# No EC2 secret (seeded or created), password or token in stdout, stderr, JSON, JUnit or
# any file scsctl wrote. Skips (77) when not root or the packages are missing.
# Usage: scs_swift_s3_test.sh path/to/scsctl
set -u
scsctl=$(realpath "${1:?usage: scs_swift_s3_test.sh path/to/scsctl}")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../support/openstack/fixture.sh
. "$here/../support/openstack/fixture.sh"
export OS_FIXTURE_APIS="" OS_FIXTURE_SWIFT=1
if [ "$(id -u)" -ne 0 ]; then
    echo "scs_swift_s3_test: SKIPPED: needs root (PostgreSQL runs as user postgres)"
    exit 77
fi
if missing=$(os_fixture_packages_missing); then
    echo "scs_swift_s3_test: SKIPPED: $missing is missing (scripts/lib/deps.sh: SCSCTL_OPENSTACK_TEST_PACKAGES)"
    exit 77
fi
command -v xmllint >/dev/null || { echo "scs_swift_s3_test: xmllint is missing" >&2; exit 1; }
suite=scs_swift_s3_test
# shellcheck source=tests/integration/lib/openstack_suite.sh
source "$here/lib/openstack_suite.sh"

started=$(date +%s)
if ! os_fixture_start "$work/fixture"; then
    echo "scs_swift_s3_test: the fixture did not start; its logs:" >&2
    tail -n 20 "$work"/fixture/log/*.log "$work"/fixture/*/*.log >&2 2>/dev/null
    exit 1
fi
# shellcheck source=/dev/null
. "$work/fixture/env"
echo "scs_swift_s3_test: Keystone and Swift ready in $(($(date +%s) - started)) s"

for v in $(env | sed -n 's/^\(OS_[A-Z_]*\)=.*/\1/p'); do
    case $v in OS_*_PORT | OS_AUTH_URL | OS_MEMBER_PROJECT_ID | OS_FIXTURE_*) ;; *) unset "$v" ;; esac
done
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY
mkdir -p "$work/home/.config/openstack" "$work/cwd" "$work/out"
export HOME="$work/home" NO_COLOR=1
unset XDG_CONFIG_HOME
cd "$work/cwd" || exit 1
grep -v "password: $OS_FIXTURE_MEMBER_PASSWORD" "$work/fixture/clouds.yaml" >"$work/cwd/clouds.yaml"
printf 'clouds:\n  member:\n    auth:\n      password: %s\n' "$OS_FIXTURE_MEMBER_PASSWORD" >"$HOME/.config/openstack/secure.yaml"
export OS_CLIENT_CONFIG_FILE=$work/cwd/clouds.yaml

admin_token=$(os_rest_token "$OS_AUTH_URL" admin "$OS_FIXTURE_ADMIN_PASSWORD" admin)
member_token=$(os_rest_token "$OS_AUTH_URL" demo "$OS_FIXTURE_MEMBER_PASSWORD" demo)
member_id=$(_os_call GET "$OS_AUTH_URL/users?name=demo" "$admin_token" | jq -re '.users[0].id')
swift=$(os_rest_url object-store)/AUTH_$OS_MEMBER_PROJECT_ID

# seed_ec2 ACCESS SECRET [OWNER]: an ec2 credential of the member in its project; prints its id.
seed_ec2() {
    local blob
    blob=$(jq -nc --arg a "$1" --arg s "$2" --arg o "${3:-}" '{access: $a, secret: $s} + (if $o == "" then {} else {owner: $o} end)')
    _os_call POST "$OS_AUTH_URL/credentials" "$member_token" "$(jq -nc --arg u "$member_id" --arg p "$OS_MEMBER_PROJECT_ID" \
        --arg b "$blob" '{credential: {type: "ec2", user_id: $u, project_id: $p, blob: $b}}')" | jq -re .credential.id
}
# credentials: "ID OWNER" of the member's ec2 credentials (OWNER "-" when the blob has none).
credentials() {
    _os_call GET "$OS_AUTH_URL/credentials?user_id=$member_id" "$member_token" |
        jq -r '.credentials[] | select(.type == "ec2") | "\(.id) \(.blob | fromjson | .owner // "-")"'
}
containers() { _os_call GET "$swift?format=json" "$member_token" | jq -r '.[].name' | tr '\n' ' '; }
message() { jq -e --arg re "$2" '.testcases[0].messages | any(.text | test($re))' "$1" >/dev/null; }

leftover_secret=leftover$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
kept_secret=operator$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')
leftover=$(seed_ec2 leftover-access-1 "$leftover_secret" TmpMandSvcTest)
kept=$(seed_ec2 operator-access "$kept_secret")
check "seeded a leftover and an operator's credential" test -n "$leftover" -a -n "$kept"

# --- 1. no container yet: the run creates the bucket, PASS, cleans up --------------------
"$scsctl" check scs --os-cloud member scs-0123-swift-s3 --output json --junit "$work/out/pass.xml" \
    >"$work/out/pass.json" 2>"$work/out/pass.err"
code=$?
check "empty account: exit 0" test $code -eq 0
check "empty account: PASS" jqe '.testcases[0].id == "scs-0123-swift-s3" and .testcases[0].result == "PASS"' "$work/out/pass.json"
check "empty account: it created the bucket and deleted it" bash -c \
    "$(declare -f message); message '$work/out/pass.json' '^created S3 bucket scs-test-container$' && message '$work/out/pass.json' '^deleted S3 bucket scs-test-container$'"
check "empty account: the leftover's deletion is reported" message "$work/out/pass.json" "^deleted leftover EC2 credential $leftover "
check "empty account: JUnit valid, no failure" bash -c \
    "xmllint --noout '$work/out/pass.xml' && ! grep -q -e '<failure' -e '<error' '$work/out/pass.xml'"
credentials >"$work/out/creds-1"
check "the leftover is gone" bash -c "! grep -q '^$leftover ' '$work/out/creds-1'"
check "the operator's credential stays" grep -q "^$kept -$" "$work/out/creds-1"
check "no credential of the run remains" bash -c "! grep -q ' TmpMandSvcTest$' '$work/out/creds-1'"
check "the bucket created by the run is gone" test -z "$(containers)"

# --- 2. a container made over Swift is a bucket too: PASS, nothing created ---------------
_os_call PUT "$swift/alpha" "$member_token" >/dev/null
"$scsctl" check scs --os-cloud member scs-0123-swift-s3 --output json >"$work/out/alpha.json" 2>"$work/out/alpha.err"
code=$?
check "alpha: exit 0, PASS" bash -c "test $code -eq 0 && jq -e '.testcases[0].result == \"PASS\"' '$work/out/alpha.json' >/dev/null"
check "alpha: no bucket created" bash -c "! grep -q 'created S3 bucket' '$work/out/alpha.json'"
check "alpha: the container stays" test "$(containers)" = "alpha "

# --- 3. a container S3 cannot list: FAIL with both lists; cleanup on FAIL ----------------
_os_call PUT "$swift/Swift_Only" "$member_token" >/dev/null
leftover2=$(seed_ec2 leftover-access-2 "$leftover_secret" TmpMandSvcTest)
"$scsctl" check scs --os-cloud member scs-0123-swift-s3 -v --junit "$work/out/fail.xml" \
    >"$work/out/fail.out" 2>"$work/out/fail.err"
code=$?
check "differ: exit 1 (a required testcase failed)" test $code -eq 1
check "differ: FAIL with both lists" bash -c "grep -qx 'scs-0123-swift-s3: FAIL' '$work/out/fail.out' &&
    grep -qx '  ERROR: S3 buckets and Swift containers differ:' '$work/out/fail.out' &&
    grep -qx \"  ERROR: S3: \['alpha'\]\" '$work/out/fail.out' &&
    grep -qx \"  ERROR: SW: \['Swift_Only', 'alpha'\]\" '$work/out/fail.out'"
check "differ: JUnit valid with one failure" bash -c \
    "xmllint --noout '$work/out/fail.xml' && test \$(grep -c '<failure' '$work/out/fail.xml') -eq 1"
credentials >"$work/out/creds-3"
check "differ: the second leftover is gone" bash -c "! grep -q '^$leftover2 ' '$work/out/creds-3'"
check "differ: only the operator's credential remains" test "$(cat "$work/out/creds-3")" = "$kept -"
check "differ: the containers are untouched" test "$(containers)" = "Swift_Only alpha "

# --- secrets ----------------------------------------------------------------------------
# The seeded secrets, the passwords and tokens nowhere; and no 32-hex-digit word (the form
# of the keys the run created) but the project and user ids.
written=$(find "$work/out" "$work/cwd" "$HOME" -type f ! -name secure.yaml ! -name clouds.yaml)
check "no seeded secret, password or token in any output or file" bash -c \
    "! grep -l -e '$leftover_secret' -e '$kept_secret' -e '$OS_FIXTURE_MEMBER_PASSWORD' -e gAAAA $(echo $written)"
check "no key of the run's credential in any output or file" bash -c \
    "! sed -e 's/$OS_MEMBER_PROJECT_ID//g' -e 's/$member_id//g' $(echo $written) | grep -E '(^|[^0-9a-f])[0-9a-f]{32}([^0-9a-f]|\$)'"

echo "scs_swift_s3_test: $passed passed, $failed failed ($(($(date +%s) - started)) s)"
[ "$failed" -eq 0 ]
