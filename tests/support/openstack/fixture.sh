# shellcheck shell=bash
# A real OpenStack control plane for test suites (REAL-COMPONENTS.md §6 and §9): a private
# PostgreSQL cluster, Keystone, Glance, Nova API, Cinder API and Neutron API (uwsgi, one
# process each, transport_url fake://), everything under one directory, on free loopback
# ports, stopped by pid. Source it, then:
#   os_fixture_start DIR   # DIR/clouds.yaml (clouds admin, member), DIR/env (ports, names)
#   os_fixture_stop DIR    # TERM (5 s) then KILL every recorded pid, PostgreSQL last
# Opt-ins, read by os_fixture_start and os_fixture_packages_missing:
#   OS_FIXTURE_APIS="glance nova cinder neutron"  the API services besides Keystone (the
#                  default; "" for Keystone alone, which saves most of the start time)
#   OS_FIXTURE_SWIFT=1   also Swift with s3api (swift.sh beside this file), in the catalog as
#                  object-store http://127.0.0.1:OS_SWIFT_PORT/v1/AUTH_%(project_id)s
# Call os_fixture_stop from an EXIT trap. Needs root (PostgreSQL runs as user postgres)
# and the Debian packages of scripts/lib/deps.sh (SCSCTL_OPENSTACK_TEST_PACKAGES).
# Seeding helpers (REST through curl, no `openstack` CLI): see rest.sh beside this file.

OS_FIXTURE_LIB=$(dirname "${BASH_SOURCE[0]}")
# shellcheck source=rest.sh
. "$OS_FIXTURE_LIB/rest.sh"
# shellcheck source=swift.sh
. "$OS_FIXTURE_LIB/swift.sh"

OS_FIXTURE_ADMIN_PASSWORD=fixture-admin-pw
OS_FIXTURE_MEMBER_PASSWORD=fixture-member-pw
OS_FIXTURE_SERVICE_PASSWORD=fixture-service-pw

# _os_apis: the API services to start (OS_FIXTURE_APIS, default all four).
_os_apis() { echo "${OS_FIXTURE_APIS-glance nova cinder neutron}"; }
_os_wants() { case " $(_os_apis) " in *" $1 "*) return 0 ;; *) return 1 ;; esac; }

os_fixture_packages_missing() {
    local tool tools=(/usr/lib/postgresql/15/bin/initdb /usr/bin/keystone-manage /usr/bin/uwsgi_python3 /usr/bin/curl /usr/bin/jq)
    _os_wants glance && tools+=(/usr/bin/glance-api)
    _os_wants nova && tools+=(/usr/bin/nova-api-wsgi)
    _os_wants cinder && tools+=(/usr/bin/cinder-wsgi)
    _os_wants neutron && tools+=(/usr/bin/neutron-api)
    for tool in "${tools[@]}"; do
        [ -x "$tool" ] || { echo "$tool"; return 0; }
    done
    /usr/bin/python3 -c 'import psycopg2' 2>/dev/null || { echo python3-psycopg2; return 0; }
    [ "${OS_FIXTURE_SWIFT:-0}" = 1 ] && os_swift_packages_missing && return 0
    return 1
}

_os_free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# _os_record DIR NAME PID: remembers a pid to stop.
_os_record() { echo "$3 $2" >>"$1/pids"; }

_os_wait_http() { # URL SECONDS
    for _ in $(seq $(($2 * 5))); do
        curl -s -o /dev/null --max-time 2 "$1" && return 0
        sleep 0.2
    done
    echo "os_fixture: $1 did not answer in $2 s" >&2
    return 1
}

_os_authtoken() { # DIR USER → [keystone_authtoken] block
    printf '%s\n' '[keystone_authtoken]' "www_authenticate_uri = http://127.0.0.1:$OS_KEYSTONE_PORT" \
        "auth_url = http://127.0.0.1:$OS_KEYSTONE_PORT" 'auth_type = password' 'project_domain_name = Default' \
        'user_domain_name = Default' 'project_name = service' "username = $1" \
        "password = $OS_FIXTURE_SERVICE_PASSWORD" 'service_token_roles_required = true'
}

_os_uwsgi() { # DIR NAME PORT WSGI-FILE EXTRA...
    local dir=$1 name=$2 port=$3 file=$4
    shift 4
    uwsgi_python3 --http-socket "127.0.0.1:$port" --wsgi-file "$file" --master --processes 1 --threads 1 \
        --add-header 'Connection: close' --die-on-term --lazy-apps --buffer-size 65535 \
        --pidfile "$dir/uwsgi.pid" --logto "$dir/uwsgi.log" "$@" >>"$dir/uwsgi.log" 2>&1 &
    _os_record "$OS_FIXTURE_DIR" "$name" $!
}

