// The registry table. Later layers add their rows here; names follow kolla-ansible's
// passwords.yml where one exists, so that operators recognise them.
#include "secrets/secret_registry.hpp"

#include <algorithm>

namespace scsctl::secrets {

namespace {

constexpr SecretDecl k_secrets[] = {
    {"ceph_cluster_fsid", SecretKind::uuid, 0, "ceph", "the Ceph cluster's fsid"},
    {"ceph_client_admin_key", SecretKind::ceph_key, 16, "ceph", "cephx key of client.admin"},
    {"ceph_mon_key", SecretKind::ceph_key, 16, "ceph", "cephx key of the monitors (mon.)"},
    {"database_password", SecretKind::password, 32, "openstack", "MariaDB root password"},
    {"rabbitmq_password", SecretKind::password, 32, "openstack", "RabbitMQ password of the openstack user"},
    {"keystone_admin_password", SecretKind::password, 32, "openstack", "password of Keystone's admin user"},
    {"keystone_credential_fernet_key", SecretKind::fernet_key, 32, "openstack", "Keystone credential encryption key"},
    {"horizon_secret_key", SecretKind::hex_key, 32, "openstack", "Django SECRET_KEY of Horizon"},
    {"nova_ssh_key", SecretKind::ssh_ed25519, 0, "openstack", "key pair nova-compute uses for migrations"},
    {"keycloak_admin_password", SecretKind::password, 32, "keycloak", "password of Keycloak's admin user"},
};

} // namespace

std::span<const SecretDecl> secret_registry()
{
    return k_secrets;
}

const SecretDecl* find_secret(std::string_view name)
{
    const auto* found = std::find_if(std::begin(k_secrets), std::end(k_secrets),
                                     [&](const SecretDecl& decl) { return decl.name == name; });
    return found == std::end(k_secrets) ? nullptr : found;
}

std::string_view kind_name(SecretKind kind)
{
    switch (kind) {
    case SecretKind::password:
        return "password";
    case SecretKind::hex_key:
        return "hex_key";
    case SecretKind::uuid:
        return "uuid";
    case SecretKind::ssh_ed25519:
        return "ssh_ed25519";
    case SecretKind::fernet_key:
        return "fernet_key";
    case SecretKind::ceph_key:
        return "ceph_key";
    }
    return "password";
}

} // namespace scsctl::secrets
