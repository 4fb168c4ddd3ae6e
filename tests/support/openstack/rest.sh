# shellcheck shell=bash
# REST helpers for seeding a real OpenStack (the fixture of fixture.sh, or any cloud):
# Keystone projects, users, role assignments, services with endpoints, application
# credentials; Nova flavors with extra_specs, Glance images with properties, Cinder volume
# types with descriptions and extra_specs, Neutron security groups and rules. curl + jq,
# no `openstack` CLI (2.7 s per call). Each prints the new object's id; errors go to
# stderr with the HTTP status, and return 1. Service URLs come from the fixture's env
# (OS_NOVA_PORT, …) via os_rest_url.

# _os_call METHOD URL TOKEN [JSON] [EXTRA-HEADER]: the body on stdout; fails on HTTP >= 400.
_os_call() {
    local method=$1 url=$2 token=$3 body=${4:-} extra=${5:-} out code
    out=$(mktemp)
    # The token and the body (passwords) reach curl through file descriptors, never argv.
    local args=(-s -o "$out" -w '%{http_code}' -X "$method" -H 'Accept: application/json' --max-time 60)
    [ -n "$extra" ] && args+=(-H "$extra")
    [ -n "$body" ] && args+=(-H 'Content-Type: application/json' --data-binary @-)
    code=$(printf '%s' "$body" | curl "${args[@]}" -H @<(printf 'X-Auth-Token: %s\n' "$token") "$url")
    if [ "${code:-0}" -ge 400 ] || [ "${code:-0}" -eq 0 ]; then
        echo "os_rest: $method $url: HTTP $code: $(head -c 300 "$out")" >&2
        rm -f "$out"
        return 1
    fi
    cat "$out"
    rm -f "$out"
}

# _os_specs KEY=VALUE...: a JSON object of the pairs.
_os_specs() {
    local pair json='{}'
    for pair in "$@"; do
        json=$(jq -c --arg k "${pair%%=*}" --arg v "${pair#*=}" '. + {($k): $v}' <<<"$json")
    done
    echo "$json"
}

# os_rest_url SERVICE: the fixture's base URL of identity, image, compute, volumev3, network,
# object-store.
os_rest_url() {
    case $1 in
    identity) echo "http://127.0.0.1:$OS_KEYSTONE_PORT/v3" ;;
    image) echo "http://127.0.0.1:$OS_GLANCE_PORT" ;;
    compute) echo "http://127.0.0.1:$OS_NOVA_PORT/v2.1" ;;
    volumev3) echo "http://127.0.0.1:$OS_CINDER_PORT/v3" ;;
    network) echo "http://127.0.0.1:$OS_NEUTRON_PORT/v2.0" ;;
    object-store) echo "http://127.0.0.1:$OS_SWIFT_PORT/v1" ;; # + /AUTH_<project id>
    *) echo "os_rest_url: unknown service $1" >&2; return 1 ;;
    esac
}

# os_rest_token AUTH_URL USER PASSWORD PROJECT: a project-scoped token (domain Default).
os_rest_token() {
    local body
    body=$(jq -nc --arg u "$2" --arg p "$3" --arg pr "$4" '{auth: {identity: {methods: ["password"],
        password: {user: {name: $u, domain: {id: "default"}, password: $p}}},
        scope: {project: {name: $pr, domain: {id: "default"}}}}}')
    printf '%s' "$body" | curl -s -D - -o /dev/null --max-time 60 -H 'Content-Type: application/json' --data-binary @- "$1/auth/tokens" |
        awk -F': ' 'tolower($1)=="x-subject-token"{print $2}' | tr -d '\r' | grep . || {
        echo "os_rest: no token for $2 at $1" >&2
        return 1
    }
}