_os_postgres() {
    local pg=$OS_FIXTURE_DIR/pg bin=/usr/lib/postgresql/15/bin db
    mkdir -p "$pg" && chown postgres: "$pg"
    su postgres -s /bin/sh -c "$bin/initdb -D $pg/data -A trust -U postgres" >"$OS_FIXTURE_DIR/log/initdb.log" 2>&1 || return 1
    su postgres -s /bin/sh -c "$bin/pg_ctl -D $pg/data -o '-c listen_addresses=127.0.0.1 -p $OS_PG_PORT -k $pg -c fsync=off -c synchronous_commit=off -c full_page_writes=off' -l $pg/log -w start" \
        >"$OS_FIXTURE_DIR/log/pg_ctl.log" 2>&1 || return 1
    head -1 "$pg/data/postmaster.pid" >"$OS_FIXTURE_DIR/postgres.pid"
    for db in keystone glance nova_api nova nova_cell0 cinder neutron; do
        psql -h 127.0.0.1 -p "$OS_PG_PORT" -U postgres -qc "create database $db" || return 1
    done
}

_os_db() { echo "postgresql+psycopg2://postgres@127.0.0.1:$OS_PG_PORT/$1"; }

_os_keystone_setup() {
    local k=$OS_FIXTURE_DIR/keystone
    mkdir -p "$k"
    printf '%s\n' '[DEFAULT]' "log_dir = $k" 'log_file = keystone.log' '[database]' "connection = $(_os_db keystone)" \
        '[token]' 'provider = fernet' '[fernet_tokens]' "key_repository = $k/fernet-keys" '[fernet_receipts]' \
        "key_repository = $k/fernet-keys" '[credential]' "key_repository = $k/credential-keys" '[catalog]' \
        'driver = sql' >"$k/keystone.conf"
    local km="keystone-manage --config-file $k/keystone.conf" u="http://127.0.0.1:$OS_KEYSTONE_PORT/v3/"
    {
        $km db_sync && $km fernet_setup --keystone-user root --keystone-group root &&
            $km credential_setup --keystone-user root --keystone-group root &&
            OS_BOOTSTRAP_PASSWORD=$OS_FIXTURE_ADMIN_PASSWORD $km bootstrap --bootstrap-admin-url "$u" \
                --bootstrap-internal-url "$u" --bootstrap-public-url "$u" --bootstrap-region-id RegionOne
    } >"$OS_FIXTURE_DIR/log/keystone-manage.log" 2>&1 || return 1
    _os_uwsgi "$k" keystone "$OS_KEYSTONE_PORT" /usr/bin/keystone-wsgi-public --env "OS_KEYSTONE_CONFIG_DIR=$k"
}

_os_glance_setup() {
    local g=$OS_FIXTURE_DIR/glance
    mkdir -p "$g/images" "$g/staging" "$g/tasks"
    cp /etc/glance/glance-api-paste.ini "$g/"
    {
        printf '%s\n' '[DEFAULT]' 'bind_host = 127.0.0.1' "bind_port = $OS_GLANCE_PORT" 'workers = 1' \
            "log_file = $g/glance-api.log" 'enabled_backends = fs:file' '[glance_store]' 'default_backend = fs' \
            '[fs]' "filesystem_store_datadir = $g/images" '[os_glance_staging_store]' \
            "filesystem_store_datadir = $g/staging" '[os_glance_tasks_store]' "filesystem_store_datadir = $g/tasks" \
            '[paste_deploy]' 'flavor = keystone' "config_file = $g/glance-api-paste.ini" '[database]' \
            "connection = $(_os_db glance)" '[oslo_concurrency]' "lock_path = $g"
        _os_authtoken glance
    } >"$g/glance-api.conf"
    glance-manage --config-file "$g/glance-api.conf" db_sync >"$OS_FIXTURE_DIR/log/glance-manage.log" 2>&1
}

