# shellcheck shell=bash
# The opt-in Swift of fixture.sh (OS_FIXTURE_SWIFT=1): a one-replica "Swift all in one"
# under DIR/swift (Debian 12's swift 2.30): rings built with swift-ring-builder, one device
# per ring that is a directory (mount_check = false; the object server needs user xattrs on
# its filesystem), account, container and object servers and the proxy each one process
# (workers = 0) on free loopback ports, run as root (user = root), recorded and stopped by
# pid like the other services. The proxy's pipeline has s3api + s3token (against the
# fixture's Keystone: /v3/s3tokens, called as the service user swift) + authtoken +
# keystoneauth (operator roles admin and member), so EC2 credentials of Keystone reach the project's account over S3. Swift reads
# /etc/swift/swift.conf (the hash path settings; the package installs it) whatever its
# swift_dir; rings and configurations stay under DIR. Sourced by fixture.sh.

os_swift_packages_missing() {
    local tool
    for tool in /usr/bin/swift-proxy-server /usr/bin/swift-account-server /usr/bin/swift-container-server \
        /usr/bin/swift-object-server /usr/bin/swift-ring-builder; do
        [ -x "$tool" ] || { echo "$tool"; return 0; }
    done
    [ -f /etc/swift/swift.conf ] || { echo /etc/swift/swift.conf; return 0; }
    return 1
}

# _os_swift_server NAME PORT: the configuration of a storage server (account, container, object).
_os_swift_server_conf() {
    local s=$OS_FIXTURE_DIR/swift
    printf '%s\n' '[DEFAULT]' 'bind_ip = 127.0.0.1' "bind_port = $2" 'workers = 0' 'user = root' \
        "swift_dir = $s" "devices = $s/node" 'mount_check = false' "log_name = swift-$1" \
        '[pipeline:main]' "pipeline = $1-server" "[app:$1-server]" "use = egg:swift#$1" >"$s/$1-server.conf"
}

_os_swift_proxy_conf() {
    local s=$OS_FIXTURE_DIR/swift filter
    {
        printf '%s\n' '[DEFAULT]' 'bind_ip = 127.0.0.1' "bind_port = $OS_SWIFT_PORT" 'workers = 0' 'user = root' \
            "swift_dir = $s" 'log_name = swift-proxy' '[pipeline:main]' \
            'pipeline = catch_errors gatekeeper healthcheck proxy-logging listing_formats authtoken s3api s3token keystoneauth copy slo dlo proxy-logging proxy-server' \
            '[app:proxy-server]' 'use = egg:swift#proxy' 'account_autocreate = true'
        for filter in catch_errors gatekeeper healthcheck listing_formats copy slo dlo; do
            printf '%s\n' "[filter:$filter]" "use = egg:swift#$filter"
        done
        printf '%s\n' '[filter:proxy-logging]' 'use = egg:swift#proxy_logging' '[filter:s3api]' 'use = egg:swift#s3api' \
            '[filter:s3token]' 'use = egg:swift#s3token' "auth_uri = http://127.0.0.1:$OS_KEYSTONE_PORT/v3"
        # Keystone (22.0.2-0+deb12u6 and later) lets only services and admins call /v3/s3tokens:
        # s3token logs in as the swift user (the same settings as authtoken's).
        _os_authtoken swift | tail -n +2
        printf '%s\n' '[filter:keystoneauth]' 'use = egg:swift#keystoneauth' 'operator_roles = admin, member'
        _os_authtoken swift | sed 's/^\[keystone_authtoken\]$/[filter:authtoken]/'
        printf '%s\n' 'paste.filter_factory = keystonemiddleware.auth_token:filter_factory' 'delay_auth_decision = True'
    } >"$s/proxy-server.conf"
}

# _os_swift_setup: rings and configurations (no process yet).
_os_swift_setup() {
    local s=$OS_FIXTURE_DIR/swift ring port
    mkdir -p "$s/node/d1"
    OS_SWIFT_ACCOUNT_PORT=$(_os_free_port) OS_SWIFT_CONTAINER_PORT=$(_os_free_port)
    OS_SWIFT_OBJECT_PORT=$(_os_free_port)
    for ring in account container object; do
        case $ring in
        account) port=$OS_SWIFT_ACCOUNT_PORT ;;
        container) port=$OS_SWIFT_CONTAINER_PORT ;;
        object) port=$OS_SWIFT_OBJECT_PORT ;;
        esac
        {
            swift-ring-builder "$s/$ring.builder" create 3 1 1 &&
                swift-ring-builder "$s/$ring.builder" add --region 1 --zone 1 --ip 127.0.0.1 --port "$port" \
                    --device d1 --weight 100 &&
                swift-ring-builder "$s/$ring.builder" rebalance
        } >>"$OS_FIXTURE_DIR/log/swift-ring-builder.log" 2>&1 || return 1
        _os_swift_server_conf "$ring" "$port"
    done
    _os_swift_proxy_conf
}

# _os_swift_start: the four servers (after Keystone knows the swift user).
_os_swift_start() {
    local s=$OS_FIXTURE_DIR/swift server
    for server in account container object proxy; do
        "swift-$server-server" "$s/$server-server.conf" -v >>"$s/$server.log" 2>&1 &
        _os_record "$OS_FIXTURE_DIR" "swift-$server" $!
    done
    _os_wait_http "http://127.0.0.1:$OS_SWIFT_ACCOUNT_PORT/" 60 || return 1
    _os_wait_http "http://127.0.0.1:$OS_SWIFT_CONTAINER_PORT/" 60 || return 1
    _os_wait_http "http://127.0.0.1:$OS_SWIFT_OBJECT_PORT/" 60 || return 1
    _os_wait_http "http://127.0.0.1:$OS_SWIFT_PORT/healthcheck" 60
}