os_rest_create_project() { # AUTH_URL TOKEN NAME
    _os_call POST "$1/projects" "$2" "$(jq -nc --arg n "$3" '{project: {name: $n, domain_id: "default"}}')" | jq -re .project.id
}
os_rest_project_id() { # AUTH_URL TOKEN NAME
    _os_call GET "$1/projects?name=$3" "$2" | jq -re '.projects[0].id'
}
os_rest_role_id() { # AUTH_URL TOKEN NAME
    _os_call GET "$1/roles?name=$3" "$2" | jq -re '.roles[0].id'
}
os_rest_create_user() { # AUTH_URL TOKEN NAME PASSWORD
    _os_call POST "$1/users" "$2" "$(jq -nc --arg n "$3" --arg p "$4" '{user: {name: $n, password: $p, domain_id: "default"}}')" |
        jq -re .user.id
}
os_rest_grant() { # AUTH_URL TOKEN PROJECT_ID USER_ID ROLE_ID
    _os_call PUT "$1/projects/$3/users/$4/roles/$5" "$2" >/dev/null
}
# os_rest_create_service AUTH_URL TOKEN NAME TYPE URL: the service and its public,
# internal and admin endpoints in RegionOne.
os_rest_create_service() {
    local id interface
    id=$(_os_call POST "$1/services" "$2" "$(jq -nc --arg n "$3" --arg t "$4" '{service: {name: $n, type: $t}}')" |
        jq -re .service.id) || return 1
    for interface in public internal admin; do
        _os_call POST "$1/endpoints" "$2" "$(jq -nc --arg s "$id" --arg i "$interface" --arg u "$5" \
            '{endpoint: {service_id: $s, interface: $i, url: $u, region_id: "RegionOne"}}')" >/dev/null || return 1
    done
    echo "$id"
}
# os_rest_app_credential AUTH_URL TOKEN USER_ID NAME: prints "ID SECRET" (the token must
# be the user's own).
os_rest_app_credential() {
    _os_call POST "$1/users/$3/application_credentials" "$2" \
        "$(jq -nc --arg n "$4" '{application_credential: {name: $n}}')" |
        jq -re '.application_credential | "\(.id) \(.secret)"'
}

# os_seed_flavor TOKEN NAME VCPUS RAM_MB DISK_GB [KEY=VALUE...]: a public flavor with extra_specs.
os_seed_flavor() {
    local token=$1 name=$2 vcpus=$3 ram=$4 disk=$5 id
    shift 5
    id=$(_os_call POST "$(os_rest_url compute)/flavors" "$token" "$(jq -nc --arg n "$name" --argjson c "$vcpus" \
        --argjson r "$ram" --argjson d "$disk" '{flavor: {name: $n, vcpus: $c, ram: $r, disk: $d}}')" |
        jq -re .flavor.id) || return 1
    if [ $# -gt 0 ]; then
        _os_call POST "$(os_rest_url compute)/flavors/$id/os-extra_specs" "$token" \
            "{\"extra_specs\": $(_os_specs "$@")}" >/dev/null || return 1
    fi
    echo "$id"
}

# os_seed_image TOKEN NAME [KEY=VALUE...]: a public image record (queued, no data) with properties.
os_seed_image() {
    local token=$1 name=$2
    shift 2
    _os_call POST "$(os_rest_url image)/v2/images" "$token" "$(_os_specs "$@" | jq -c --arg n "$name" \
        '. + {name: $n, disk_format: "raw", container_format: "bare", visibility: "public"}')" | jq -re .id
}

# os_seed_volume_type TOKEN PROJECT_ID NAME DESCRIPTION [KEY=VALUE...]: a public volume type.
os_seed_volume_type() {
    local token=$1 project=$2 name=$3 description=$4
    shift 4
    _os_call POST "$(os_rest_url volumev3)/$project/types" "$token" "$(jq -nc --arg n "$name" --arg d "$description" \
        --argjson s "$(_os_specs "$@")" '{volume_type: {name: $n, description: $d, "os-volume-type-access:is_public": true, extra_specs: $s}}')" |
        jq -re .volume_type.id
}

# os_seed_security_group TOKEN NAME: a security group of the token's project.
os_seed_security_group() {
    _os_call POST "$(os_rest_url network)/security-groups" "$1" \
        "$(jq -nc --arg n "$2" '{security_group: {name: $n}}')" | jq -re .security_group.id
}

# os_seed_security_group_rule TOKEN GROUP_ID DIRECTION PROTOCOL PORT_MIN PORT_MAX REMOTE_PREFIX
# (empty PROTOCOL/ports/prefix: any).
os_seed_security_group_rule() {
    local rule
    rule=$(jq -nc --arg g "$2" --arg d "$3" --arg p "$4" --arg lo "$5" --arg hi "$6" --arg r "$7" \
        '{security_group_id: $g, direction: $d, ethertype: "IPv4"}
         + (if $p == "" then {} else {protocol: $p} end)
         + (if $lo == "" then {} else {port_range_min: ($lo|tonumber), port_range_max: ($hi|tonumber)} end)
         + (if $r == "" then {} else {remote_ip_prefix: $r} end)')
    _os_call POST "$(os_rest_url network)/security-group-rules" "$1" "{\"security_group_rule\": $rule}" |
        jq -re .security_group_rule.id
}
