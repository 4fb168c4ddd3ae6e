#!/usr/bin/env bash
# The OpenStack client against real services: tests/support/openstack/fixture.sh starts
# PostgreSQL, Keystone, Glance, Nova API, Cinder API and Neutron API once; this suite seeds
# them over REST and checks `scsctl openstack catalog` (admin and member tokens, catalog,
# endpoints answering, clouds.yaml + secure.yaml + OS_* + flag precedence, application
# credentials, a wrong password, an unreachable Keystone) and, through the unit test
# binary's hidden [openstack_live] cases, the API session (Nova microversion 2.61
# extra_specs, Glance images, Cinder types, Neutron security groups, JSON bodies, a service
# missing from the catalog). Skips (77) when not root or the packages are missing.
# Usage: openstack_client_test.sh path/to/scsctl path/to/scsctl_unit_tests
set -u
scsctl=$(realpath "${1:?usage: openstack_client_test.sh path/to/scsctl path/to/scsctl_unit_tests}")
unit_tests=$(realpath "${2:?usage: openstack_client_test.sh path/to/scsctl path/to/scsctl_unit_tests}")
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# shellcheck source=../support/openstack/fixture.sh
. "$here/../support/openstack/fixture.sh"
if [ "$(id -u)" -ne 0 ]; then
    echo "openstack_client_test: SKIPPED: needs root (PostgreSQL runs as user postgres)"
    exit 77
fi
if missing=$(os_fixture_packages_missing); then
    echo "openstack_client_test: SKIPPED: $missing is missing (scripts/lib/deps.sh: SCSCTL_OPENSTACK_TEST_PACKAGES)"
    exit 77
fi
suite=openstack_client_test
# shellcheck source=tests/integration/lib/openstack_suite.sh
source "$here/lib/openstack_suite.sh"

started=$(date +%s.%N)
if ! os_fixture_start "$work/fixture"; then
    echo "openstack_client_test: the fixture did not start; its logs:" >&2
    tail -n 20 "$work"/fixture/log/*.log "$work"/fixture/*/*.log >&2 2>/dev/null
    exit 1
fi
ready=$(date +%s.%N)
. "$work/fixture/env"
echo "openstack_client_test: fixture ready in $(echo "$ready - $started" | bc) s; RSS $(ps -o rss= --ppid "$(cut -d' ' -f1 "$work/fixture/pids" | paste -sd,)" -p "$(cut -d' ' -f1 "$work/fixture/pids" | paste -sd,),$(cat "$work/fixture/postgres.pid")" | awk '{s+=$1} END {print int(s/1024)}') MiB (services, uwsgi workers, PostgreSQL postmaster)"
pg_rss=$(ps -o rss= --ppid "$(cat "$work/fixture/postgres.pid")" | awk '{s+=$1} END {print int(s/1024)}')
echo "openstack_client_test: PostgreSQL backends $pg_rss MiB more"

# A clean environment: no OS_* from the caller, a private home and working directory.
for v in $(env | sed -n 's/^\(OS_[A-Z_]*\)=.*/\1/p'); do unset "$v"; done
unset http_proxy https_proxy HTTP_PROXY HTTPS_PROXY
mkdir -p "$work/home" "$work/cwd"
export HOME="$work/home" NO_COLOR=1
unset XDG_CONFIG_HOME
cd "$work/cwd" || exit 1
clouds=$work/fixture/clouds.yaml

# Seeding over REST, as an SCS check would find a cloud.
admin_token=$(os_rest_token "$OS_AUTH_URL" admin "$OS_FIXTURE_ADMIN_PASSWORD" admin)
admin_project=$(os_rest_project_id "$OS_AUTH_URL" "$admin_token" admin)
seed_ok=1
os_seed_flavor "$admin_token" SCS-2V-4 2 4096 0 scs:cpu-type=shared-core scs:name-v2=SCS-2V-4 >/dev/null || seed_ok=0
os_seed_image "$admin_token" scs-test-image os_distro=debian >/dev/null || seed_ok=0
os_seed_volume_type "$admin_token" "$admin_project" scs-ssd "SSD volumes" volume_backend_name=ssd >/dev/null || seed_ok=0
group=$(os_seed_security_group "$admin_token" scs-web) || seed_ok=0
os_seed_security_group_rule "$admin_token" "$group" ingress tcp 22 22 0.0.0.0/0 >/dev/null || seed_ok=0
check "seeding over REST" test $seed_ok -eq 1