_os_nova_setup() {
    local n=$OS_FIXTURE_DIR/nova
    mkdir -p "$n"
    cp /etc/nova/api-paste.ini "$n/"
    {
        printf '%s\n' '[DEFAULT]' "log_dir = $n" "state_path = $n" 'transport_url = fake://' '[api]' \
            'auth_strategy = keystone' '[api_database]' "connection = $(_os_db nova_api)" '[database]' \
            "connection = $(_os_db nova)" '[oslo_concurrency]' "lock_path = $n" '[wsgi]' \
            "api_paste_config = $n/api-paste.ini"
        _os_authtoken nova
    } >"$n/nova.conf"
    {
        nova-manage --config-file "$n/nova.conf" api_db sync &&
            nova-manage --config-file "$n/nova.conf" cell_v2 map_cell0 --database_connection "$(_os_db nova_cell0)" &&
            nova-manage --config-file "$n/nova.conf" db sync
    } >"$OS_FIXTURE_DIR/log/nova-manage.log" 2>&1
}

_os_cinder_setup() {
    local c=$OS_FIXTURE_DIR/cinder
    mkdir -p "$c"
    cp /etc/cinder/api-paste.ini "$c/"
    {
        printf '%s\n' '[DEFAULT]' "log_dir = $c" "state_path = $c" 'transport_url = fake://' 'auth_strategy = keystone' \
            "api_paste_config = $c/api-paste.ini" '[database]' "connection = $(_os_db cinder)" '[oslo_concurrency]' \
            "lock_path = $c"
        _os_authtoken cinder
    } >"$c/cinder.conf"
    cinder-manage --config-file "$c/cinder.conf" db sync >"$OS_FIXTURE_DIR/log/cinder-manage.log" 2>&1
}

_os_neutron_setup() {
    local q=$OS_FIXTURE_DIR/neutron
    mkdir -p "$q"
    cp /etc/neutron/api-paste.ini "$q/"
    {
        printf '%s\n' '[DEFAULT]' "log_dir = $q" "state_path = $q" 'transport_url = fake://' 'core_plugin = ml2' \
            'service_plugins =' 'auth_strategy = keystone' "api_paste_config = $q/api-paste.ini" '[database]' \
            "connection = $(_os_db neutron)" '[oslo_concurrency]' "lock_path = $q" '[agent]' 'root_helper =' 
        _os_authtoken neutron
    } >"$q/neutron.conf"
    printf '%s\n' '[ml2]' 'type_drivers = flat' 'tenant_network_types =' 'mechanism_drivers = openvswitch' \
        'extension_drivers = port_security' '[ml2_type_flat]' 'flat_networks = *' >"$q/ml2_conf.ini"
    neutron-db-manage --config-file "$q/neutron.conf" --config-file "$q/ml2_conf.ini" upgrade heads \
        >"$OS_FIXTURE_DIR/log/neutron-db-manage.log" 2>&1
}

# Keystone registrations: the service project and users, services and endpoints, and the
# member project with its member-only user.
_os_register() {
    local tok service admin_role member_role svc
    tok=$(os_rest_token "$OS_AUTH_URL" admin "$OS_FIXTURE_ADMIN_PASSWORD" admin) || return 1
    service=$(os_rest_create_project "$OS_AUTH_URL" "$tok" service) || return 1
    admin_role=$(os_rest_role_id "$OS_AUTH_URL" "$tok" admin) || return 1
    member_role=$(os_rest_role_id "$OS_AUTH_URL" "$tok" member) || return 1
    local services=()
    _os_wants glance && services+=(glance:image:$OS_GLANCE_PORT:)
    _os_wants nova && services+=(nova:compute:$OS_NOVA_PORT:/v2.1)
    _os_wants cinder && services+=(cinder:volumev3:$OS_CINDER_PORT:'/v3/$(project_id)s')
    _os_wants neutron && services+=(neutron:network:$OS_NEUTRON_PORT:)
    [ "${OS_FIXTURE_SWIFT:-0}" = 1 ] && services+=(swift:object-store:$OS_SWIFT_PORT:'/v1/AUTH_%(project_id)s')
    for svc in "${services[@]}"; do
        IFS=: read -r name type port path <<<"$svc"
        local user
        user=$(os_rest_create_user "$OS_AUTH_URL" "$tok" "$name" "$OS_FIXTURE_SERVICE_PASSWORD") || return 1
        os_rest_grant "$OS_AUTH_URL" "$tok" "$service" "$user" "$admin_role" || return 1
        os_rest_create_service "$OS_AUTH_URL" "$tok" "$name" "$type" "http://127.0.0.1:$port$path" >/dev/null || return 1
    done
    OS_MEMBER_PROJECT_ID=$(os_rest_create_project "$OS_AUTH_URL" "$tok" demo) || return 1
    local member
    member=$(os_rest_create_user "$OS_AUTH_URL" "$tok" demo "$OS_FIXTURE_MEMBER_PASSWORD") || return 1
    os_rest_grant "$OS_AUTH_URL" "$tok" "$OS_MEMBER_PROJECT_ID" "$member" "$member_role" || return 1
}

