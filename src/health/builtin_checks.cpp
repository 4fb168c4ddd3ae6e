// The built-in check table. A row is {layer, factory}; a factory reads what its check
// needs from the inventory (the OVN check: which chassis must be registered).
#include "health/builtin_checks.hpp"

#include "health/ceph_cluster_check.hpp"
#include "health/kvm_libvirt_check.hpp"
#include "health/openstack_api_check.hpp"
#include "inventory/host_vars.hpp"
#include "health/ovn_chassis_check.hpp"

namespace scsctl::health {

namespace {

std::vector<std::string> hosts_of_group(const model::Inventory& inventory, const std::string& group)
{
    std::vector<std::string> names;
    if (const auto id = inventory.find_group(group)) {
        for (const auto host : inventory.hosts_of(*id)) {
            names.push_back(inventory.host(host).name);
        }
    }
    return names;
}

std::unique_ptr<HealthCheck> make_kvm_libvirt(const model::Inventory&)
{
    return std::make_unique<KvmLibvirtCheck>();
}

std::unique_ptr<HealthCheck> make_ceph_cluster(const model::Inventory&)
{
    return std::make_unique<CephClusterCheck>();
}

std::unique_ptr<HealthCheck> make_ovn_chassis(const model::Inventory& inventory)
{
    return std::make_unique<OvnChassisCheck>(hosts_of_group(inventory, "ovn_controller"));
}

/// openstack-api when `openstack_cloud` names a clouds.yaml cloud (as the first
/// openstack_control host sees it); no check otherwise: the APIs are then not checked.
std::unique_ptr<HealthCheck> make_openstack_api(const model::Inventory& inventory)
{
    const auto group = inventory.find_group("openstack_control");
    if (!group || inventory.hosts_of(*group).empty()) {
        return nullptr;
    }
    const core::Value vars = inventory::effective_host_vars(inventory, inventory.hosts_of(*group).front());
    if (!vars.contains("openstack_cloud") || !vars["openstack_cloud"].is_string() ||
        vars["openstack_cloud"].get<std::string>().empty()) {
        return nullptr;
    }
    return std::make_unique<OpenStackApiCheck>(vars["openstack_cloud"].get<std::string>());
}

struct BuiltinCheckRow {
    std::string_view layer;
    std::unique_ptr<HealthCheck> (*make)(const model::Inventory&);
};

constexpr BuiltinCheckRow k_rows[] = {
    {"kvm", make_kvm_libvirt},
    {"ceph", make_ceph_cluster},
    {"ovn", make_ovn_chassis},
    {"openstack", make_openstack_api},
};

} // namespace

std::vector<std::unique_ptr<HealthCheck>> builtin_checks(std::string_view layer, const model::Inventory& inventory)
{
    std::vector<std::unique_ptr<HealthCheck>> checks;
    for (const auto& row : k_rows) {
        if (row.layer == layer) {
            if (auto check = row.make(inventory)) {
                checks.push_back(std::move(check));
            }
        }
    }
    return checks;
}

} // namespace scsctl::health