# --- openstack catalog: admin and member ------------------------------------------
OS_CLIENT_CONFIG_FILE=$clouds "$scsctl" openstack catalog --os-cloud admin --output json >"$work/admin.json" 2>"$work/admin.err"
check "admin catalog exits 0 (all endpoints answer)" test $? -eq 0
check "admin token: project admin, role admin" jqe '.project.name == "admin" and (.roles | index("admin")) and .cloud == "admin"' "$work/admin.json"
check "admin catalog: five services, three endpoints each, all answer" jqe \
    '([.services[].type] | sort) == ["compute","identity","image","network","volumev3"] and
     all(.services[]; (.endpoints | length) == 3) and all(.services[].endpoints[]; .answers and .status < 500) and .all_answer' \
    "$work/admin.json"
check "no password or token in the JSON" bash -c "! grep -q -e '$OS_FIXTURE_ADMIN_PASSWORD' -e gAAAA '$work/admin.json'"
OS_CLIENT_CONFIG_FILE=$clouds OS_PASSWORD=$OS_FIXTURE_ADMIN_PASSWORD "$scsctl" openstack catalog --os-cloud admin -v >"$work/verbose.out" 2>"$work/verbose.err"
check "-v shows where each setting came from, the password hidden" bash -c \
    "grep -q 'password=<hidden> (OS_PASSWORD)' '$work/verbose.err' && grep -q 'username=admin ($clouds:5:17)' '$work/verbose.err' &&
     ! grep -q -e '$OS_FIXTURE_ADMIN_PASSWORD' -e gAAAA '$work/verbose.err' '$work/verbose.out'"

OS_CLIENT_CONFIG_FILE=$clouds OS_CLOUD=member "$scsctl" openstack catalog >"$work/member.txt" 2>&1
check "member catalog (OS_CLOUD) exits 0" test $? -eq 0
check "member token: project demo, member role, no admin" bash -c \
    "grep -q '^project: demo ($OS_MEMBER_PROJECT_ID)' '$work/member.txt' && grep -q '^roles: .*member' '$work/member.txt' && ! grep -q '^roles: .*admin' '$work/member.txt'"
check "text lists each endpoint as answering" bash -c "test \$(grep -c 'answers (HTTP' '$work/member.txt') -eq 15"

# --- precedence: ./clouds.yaml + ~/.config/openstack/secure.yaml + OS_* + flags --------
cat >"$work/cwd/clouds.yaml" <<EOF
clouds:
  split:
    auth:
      auth_url: http://127.0.0.1:$OS_KEYSTONE_PORT
      username: demo
      project_name: admin
      user_domain_name: Default
      project_domain_name: Default
EOF
mkdir -p "$HOME/.config/openstack"
printf 'clouds:\n  split:\n    auth:\n      password: %s\n' "$OS_FIXTURE_MEMBER_PASSWORD" >"$HOME/.config/openstack/secure.yaml"
# demo has no role in admin: the file alone fails; OS_PROJECT_NAME=demo beats it.
"$scsctl" openstack catalog --os-cloud split >/dev/null 2>"$work/split.err"
check "file alone: demo is refused a token for project admin (exit 1)" test $? -eq 1
OS_PROJECT_NAME=demo "$scsctl" openstack catalog --os-cloud split --output json >"$work/split.json" 2>&1
check "OS_PROJECT_NAME beats clouds.yaml; password from secure.yaml" jqe '.project.name == "demo" and .clouds_file != null' "$work/split.json"
OS_PROJECT_NAME=demo "$scsctl" openstack catalog --os-cloud split --os-project-name admin >/dev/null 2>"$work/flag.err"
check "--os-project-name beats OS_PROJECT_NAME (refused again)" test $? -eq 1

# --- application credential (created over REST by the member himself) ----------------
member_token=$(os_rest_token "$OS_AUTH_URL" demo "$OS_FIXTURE_MEMBER_PASSWORD" demo)
member_id=$(_os_call GET "$OS_AUTH_URL/users?name=demo" "$admin_token" | jq -r '.users[0].id')
read -r ac_id ac_secret < <(os_rest_app_credential "$OS_AUTH_URL" "$member_token" "$member_id" scsctl-ci)
OS_AUTH_URL=$OS_AUTH_URL OS_AUTH_TYPE=v3applicationcredential OS_APPLICATION_CREDENTIAL_ID=$ac_id \
    OS_APPLICATION_CREDENTIAL_SECRET=$ac_secret "$scsctl" openstack catalog --output json >"$work/ac.json" 2>&1
check "application credential from OS_* logs in to project demo" jqe '.project.name == "demo" and .cloud == null' "$work/ac.json"
check "the secret is not printed" bash -c "! grep -q -- '$ac_secret' '$work/ac.json'"

# --- a wrong password: one line, exit 1, no password ---------------------------------
OS_CLIENT_CONFIG_FILE=$clouds OS_PASSWORD=wrong-pw-7f3a "$scsctl" openstack catalog --os-cloud admin >"$work/wrong.out" 2>"$work/wrong.err"
code=$?
check "wrong password exits 1" test $code -eq 1
check "wrong password: one line naming Keystone, the user and HTTP 401" bash -c \
    "test \$(wc -l <'$work/wrong.err') -eq 1 && grep -q \"scsctl: error: openstack catalog: Keystone at $OS_AUTH_URL refused the login of user 'admin' of cloud 'admin': .*(HTTP 401)\" '$work/wrong.err'"