_os_write_outputs() {
    local d=$OS_FIXTURE_DIR
    cat >"$d/clouds.yaml" <<EOF
clouds:
  admin:
    auth:
      auth_url: http://127.0.0.1:$OS_KEYSTONE_PORT
      username: admin
      password: $OS_FIXTURE_ADMIN_PASSWORD
      project_name: admin
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
    interface: public
  member:
    auth:
      auth_url: http://127.0.0.1:$OS_KEYSTONE_PORT
      username: demo
      password: $OS_FIXTURE_MEMBER_PASSWORD
      project_name: demo
      user_domain_name: Default
      project_domain_name: Default
    region_name: RegionOne
EOF
    chmod 600 "$d/clouds.yaml"
    printf '%s\n' "OS_FIXTURE_DIR=$d" "OS_PG_PORT=$OS_PG_PORT" "OS_KEYSTONE_PORT=$OS_KEYSTONE_PORT" \
        "OS_GLANCE_PORT=$OS_GLANCE_PORT" "OS_NOVA_PORT=$OS_NOVA_PORT" "OS_CINDER_PORT=$OS_CINDER_PORT" \
        "OS_NEUTRON_PORT=$OS_NEUTRON_PORT" "OS_SWIFT_PORT=${OS_SWIFT_PORT:-}" "OS_AUTH_URL=$OS_AUTH_URL" "OS_MEMBER_PROJECT_ID=$OS_MEMBER_PROJECT_ID" \
        "OS_FIXTURE_ADMIN_PASSWORD=$OS_FIXTURE_ADMIN_PASSWORD" "OS_FIXTURE_MEMBER_PASSWORD=$OS_FIXTURE_MEMBER_PASSWORD" \
        >"$d/env"
}

# os_fixture_start DIR: starts everything; 0 when all APIs answer, else 1 (logs in DIR/log;
# what did start is recorded, so os_fixture_stop still cleans up). Files are created
# private (umask 077): the configurations hold the service password.
os_fixture_start() {
    local old_umask status
    old_umask=$(umask)
    umask 077
    _os_fixture_start "$@"
    status=$?
    umask "$old_umask"
    return $status
}

