// The built-in layers' declarations (docs/layers.md lists the same data for operators).
// One constexpr table; no static self-registration. Depends on layer.hpp only.
#include "layers/registry.hpp"

namespace scsctl::layers {

namespace {

using namespace std::string_view_literals;

constexpr std::string_view k_playbooks[] = {"deploy.yml", "upgrade.yml", "destroy.yml"};
constexpr std::string_view k_no_names[] = {""};
constexpr std::span<const std::string_view> k_none{k_no_names, 0};

// baremetal: optional hosts (none means the hosts are already installed), and the
// region-wide variables every later layer reads.
constexpr std::string_view k_bmc_drivers[] = {"redfish", "ipmi", "libvirt"};
constexpr GroupDecl k_baremetal_groups[] = {
    {"baremetal", CountRule::any, "hosts to install through their BMC"},
};
constexpr VarDecl k_baremetal_vars[] = {
    {.name = "network_cidr", .type = VarType::cidr, .required = true, .description = "the region's host network"},
    {.name = "scs_release", .type = VarType::string, .required = true, .description = "the SCS release to deploy"},
    {.name = "apt_mirror", .fallback = "http://deb.debian.org/debian", .description = "Debian mirror URL"},
    {.name = "apt_proxy", .description = "HTTP proxy for apt (default: none)"},
    {.name = "bmc_address",
     .type = VarType::address,
     .scope = VarScope::host,
     .group = "baremetal",
     .required = true,
     .description = "the BMC: host or IP, optional https:// or ipmi:// and :port"},
    {.name = "bmc_driver",
     .type = VarType::enumeration,
     .scope = VarScope::host,
     .group = "baremetal",
     .fallback = "redfish",
     .choices = k_bmc_drivers,
     .description = "how to talk to the BMC"},
    {.name = "bmc_username",
     .scope = VarScope::host,
     .group = "baremetal",
     .fallback = "admin",
     .description = "BMC user"},
    {.name = "pxe_mac",
     .scope = VarScope::host,
     .group = "baremetal",
     .description = "MAC address to PXE boot from (default: the BMC's first NIC)"},
};
constexpr std::string_view k_baremetal_secrets[] = {"bmc_password"};

constexpr std::string_view k_on_baremetal[] = {"baremetal"};

constexpr GroupDecl k_kvm_groups[] = {
    {"kvm", CountRule::at_least_one, "hypervisor hosts"},
};

constexpr GroupDecl k_ceph_groups[] = {
    {"ceph_mon", CountRule::odd, "monitors (an odd number for quorum)"},
    {"ceph_mgr", CountRule::at_least_one, "managers"},
    {"ceph_osd", CountRule::at_least_one, "storage hosts"},
};
constexpr VarDecl k_ceph_vars[] = {
    {.name = "ceph_osd_devices",
     .type = VarType::string_list,
     .scope = VarScope::host,
     .group = "ceph_osd",
     .non_empty = true,
     .description = "one BlueStore OSD per entry: a block device under /dev used whole (refused when not empty), or a "
                    "file (default: one, /var/lib/ceph/osd-files/osd0.img)"},
    {.name = "ceph_osd_file_size",
     .scope = VarScope::host,
     .group = "ceph_osd",
     .fallback = "4G",
     .description = "size of each file-backed OSD's sparse file (as truncate -s reads it)"},
    {.name = "ceph_osd_wipe_devices",
     .type = VarType::boolean,
     .scope = VarScope::host,
     .group = "ceph_osd",
     .fallback = "false",
     .description = "erase block devices in ceph_osd_devices that carry a filesystem, partition table or old OSD "
                    "(destroys their data; off: such a device stops the deploy)"},
};
constexpr std::string_view k_ceph_secrets[] = {"ceph_cluster_fsid", "ceph_client_admin_key", "ceph_mon_key"};

constexpr GroupDecl k_ovn_groups[] = {
    {"ovn_central", CountRule::odd, "northbound/southbound databases and northd (several: a RAFT cluster, odd for a majority)"},
    {"ovn_controller", CountRule::at_least_one, "chassis running ovn-controller"},
};
constexpr std::string_view k_ovn_datapaths[] = {"auto", "system", "netdev"};
constexpr VarDecl k_ovn_vars[] = {
    {.name = "ovn_datapath_type",
     .type = VarType::enumeration,
     .scope = VarScope::host,
     .group = "ovn_controller",
     .fallback = "auto",
     .choices = k_ovn_datapaths,
     .description = "Open vSwitch datapath: system (kernel module), netdev (userspace), auto (system when the module is loaded)"},
};

constexpr std::string_view k_openstack_deps[] = {"kvm", "ceph", "ovn"};
constexpr GroupDecl k_openstack_groups[] = {
    {"openstack_control", CountRule::at_least_one, "API services, database, message queue"},
    {"openstack_compute", CountRule::at_least_one, "nova-compute hosts"},
};
constexpr VarDecl k_openstack_vars[] = {
    {.name = "openstack_region_name", .fallback = "RegionOne", .description = "Keystone region name"},
    {.name = "openstack_cloud",
     .description = "clouds.yaml cloud the openstack-api health check logs in with (unset: APIs not checked)"},
};
constexpr std::string_view k_openstack_secrets[] = {
    "database_password",  "rabbitmq_password", "keystone_admin_password", "keystone_credential_fernet_key",
    "horizon_secret_key", "nova_ssh_key",
};

constexpr std::string_view k_on_openstack[] = {"openstack"};
constexpr GroupDecl k_kubernetes_groups[] = {
    {"k8s_control_plane", CountRule::at_least_one, "control plane nodes"},
    {"k8s_worker", CountRule::at_least_one, "worker nodes"},
};
constexpr VarDecl k_kubernetes_vars[] = {
    {.name = "k8s_pod_cidr", .type = VarType::cidr, .fallback = "10.244.0.0/16", .description = "pod network"},
    {.name = "k8s_service_cidr", .type = VarType::cidr, .fallback = "10.96.0.0/12", .description = "service network"},
    {.name = "k8s_api_port",
     .type = VarType::integer,
     .fallback = "6443",
     .description = "the API servers' port on the control plane hosts (health: /readyz)"},
    {.name = "k8s_api_ca",
     .description = "CA bundle (PEM, on the controller) that signs the API servers' certificates (default: the "
                    "system's CAs)"},
    {.name = "k8s_api_token",
     .description = "bearer token allowed to list nodes (health: node readiness; keep it in a vault file)"},
};

constexpr std::string_view k_on_kubernetes[] = {"kubernetes"};
constexpr GroupDecl k_keycloak_groups[] = {
    {"keycloak", CountRule::at_least_one, "Keycloak hosts"},
};
constexpr VarDecl k_keycloak_vars[] = {
    {.name = "keycloak_realm", .fallback = "scs", .description = "the realm SCS users log in to"},
    {.name = "keycloak_url",
     .scope = VarScope::host,
     .group = "keycloak",
     .description = "Keycloak's public base URL, the issuer's prefix (default: https://ADDRESS:8443)"},
    {.name = "keycloak_ca",
     .description = "CA bundle (PEM, on the controller) that signs Keycloak's certificate (default: the system's CAs)"},
};
constexpr std::string_view k_keycloak_secrets[] = {"keycloak_admin_password"};

constexpr LayerDescriptor k_layers[] = {
    {"baremetal", "0.1.0", k_none, k_baremetal_groups, k_baremetal_vars, k_playbooks, k_none, k_baremetal_secrets,
     "installs hosts through their BMC (optional: no hosts means already installed)"},
    {"kvm", "0.1.0", k_on_baremetal, k_kvm_groups, {}, k_playbooks, k_none, k_none, "libvirt/KVM hypervisors"},
    {"ceph", "0.1.0", k_on_baremetal, k_ceph_groups, k_ceph_vars, k_playbooks, k_none, k_ceph_secrets,
     "Ceph storage cluster"},
    {"ovn", "0.1.0", k_on_baremetal, k_ovn_groups, k_ovn_vars, k_playbooks, k_none, k_none, "OVN networking"},
    {"openstack", "0.1.0", k_openstack_deps, k_openstack_groups, k_openstack_vars, k_playbooks, k_none,
     k_openstack_secrets, "OpenStack services"},
    {"kubernetes", "0.1.0", k_on_openstack, k_kubernetes_groups, k_kubernetes_vars, k_playbooks, k_none, k_none,
     "Kubernetes"},
    {"keycloak", "0.1.0", k_on_kubernetes, k_keycloak_groups, k_keycloak_vars, k_playbooks, k_none, k_keycloak_secrets,
     "Keycloak identity provider"},
};

} // namespace

std::span<const LayerDescriptor> builtin_layers()
{
    return k_layers;
}

const LayerDescriptor* find_builtin(std::string_view name)
{
    for (const auto& layer : k_layers) {
        if (layer.name == name) {
            return &layer;
        }
    }
    return nullptr;
}

std::string_view source_name(LayerSource source)
{
    return source == LayerSource::builtin ? "built-in" : "plugin";
}

std::string_view type_name(VarType type)
{
    switch (type) {
    case VarType::string:
        return "string";
    case VarType::integer:
        return "int";
    case VarType::boolean:
        return "bool";
    case VarType::string_list:
        return "list of strings";
    case VarType::cidr:
        return "cidr";
    case VarType::address:
        return "address";
    case VarType::enumeration:
        return "enum";
    }
    return "?";
}

} // namespace scsctl::layers