check "wrong password: not echoed" bash -c "! grep -q wrong-pw-7f3a '$work/wrong.err' '$work/wrong.out'"

# --- unreachable Keystone: exit 3, one line --------------------------------------------
dead=$(_os_free_port)
OS_AUTH_URL=http://127.0.0.1:$dead/v3 OS_USERNAME=admin OS_PASSWORD=x OS_USER_DOMAIN_NAME=Default \
    OS_PROJECT_NAME=admin OS_PROJECT_DOMAIN_NAME=Default "$scsctl" openstack catalog 2>"$work/dead.err" >/dev/null
check "unreachable Keystone exits 3" test $? -eq 3
check "unreachable Keystone: connection refused, one line" bash -c \
    "test \$(wc -l <'$work/dead.err') -eq 1 && grep -q 'http://127.0.0.1:$dead: connection refused' '$work/dead.err'"

# --- a missing cloud and a malformed clouds.yaml: exit 2, located ----------------------
"$scsctl" openstack catalog --os-cloud nosuch 2>"$work/nosuch.err" >/dev/null
code=$?
check "missing cloud exits 2 and names the file read" bash -c \
    "test $code -eq 2 && grep -q \"cloud 'nosuch': not in $work/cwd/clouds.yaml or $HOME/.config/openstack/secure.yaml; clouds there: split\" '$work/nosuch.err'"
printf 'clouds:\n  split:\n    auth: [1]\n' >"$work/cwd/clouds.yaml"
"$scsctl" openstack catalog --os-cloud split 2>"$work/bad.err" >/dev/null
code=$?
check "malformed clouds.yaml exits 2 with file:line:col" bash -c \
    "test $code -eq 2 && grep -q \"$work/cwd/clouds.yaml:3:11: cloud 'split': 'auth' must be a mapping, not a list\" '$work/bad.err'"
rm -f "$work/cwd/clouds.yaml"

# --- the openstack-api health check (inventory variable openstack_cloud) --------------
mkdir -p "$work/inv"
cat >"$work/inv/hosts.yml" <<EOF
all:
  vars:
    openstack_cloud: member
  children:
    openstack_control:
      hosts:
        ctl1: {ansible_connection: local}
        ctl2: {ansible_connection: local}
EOF
OS_CLIENT_CONFIG_FILE=$clouds "$scsctl" health -i "$work/inv" --layers openstack --output json >"$work/health.json" 2>"$work/health.err"
code=$?
check "health --layers openstack passes (exit 0)" test $code -eq 0
check "openstack-api: one pass per control host, token and 15 endpoints" jqe \
    '[.layers[] | select(.name == "openstack") | .results[] | select(.check == "openstack-api")] as $r
     | ($r | length) == 2 and all($r[]; .status == "pass" and (.detail | test("token for project demo.*all 15 endpoints answer")))' \
    "$work/health.json"
sed -i 's/openstack_cloud: member/openstack_cloud: nosuch/' "$work/inv/hosts.yml"
OS_CLIENT_CONFIG_FILE=$clouds "$scsctl" health -i "$work/inv" --layers openstack --output json >"$work/health2.json" 2>/dev/null
code=$?
check "openstack-api with an unknown cloud: error, exit 1" bash -c "test $code -eq 1 && jq -e \
    '[.layers[].results[] | select(.check == \"openstack-api\")] | all(.status == \"error\" and (.detail | test(\"cloud .nosuch.\")))' '$work/health2.json' >/dev/null"

sed -i '/openstack_cloud:/d' "$work/inv/hosts.yml"
OS_CLIENT_CONFIG_FILE=$clouds "$scsctl" health -i "$work/inv" --layers openstack --output json >"$work/health3.json" 2>/dev/null
code=$?
check "without openstack_cloud the APIs are not checked (reachable only, exit 0)" bash -c "test $code -eq 0 && jq -e \
    '[.layers[] | select(.name == \"openstack\") | .results[].check] | unique == [\"reachable\"]' '$work/health3.json' >/dev/null"

# --- the API session through the unit test binary ---------------------------------------
OS_CLIENT_CONFIG_FILE=$clouds "$unit_tests" '[openstack_live]' >"$work/live.out" 2>&1
code=$?
check "API session against the real services ([openstack_live])" test $code -eq 0
[ $code -eq 0 ] || tail -n 40 "$work/live.out" >&2

echo "openstack_client_test: $passed passed, $failed failed ($(echo "$(date +%s.%N) - $started" | bc | cut -d. -f1) s)"
[ "$failed" -eq 0 ]
