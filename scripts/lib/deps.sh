# Debian 12 packages scsctl needs, and a function that installs the missing ones
# non-interactively, saying what it installs. Sourced by scripts/test and scripts/demo.

# Building scsctl.
SCSCTL_BUILD_PACKAGES=(
    cmake ninja-build g++ pkg-config ccache
    libssh2-1-dev libyaml-cpp-dev libyaml-dev libcli11-dev libspdlog-dev nlohmann-json3-dev
    libcurl4-openssl-dev libvirt-dev librados-dev libsqlite3-dev libsodium-dev
    libssl-dev libpcre2-dev
)

# Running the test suites: Catch2, the Ansible reference for differential tests,
# python3 for the comparison scripts, GNU time for memory figures, groff for the man page,
# a real OpenSSH server and client plus sudo for the SSH suite (tests/ssh), and for the
# CI outputs (tests/integration/reports_test.sh): python3-jsonschema for the JSON Lines
# schema, xmllint (libxml2-utils) for JUnit XML, headless chromium for the HTML report,
# and a real etcd (etcd-server) for the etcd state backend (src/state/etcd_*_test.cpp,
# tests/integration/etcd_state_test.sh); jq for the JSON checks of the shell suites
# (validate_test, deploy_test, plugin_test, scs_flavor_test); and for the local lab
# (scsctl lab, tests/integration/lab_test.sh): mmdebstrap for the base image,
# systemd-nspawn (systemd-container), iproute2, iptables, ethtool, bc for timings; losetup
# (mount) for the lab's raw disks and the raw-disk checks of preflight_test, which also
# makes filesystems on loop devices (e2fsprogs).
SCSCTL_TEST_PACKAGES=(
    catch2 ansible-core python3 time groff-base
    sudo openssh-server openssh-client
    python3-jsonschema libxml2-utils chromium
    etcd-server jq
    mmdebstrap systemd-container iproute2 iptables ethtool bc mount e2fsprogs
    dpkg-dev
)

# A real OpenStack control plane for tests/support/openstack/fixture.sh (the OpenStack client
# suite, tests/integration/openstack_client_test.sh): PostgreSQL, Keystone, Glance, Nova API,
# Cinder API and Neutron API under uwsgi (Debian 12 ships OpenStack Zed), and the opt-in
# Swift with s3api of tests/integration/scs_swift_s3_test.sh (swift 2.30). Their postinsts
# would configure databases and register endpoints: preseed_openstack_debconf says no.
SCSCTL_OPENSTACK_TEST_PACKAGES=(
    postgresql python3-psycopg2 uwsgi-core uwsgi-plugin-python3 curl jq
    keystone glance-api nova-api cinder-api neutron-server
    swift-proxy swift-account swift-container swift-object
)
SCSCTL_TEST_PACKAGES+=("${SCSCTL_OPENSTACK_TEST_PACKAGES[@]}")

# preseed_openstack_debconf [SUDO...]: keeps the OpenStack packages' postinsts from asking
# for (or configuring) databases, admin projects and Keystone endpoints.
preseed_openstack_debconf() {
    printf '%s\n' 'keystone keystone/configure_db boolean false' \
        'keystone keystone/create-admin-tenant boolean false' 'keystone keystone/register-endpoint boolean false' \
        'glance-common glance/configure_db boolean false' 'glance-api glance/configure_db boolean false' \
        'glance-api glance/register-endpoint boolean false' 'nova-common nova/configure_db boolean false' \
        'nova-api nova/register-endpoint boolean false' 'cinder-common cinder/configure_db boolean false' \
        'cinder-api cinder/register-endpoint boolean false' 'neutron-common neutron/configure_db boolean false' \
        'neutron-server neutron/register-endpoint boolean false' | "$@" debconf-set-selections
}

# ensure_packages NAME...: installs the packages that are not installed yet.
ensure_packages() {
    local missing=()
    local pkg
    for pkg in "$@"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
            missing+=("$pkg")
        fi
    done
    if [ ${#missing[@]} -eq 0 ]; then
        return 0
    fi
    echo "scsctl: installing Debian packages: ${missing[*]}" >&2
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then
            sudo=(sudo -n)
        else
            echo "scsctl: error: need root (or sudo) to install: ${missing[*]}" >&2
            return 2
        fi
    fi
    export DEBIAN_FRONTEND=noninteractive
    # Packages such as openssh-server would start their daemon from the postinst; the
    # tests start their own servers, so keep package scripts from starting anything.
    local policy=/usr/sbin/policy-rc.d made_policy=0
    if [ ! -e "$policy" ]; then
        printf '#!/bin/sh\nexit 101\n' | "${sudo[@]}" tee "$policy" >/dev/null && "${sudo[@]}" chmod 755 "$policy" &&
            made_policy=1
    fi
    local status=0
    preseed_openstack_debconf "${sudo[@]}" || status=$?
    "${sudo[@]}" apt-get update -q >&2 || status=$?
    if [ $status -eq 0 ]; then
        "${sudo[@]}" apt-get install -y -q --no-install-recommends \
            -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold "${missing[@]}" >&2 || status=$?
    fi
    if [ $made_policy -eq 1 ]; then
        "${sudo[@]}" rm -f "$policy"
    fi
    return $status
}