_os_fixture_start() {
    OS_FIXTURE_DIR=$(realpath -m "${1:?os_fixture_start DIR}")
    export PATH=/usr/sbin:/usr/bin:/sbin:/bin
    mkdir -p "$OS_FIXTURE_DIR/log" && chmod 755 "$OS_FIXTURE_DIR" && : >"$OS_FIXTURE_DIR/pids"
    local missing
    if missing=$(os_fixture_packages_missing); then
        echo "os_fixture: missing $missing (scripts/lib/deps.sh: SCSCTL_OPENSTACK_TEST_PACKAGES)" >&2
        return 1
    fi
    OS_PG_PORT=$(_os_free_port) OS_KEYSTONE_PORT=$(_os_free_port) OS_GLANCE_PORT=$(_os_free_port)
    OS_NOVA_PORT=$(_os_free_port) OS_CINDER_PORT=$(_os_free_port) OS_NEUTRON_PORT=$(_os_free_port)
    OS_SWIFT_PORT=
    [ "${OS_FIXTURE_SWIFT:-0}" = 1 ] && OS_SWIFT_PORT=$(_os_free_port)
    OS_AUTH_URL=http://127.0.0.1:$OS_KEYSTONE_PORT/v3
    _os_postgres || { echo "os_fixture: PostgreSQL did not start (see $OS_FIXTURE_DIR/log)" >&2; return 1; }
    # The schema migrations are independent: run them side by side with Keystone's.
    local jobs=() job status=0
    _os_keystone_setup & jobs+=($!)
    _os_wants glance && { _os_glance_setup & jobs+=($!); }
    _os_wants nova && { _os_nova_setup & jobs+=($!); }
    _os_wants cinder && { _os_cinder_setup & jobs+=($!); }
    _os_wants neutron && { _os_neutron_setup & jobs+=($!); }
    if [ "${OS_FIXTURE_SWIFT:-0}" = 1 ]; then
        # In this shell: it sets the storage servers' ports.
        _os_swift_setup || { echo "os_fixture: Swift rings did not build (see $OS_FIXTURE_DIR/log)" >&2; status=1; }
    fi
    for job in "${jobs[@]}"; do wait "$job" || status=1; done
    [ $status -eq 0 ] || { echo "os_fixture: a database migration failed (see $OS_FIXTURE_DIR/log)" >&2; return 1; }
    # Keystone's uwsgi was started (and its pid recorded) by the migration job above.
    _os_wait_http "${OS_AUTH_URL}" 90 || return 1
    _os_register || { echo "os_fixture: Keystone registrations failed" >&2; return 1; }
    local d=$OS_FIXTURE_DIR
    if _os_wants glance; then
        glance-api --config-file "$d/glance/glance-api.conf" >>"$d/glance/glance-api.out" 2>&1 &
        _os_record "$d" glance $!
    fi
    _os_wants nova && _os_uwsgi "$d/nova" nova "$OS_NOVA_PORT" /usr/bin/nova-api-wsgi --env "OS_NOVA_CONFIG_DIR=$d/nova"
    _os_wants cinder &&
        _os_uwsgi "$d/cinder" cinder "$OS_CINDER_PORT" /usr/bin/cinder-wsgi --pyargv "--config-file $d/cinder/cinder.conf"
    _os_wants neutron && _os_uwsgi "$d/neutron" neutron "$OS_NEUTRON_PORT" /usr/bin/neutron-api \
        --env "OS_NEUTRON_CONFIG_DIR=$d/neutron" --env "OS_NEUTRON_CONFIG_FILES=neutron.conf;ml2_conf.ini"
    if [ "${OS_FIXTURE_SWIFT:-0}" = 1 ]; then
        _os_swift_start || { echo "os_fixture: Swift did not start (see $d/swift/*.log)" >&2; return 1; }
    fi
    if _os_wants glance; then _os_wait_http "http://127.0.0.1:$OS_GLANCE_PORT/" 90 || return 1; fi
    if _os_wants nova; then _os_wait_http "http://127.0.0.1:$OS_NOVA_PORT/" 90 || return 1; fi
    if _os_wants cinder; then _os_wait_http "http://127.0.0.1:$OS_CINDER_PORT/" 90 || return 1; fi
    if _os_wants neutron; then _os_wait_http "http://127.0.0.1:$OS_NEUTRON_PORT/" 90 || return 1; fi
    _os_write_outputs
}

# _os_stop_pids PID...: TERM to all at once, up to 5 s for them to end, then KILL.
_os_stop_pids() {
    local pid alive
    for pid in "$@"; do kill -TERM "$pid" 2>/dev/null; done
    for _ in $(seq 50); do
        alive=0
        for pid in "$@"; do kill -0 "$pid" 2>/dev/null && alive=1; done
        [ $alive -eq 0 ] && return 0
        sleep 0.1
    done
    for pid in "$@"; do kill -KILL "$pid" 2>/dev/null; done
    return 0
}

# os_fixture_stop DIR: stops what os_fixture_start recorded (services, then PostgreSQL)
# and removes DIR.
os_fixture_stop() {
    local dir pids=() pid name
    dir=$(realpath -m "${1:?os_fixture_stop DIR}")
    if [ -f "$dir/pids" ]; then
        while read -r pid name; do
            # uwsgi masters end with their workers on TERM (--die-on-term).
            [ -n "$pid" ] && pids+=("$pid")
        done <"$dir/pids"
    fi
    [ ${#pids[@]} -gt 0 ] && _os_stop_pids "${pids[@]}"
    if [ -f "$dir/pg/data/postmaster.pid" ]; then
        su postgres -s /bin/sh -c "/usr/lib/postgresql/15/bin/pg_ctl -D $dir/pg/data -m immediate -w stop" >/dev/null 2>&1 ||
            _os_stop_pids "$(head -1 "$dir/pg/data/postmaster.pid")"
    fi
    # A test interrupted while os_fixture_start ran may leave a migration or a service
    # not yet recorded: every process whose arguments name a file under DIR is ours.
    local leftovers=() file
    for file in /proc/[0-9]*/cmdline; do
        pid=${file#/proc/}
        pid=${pid%/cmdline}
        [ "$pid" = "$$" ] && continue
        { tr '\0' ' ' <"$file"; } 2>/dev/null | grep -qF -- "$dir/" && leftovers+=("$pid")
    done
    [ ${#leftovers[@]} -gt 0 ] && _os_stop_pids "${leftovers[@]}"
    rm -rf "$dir"
}
